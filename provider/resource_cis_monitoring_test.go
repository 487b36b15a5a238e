package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

const (
	cisAddr      = "hardened_cis_monitoring.m"
	cisLogGroup  = "trail-logs"
	cisGroupARN  = "arn:aws:logs:us-east-1:123456789012:log-group:trail-logs:*"
	cisTopicName = "hardened-cis-monitoring-trail-logs"
)

var cisConfig = fmt.Sprintf(`resource "hardened_cis_monitoring" "m" {
  log_group_arn = %q
}`, cisGroupARN)

// cisPreCheck gives the test an empty emulator holding the trail's log group.
func cisPreCheck(t *testing.T) {
	testAccPreCheck(t)
	if _, err := testAWSClient(t).CloudWatchLogs().CreateLogGroup(context.Background(),
		&cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(cisLogGroup)}); err != nil {
		t.Fatal(err)
	}
}

// cisFilters returns the log group's metric filters: name -> pattern.
func cisFilters(t *testing.T) map[string]string {
	out, err := testAWSClient(t).CloudWatchLogs().DescribeMetricFilters(context.Background(),
		&cloudwatchlogs.DescribeMetricFiltersInput{LogGroupName: aws.String(cisLogGroup)})
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, f := range out.MetricFilters {
		m[aws.ToString(f.FilterName)] = aws.ToString(f.FilterPattern)
	}
	return m
}

func cisAlarmCount(t *testing.T) int {
	out, err := testAWSClient(t).CloudWatch().DescribeAlarms(context.Background(), &cloudwatch.DescribeAlarmsInput{})
	if err != nil {
		t.Fatal(err)
	}
	return len(out.MetricAlarms)
}

// expectCISFilters checks one filter per item with the catalog's exact pattern,
// named prefix+metric, and one alarm each notifying topic.
func expectCISFilters(t *testing.T, prefix string, skip map[string]bool, topic string) error {
	got := cisFilters(t)
	want := 0
	for _, it := range controls.MonitoringItems {
		if skip[it.Key] {
			continue
		}
		want++
		if p, ok := got[prefix+it.MetricName]; !ok || p != it.Pattern {
			return fmt.Errorf("filter %s%s: got pattern %q (present %v), want the CIS text %q", prefix, it.MetricName, p, ok, it.Pattern)
		}
	}
	if len(got) != want {
		return fmt.Errorf("%d filters on the log group, want %d (no duplicates): %v", len(got), want, got)
	}
	out, err := testAWSClient(t).CloudWatch().DescribeAlarms(context.Background(), &cloudwatch.DescribeAlarmsInput{})
	if err != nil {
		return err
	}
	if len(out.MetricAlarms) != want {
		return fmt.Errorf("%d alarms, want %d", len(out.MetricAlarms), want)
	}
	for _, a := range out.MetricAlarms {
		if len(a.AlarmActions) != 1 || a.AlarmActions[0] != topic || aws.ToFloat64(a.Threshold) != 1 {
			return fmt.Errorf("alarm %s: actions %v threshold %v, want [%s] and 1", aws.ToString(a.AlarmName),
				a.AlarmActions, aws.ToFloat64(a.Threshold), topic)
		}
	}
	return nil
}

func cisRootPattern() string {
	it, _ := controls.MonitoringItemByKey("root_usage")
	return it.Pattern
}

func cisTopicARN() string { return "arn:aws:sns:us-east-1:123456789012:" + cisTopicName }

