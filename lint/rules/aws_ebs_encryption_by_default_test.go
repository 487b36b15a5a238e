package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsEBSEncryptionByDefault(t *testing.T) {
	const d = "aws_ebs_encryption_by_default.d"
	runCases(t, AwsEBSEncryptionByDefault{}, []ruleCase{
		{"enabled passes", []plantest.Res{{Address: d, After: `{"enabled":true}`}}, nil},
		{"disabled fails", []plantest.Res{{Address: d, After: `{"enabled":false}`}},
			[]string{"fail " + d + " enabled: EBS encryption by default is turned off"}},
		{"unset passes (the provider's default is true)", []plantest.Res{{Address: d, After: `{}`}}, nil},
		{"from a computed value is unknown", []plantest.Res{{Address: d, After: `{}`, Unknown: `{"enabled":true}`, Set: []string{"enabled"}}},
			[]string{"unknown " + d + " enabled: enabled is computed during apply"}},
	})
}
