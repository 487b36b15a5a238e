package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudtrailKMSEncryption(t *testing.T) {
	runCases(t, AwsCloudtrailKMSEncryption{}, []ruleCase{
		{"a key passes", []plantest.Res{ct(`{"kms_key_id":"arn:aws:kms:us-east-1:123456789012:key/x"}`, ``)}, nil},
		{"a key created in the same apply passes", []plantest.Res{ct(`{}`, `{"kms_key_id":true}`, "kms_key_id")}, nil},
		{"no key fails", []plantest.Res{ct(`{"kms_key_id":null}`, ``)}, []string{"fail " + trail + " kms_key_id: not set"}},
	})
}
