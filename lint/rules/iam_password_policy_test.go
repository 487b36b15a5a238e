package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

const pp = "aws_iam_account_password_policy.p"

func policy(after, unknown string, configured ...string) plantest.Res {
	return plantest.Res{Address: pp, After: after, Unknown: unknown, Set: configured}
}

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

func TestAwsIAMPasswordPolicyCharacterClasses(t *testing.T) {
	all := `{"require_uppercase_characters":true,"require_lowercase_characters":true,"require_numbers":true,"require_symbols":true}`
	runCases(t, AwsIAMPasswordPolicyCharacterClasses{}, []ruleCase{
		{"all on passes", []plantest.Res{policy(all, ``)}, nil},
		{"symbols off", []plantest.Res{policy(`{"require_uppercase_characters":true,"require_lowercase_characters":true,"require_numbers":true,"require_symbols":false}`, ``)},
			[]string{"fail " + pp + " require_symbols: need a symbol"}},
		{"unset classes fail one by one", []plantest.Res{policy(`{"require_numbers":true,"require_symbols":true}`,
			`{"require_uppercase_characters":true,"require_lowercase_characters":true}`)},
			[]string{
				"fail " + pp + " require_lowercase_characters: the default is false",
				"fail " + pp + " require_uppercase_characters: the default is false",
			}},
		{"computed is unknown", []plantest.Res{policy(`{"require_uppercase_characters":true,"require_lowercase_characters":true,"require_numbers":true}`,
			`{"require_symbols":true}`, "require_symbols")},
			[]string{"unknown " + pp + " require_symbols: computed during apply"}},
	})
}
