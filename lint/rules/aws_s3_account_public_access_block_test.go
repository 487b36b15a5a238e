package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

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
