package rules

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsSecurityControlDeleted(t *testing.T) {
	del := []string{"delete"}
	policy := plantest.Res{Address: "aws_iam_account_password_policy.p", Actions: del,
		Before: `{"minimum_password_length":14}`, After: "null"}
	trail := plantest.Res{Address: "aws_cloudtrail.t", Actions: del,
		Before: `{"name":"t","enable_logging":true,"is_multi_region_trail":true}`, After: "null"}
	runCases(t, AwsSecurityControlDeleted{}, []ruleCase{
		{"deleting the password policy is a regression", []plantest.Res{policy},
			[]string{"regression aws_iam_account_password_policy.p: the change deletes aws_iam_account_password_policy.p, the account's IAM password policy: present -> absent; HRD-IAM-001"}},
		{"deleting a trail is a regression", []plantest.Res{trail},
			[]string{"regression aws_cloudtrail.t: present -> absent; HRD-CT-001"}},
		{"an update is not a deletion", []plantest.Res{{Address: "aws_cloudtrail.t", Actions: []string{"update"},
			Before: `{"enable_logging":true}`, After: `{"enable_logging":true}`}}, nil},
		{"a replacement recreates the control", []plantest.Res{{Address: "aws_guardduty_detector.d",
			Actions: []string{"delete", "create"}, Before: `{"enable":true}`, After: `{"enable":true}`}}, nil},
		{"a created resource is none of its business", []plantest.Res{{Address: "aws_flow_log.f", After: `{}`}}, nil},
		{"a deleted bucket is not a control", []plantest.Res{{Address: "aws_s3_bucket.b", Actions: del,
			Before: `{"bucket":"b"}`, After: "null"}}, nil},
		{"a trail replaced by a hardened_cloudtrail is a note", []plantest.Res{trail,
			{Address: "hardened_cloudtrail.t", After: `{"name":"t"}`}},
			[]string{"replaced aws_cloudtrail.t: the same plan creates hardened_cloudtrail.t in its place: not a regression"}},
		{"a detector replaced by a hardened_guardduty is a note", []plantest.Res{{Address: "aws_guardduty_detector.d",
			Actions: del, Before: `{"enable":true}`, After: "null"}, {Address: "hardened_guardduty.g", After: `{}`}},
			[]string{"replaced aws_guardduty_detector.d: the same plan creates hardened_guardduty.g in its place: not a regression"}},
		{"a policy moved to hardened_password_policy by import is a note", []plantest.Res{policy,
			{Address: "hardened_password_policy.p", After: `{}`, Actions: []string{"no-op"}, Importing: true}},
			[]string{"replaced aws_iam_account_password_policy.p: imports hardened_password_policy.p"}},
		{"a weaker replacement of the same type does not count", []plantest.Res{policy,
			{Address: "aws_iam_account_password_policy.q", After: `{"minimum_password_length":8}`}},
			[]string{"regression aws_iam_account_password_policy.p: present -> absent"}},
		{"a flow log replaced for another VPC does not count", []plantest.Res{
			{Address: "aws_flow_log.a", Actions: del, Before: `{"vpc_id":"vpc-1"}`, After: "null"},
			{Address: "aws_flow_log.b", After: `{"vpc_id":"vpc-2"}`}},
			[]string{"regression aws_flow_log.a: a VPC flow log"}},
		{"a flow log replaced for the same VPC counts", []plantest.Res{
			{Address: "aws_flow_log.a", Actions: del, Before: `{"vpc_id":"vpc-1"}`, After: "null"},
			{Address: "aws_flow_log.b", After: `{"vpc_id":"vpc-1"}`}},
			[]string{"replaced aws_flow_log.a: creates aws_flow_log.b"}},
		{"deleting a hardened_flow_logs is a regression", []plantest.Res{
			{Address: "hardened_flow_logs.f", Actions: del, Before: `{"name":"main","vpc_ids":["vpc-1"]}`, After: "null"}},
			[]string{"regression hardened_flow_logs.f: the change deletes hardened_flow_logs.f, VPC flow logs (hardened): present -> absent; HRD-VPC-001"}},
	})
}

