package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudwatchLogGroupKMS(t *testing.T) {
	const lg = "aws_cloudwatch_log_group.app"
	runCases(t, AwsCloudwatchLogGroupKMS{}, []ruleCase{
		{"a key passes", []plantest.Res{{Address: lg, After: `{"kms_key_id":"arn:aws:kms:us-east-1:123456789012:key/k"}`}}, nil},
		{"a key created in the same apply passes", []plantest.Res{{Address: lg, After: `{}`, Unknown: `{"kms_key_id":true}`, Set: []string{"kms_key_id"}}}, nil},
		{"no key fails", []plantest.Res{{Address: lg, After: `{"kms_key_id":null}`}},
			[]string{"fail " + lg + " kms_key_id: not set"}},
	})
}
