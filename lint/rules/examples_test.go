package rules

import (
	"testing"

	lintexamples "github.com/hardened-tf/terraform-provider-hardened/examples/lint"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/internal/hclplan"
)

// Every rule's bad examples fail it and its good examples pass it: the examples
// in the docs (and in `hardened-lint explain`) are checked, not decorative. The
// cases are the files of examples/lint/<rule_id>/, embedded by package lintexamples.
func TestRuleExamples(t *testing.T) {
	for _, r := range All() {
		m := r.Metadata()
		t.Run(m.ID, func(t *testing.T) {
			cases := lintexamples.For(m.ID)
			var bad, good int
			for _, c := range cases {
				rep := engine.Run(hclplan.Plan(t, c.Source), []engine.Rule{r}, engine.Options{})
				var fails, unknowns int
				for _, f := range rep.Findings {
					switch f.Status {
					case engine.StatusFail:
						fails++
					case engine.StatusUnknown:
						unknowns++
					}
				}
				if c.Bad() {
					bad++
					if fails == 0 {
						t.Errorf("examples/lint/%s does not fail the rule:\n%s", c.Path, c.Source)
					}
					continue
				}
				good++
				if fails+unknowns != 0 {
					t.Errorf("examples/lint/%s gets %d failures and %d unknowns:\n%s", c.Path, fails, unknowns, c.Source)
				}
			}
			if bad == 0 || good == 0 {
				t.Errorf("examples/lint/%s needs at least one bad and one good case (bad.tf, good.tf)", m.ID)
			}
		})
	}
}

// Every examples directory belongs to a registered rule.
func TestExamplesHaveRules(t *testing.T) {
	for _, id := range lintexamples.Rules() {
		if _, ok := Lookup(id); !ok {
			t.Errorf("examples/lint/%s has no rule in the registry (rules.All)", id)
		}
	}
}
