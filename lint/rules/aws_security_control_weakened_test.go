package rules

import (
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsSecurityControlWeakened(t *testing.T) {
	upd := []string{"update"}
	change := func(addr, before, after string) plantest.Res {
		return plantest.Res{Address: addr, Actions: upd, Before: before, After: after}
	}
	runCases(t, AwsSecurityControlWeakened{}, []ruleCase{
		{"logging on -> off", []plantest.Res{change("aws_cloudtrail.t", `{"enable_logging":true}`, `{"enable_logging":false}`)},
			[]string{"regression aws_cloudtrail.t enable_logging: the change turns enable_logging true -> false; HRD-CT-006"}},
		{"multi-region true -> false", []plantest.Res{change("aws_cloudtrail.t", `{"is_multi_region_trail":true}`, `{"is_multi_region_trail":false}`)},
			[]string{"regression aws_cloudtrail.t is_multi_region_trail: is_multi_region_trail true -> false"}},
		{"logging already off is no regression", []plantest.Res{change("aws_cloudtrail.t", `{"enable_logging":false}`, `{"enable_logging":false}`)}, nil},
		{"logging turned on is no regression", []plantest.Res{change("aws_cloudtrail.t", `{"enable_logging":false}`, `{"enable_logging":true}`)}, nil},
		{"encryption removed", []plantest.Res{change("aws_cloudtrail.t", `{"kms_key_id":"arn:aws:kms:us-east-1:123456789012:key/k"}`, `{"kms_key_id":null}`)},
			[]string{"regression aws_cloudtrail.t kms_key_id: kms_key_id set -> removed"}},
		{"password length 14 -> 8", []plantest.Res{change("aws_iam_account_password_policy.p", `{"minimum_password_length":14}`, `{"minimum_password_length":8}`)},
			[]string{"regression aws_iam_account_password_policy.p minimum_password_length: minimum_password_length 14 -> 8 (at least 14 required); HRD-IAM-002"}},
		{"password length 16 -> 14 stays secure", []plantest.Res{change("aws_iam_account_password_policy.p", `{"minimum_password_length":16}`, `{"minimum_password_length":14}`)}, nil},
		{"max age 90 -> unset", []plantest.Res{change("aws_iam_account_password_policy.p", `{"max_password_age":90}`, `{"max_password_age":0}`)},
			[]string{"regression aws_iam_account_password_policy.p max_password_age: 90 -> unset (never)"}},
		{"a public access block setting true -> false", []plantest.Res{change("aws_s3_bucket_public_access_block.b",
			`{"block_public_acls":true,"block_public_policy":true}`, `{"block_public_acls":true,"block_public_policy":false}`)},
			[]string{"regression aws_s3_bucket_public_access_block.b block_public_policy: block_public_policy true -> false; HRD-S3-001"}},
		{"the account block names the account control", []plantest.Res{change("aws_s3_account_public_access_block.a",
			`{"ignore_public_acls":true}`, `{"ignore_public_acls":false}`)},
			[]string{"regression aws_s3_account_public_access_block.a ignore_public_acls: HRD-S3-006"}},
		{"a world rule added to a group that had none", []plantest.Res{change("aws_security_group.g",
			`{"ingress":[{"cidr_blocks":["10.0.0.0/8"],"from_port":22,"to_port":22}]}`,
			`{"ingress":[{"cidr_blocks":["10.0.0.0/8"],"from_port":22,"to_port":22},{"cidr_blocks":["0.0.0.0/0"],"from_port":443,"to_port":443}]}`)},
			[]string{"regression aws_security_group.g ingress: ingress: none from the internet -> ingress from 0.0.0.0/0"}},
		{"a group that was already open is not a regression", []plantest.Res{change("aws_security_group.g",
			`{"ingress":[{"ipv6_cidr_blocks":["::/0"]}]}`, `{"ingress":[{"ipv6_cidr_blocks":["::/0"]},{"cidr_blocks":["0.0.0.0/0"]}]}`)}, nil},
		{"a value known only after apply is not a regression", []plantest.Res{{Address: "aws_cloudtrail.t", Actions: upd,
			Before: `{"enable_logging":true}`, After: `{}`, Unknown: `{"enable_logging":true}`}}, nil},
		{"a replacement that drops encryption", []plantest.Res{{Address: "aws_ebs_volume.v", Actions: []string{"delete", "create"},
			Before: `{"encrypted":true}`, After: `{"encrypted":false}`}},
			[]string{"regression aws_ebs_volume.v encrypted: encrypted true -> false"}},
		{"a deletion is the other rule's", []plantest.Res{{Address: "aws_cloudtrail.t", Actions: []string{"delete"},
			Before: `{"enable_logging":true}`, After: "null"}}, nil},
		{"a created resource has no prior state", []plantest.Res{{Address: "aws_cloudtrail.t", After: `{"enable_logging":false}`}}, nil},
	})
}

// Values marked sensitive before or after are never printed.
func TestAwsSecurityControlWeakenedHidesSensitiveValues(t *testing.T) {
	p := plantest.Plan(t, plantest.Res{Address: "aws_iam_account_password_policy.p", Actions: []string{"update"},
		Before: `{"minimum_password_length":31}`, BeforeSensitive: `{"minimum_password_length":true}`,
		After: `{"minimum_password_length":7}`, Sensitive: `{"minimum_password_length":true}`})
	rep := engine.Run(p, []engine.Rule{AwsSecurityControlWeakened{}}, engine.Options{})
	if len(rep.Findings) != 1 {
		t.Fatalf("want one regression, got %s", dump(rep.Findings))
	}
	msg := rep.Findings[0].Message
	if strings.Contains(msg, "31") || strings.Contains(msg, " 7 ") || !strings.Contains(msg, "(sensitive value) -> (sensitive value)") {
		t.Errorf("message shows a sensitive value: %q", msg)
	}
}
