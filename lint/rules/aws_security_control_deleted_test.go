package rules

import (
	"testing"

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