// Every hardened_* resource and every aws_* control with a hardened_* counterpart:
// deleting it is a regression naming the control; the counterpart created or
// imported in its place makes it a note.
func TestAwsSecurityControlDeletedHardenedPairs(t *testing.T) {
	del := []string{"delete"}
	gone := func(addr, before string) plantest.Res {
		return plantest.Res{Address: addr, Actions: del, Before: before, After: "null"}
	}
	created := func(addr, after string) plantest.Res { return plantest.Res{Address: addr, After: after} }
	imported := func(addr, after string) plantest.Res {
		return plantest.Res{Address: addr, After: after, Actions: []string{"no-op"}, Importing: true}
	}
	runCases(t, AwsSecurityControlDeleted{}, []ruleCase{
		{"deleting a hardened_guardduty is a regression", []plantest.Res{gone("hardened_guardduty.g", `{"id":"x"}`)},
			[]string{"regression hardened_guardduty.g: the change deletes hardened_guardduty.g, the GuardDuty detectors of every governed region (hardened): present -> absent; HRD-SVC-001"}},
		{"deleting a retained hardened_guardduty says the setting stays unenforced",
			[]plantest.Res{gone("hardened_guardduty.g", `{"retain_on_destroy":true}`)},
			[]string{"regression hardened_guardduty.g: (retain_on_destroy is true: destroy leaves the setting in AWS, but nothing enforces it"}},
		{"deleting a hardened_config_recorder is a regression", []plantest.Res{gone("hardened_config_recorder.c", `{}`)},
			[]string{"regression hardened_config_recorder.c: the AWS Config recorders of every governed region (hardened): present -> absent; HRD-SVC-002"}},
		{"deleting a hardened_ebs_encryption_by_default is a regression", []plantest.Res{gone("hardened_ebs_encryption_by_default.e", `{}`)},
			[]string{"regression hardened_ebs_encryption_by_default.e: EBS encryption by default in every governed region (hardened): present -> absent; HRD-EC2-002"}},
		{"deleting a hardened_s3_account_public_access_block is a regression", []plantest.Res{gone("hardened_s3_account_public_access_block.b", `{}`)},
			[]string{"regression hardened_s3_account_public_access_block.b: the account's S3 Block Public Access (hardened): present -> absent; " + controls.AccountPublicAccessBlock.ID}},
		{"deleting a hardened_kms_key is a regression, whatever replaces it", []plantest.Res{
			gone("hardened_kms_key.k", `{"deletion_window_days":30}`), created("hardened_kms_key.n", `{}`)},
			[]string{"regression hardened_kms_key.k: schedules the key's deletion after its deletion_window_days, after which everything it encrypted is unreadable and no new key can decrypt it): present -> absent; HRD-KMS-005"}},
		{"deleting a hardened_s3_bucket is a regression", []plantest.Res{gone("hardened_s3_bucket.b", `{"bucket":"data"}`)},
			[]string{"regression hardened_s3_bucket.b: the bucket with its objects and every version of them, its Block Public Access, TLS-only policy, encryption, versioning and access logging): present -> absent; HRD-S3-001"}},
		{"deleting a hardened_cis_monitoring loses the items it did not disable", []plantest.Res{
			gone("hardened_cis_monitoring.m", `{"disabled_items":{"organizations_changes":"not a member"}}`)},
			[]string{"regression hardened_cis_monitoring.m: the CIS monitoring filters and alarms (hardened): present -> absent; HRD-MON-001, HRD-MON-002, HRD-MON-003, HRD-MON-004, HRD-MON-005, HRD-MON-006, HRD-MON-007, HRD-MON-008, HRD-MON-009, HRD-MON-010, HRD-MON-011, HRD-MON-012, HRD-MON-013, HRD-MON-014 are lost"}},

		{"a recorder moved to hardened_config_recorder by import is a note", []plantest.Res{
			gone("aws_config_configuration_recorder.r", `{"name":"default"}`), imported("hardened_config_recorder.c", `{}`)},
			[]string{"replaced aws_config_configuration_recorder.r: imports hardened_config_recorder.c in its place"}},
		{"a recorder status replaced by hardened_config_recorder is a note", []plantest.Res{
			gone("aws_config_configuration_recorder_status.s", `{"is_enabled":true}`), created("hardened_config_recorder.c", `{}`)},
			[]string{"replaced aws_config_configuration_recorder_status.s: creates hardened_config_recorder.c in its place"}},
		{"deleting the recorder alone is a regression", []plantest.Res{gone("aws_config_configuration_recorder.r", `{}`)},
			[]string{"regression aws_config_configuration_recorder.r: present -> absent; HRD-SVC-002"}},
		{"an account public access block replaced by hardened is a note", []plantest.Res{
			gone("aws_s3_account_public_access_block.a", `{"block_public_acls":true}`),
			imported("hardened_s3_account_public_access_block.a", `{}`)},
			[]string{"replaced aws_s3_account_public_access_block.a: imports hardened_s3_account_public_access_block.a"}},
		{"EBS encryption by default replaced by hardened is a note", []plantest.Res{
			gone("aws_ebs_encryption_by_default.e", `{"enabled":true}`), created("hardened_ebs_encryption_by_default.e", `{}`)},
			[]string{"replaced aws_ebs_encryption_by_default.e: creates hardened_ebs_encryption_by_default.e"}},
		{"a flow log replaced by hardened_flow_logs covering its VPC is a note", []plantest.Res{
			gone("aws_flow_log.f", `{"vpc_id":"vpc-1"}`), created("hardened_flow_logs.h", `{"vpc_ids":["vpc-2","vpc-1"]}`)},
			[]string{"replaced aws_flow_log.f: creates hardened_flow_logs.h in its place"}},
		{"a flow log replaced by hardened_flow_logs of other VPCs is a regression", []plantest.Res{
			gone("aws_flow_log.f", `{"vpc_id":"vpc-1"}`), created("hardened_flow_logs.h", `{"vpc_ids":["vpc-2"]}`)},
			[]string{"regression aws_flow_log.f: a VPC flow log: present -> absent; HRD-VPC-001 (Every VPC has flow logging enabled) is lost"}},
		{"hardened_flow_logs with vpc_ids unknown at plan is not proven", []plantest.Res{
			gone("aws_flow_log.f", `{"vpc_id":"vpc-1"}`),
			{Address: "hardened_flow_logs.h", After: `{}`, Unknown: `{"vpc_ids":true}`}},
			[]string{"regression aws_flow_log.f: is lost; hardened_flow_logs.h may replace it, but its vpc_ids is unknown until apply, so the plan does not show that it does"}},
		{"hardened_flow_logs with some VPC IDs unknown at plan is not proven", []plantest.Res{
			gone("aws_flow_log.f", `{"vpc_id":"vpc-1"}`),
			{Address: "hardened_flow_logs.h", After: `{"vpc_ids":["vpc-2",null]}`, Unknown: `{"vpc_ids":[false,true]}`}},
			[]string{"regression aws_flow_log.f: vpc-1 is not among the known elements of its vpc_ids, and the others are unknown until apply"}},
		{"hardened_flow_logs replaced by one covering all its VPCs is a note", []plantest.Res{
			gone("hardened_flow_logs.a", `{"vpc_ids":["vpc-1","vpc-2"]}`),
			created("hardened_flow_logs.b", `{"vpc_ids":["vpc-2","vpc-3","vpc-1"]}`)},
			[]string{"replaced hardened_flow_logs.a: creates hardened_flow_logs.b in its place"}},
		{"hardened_flow_logs replaced by one covering some of its VPCs is a regression", []plantest.Res{
			gone("hardened_flow_logs.a", `{"vpc_ids":["vpc-1","vpc-2"]}`), created("hardened_flow_logs.b", `{"vpc_ids":["vpc-1"]}`)},
			[]string{"regression hardened_flow_logs.a: VPC flow logs (hardened): present -> absent; HRD-VPC-001 (Every VPC has flow logging enabled) is lost"}},
		{"a sensitive VPC ID is not printed", []plantest.Res{
			{Address: "aws_flow_log.f", Actions: del, Before: `{"vpc_id":"vpc-secret"}`, BeforeSensitive: `{"vpc_id":true}`, After: "null"},
			{Address: "hardened_flow_logs.h", After: `{"vpc_ids":["vpc-2",null]}`, Unknown: `{"vpc_ids":[false,true]}`}},
			[]string{"regression aws_flow_log.f: the deleted instance's vpc_id (sensitive value) is not among the known elements of its vpc_ids"}},
		{"a bucket public access block replaced by a hardened_s3_bucket of that bucket is a note", []plantest.Res{
			gone("aws_s3_bucket_public_access_block.p", `{"bucket":"data","block_public_acls":true}`),
			imported("hardened_s3_bucket.b", `{"bucket":"data"}`)},
			[]string{"replaced aws_s3_bucket_public_access_block.p: imports hardened_s3_bucket.b"}},
		{"a hardened_s3_bucket of another bucket does not count", []plantest.Res{
			gone("aws_s3_bucket_public_access_block.p", `{"bucket":"data"}`), created("hardened_s3_bucket.b", `{"bucket":"other"}`)},
			[]string{"regression aws_s3_bucket_public_access_block.p: a bucket's S3 Block Public Access: present -> absent; HRD-S3-001"}},
		{"a KMS key is never replaced", []plantest.Res{gone("aws_kms_key.k", `{"enable_key_rotation":true}`),
			created("hardened_kms_key.k", `{}`)},
			[]string{"regression aws_kms_key.k: deleting it schedules the key's deletion"}},
	})
}

