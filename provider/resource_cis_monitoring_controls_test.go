package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

type logsMetricTransformation = logstypes.MetricTransformation

// TestAccCISMonitoring_controlsEnforced walks every control the docs list: each
// item dropped without a reason fails at plan citing it; a pattern edited, a filter
// deleted and an alarm deleted or silenced out of band are planned as an update
// and repaired.
func TestAccCISMonitoring_controlsEnforced(t *testing.T) {
	ctx := context.Background()
	how := map[string]enforcement{}
	for _, it := range controls.MonitoringItems {
		how[it.Control.ID] = enforcement{Rejected: []rejection{{
			config: fmt.Sprintf(`resource "hardened_cis_monitoring" "m" {
  log_group_arn  = %q
  disabled_items = { %s = " " }
}`, cisGroupARN, it.Key),
			want: []string{"dropped without a reason", it.Control.Cite(), "[" + it.Control.ID + "]"},
		}}}
	}
	filterRepaired := func(it controls.MonitoringItem) func(*terraform.State) error {
		return func(*terraform.State) error {
			if got := cisFilters(t)["CIS-"+it.MetricName]; got != it.Pattern {
				return fmt.Errorf("filter pattern %q, want %q", got, it.Pattern)
			}
			return nil
		}
	}
	root, _ := controls.MonitoringItemByKey("root_usage")
	e := how[root.Control.ID]
	e.Weaken = func(t *testing.T, _ *terraform.State) {
		if _, err := testAWSClient(t).CloudWatchLogs().PutMetricFilter(ctx, &cloudwatchlogs.PutMetricFilterInput{
			LogGroupName: aws.String(cisLogGroup), FilterName: aws.String("CIS-RootAccountUsage"),
			FilterPattern: aws.String(`{$.userIdentity.type="Root"}`),
			MetricTransformations: []logsMetricTransformation{{MetricName: aws.String("RootAccountUsage"),
				MetricNamespace: aws.String("CISBenchmark"), MetricValue: aws.String("1")}},
		}); err != nil {
			t.Fatal(err)
		}
	}
	e.Action, e.Repaired = plancheck.ResourceActionUpdate, filterRepaired(root)
	how[root.Control.ID] = e

	trail, _ := controls.MonitoringItemByKey("cloudtrail_changes")
	e = how[trail.Control.ID]
	e.Weaken = func(t *testing.T, _ *terraform.State) {
		if _, err := testAWSClient(t).CloudWatchLogs().DeleteMetricFilter(ctx, &cloudwatchlogs.DeleteMetricFilterInput{
			LogGroupName: aws.String(cisLogGroup), FilterName: aws.String("CIS-CloudTrailChanges")}); err != nil {
			t.Fatal(err)
		}
	}
	e.Action, e.Repaired = plancheck.ResourceActionUpdate, filterRepaired(trail)
	how[trail.Control.ID] = e

	kmsItem, _ := controls.MonitoringItemByKey("kms_key_disable_or_deletion")
	e = how[kmsItem.Control.ID]
	e.Weaken = func(t *testing.T, _ *terraform.State) {
		if _, err := testAWSClient(t).CloudWatch().DeleteAlarms(ctx, &cloudwatch.DeleteAlarmsInput{
			AlarmNames: []string{"CIS-DisableOrDeleteCMK"}}); err != nil {
			t.Fatal(err)
		}
	}
	e.Action = plancheck.ResourceActionUpdate
	e.Repaired = func(*terraform.State) error {
		out, err := testAWSClient(t).CloudWatch().DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{
			AlarmNames: []string{"CIS-DisableOrDeleteCMK"}})
		if err != nil {
			return err
		}
		if len(out.MetricAlarms) != 1 || len(out.MetricAlarms[0].AlarmActions) != 1 {
			return fmt.Errorf("alarm CIS-DisableOrDeleteCMK not restored with its action: %+v", out.MetricAlarms)
		}
		return nil
	}
	how[kmsItem.Control.ID] = e

	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { cisPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    documentedControlSteps(t, cisMonitoringControls(), how, cisAddr, cisConfig),
	})
}
