package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/internal/hclplan"
)

// Every rule's bad example fails it and its good example passes it: the examples
// in the docs (and in `hardened-lint explain`) are checked, not decorative.
func TestRuleExamples(t *testing.T) {
	for _, r := range All() {
		m := r.Metadata()
		t.Run(m.ID, func(t *testing.T) {
			verdicts := func(src string) (fails, unknowns int) {
				rep := engine.Run(hclplan.Plan(t, src), []engine.Rule{r}, engine.Options{})
				for _, f := range rep.Findings {
					switch f.Status {
					case engine.StatusFail:
						fails++
					case engine.StatusUnknown:
						unknowns++
					}
				}
				return
			}
			if fails, _ := verdicts(m.BadExample); fails == 0 {
				t.Errorf("the bad example does not fail the rule:\n%s", m.BadExample)
			}
			if fails, unknowns := verdicts(m.GoodExample); fails+unknowns != 0 {
				t.Errorf("the good example gets %d failures and %d unknowns:\n%s", fails, unknowns, m.GoodExample)
			}
		})
	}
}