func TestAwsSecurityControlDeletedCISMonitoring(t *testing.T) {
	del := []string{"delete"}
	root := controls.MonitoringItems[2] // root_usage
	quoted, err := json.Marshal(root.Pattern)
	if err != nil {
		t.Fatal(err)
	}
	filter := plantest.Res{Address: "aws_cloudwatch_log_metric_filter.root", Actions: del, After: "null",
		Before: `{"log_group_name":"trail","pattern":` + string(quoted) +
			`,"metric_transformation":[{"name":"RootUsage","namespace":"CIS","value":"1"}]}`}
	keptFilter := filter
	keptFilter.Actions, keptFilter.Before, keptFilter.After = []string{"no-op"}, filter.Before, filter.Before
	alarm := plantest.Res{Address: "aws_cloudwatch_metric_alarm.root", Actions: del, After: "null",
		Before: `{"metric_name":"RootUsage","namespace":"CIS"}`}
	hardened := plantest.Res{Address: "hardened_cis_monitoring.m", After: `{"log_group_arn":"arn:aws:logs:us-east-1:111122223333:log-group:trail"}`}
	withoutRoot := hardened
	withoutRoot.After = `{"log_group_arn":"arn:aws:logs:us-east-1:111122223333:log-group:trail:*",` +
		`"disabled_items":{"root_usage":"break-glass only"}}`
	otherGroup := hardened
	otherGroup.After = `{"log_group_arn":"arn:aws:logs:us-east-1:111122223333:log-group:app"}`
	runCases(t, AwsSecurityControlDeleted{}, []ruleCase{
		{"deleting a CIS metric filter is a regression of its item", []plantest.Res{filter},
			[]string{"regression aws_cloudwatch_log_metric_filter.root: a CIS monitoring metric filter (its alarm no longer sees the events): present -> absent; " +
				root.Control.ID + " (" + root.Control.Title + ") is lost"}},
		{"deleting a filter with another pattern is not", []plantest.Res{{Address: "aws_cloudwatch_log_metric_filter.app",
			Actions: del, After: "null", Before: `{"pattern":"ERROR"}`}}, nil},
		{"deleting the alarm on a CIS filter's metric is a regression", []plantest.Res{keptFilter, alarm},
			[]string{"regression aws_cloudwatch_metric_alarm.root: a CIS monitoring alarm (its metric filter's events no longer notify anyone): present -> absent; " + root.Control.ID}},
		{"deleting an alarm on another metric is not", []plantest.Res{keptFilter, {Address: "aws_cloudwatch_metric_alarm.cpu",
			Actions: del, After: "null", Before: `{"metric_name":"CPUUtilization","namespace":"AWS/EC2"}`}}, nil},
		{"both replaced by hardened_cis_monitoring are notes", []plantest.Res{filter, alarm, hardened},
			[]string{"replaced aws_cloudwatch_log_metric_filter.root: creates hardened_cis_monitoring.m in its place",
				"replaced aws_cloudwatch_metric_alarm.root: creates hardened_cis_monitoring.m in its place"}},
		{"a hardened_cis_monitoring disabling the item does not count", []plantest.Res{filter, withoutRoot},
			[]string{"regression aws_cloudwatch_log_metric_filter.root: hardened_cis_monitoring.m does not replace it: its disabled_items leaves out root_usage"}},
		{"a hardened_cis_monitoring on another log group does not count", []plantest.Res{filter, otherGroup},
			[]string{"regression aws_cloudwatch_log_metric_filter.root: hardened_cis_monitoring.m does not replace it: it watches another log group than trail"}},
		{"a hardened_cis_monitoring whose log group is unknown does not count", []plantest.Res{filter,
			{Address: "hardened_cis_monitoring.m", After: `{}`, Unknown: `{"log_group_arn":true}`}},
			[]string{"regression aws_cloudwatch_log_metric_filter.root: hardened_cis_monitoring.m does not replace it: its log_group_arn is unknown until apply"}},
		{"a new filter with another pattern does not count", []plantest.Res{filter,
			{Address: "aws_cloudwatch_log_metric_filter.other", After: `{"pattern":"ERROR"}`}},
			[]string{"regression aws_cloudwatch_log_metric_filter.root: present -> absent"}},
		{"a new alarm on the CIS metric counts", []plantest.Res{keptFilter, alarm,
			{Address: "aws_cloudwatch_metric_alarm.new", After: `{"metric_name":"RootUsage","namespace":"CIS"}`}},
			[]string{"replaced aws_cloudwatch_metric_alarm.root: creates aws_cloudwatch_metric_alarm.new in its place"}},
		{"a new alarm on another metric does not count", []plantest.Res{keptFilter, alarm,
			{Address: "aws_cloudwatch_metric_alarm.new", After: `{"metric_name":"CPUUtilization","namespace":"AWS/EC2"}`}},
			[]string{"regression aws_cloudwatch_metric_alarm.root: present -> absent"}},
		{"a new filter with the same pattern counts", []plantest.Res{filter,
			{Address: "aws_cloudwatch_log_metric_filter.other", After: `{"pattern":` + string(quoted) + `}`}},
			[]string{"replaced aws_cloudwatch_log_metric_filter.root: creates aws_cloudwatch_log_metric_filter.other"}},
	})
}

// A scope value marked sensitive in before_sensitive never reaches a message.
func TestAwsSecurityControlDeletedHidesSensitiveScope(t *testing.T) {
	p := plantest.Plan(t,
		plantest.Res{Address: "aws_flow_log.f", Actions: []string{"delete"}, Before: `{"vpc_id":"vpc-0secret"}`,
			BeforeSensitive: `{"vpc_id":true}`, After: "null"},
		plantest.Res{Address: "hardened_flow_logs.h", After: `{"vpc_ids":["vpc-2",null]}`, Unknown: `{"vpc_ids":[false,true]}`})
	rep := engine.Run(p, []engine.Rule{AwsSecurityControlDeleted{}}, engine.Options{})
	found := false
	for _, f := range rep.Findings {
		found = found || f.Status == engine.StatusRegression
		if strings.Contains(f.Message, "0secret") {
			t.Errorf("message prints the sensitive VPC ID: %s", f.Message)
		}
	}
	if !found {
		t.Fatalf("no regression reported: %+v", rep.Findings)
	}
}
