package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsIAMPasswordPolicyMaxAge(t *testing.T) {
	runCases(t, AwsIAMPasswordPolicyMaxAge{}, []ruleCase{
		{"90 passes", []plantest.Res{policy(`{"max_password_age":90}`, ``)}, nil},
		{"30 passes", []plantest.Res{policy(`{"max_password_age":30}`, ``)}, nil},
		{"365 fails", []plantest.Res{policy(`{"max_password_age":365}`, ``)},
			[]string{"fail " + pp + " max_password_age: is 365 days"}},
		{"0 never expires", []plantest.Res{policy(`{"max_password_age":0}`, ``)},
			[]string{"fail " + pp + " max_password_age: never expire"}},
		{"unset fails", []plantest.Res{policy(`{}`, `{"max_password_age":true}`)},
			[]string{"fail " + pp + " max_password_age: never expire"}},
	})
}