func TestAccCISMonitoring_basic(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { cisPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cisConfig,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(cisAddr, tfjsonpath.New("id"), knownvalue.StringExact(cisLogGroup)),
					statecheck.ExpectKnownValue(cisAddr, tfjsonpath.New("sns_topic_arn"), knownvalue.StringExact(cisTopicARN())),
					statecheck.ExpectKnownValue(cisAddr, tfjsonpath.New("topic_hardened"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(cisAddr, tfjsonpath.New("filter_patterns").AtMapKey("root_usage"),
						knownvalue.StringExact(cisRootPattern())),
					statecheck.ExpectKnownValue(cisAddr, tfjsonpath.New("alarm_names").AtMapKey("root_usage"),
						knownvalue.StringExact("CIS-RootAccountUsage")),
				},
				Check: func(s *terraform.State) error {
					if err := expectCISFilters(t, "CIS-", nil, cisTopicARN()); err != nil {
						return err
					}
					attrs, err := testAWSClient(t).SNS().GetTopicAttributes(context.Background(),
						&sns.GetTopicAttributesInput{TopicArn: aws.String(cisTopicARN())})
					if err != nil {
						return err
					}
					key := s.RootModule().Resources[cisAddr].Primary.Attributes["topic_kms_key_arn"]
					if key == "" || attrs.Attributes["KmsMasterKeyId"] != key {
						return fmt.Errorf("topic key %q, want the created key %q", attrs.Attributes["KmsMasterKeyId"], key)
					}
					return nil
				},
			},
			// Applying again changes nothing and duplicates nothing.
			{
				Config:           cisConfig,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            func(*terraform.State) error { return expectCISFilters(t, "CIS-", nil, cisTopicARN()) },
			},
			{
				ResourceName:                         cisAddr,
				ImportState:                          true,
				ImportStateId:                        cisGroupARN,
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "log_group_arn",
			},
			// The topic's encryption removed by hand is drift, repaired.
			{
				PreConfig: func() {
					if _, err := testAWSClient(t).SNS().SetTopicAttributes(context.Background(), &sns.SetTopicAttributesInput{
						TopicArn: aws.String(cisTopicARN()), AttributeName: aws.String("KmsMasterKeyId"), AttributeValue: aws.String("")}); err != nil {
						t.Fatal(err)
					}
				},
				Config: cisConfig,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(cisAddr, plancheck.ResourceActionUpdate)}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(cisAddr, tfjsonpath.New("topic_hardened"), knownvalue.Bool(true)),
				},
			},
			// A hand-edited pattern is drift, repaired in place.
			{
				PreConfig: func() {
					_, err := testAWSClient(t).CloudWatchLogs().PutMetricFilter(context.Background(), &cloudwatchlogs.PutMetricFilterInput{
						LogGroupName: aws.String(cisLogGroup), FilterName: aws.String("CIS-RootAccountUsage"),
						FilterPattern: aws.String(`{ $.userIdentity.type = "Root" }`),
						MetricTransformations: []logsMetricTransformation{{
							MetricName: aws.String("RootAccountUsage"), MetricNamespace: aws.String("CISBenchmark"), MetricValue: aws.String("1")}},
					})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: cisConfig,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(cisAddr, plancheck.ResourceActionUpdate)}},
				Check: func(*terraform.State) error { return expectCISFilters(t, "CIS-", nil, cisTopicARN()) },
			},
			// Dropping an item with a reason and renaming: old names are removed, nothing is left twice.
			{
				Config: fmt.Sprintf(`resource "hardened_cis_monitoring" "m" {
  log_group_arn     = %q
  alarm_name_prefix = "sec-"
  metric_namespace  = "Security"
  disabled_items    = { organizations_changes = "standalone account, not in AWS Organizations" }
  retain_on_destroy = false
}`, cisGroupARN),
				Check: func(*terraform.State) error {
					return expectCISFilters(t, "sec-", map[string]bool{"organizations_changes": true}, cisTopicARN())
				},
			},
		},
		// retain_on_destroy = false: filters, alarms and the topic are gone.
		CheckDestroy: func(*terraform.State) error {
			if n := len(cisFilters(t)); n != 0 {
				return fmt.Errorf("%d filters left after destroy", n)
			}
			if n := cisAlarmCount(t); n != 0 {
				return fmt.Errorf("%d alarms left after destroy", n)
			}
			_, err := testAWSClient(t).SNS().GetTopicAttributes(context.Background(), &sns.GetTopicAttributesInput{TopicArn: aws.String(cisTopicARN())})
			if err == nil {
				return fmt.Errorf("topic %s left after destroy", cisTopicARN())
			}
			return nil
		},
	})
}

// A topic the user gives is notified and never changed; the default destroy keeps everything.
func TestAccCISMonitoring_userTopicRetained(t *testing.T) {
	var topic string
	resource.Test(t, resource.TestCase{
		PreCheck: func() {
			cisPreCheck(t)
			out, err := testAWSClient(t).SNS().CreateTopic(context.Background(), &sns.CreateTopicInput{Name: aws.String("mine")})
			if err != nil {
				t.Fatal(err)
			}
			topic = aws.ToString(out.TopicArn)
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`resource "hardened_cis_monitoring" "m" {
  log_group_arn   = %q
  alarm_topic_arn = "arn:aws:sns:us-east-1:123456789012:mine"
}`, cisGroupARN),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(cisAddr, tfjsonpath.New("topic_hardened"), knownvalue.Null()),
				statecheck.ExpectKnownValue(cisAddr, tfjsonpath.New("topic_kms_key_arn"), knownvalue.Null()),
			},
			Check: func(*terraform.State) error { return expectCISFilters(t, "CIS-", nil, topic) },
		}},
		CheckDestroy: func(*terraform.State) error { return expectCISFilters(t, "CIS-", nil, topic) },
	})
}

