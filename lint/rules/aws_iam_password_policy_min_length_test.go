package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsIAMPasswordPolicyMinLength(t *testing.T) {
	runCases(t, AwsIAMPasswordPolicyMinLength{}, []ruleCase{
		{"14 passes", []plantest.Res{policy(`{"minimum_password_length":14}`, ``)}, nil},
		{"32 passes", []plantest.Res{policy(`{"minimum_password_length":32}`, ``)}, nil},
		{"8 fails", []plantest.Res{policy(`{"minimum_password_length":8}`, ``)},
			[]string{"fail " + pp + " minimum_password_length: is 8; it must be at least 14"}},
		{"unset fails", []plantest.Res{policy(`{}`, ``)},
			[]string{"fail " + pp + " minimum_password_length: not set"}},
		{"computed is unknown", []plantest.Res{policy(`{}`, `{"minimum_password_length":true}`, "minimum_password_length")},
			[]string{"unknown " + pp + " minimum_password_length: computed during apply"}},
	})
}
