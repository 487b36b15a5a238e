package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsIAMFullAdminPolicy(t *testing.T) {
	const a = "aws_iam_policy.admin"
	pol := func(addr, doc string) []plantest.Res {
		return []plantest.Res{{Address: addr, After: withPolicy(t, doc)}}
	}
	const admin = `the policy allows every action ("*") on every resource ("*")`
	runCases(t, AwsIAMFullAdminPolicy{}, []ruleCase{
		{`"*" on "*" in a Statement list fails`, pol(a, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`),
			[]string{"fail " + a + " policy.Statement[0]: " + admin}},
		{"a single Statement object fails", pol(a, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`),
			[]string{"fail " + a + " policy.Statement: " + admin}},
		{`"*" among listed actions and resources fails`, pol(a, `{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","*"],"Resource":["arn:aws:s3:::data/*","*"]}]}`),
			[]string{"fail " + a + " policy.Statement[0]: " + admin}},
		{"a role policy fails", pol("aws_iam_role_policy.ci", `{"Statement":[{"Sid":"ok","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Effect":"Allow","Action":["*"],"Resource":["*"]}]}`),
			[]string{"fail aws_iam_role_policy.ci policy.Statement[1]: " + admin}},
		{"a user policy and a group policy fail", append(pol("aws_iam_user_policy.dev", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`),
			pol("aws_iam_group_policy.ops", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)...),
			[]string{"fail aws_iam_group_policy.ops policy.Statement[0]: " + admin, "fail aws_iam_user_policy.dev policy.Statement[0]: " + admin}},
		{`every action on one resource passes`, pol(a, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::data/*"}]}`), nil},
		{`one service's actions on "*" pass`, pol(a, `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`), nil},
		{"a Deny passes", pol(a, `{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`), nil},
		{"NotAction is not every action", pol(a, `{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}`), nil},
		{"a document that is not JSON is not judged", pol(a, `{`), nil},
		{"a sensitive policy is read too", []plantest.Res{{Address: a, After: withPolicy(t, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`),
			Sensitive: `{"policy":true}`}},
			[]string{"fail " + a + " policy.Statement[0]: " + admin}},
		{"a policy computed during apply is unknown", []plantest.Res{{Address: "aws_iam_role_policy.logs", After: `{"role":"ops"}`,
			Unknown: `{"policy":true}`, Set: []string{"policy"}}},
			[]string{"unknown aws_iam_role_policy.logs policy: the policy document is computed during apply"}},
		{"attaching AdministratorAccess fails", []plantest.Res{{Address: "aws_iam_role_policy_attachment.admin",
			After: `{"role":"ops","policy_arn":"arn:aws:iam::aws:policy/AdministratorAccess"}`}},
			[]string{"fail aws_iam_role_policy_attachment.admin policy_arn: attaches the AWS managed AdministratorAccess policy"}},
		{"the GovCloud and China partitions' AdministratorAccess fail", []plantest.Res{
			{Address: "aws_iam_role_policy_attachment.gov", After: `{"role":"ops","policy_arn":"arn:aws-us-gov:iam::aws:policy/AdministratorAccess"}`},
			{Address: "aws_iam_role_policy_attachment.cn", After: `{"role":"ops","policy_arn":"arn:aws-cn:iam::aws:policy/AdministratorAccess"}`},
			{Address: "aws_iam_role_policy_attachment.own", After: `{"role":"ops","policy_arn":"arn:aws:iam::123456789012:policy/AdministratorAccess"}`}},
			[]string{
				"fail aws_iam_role_policy_attachment.cn policy_arn: AdministratorAccess",
				"fail aws_iam_role_policy_attachment.gov policy_arn: AdministratorAccess",
			}},
		{"attaching it to a user or a group fails", []plantest.Res{
			{Address: "aws_iam_user_policy_attachment.dev", After: `{"user":"dev","policy_arn":"arn:aws:iam::aws:policy/AdministratorAccess"}`},
			{Address: "aws_iam_group_policy_attachment.ops", After: `{"group":"ops","policy_arn":"arn:aws:iam::aws:policy/AdministratorAccess"}`}},
			[]string{
				"fail aws_iam_group_policy_attachment.ops policy_arn: AdministratorAccess",
				"fail aws_iam_user_policy_attachment.dev policy_arn: AdministratorAccess",
			}},
		{"attaching ReadOnlyAccess passes", []plantest.Res{{Address: "aws_iam_role_policy_attachment.ro",
			After: `{"role":"ops","policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}`}}, nil},
		{"attaching a policy of the plan is judged on the policy", []plantest.Res{{Address: "aws_iam_role_policy_attachment.custom",
			After: `{"role":"ops"}`, Unknown: `{"policy_arn":true}`, Refs: map[string][]string{"policy_arn": {"aws_iam_policy.admin.arn", "aws_iam_policy.admin"}}}}, nil},

		// Every attachment form.
		{"aws_iam_policy_attachment of AdministratorAccess fails", []plantest.Res{{Address: "aws_iam_policy_attachment.admins",
			After: `{"name":"admins","roles":["ops"],"users":[],"groups":[],"policy_arn":"arn:aws:iam::aws:policy/AdministratorAccess"}`}},
			[]string{"fail aws_iam_policy_attachment.admins policy_arn: attaches the AWS managed AdministratorAccess policy"}},
		{"aws_iam_policy_attachment to roles computed during apply fails", []plantest.Res{{Address: "aws_iam_policy_attachment.admins",
			After: `{"name":"admins","policy_arn":"arn:aws:iam::aws:policy/AdministratorAccess"}`, Unknown: `{"roles":true}`}},
			[]string{"fail aws_iam_policy_attachment.admins policy_arn: AdministratorAccess"}},
		{`aws_iam_policy_attachment to users [""] attaches to nobody`, []plantest.Res{{Address: "aws_iam_policy_attachment.admins",
			After: `{"name":"admins","users":[""],"roles":[],"groups":[],"policy_arn":"arn:aws:iam::aws:policy/AdministratorAccess"}`}}, nil},
		{"a role's managed_policy_arns with AdministratorAccess fail", []plantest.Res{{Address: "aws_iam_role.ops",
			After: `{"name":"ops","managed_policy_arns":["arn:aws:iam::aws:policy/ReadOnlyAccess","arn:aws:iam::aws:policy/AdministratorAccess"]}`}},
			[]string{"fail aws_iam_role.ops managed_policy_arns: attaches the AWS managed AdministratorAccess policy"}},
		{"a role's admin inline_policy fails", []plantest.Res{{Address: "aws_iam_role.ops",
			After: `{"name":"ops","inline_policy":[{"name":"ok","policy":` + jsonString(t, `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`) +
				`},{"name":"admin","policy":` + jsonString(t, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`) + `}]}`}},
			[]string{"fail aws_iam_role.ops inline_policy[1].policy.Statement[0]: " + admin}},
		{"a role's inline_policy computed during apply is unknown", []plantest.Res{{Address: "aws_iam_role.ops",
			After: `{"name":"ops","inline_policy":[{"name":"logs"}]}`, Unknown: `{"inline_policy":[{"policy":true}]}`,
			NestedRefs: map[string][]string{"inline_policy.policy": {"aws_s3_bucket.logs.arn", "aws_s3_bucket.logs"}}}},
			[]string{"unknown aws_iam_role.ops inline_policy[0].policy: the policy document is computed during apply"}},
		{"a role with least-privilege inline and managed policies passes", []plantest.Res{{Address: "aws_iam_role.ops",
			After: `{"name":"ops","managed_policy_arns":["arn:aws:iam::aws:policy/ReadOnlyAccess"],"inline_policy":[{"name":"s3","policy":` +
				jsonString(t, `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`) + `}]}`}}, nil},
		{"a role without inline or managed policies passes", []plantest.Res{{Address: "aws_iam_role.ops", After: `{"name":"ops"}`,
			Unknown: `{"inline_policy":true,"managed_policy_arns":true}`}}, nil},
		{"exclusive attachments of AdministratorAccess fail", []plantest.Res{
			{Address: "aws_iam_role_policy_attachments_exclusive.ops", After: `{"role_name":"ops","policy_arns":["arn:aws:iam::aws:policy/AdministratorAccess"]}`},
			{Address: "aws_iam_user_policy_attachments_exclusive.dev", After: `{"user_name":"dev","policy_arns":["arn:aws:iam::aws:policy/ReadOnlyAccess"]}`},
			{Address: "aws_iam_group_policy_attachments_exclusive.admins", After: `{"group_name":"admins","policy_arns":["arn:aws-us-gov:iam::aws:policy/AdministratorAccess"]}`}},
			[]string{
				"fail aws_iam_group_policy_attachments_exclusive.admins policy_arns: AdministratorAccess",
				"fail aws_iam_role_policy_attachments_exclusive.ops policy_arns: AdministratorAccess",
			}},
		{"an Identity Center permission set with AdministratorAccess fails", []plantest.Res{{Address: "aws_ssoadmin_managed_policy_attachment.admin",
			After: `{"managed_policy_arn":"arn:aws:iam::aws:policy/AdministratorAccess"}`, Unknown: `{"instance_arn":true,"permission_set_arn":true}`}},
			[]string{"fail aws_ssoadmin_managed_policy_attachment.admin managed_policy_arn: AdministratorAccess"}},
	})
}