// Bad arguments fail at plan, naming what is wrong and how to fix it.
func TestAccCISMonitoring_planErrors(t *testing.T) {
	plan := func(body string) string {
		return "resource \"hardened_cis_monitoring\" \"m\" {\n" + body + "\n}"
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: plan(`log_group_arn = "trail-logs"`), PlanOnly: true,
				ExpectError: fragments([]string{"Invalid log group ARN", "cloud_watch_logs_group_arn"})},
			{Config: plan(fmt.Sprintf("log_group_arn = %q\ndisabled_items = { root = \"x\" }", cisGroupARN)), PlanOnly: true,
				ExpectError: fragments([]string{"Unknown CIS monitoring item", "root_usage"})},
			{Config: plan(`log_group_arn = "arn:aws:logs:eu-west-1:123456789012:log-group:trail-logs"`), PlanOnly: true,
				ExpectError: fragments([]string{"Log group in another region", "eu-west-1", "us-east-1"})},
		},
	})
}

// On AWS, PutMetricFilter replaces the filter of that name; moto 5.2 appends a
// second one. Converging writes only what differs and deletes before rewriting,
// so neither leaves a duplicate.
func TestCISFilterAction(t *testing.T) {
	it, _ := controls.MonitoringItemByKey("root_usage")
	good := logstypes.MetricFilter{FilterName: aws.String("CIS-RootAccountUsage"), FilterPattern: aws.String(it.Pattern),
		MetricTransformations: []logstypes.MetricTransformation{{MetricName: aws.String(it.MetricName),
			MetricNamespace: aws.String("CISBenchmark"), MetricValue: aws.String("1")}}}
	edited := good
	edited.FilterPattern = aws.String(`{$.userIdentity.type="Root"}`)
	otherNS := good
	otherNS.MetricTransformations = []logstypes.MetricTransformation{{MetricName: aws.String(it.MetricName),
		MetricNamespace: aws.String("Other"), MetricValue: aws.String("1")}}
	for _, c := range []struct {
		name  string
		found []logstypes.MetricFilter
		want  filterWrite
	}{
		{"missing", nil, filterPut},
		{"as published", []logstypes.MetricFilter{good}, filterKeep},
		{"pattern edited", []logstypes.MetricFilter{edited}, filterReplace},
		{"another namespace", []logstypes.MetricFilter{otherNS}, filterReplace},
		{"emulator duplicate", []logstypes.MetricFilter{edited, good}, filterReplace},
	} {
		if got := filterAction(c.found, it, "CISBenchmark"); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

// A log group that does not exist fails the apply naming it, before anything is
// created (AWS refuses the filters; moto 5.2 accepted them, and the next refresh
// then dropped the resource from state, planning it again at every plan). The
// apply ends in the error: nothing is in state to destroy.
func TestAccCISMonitoring_logGroupMissing(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { cisPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `resource "hardened_cis_monitoring" "m" {
  log_group_arn   = "arn:aws:logs:us-east-1:123456789012:log-group:no-such-group"
  alarm_topic_arn = "arn:aws:sns:us-east-1:123456789012:security-alerts"
}`,
			ExpectError: fragments([]string{"CIS monitoring log group not found", "no-such-group", "cloud_watch_logs_group_arn"}),
		}},
	})
}

// Two hardened_cis_monitoring resources on one log group would share its topic
// and key (named after the group) and rewrite each other's filters: refused at
// plan, whatever the prefixes.
func TestAccCISMonitoring_twoResourcesOneLogGroup(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { cisPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cisConfig + fmt.Sprintf(`
resource "hardened_cis_monitoring" "other" {
  log_group_arn     = %q
  alarm_name_prefix = "sec-"
  metric_namespace  = "Security"
}`, cisGroupARN),
			PlanOnly:    true,
			ExpectError: fragments([]string{"Log group monitored by two hardened_cis_monitoring resources", cisLogGroup}),
		}},
	})
}
