package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hardened-tf/terraform-provider-hardened/internal/emulator"
)

const (
	flowLogsAddr = "hardened_flow_logs.this"
	// flowLogsGroup is the log group the resource named "main" creates.
	flowLogsGroup    = "/aws/vpc-flow-logs/main"
	flowLogsGroupARN = "arn:aws:logs:us-east-1:" + emulator.DefaultAccountID + ":log-group:" + flowLogsGroup
	flowLogsBucket   = "hardened-flow-logs-" + emulator.DefaultAccountID + "-main"
)

func flowLogsConfig(vpcs []string, args ...string) string {
	quoted := make([]string, len(vpcs))
	for i, v := range vpcs {
		quoted[i] = fmt.Sprintf("%q", v)
	}
	return fmt.Sprintf("resource \"hardened_flow_logs\" \"this\" {\n  name    = \"main\"\n  vpc_ids = [%s]\n  %s\n}\n",
		strings.Join(quoted, ", "), strings.Join(args, "\n  "))
}

// vpcFlowLogsIn reads a VPC's flow logs from the emulator.
func vpcFlowLogsIn(t *testing.T, vpc string) []ec2types.FlowLog {
	t.Helper()
	out, err := testAWSClient(t).EC2().DescribeFlowLogs(context.Background(), &ec2.DescribeFlowLogsInput{
		Filter: []ec2types.Filter{{Name: aws.String("resource-id"), Values: []string{vpc}}}})
	if err != nil {
		t.Fatalf("DescribeFlowLogs of %s: %v", vpc, err)
	}
	return out.FlowLogs
}

// expectFlowLogs checks through the API that each VPC has exactly one flow log,
// recording ALL, tagged as the resource's, into the log group (or bucket ARN).
func expectFlowLogs(t *testing.T, dest string, vpcs ...string) error {
	t.Helper()
	for _, vpc := range vpcs {
		fls := vpcFlowLogsIn(t, vpc)
		if len(fls) != 1 {
			return fmt.Errorf("VPC %s has %d flow logs, want 1: %+v", vpc, len(fls), fls)
		}
		fl := fls[0]
		got := aws.ToString(fl.LogGroupName)
		if fl.LogDestinationType == ec2types.LogDestinationTypeS3 {
			got = aws.ToString(fl.LogDestination)
		}
		switch {
		case fl.TrafficType != ec2types.TrafficTypeAll:
			return fmt.Errorf("the flow log of %s records %s, want ALL", vpc, fl.TrafficType)
		case got != dest:
			return fmt.Errorf("the flow log of %s delivers to %q, want %q", vpc, got, dest)
		case !hasTag(fl.Tags, managedByTag, "hardened_flow_logs/main"):
			return fmt.Errorf("the flow log of %s lacks the managed-by tag: %+v", vpc, fl.Tags)
		}
	}
	return nil
}

func expectNoFlowLogs(t *testing.T, vpcs ...string) error {
	t.Helper()
	for _, vpc := range vpcs {
		if fls := vpcFlowLogsIn(t, vpc); len(fls) != 0 {
			return fmt.Errorf("VPC %s still has %d flow logs", vpc, len(fls))
		}
	}
	return nil
}

func deleteFlowLogsOf(t *testing.T, vpc string) {
	t.Helper()
	var ids []string
	for _, fl := range vpcFlowLogsIn(t, vpc) {
		ids = append(ids, aws.ToString(fl.FlowLogId))
	}
	if _, err := testAWSClient(t).EC2().DeleteFlowLogs(context.Background(), &ec2.DeleteFlowLogsInput{FlowLogIds: ids}); err != nil {
		t.Fatal(err)
	}
}

