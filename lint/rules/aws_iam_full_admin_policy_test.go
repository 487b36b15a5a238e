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
	})
}
