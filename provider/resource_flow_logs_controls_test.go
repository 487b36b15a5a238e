package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// TestAccFlowLogs_controlsEnforced walks every control the docs table lists
// (flowLogsEnforcement): each configuration that breaks it fails at plan citing
// it, each weakening by hand is planned as an update and repaired through the
// API; then the delivery role's policy widened and removed by hand, likewise.
func TestAccFlowLogs_controlsEnforced(t *testing.T) {
	ctx := context.Background()
	vpc := testAccVPC(t)
	config := flowLogsConfig([]string{vpc})
	logs := func() *cloudwatchlogs.Client { return testAWSClient(t).CloudWatchLogs() }
	flowLogRepaired := func(*terraform.State) error { return expectFlowLogs(t, flowLogsGroup, vpc) }
	groupRepaired := func(*terraform.State) error { return expectLogGroup(t, flowLogsGroup, 365) }
	referenced := func(arn string) string {
		return flowLogsConfig([]string{vpc}, fmt.Sprintf("cloud_watch_logs_group_arn = %q", arn))
	}
	plain := createLogGroupByHand(t, "/weak/plain", "", 365)
	forever := createLogGroupByHand(t, "/weak/forever", createKeyByHand(t), 0)
	short := createLogGroupByHand(t, "/weak/short", createKeyByHand(t), 30)
	retention := func(days int32) func(*testing.T, *terraform.State) {
		return func(t *testing.T, _ *terraform.State) {
			if _, err := logs().PutRetentionPolicy(ctx, &cloudwatchlogs.PutRetentionPolicyInput{
				LogGroupName: aws.String(flowLogsGroup), RetentionInDays: aws.Int32(days)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	how := map[string]enforcement{
		controls.VPCFlowLogs.ID: {
			Weaken: func(t *testing.T, _ *terraform.State) { deleteFlowLogsOf(t, vpc) },
			Action: plancheck.ResourceActionUpdate, Repaired: flowLogRepaired,
		},
		controls.VPCFlowLogsAllTraffic.ID: {
			Rejected: []rejection{{config: flowLogsConfig([]string{vpc}, `traffic_type = "ACCEPT"`),
				want: []string{`must be "ALL"`, "[HRD-VPC-002]"}}},
			Weaken: func(t *testing.T, _ *terraform.State) { narrowFlowLog(t, vpc) },
			Action: plancheck.ResourceActionUpdate, Repaired: flowLogRepaired,
		},
		controls.VPCFlowLogRetention.ID: {
			Rejected: []rejection{
				{config: flowLogsConfig([]string{vpc}, "cloud_watch_logs_retention_days = 60"), want: []string{"at least 90", "[HRD-VPC-003]"}},
				{config: referenced(short), want: []string{"keeps events 30 days", "[HRD-VPC-003]"}},
			},
			Weaken: retention(30), Action: plancheck.ResourceActionUpdate, Repaired: groupRepaired,
		},
		controls.LogGroupRetention.ID: {
			Rejected: []rejection{{config: referenced(forever), want: []string{"has no retention period", "[HRD-LOG-001]"}}},
			Weaken: func(t *testing.T, _ *terraform.State) {
				if _, err := logs().DeleteRetentionPolicy(ctx, &cloudwatchlogs.DeleteRetentionPolicyInput{
					LogGroupName: aws.String(flowLogsGroup)}); err != nil {
					t.Fatal(err)
				}
			},
			Action: plancheck.ResourceActionUpdate, Repaired: groupRepaired,
		},
		controls.LogGroupKMS.ID: {
			Rejected: []rejection{{config: referenced(plain), want: []string{"is not encrypted with a KMS key", "[HRD-LOG-002]"}}},
			// The emulator has no logs:DisassociateKmsKey: the group deleted by hand
			// stands for its key removed (both read as log_group_encrypted = false;
			// TestFlowLogGroupEncrypted covers a group without its key).
			Weaken: func(t *testing.T, _ *terraform.State) {
				if _, err := logs().DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String(flowLogsGroup)}); err != nil {
					t.Fatal(err)
				}
			},
			Action: plancheck.ResourceActionUpdate, Repaired: groupRepaired,
		},
	}
	steps := documentedControlSteps(t, enforcedBy(flowLogsEnforcement), how, flowLogsAddr, config)
	roleRepaired := func(*terraform.State) error {
		pol, err := testAWSClient(t).IAM().GetRolePolicy(ctx, &iam.GetRolePolicyInput{
			RoleName: aws.String("hardened-flow-logs-main"), PolicyName: aws.String(flowLogsRolePolicyName)})
		if err != nil || !policiesEquivalent(iamDocument(pol.PolicyDocument), flowLogsRolePolicy(flowLogsGroupARN)) {
			return fmt.Errorf("the delivery role's policy was not repaired: %v", err)
		}
		return nil
	}
	for _, weaken := range []func(){
		func() { // widened
			if _, err := testAWSClient(t).IAM().PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("hardened-flow-logs-main"),
				PolicyName:     aws.String(flowLogsRolePolicyName),
				PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}`)}); err != nil {
				t.Fatal(err)
			}
		},
		func() { // removed
			if _, err := testAWSClient(t).IAM().DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String("hardened-flow-logs-main"),
				PolicyName: aws.String(flowLogsRolePolicyName)}); err != nil {
				t.Fatal(err)
			}
		},
	} {
		steps = append(steps, resource.TestStep{
			PreConfig: weaken,
			Config:    config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(flowLogsAddr, plancheck.ResourceActionUpdate),
				expectPriorValue(flowLogsAddr, tfjsonpath.New("delivery_role_compliant"), knownvalue.Bool(false)),
			}},
			Check: roleRepaired,
		})
	}
	steps = append(steps, resource.TestStep{Config: config,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}})
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
}
