package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudwatchLogGroupRetention(t *testing.T) {
	const lg = "aws_cloudwatch_log_group.app"
	runCases(t, AwsCloudwatchLogGroupRetention{}, []ruleCase{
		{"a retention passes", []plantest.Res{{Address: lg, After: `{"retention_in_days":365}`}}, nil},
		{"unset fails", []plantest.Res{{Address: lg, After: `{"retention_in_days":null}`}},
			[]string{"fail " + lg + " retention_in_days: keeps events forever"}},
		{"zero (never expire) fails", []plantest.Res{{Address: lg, After: `{"retention_in_days":0}`}},
			[]string{"fail " + lg + " retention_in_days: keeps events forever"}},
		{"from a computed value is unknown", []plantest.Res{{Address: lg, After: `{}`, Unknown: `{"retention_in_days":true}`, Set: []string{"retention_in_days"}}},
			[]string{"unknown " + lg + " retention_in_days: computed during apply"}},
	})
}

func TestAwsCloudwatchLogGroupKMS(t *testing.T) {
	const lg = "aws_cloudwatch_log_group.app"
	runCases(t, AwsCloudwatchLogGroupKMS{}, []ruleCase{
		{"a key passes", []plantest.Res{{Address: lg, After: `{"kms_key_id":"arn:aws:kms:us-east-1:123456789012:key/k"}`}}, nil},
		{"a key created in the same apply passes", []plantest.Res{{Address: lg, After: `{}`, Unknown: `{"kms_key_id":true}`, Set: []string{"kms_key_id"}}}, nil},
		{"no key fails", []plantest.Res{{Address: lg, After: `{"kms_key_id":null}`}},
			[]string{"fail " + lg + " kms_key_id: not set"}},
	})
}

func TestAwsSecurityHubEnabled(t *testing.T) {
	gd := plantest.Res{Address: "aws_guardduty_detector.main", After: `{"enable":true}`}
	rec := plantest.Res{Address: "aws_config_configuration_recorder.main", After: `{"name":"main"}`}
	hub := plantest.Res{Address: "aws_securityhub_account.main", After: `{}`}
	runCases(t, AwsSecurityHubEnabled{}, []ruleCase{
		{"baseline with Security Hub passes", []plantest.Res{gd, rec, hub}, nil},
		{"detector without Security Hub fails once", []plantest.Res{gd, rec},
			[]string{"fail aws_guardduty_detector.main: no aws_securityhub_account"}},
		{"recorder alone fails", []plantest.Res{rec},
			[]string{"fail aws_config_configuration_recorder.main: configures aws_config_configuration_recorder"}},
		{"a plan without account services is not judged", []plantest.Res{{Address: "aws_s3_bucket.b", After: `{"bucket":"b"}`}}, nil},
	})
}

func TestAwsS3AccountPublicAccessBlock(t *testing.T) {
	const a = "aws_s3_account_public_access_block.account"
	runCases(t, AwsS3AccountPublicAccessBlock{}, []ruleCase{
		{"all four pass", []plantest.Res{{Address: a, After: fullPAB}}, nil},
		{"one false and one unset fail", []plantest.Res{{Address: a, After: `{"block_public_acls":true,"block_public_policy":false,"ignore_public_acls":true}`}},
			[]string{
				"fail " + a + " block_public_policy: not true at the account level",
				"fail " + a + " restrict_public_buckets: not true at the account level (not set",
			}},
		{"from a computed value is unknown", []plantest.Res{{Address: a,
			After:   `{"block_public_acls":true,"block_public_policy":true,"ignore_public_acls":true}`,
			Unknown: `{"restrict_public_buckets":true}`, Set: []string{"restrict_public_buckets"}}},
			[]string{"unknown " + a + " restrict_public_buckets: computed during apply"}},
	})
}

func TestAwsEBSCopyEncryption(t *testing.T) {
	runCases(t, AwsEBSCopyEncryption{}, []ruleCase{
		{"encrypted snapshot copy passes", []plantest.Res{{Address: "aws_ebs_snapshot_copy.dr", After: `{"encrypted":true}`}}, nil},
		{"unencrypted snapshot copy fails", []plantest.Res{{Address: "aws_ebs_snapshot_copy.dr", After: `{"encrypted":false}`}},
			[]string{"fail aws_ebs_snapshot_copy.dr encrypted: not encrypted"}},
		{"AMI copy left unset fails", []plantest.Res{{Address: "aws_ami_copy.img", After: `{}`}},
			[]string{"fail aws_ami_copy.img encrypted: not encrypted (not set"}},
	})
}
