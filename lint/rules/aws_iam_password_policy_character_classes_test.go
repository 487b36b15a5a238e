package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

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