// narrowFlowLog replaces the VPC's flow log by hand with one recording REJECT
// only, into the same log group through the same role.
func narrowFlowLog(t *testing.T, vpc string) {
	t.Helper()
	fl := vpcFlowLogsIn(t, vpc)[0]
	deleteFlowLogsOf(t, vpc)
	if _, err := testAWSClient(t).EC2().CreateFlowLogs(context.Background(), &ec2.CreateFlowLogsInput{
		ResourceIds: []string{vpc}, ResourceType: ec2types.FlowLogsResourceTypeVpc, TrafficType: ec2types.TrafficTypeReject,
		LogGroupName: fl.LogGroupName, DeliverLogsPermissionArn: fl.DeliverLogsPermissionArn}); err != nil {
		t.Fatal(err)
	}
}

// expectLogGroup checks the managed log group: encrypted with a key, kept days.
func expectLogGroup(t *testing.T, name string, days int32) error {
	t.Helper()
	g, err := describeLogGroup(context.Background(), testAWSClient(t).CloudWatchLogs(), name)
	switch {
	case err != nil:
		return err
	case g == nil:
		return fmt.Errorf("log group %s does not exist", name)
	case !regexp.MustCompile(`^arn:aws:kms:us-east-1:\d{12}:key/`).MatchString(aws.ToString(g.KmsKeyId)):
		return fmt.Errorf("log group %s is encrypted with %q, not a KMS key", name, aws.ToString(g.KmsKeyId))
	case aws.ToInt32(g.RetentionInDays) != days:
		return fmt.Errorf("log group %s keeps events %d days, want %d", name, aws.ToInt32(g.RetentionInDays), days)
	}
	return nil
}

func vpcStatus(vpc, attr string) tfjsonpath.Path {
	return tfjsonpath.New("vpc_status").AtMapKey(vpc).AtMapKey(attr)
}

