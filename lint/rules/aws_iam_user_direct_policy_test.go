package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsIAMUserDirectPolicy(t *testing.T) {
	onUser := func(addr, attr, after string) plantest.Res {
		return plantest.Res{Address: addr, After: after, Refs: map[string][]string{attr: {"aws_iam_user.dev.name", "aws_iam_user.dev"}}}
	}
	runCases(t, AwsIAMUserDirectPolicy{}, []ruleCase{
		{"an inline user policy fails", []plantest.Res{onUser("aws_iam_user_policy.dev", "user", `{"user":"dev","policy":"{}"}`)},
			[]string{"fail aws_iam_user_policy.dev user: attaches a policy directly to a user"}},
		{"a user policy attachment fails", []plantest.Res{onUser("aws_iam_user_policy_attachment.dev", "user", `{"user":"dev","policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}`)},
			[]string{"fail aws_iam_user_policy_attachment.dev user: attaches a policy directly to a user"}},
		{"aws_iam_policy_attachment naming users fails", []plantest.Res{{Address: "aws_iam_policy_attachment.ops",
			After: `{"policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess","users":["alice","bob"],"groups":["ops"],"roles":[]}`}},
			[]string{"fail aws_iam_policy_attachment.ops users: attaches the policy directly to 2 user(s)"}},
		{"a user name computed during apply still counts", []plantest.Res{{Address: "aws_iam_policy_attachment.ops",
			After: `{"policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess","users":[null]}`, Unknown: `{"users":[true]}`, Set: []string{"users"}}},
			[]string{"fail aws_iam_policy_attachment.ops users: attaches the policy directly to 1 user(s)"}},
		{"aws_iam_policy_attachment to groups and roles passes", []plantest.Res{{Address: "aws_iam_policy_attachment.ops",
			After: `{"policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess","users":[],"groups":["ops"],"roles":["ci"]}`}}, nil},
		{`users = [""] attaches to no user`, []plantest.Res{{Address: "aws_iam_policy_attachment.ops",
			After: `{"policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess","users":[""],"roles":["ci"]}`}}, nil},
		{"empty names are not counted among real ones", []plantest.Res{{Address: "aws_iam_policy_attachment.ops",
			After: `{"policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess","users":["","alice"]}`}},
			[]string{"fail aws_iam_policy_attachment.ops users: attaches the policy directly to 1 user(s)"}},
		{"aws_iam_policy_attachment without users passes", []plantest.Res{{Address: "aws_iam_policy_attachment.ops",
			After: `{"policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess","users":null,"roles":["ci"]}`}}, nil},
		{"a group policy attachment is not judged", []plantest.Res{{Address: "aws_iam_group_policy_attachment.ops",
			After: `{"group":"ops","policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}`}}, nil},
	})
}
