package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsIAMPasswordPolicyReusePrevention(t *testing.T) {
	runCases(t, AwsIAMPasswordPolicyReusePrevention{}, []ruleCase{
		{"24 passes", []plantest.Res{policy(`{"password_reuse_prevention":24}`, ``)}, nil},
		// trivy passes 5; CIS asks for 24.
		{"5 fails", []plantest.Res{policy(`{"password_reuse_prevention":5}`, ``)},
			[]string{"fail " + pp + " password_reuse_prevention: is 5; it must be 24"}},
		{"unset and left to AWS fails", []plantest.Res{policy(`{}`, `{"password_reuse_prevention":true}`)},
			[]string{"fail " + pp + " password_reuse_prevention: not set"}},
		{"from a variable computed later is unknown", []plantest.Res{policy(`{}`, `{"password_reuse_prevention":true}`, "password_reuse_prevention")},
			[]string{"unknown " + pp + " password_reuse_prevention: computed during apply"}},
	})
}