// The default destination: a managed, KMS-encrypted log group kept 365 days,
// written through a role scoped to it. A flow log deleted by hand, then one
// narrowed to REJECT by hand, show in vpc_status and are repaired; a second VPC
// is added and the first removed in place; import by name; destroy deletes the
// flow logs and the role and keeps the log group and its key.
func TestAccFlowLogs_cloudWatchLogs(t *testing.T) {
	vpc := testAccVPC(t)
	second := createVPC(t, testAWSClient(t), "10.1.0.0/16")
	config := flowLogsConfig([]string{vpc})
	both := flowLogsConfig([]string{vpc, second})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if err := expectNoFlowLogs(t, vpc, second); err != nil {
				return err
			}
			if _, err := testAWSClient(t).IAM().GetRole(context.Background(), &iam.GetRoleInput{
				RoleName: aws.String("hardened-flow-logs-main")}); err == nil {
				return fmt.Errorf("the delivery role was not deleted")
			}
			return expectLogGroup(t, flowLogsGroup, 365) // the logs are kept
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("id"), knownvalue.StringExact("main")),
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("destination"), knownvalue.StringExact("cloud-watch-logs")),
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("cloud_watch_logs_group_arn"), knownvalue.StringExact(flowLogsGroupARN)),
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("destination_managed"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("log_group_encrypted"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("delivery_role_compliant"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("s3_bucket_name"), knownvalue.Null()),
					statecheck.ExpectKnownValue(flowLogsAddr, vpcStatus(vpc, "traffic_type"), knownvalue.StringExact("ALL")),
					statecheck.ExpectKnownValue(flowLogsAddr, vpcStatus(vpc, "log_destination"), knownvalue.StringExact(flowLogsGroupARN)),
					statecheck.ExpectKnownValue(flowLogsAddr, vpcStatus(vpc, "flow_log_id"), knownvalue.StringRegexp(regexp.MustCompile(`^fl-`))),
				},
				Check: func(s *terraform.State) error {
					if err := expectFlowLogs(t, flowLogsGroup, vpc); err != nil {
						return err
					}
					if err := expectLogGroup(t, flowLogsGroup, 365); err != nil {
						return err
					}
					return expectFlowLogsKeyRotates(t, s.RootModule().Resources[flowLogsAddr].Primary.Attributes["kms_key_arn"])
				},
			},
			{
				PreConfig: func() { deleteFlowLogsOf(t, vpc) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(flowLogsAddr, plancheck.ResourceActionUpdate),
					expectPriorValue(flowLogsAddr, vpcStatus(vpc, "traffic_type"), knownvalue.StringExact("")),
					expectPriorValue(flowLogsAddr, vpcStatus(vpc, "flow_log_id"), knownvalue.StringExact("")),
				}},
				Check: func(*terraform.State) error { return expectFlowLogs(t, flowLogsGroup, vpc) },
			},
			{
				PreConfig: func() { narrowFlowLog(t, vpc) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(flowLogsAddr, plancheck.ResourceActionUpdate),
					expectPriorValue(flowLogsAddr, vpcStatus(vpc, "traffic_type"), knownvalue.StringExact("REJECT")),
				}},
				Check: func(*terraform.State) error { return expectFlowLogs(t, flowLogsGroup, vpc) },
			},
			{
				Config: both,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(flowLogsAddr, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error { return expectFlowLogs(t, flowLogsGroup, vpc, second) },
			},
			{ResourceName: flowLogsAddr, ImportState: true, ImportStateId: "main", ImportStateVerify: true},
			{
				Config: flowLogsConfig([]string{second}),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(flowLogsAddr, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					if err := expectNoFlowLogs(t, vpc); err != nil {
						return err
					}
					return expectFlowLogs(t, flowLogsGroup, second)
				},
			},
			{
				Config:           flowLogsConfig([]string{second}),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

func expectFlowLogsKeyRotates(t *testing.T, keyARN string) error {
	t.Helper()
	rot, err := testAWSClient(t).KMS().GetKeyRotationStatus(context.Background(), &kms.GetKeyRotationStatusInput{KeyId: aws.String(keyARN)})
	if err != nil {
		return fmt.Errorf("key %s: %w", keyARN, err)
	}
	if !rot.KeyRotationEnabled {
		return fmt.Errorf("key %s does not rotate", keyARN)
	}
	return nil
}

// createLogGroupByHand makes a log group outside Terraform (keyARN "" for none, days 0 for none).
func createLogGroupByHand(t *testing.T, name, keyARN string, days int32) string {
	t.Helper()
	l := testAWSClient(t).CloudWatchLogs()
	in := &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(name)}
	if keyARN != "" {
		in.KmsKeyId = aws.String(keyARN)
	}
	if _, err := l.CreateLogGroup(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	if days > 0 {
		if _, err := l.PutRetentionPolicy(context.Background(), &cloudwatchlogs.PutRetentionPolicyInput{
			LogGroupName: aws.String(name), RetentionInDays: aws.Int32(days)}); err != nil {
			t.Fatal(err)
		}
	}
	return "arn:aws:logs:us-east-1:" + emulator.DefaultAccountID + ":log-group:" + name
}

func createKeyByHand(t *testing.T) string {
	t.Helper()
	out, err := testAWSClient(t).KMS().CreateKey(context.Background(), &kms.CreateKeyInput{})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.KeyMetadata.Arn)
}

// destination = "s3": a managed bucket hardened like the trail's, whose policy
// lets log delivery write for this account only; a bucket weakened by hand shows
// as bucket_hardened = false and is repaired; force_destroy_logs deletes it.
func TestAccFlowLogs_s3(t *testing.T) {
	vpc := testAccVPC(t)
	config := flowLogsConfig([]string{vpc}, `destination = "s3"`, "force_destroy_logs = true")
	dest := "arn:aws:s3:::" + flowLogsBucket
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if err := expectNoFlowLogs(t, vpc); err != nil {
				return err
			}
			b, _, err := readBucketSettings(context.Background(), testAWSClient(t).S3(), flowLogsBucket)
			if err != nil || b.Exists {
				return fmt.Errorf("the managed bucket was not deleted with force_destroy_logs (%v)", err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("s3_bucket_name"), knownvalue.StringExact(flowLogsBucket)),
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("destination_managed"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("bucket_hardened"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("cloud_watch_logs_group_arn"), knownvalue.Null()),
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("delivery_role_arn"), knownvalue.Null()),
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("log_group_encrypted"), knownvalue.Null()),
					statecheck.ExpectKnownValue(flowLogsAddr, vpcStatus(vpc, "log_destination"), knownvalue.StringExact(dest)),
				},
				Check: func(*terraform.State) error {
					if err := expectFlowLogs(t, dest, vpc); err != nil {
						return err
					}
					return expectFlowLogsBucket(t)
				},
			},
			{
				PreConfig: func() {
					if _, err := testAWSClient(t).S3().DeleteBucketPolicy(context.Background(), &s3.DeleteBucketPolicyInput{
						Bucket: aws.String(flowLogsBucket)}); err != nil {
						t.Fatal(err)
					}
					deleteFlowLogsOf(t, vpc)
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(flowLogsAddr, plancheck.ResourceActionUpdate),
					expectPriorValue(flowLogsAddr, tfjsonpath.New("bucket_hardened"), knownvalue.Bool(false)),
					expectPriorValue(flowLogsAddr, vpcStatus(vpc, "traffic_type"), knownvalue.StringExact("")),
				}},
				Check: func(*terraform.State) error {
					if err := expectFlowLogs(t, dest, vpc); err != nil {
						return err
					}
					return expectFlowLogsBucket(t)
				},
			},
			{ResourceName: flowLogsAddr, ImportState: true, ImportStateId: "main", ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"force_destroy_logs"}},
		},
	})
}

