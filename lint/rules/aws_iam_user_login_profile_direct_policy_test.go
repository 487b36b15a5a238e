package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsIAMUserLoginProfileDirectPolicy(t *testing.T) {
	user := plantest.Res{Address: "aws_iam_user.alice", After: `{"name":"alice"}`}
	onUser := func(addr, attr, after string) plantest.Res {
		return plantest.Res{Address: addr, After: after, Refs: map[string][]string{attr: {"aws_iam_user.alice.name", "aws_iam_user.alice"}}}
	}
	profile := onUser("aws_iam_user_login_profile.alice", "user", `{}`)
	runCases(t, AwsIAMUserLoginProfileDirectPolicy{}, []ruleCase{
		{"console user through groups passes", []plantest.Res{user, profile, onUser("aws_iam_user_group_membership.alice", "user", `{"groups":["developers"]}`)}, nil},
		{"console user with an attached policy fails", []plantest.Res{user, profile,
			onUser("aws_iam_user_policy_attachment.alice", "user", `{"policy_arn":"arn:aws:iam::aws:policy/PowerUserAccess"}`)},
			[]string{"fail aws_iam_user_login_profile.alice user: console user aws_iam_user.alice has policies attached directly (aws_iam_user_policy_attachment.alice)"}},
		{"console user named in aws_iam_policy_attachment fails", []plantest.Res{user, profile,
			onUser("aws_iam_policy_attachment.ops", "users", `{"policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}`)},
			[]string{"fail aws_iam_user_login_profile.alice user: aws_iam_policy_attachment.ops"}},
		{"a programmatic user is another rule's topic", []plantest.Res{user,
			onUser("aws_iam_user_policy_attachment.alice", "user", `{"policy_arn":"arn:aws:iam::aws:policy/PowerUserAccess"}`)}, nil},
	})
}
