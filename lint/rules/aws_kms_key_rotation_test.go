package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsKMSKeyRotation(t *testing.T) {
	const k = "aws_kms_key.k"
	runCases(t, AwsKMSKeyRotation{}, []ruleCase{
		{"rotation on passes", []plantest.Res{{Address: k, After: `{"customer_master_key_spec":"SYMMETRIC_DEFAULT","key_usage":"ENCRYPT_DECRYPT","enable_key_rotation":true}`}}, nil},
		{"rotation off fails", []plantest.Res{{Address: k, After: `{"customer_master_key_spec":"SYMMETRIC_DEFAULT","key_usage":"ENCRYPT_DECRYPT","enable_key_rotation":false}`}},
			[]string{"fail " + k + " enable_key_rotation: automatic key rotation is off"}},
		{"unset fails (the default is false)", []plantest.Res{{Address: k, After: `{"description":"data"}`}},
			[]string{"fail " + k + " enable_key_rotation: automatic key rotation is off (not set, and the default is false)"}},
		{"from a computed value is unknown", []plantest.Res{{Address: k, After: `{}`, Unknown: `{"enable_key_rotation":true}`, Set: []string{"enable_key_rotation"}}},
			[]string{"unknown " + k + " enable_key_rotation: enable_key_rotation is computed during apply"}},
		{"an asymmetric signing key is not rotated by AWS", []plantest.Res{{Address: k,
			After: `{"customer_master_key_spec":"RSA_2048","key_usage":"SIGN_VERIFY","enable_key_rotation":false}`}}, nil},
		{"an HMAC key is not rotated by AWS", []plantest.Res{{Address: k,
			After: `{"customer_master_key_spec":"HMAC_256","key_usage":"GENERATE_VERIFY_MAC","enable_key_rotation":false}`}}, nil},
	})
}