// expectFlowLogsBucket checks the managed bucket through the API: hardened, and
// exactly the policy for log delivery.
func expectFlowLogsBucket(t *testing.T) error {
	t.Helper()
	b, action, err := readBucketSettings(context.Background(), testAWSClient(t).S3(), flowLogsBucket)
	if err != nil {
		return fmt.Errorf("%s: %w", action, err)
	}
	n := newFlowLogsNames("main", emulator.DefaultAccountID, "us-east-1", "aws")
	if !b.deliveryBucketCompliant("aws", flowLogsBucket, flowLogsBucketPolicy(n, flowLogsBucket)) {
		return fmt.Errorf("bucket %s is not hardened: %+v", flowLogsBucket, b)
	}
	return nil
}

// A log group and a key the user gives: the managed group encrypted with the
// user's key; a referenced group used as it is (never deleted), the role scoped to it.
func TestAccFlowLogs_userGroupAndKey(t *testing.T) {
	vpc := testAccVPC(t)
	key := createKeyByHand(t)
	group := createLogGroupByHand(t, "/my/flow-logs", key, 400)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if err := expectNoFlowLogs(t, vpc); err != nil {
				return err
			}
			if err := expectLogGroup(t, "/my/flow-logs", 400); err != nil {
				return fmt.Errorf("the referenced log group was changed or deleted: %w", err)
			}
			_, err := testAWSClient(t).KMS().DescribeKey(context.Background(), &kms.DescribeKeyInput{KeyId: aws.String(key)})
			return err
		},
		Steps: []resource.TestStep{
			{
				Config: flowLogsConfig([]string{vpc}, fmt.Sprintf("kms_key_arn = %q", key), "cloud_watch_logs_retention_days = 90",
					"force_destroy_logs = true"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("kms_key_arn"), knownvalue.StringExact(key)),
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("destination_managed"), knownvalue.Bool(true)),
				},
				Check: func(*terraform.State) error {
					if err := expectFlowLogs(t, flowLogsGroup, vpc); err != nil {
						return err
					}
					g, err := describeLogGroup(context.Background(), testAWSClient(t).CloudWatchLogs(), flowLogsGroup)
					if err != nil || g == nil || aws.ToString(g.KmsKeyId) != key || aws.ToInt32(g.RetentionInDays) != 90 {
						return fmt.Errorf("the managed group is not encrypted with the user's key for 90 days: %+v %v", g, err)
					}
					return nil
				},
			},
			{
				Config: flowLogsConfig([]string{vpc}, fmt.Sprintf("cloud_watch_logs_group_arn = %q", group)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(flowLogsAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("destination_managed"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("log_group_encrypted"), knownvalue.Null()),
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("kms_key_arn"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					if err := expectFlowLogs(t, "/my/flow-logs", vpc); err != nil {
						return err
					}
					pol, err := testAWSClient(t).IAM().GetRolePolicy(context.Background(), &iam.GetRolePolicyInput{
						RoleName: aws.String("hardened-flow-logs-main"), PolicyName: aws.String(flowLogsRolePolicyName)})
					if err != nil || !policiesEquivalent(iamDocument(pol.PolicyDocument), flowLogsRolePolicy(group)) {
						return fmt.Errorf("the delivery role is not scoped to %s: %v", group, err)
					}
					return nil
				},
			},
			{ResourceName: flowLogsAddr, ImportState: true, ImportStateId: "main", ImportStateVerify: true},
		},
	})
}

