package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsIAMPrivilegeEscalationPolicy(t *testing.T) {
	const a = "aws_iam_policy.p"
	pol := func(stmts string) []plantest.Res {
		return []plantest.Res{{Address: a, After: withPolicy(t, `{"Version":"2012-10-17","Statement":`+stmts+`}`)}}
	}
	fail := func(what string) []string {
		return []string{"fail " + a + " policy.Statement[0]: the policy allows " + what + ` on every resource ("*")`}
	}
	runCases(t, AwsIAMPrivilegeEscalationPolicy{}, []ruleCase{
		{"iam:* on * fails", pol(`[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]`), fail("every IAM action (iam:*)")},
		{"iam:PassRole on * fails", pol(`[{"Effect":"Allow","Action":["ec2:RunInstances","iam:PassRole"],"Resource":"*"}]`), fail("iam:PassRole")},
		{"each escalation action on * fails", pol(`[{"Effect":"Allow","Action":["iam:CreatePolicyVersion","iam:SetDefaultPolicyVersion","iam:CreateAccessKey","iam:CreateLoginProfile","iam:UpdateLoginProfile","iam:UpdateAssumeRolePolicy"],"Resource":["*"]}]`),
			fail("iam:CreateAccessKey, iam:CreateLoginProfile, iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion, iam:UpdateAssumeRolePolicy, iam:UpdateLoginProfile")},
		{"iam:Attach*Policy and iam:Put*Policy wildcards fail", pol(`[{"Effect":"Allow","Action":["iam:Attach*","iam:Put*Policy"],"Resource":"*"}]`),
			fail("iam:AttachGroupPolicy, iam:AttachRolePolicy, iam:AttachUserPolicy, iam:PutGroupPolicy, iam:PutRolePolicy, iam:PutUserPolicy")},
		{"each attach and put action by name fails", pol(`[{"Effect":"Allow","Action":"iam:AttachRolePolicy","Resource":"*"},{"Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"*"}]`),
			fail("iam:AttachRolePolicy, iam:PutUserPolicy")},
		{"the finding points at the first statement granting an escalation action", pol(`[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]`),
			[]string{"fail " + a + ` policy.Statement[1]: the policy allows iam:PassRole on every resource ("*")`}},
		{"sts:AssumeRole on * fails", pol(`[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]`), fail("sts:AssumeRole")},
		{"sts:* on * fails", pol(`[{"Effect":"Allow","Action":"sts:*","Resource":"*"}]`), fail("sts:AssumeRole")},
		{"action names compare case-insensitively", pol(`[{"Effect":"Allow","Action":"IAM:passrole","Resource":"*"}]`), fail("iam:PassRole")},
		{"a single Statement object fails", []plantest.Res{{Address: a, After: withPolicy(t, `{"Statement":{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}}`)}},
			[]string{"fail " + a + " policy.Statement: the policy allows iam:PassRole"}},
		{"an Allow with NotAction on * fails", pol(`[{"Effect":"Allow","NotAction":["s3:*","ec2:*"],"Resource":"*"}]`),
			fail("every IAM action (an Allow with NotAction that does not exclude them), sts:AssumeRole")},
		{"an Allow with NotAction excluding some IAM actions lists the others", pol(`[{"Effect":"Allow","NotAction":["iam:*Policy*","sts:*","iam:*LoginProfile"],"Resource":"*"}]`),
			fail("iam:CreateAccessKey, iam:PassRole")},
		{"an Allow with NotAction naming IAM and STS passes", pol(`[{"Effect":"Allow","NotAction":["iam:*","sts:*"],"Resource":"*"}]`), nil},
		{"an Allow with NotResource counts as every resource", pol(`[{"Effect":"Allow","Action":"iam:PassRole","NotResource":"arn:aws:iam::123456789012:role/admin"}]`), fail("iam:PassRole")},
		{"iam:* with NotResource fails", pol(`[{"Effect":"Allow","Action":"iam:*","NotResource":["arn:aws:iam::123456789012:role/admin"]}]`), fail("every IAM action (iam:*)")},
		{"iam:* and sts:AssumeRole name both", pol(`[{"Effect":"Allow","Action":["iam:*","sts:AssumeRole"],"Resource":"*"}]`), fail("every IAM action (iam:*), sts:AssumeRole")},

		{"iam:PassRole on named roles passes", pol(`[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/app"}]`), nil},
		{"sts:AssumeRole on a named role passes", pol(`[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":["arn:aws:iam::123456789012:role/deploy"]}]`), nil},
		{"read-only IAM actions on * pass", pol(`[{"Effect":"Allow","Action":["iam:Get*","iam:List*","iam:GenerateCredentialReport"],"Resource":"*"}]`), nil},
		{"other services' wildcards on * pass", pol(`[{"Effect":"Allow","Action":["s3:*","ec2:Describe*"],"Resource":"*"}]`), nil},
		{"a Deny passes", pol(`[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]`), nil},
		{`"*" on "*" is escalation too`, pol(`[{"Effect":"Allow","Action":"*","Resource":"*"}]`),
			fail(`every action ("*"), IAM administration included`)},
		{`"*" on named resources passes`, pol(`[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::data/*"}]`), nil},
		{`"*" after iam:* says every action`, pol(`[{"Effect":"Allow","Action":"iam:*","Resource":"*"},{"Effect":"Allow","Action":["*"],"Resource":"*"}]`),
			fail(`every action ("*"), IAM administration included`)},
		{"a document that is not JSON is not judged", []plantest.Res{{Address: a, After: `{"policy":"{"}`}}, nil},
		{"a sensitive policy is read too", []plantest.Res{{Address: a, After: withPolicy(t, `{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}`),
			Sensitive: `{"policy":true}`}}, fail("iam:PassRole")},
		{"a policy computed during apply is unknown", []plantest.Res{{Address: "aws_iam_role_policy.ci", After: `{"role":"ci"}`,
			Unknown: `{"policy":true}`, Set: []string{"policy"}}},
			[]string{"unknown aws_iam_role_policy.ci policy: the policy document is computed during apply"}},
		{"role, user and group policies fail", []plantest.Res{
			{Address: "aws_iam_role_policy.ci", After: withPolicy(t, `{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}`)},
			{Address: "aws_iam_user_policy.dev", After: withPolicy(t, `{"Statement":[{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*"}]}`)},
			{Address: "aws_iam_group_policy.ops", After: withPolicy(t, `{"Statement":[{"Effect":"Allow","Action":"iam:Put*","Resource":"*"}]}`)}},
			[]string{
				"fail aws_iam_group_policy.ops policy.Statement[0]: iam:PutGroupPolicy, iam:PutRolePolicy, iam:PutUserPolicy",
				"fail aws_iam_role_policy.ci policy.Statement[0]: iam:PassRole",
				"fail aws_iam_user_policy.dev policy.Statement[0]: iam:CreateAccessKey",
			}},
		{"a role's inline_policy fails", []plantest.Res{{Address: "aws_iam_role.ci",
			After: `{"name":"ci","inline_policy":[{"name":"deploy","policy":` + jsonString(t, `{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}`) + `}]}`}},
			[]string{"fail aws_iam_role.ci inline_policy[0].policy.Statement[0]: iam:PassRole"}},
		{"attaching IAMFullAccess fails in every form", []plantest.Res{
			{Address: "aws_iam_role_policy_attachment.iam", After: `{"role":"ops","policy_arn":"arn:aws:iam::aws:policy/IAMFullAccess"}`},
			{Address: "aws_iam_policy_attachment.iam", After: `{"name":"iam","groups":["ops"],"policy_arn":"arn:aws:iam::aws:policy/IAMFullAccess"}`},
			{Address: "aws_iam_role.ops", After: `{"name":"ops","managed_policy_arns":["arn:aws:iam::aws:policy/IAMFullAccess"]}`}},
			[]string{
				"fail aws_iam_policy_attachment.iam policy_arn: attaches the AWS managed IAMFullAccess policy",
				"fail aws_iam_role.ops managed_policy_arns: IAMFullAccess",
				"fail aws_iam_role_policy_attachment.iam policy_arn: IAMFullAccess",
			}},
		{"attaching AdministratorAccess fails too", []plantest.Res{{Address: "aws_iam_user_policy_attachment.admin",
			After: `{"user":"dev","policy_arn":"arn:aws:iam::aws:policy/AdministratorAccess"}`}},
			[]string{"fail aws_iam_user_policy_attachment.admin policy_arn: attaches the AWS managed AdministratorAccess policy"}},
		{"attaching IAMReadOnlyAccess passes", []plantest.Res{{Address: "aws_iam_role_policy_attachment.ro",
			After: `{"role":"ops","policy_arn":"arn:aws:iam::aws:policy/IAMReadOnlyAccess"}`}}, nil},
	})
}