// IDs known at plan: a VPC that does not exist fails at plan, naming it. IDs not
// known until apply (here through terraform_data) plan as unknown, and a missing
// one fails at apply, naming it.
func TestAccFlowLogs_unknownVPC(t *testing.T) {
	vpc := testAccVPC(t)
	const ghost = "vpc-0123456789abcdef0"
	later := func(id string) string {
		return fmt.Sprintf(`resource "terraform_data" "vpc" {
  input = %q
}
resource "hardened_flow_logs" "this" {
  name    = "main"
  vpc_ids = [terraform_data.vpc.output]
}
`, id)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: flowLogsConfig([]string{vpc, ghost}), PlanOnly: true,
				ExpectError: fragments([]string{"VPC not found", "VPC " + ghost + " does not exist", "[HRD-VPC-001]"})},
			{Config: later(ghost), ExpectError: fragments([]string{"VPC not found", "VPC " + ghost + " does not exist"})},
		},
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: later(vpc),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(flowLogsAddr, plancheck.ResourceActionCreate),
				plancheck.ExpectUnknownValue(flowLogsAddr, tfjsonpath.New("vpc_status")),
			}},
			Check: func(*terraform.State) error { return expectFlowLogs(t, flowLogsGroup, vpc) },
		}, {
			Config:           later(vpc),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

// Arguments refused at plan, each with what to do.
func TestAccFlowLogs_validation(t *testing.T) {
	vpc := testAccVPC(t)
	weak := createLogGroupByHand(t, "/weak/plain", "", 365)
	forever := createLogGroupByHand(t, "/weak/forever", createKeyByHand(t), 0)
	short := createLogGroupByHand(t, "/weak/short", createKeyByHand(t), 30)
	elsewhere := "arn:aws:logs:eu-west-1:" + emulator.DefaultAccountID + ":log-group:/other/region"
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{`traffic_type = "REJECT"`}, []string{"Insecure traffic_type", `must be "ALL"`, "[HRD-VPC-002]"}},
		{[]string{"cloud_watch_logs_retention_days = 30"}, []string{"Insecure cloud_watch_logs_retention_days", "at least 90", "[HRD-VPC-003]"}},
		{[]string{"cloud_watch_logs_retention_days = 100"}, []string{"value must be one of"}},
		{[]string{`destination = "kinesis"`}, []string{"destination", "value must be one of"}},
		{[]string{`destination = "s3"`, `kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/k"`}, []string{"kms_key_arn encrypts the managed log group"}},
		{[]string{`s3_bucket_name = "my-bucket"`}, []string{`s3_bucket_name is for destination = "s3"`}},
		{[]string{`cloud_watch_logs_group_arn = "` + weak + `"`, `kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/k"`}, []string{"Remove kms_key_arn"}},
		{[]string{`cloud_watch_logs_group_arn = "` + weak + `"`}, []string{"Insecure log group", "/weak/plain is not encrypted with a KMS key", "[HRD-LOG-002]"}},
		{[]string{`cloud_watch_logs_group_arn = "` + forever + `"`}, []string{"Insecure log group", "has no retention period", "[HRD-LOG-001]"}},
		{[]string{`cloud_watch_logs_group_arn = "` + short + `"`}, []string{"Insecure log group", "keeps events 30 days", "at least 90", "[HRD-VPC-003]"}},
		{[]string{`cloud_watch_logs_group_arn = "` + elsewhere + `"`}, []string{"Log group in another region or account"}},
		{[]string{`cloud_watch_logs_group_arn = "/my/group"`}, []string{"must be a log group ARN"}},
	}
	steps := []resource.TestStep{{Config: `resource "hardened_flow_logs" "this" {
  name    = "Main_Logs"
  vpc_ids = ["vpc-nothex"]
}`, PlanOnly: true, ExpectError: fragments([]string{"must be 1-31 lowercase letters"})}}
	for _, c := range cases {
		steps = append(steps, resource.TestStep{Config: flowLogsConfig([]string{vpc}, c.args...), PlanOnly: true, ExpectError: fragments(c.want)})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
}

// An import block adopts flow logs the configuration forgot (a removed block
// keeps them): the plan imports without a change, and the next plan is empty.
func TestAccFlowLogs_importBlock(t *testing.T) {
	vpc := testAccVPC(t)
	config := flowLogsConfig([]string{vpc})
	importing := "import {\n  to = hardened_flow_logs.this\n  id = \"main\"\n}\n" + config
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{Config: "removed {\n  from = hardened_flow_logs.this\n  lifecycle {\n    destroy = false\n  }\n}\n",
				Check: func(*terraform.State) error { return expectFlowLogs(t, flowLogsGroup, vpc) }},
			{
				Config: importing,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(flowLogsAddr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("destination_managed"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(flowLogsAddr, vpcStatus(vpc, "traffic_type"), knownvalue.StringExact("ALL")),
				},
			},
			{
				Config:           importing,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: importing[:len(importing)-2] + "  tags = { team = \"net\" }\n}\n",
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(flowLogsAddr, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					if fl := vpcFlowLogsIn(t, vpc); len(fl) != 1 || !hasTag(fl[0].Tags, "team", "net") ||
						!hasTag(fl[0].Tags, managedByTag, "hardened_flow_logs/main") {
						return fmt.Errorf("the flow log was not tagged team = net: %+v", fl)
					}
					return nil
				},
			},
			{ResourceName: flowLogsAddr, ImportState: true, ImportStateId: "nothing-here",
				ExpectError: fragments([]string{"Nothing to import", "hardened_flow_logs/nothing-here"})},
		},
	})
}

// A bucket the user names is only referenced: delivered to, never hardened or
// reported hardened, and kept on destroy even with force_destroy_logs.
func TestAccFlowLogs_s3ReferencedBucket(t *testing.T) {
	vpc := testAccVPC(t)
	const bucket = "my-flow-logs"
	if _, err := testAWSClient(t).S3().CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if err := expectNoFlowLogs(t, vpc); err != nil {
				return err
			}
			b, _, err := readBucketSettings(context.Background(), testAWSClient(t).S3(), bucket)
			switch {
			case err != nil:
				return err
			case !b.Exists:
				return fmt.Errorf("the referenced bucket was deleted")
			case b.Policy != "" || b.Versioning:
				return fmt.Errorf("the referenced bucket was changed: %+v", b)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: flowLogsConfig([]string{vpc}, `destination = "s3"`, fmt.Sprintf("s3_bucket_name = %q", bucket),
				"force_destroy_logs = true"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("destination_managed"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(flowLogsAddr, tfjsonpath.New("bucket_hardened"), knownvalue.Null()),
			},
			Check: func(*terraform.State) error { return expectFlowLogs(t, "arn:aws:s3:::"+bucket, vpc) },
		}},
	})
}
