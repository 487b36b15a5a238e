package rules

import (
	"slices"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// remediation is a rule's fix, from the catalog: the remediation of each of its
// controls (each distinct text once, in order), then, when hardened is not "",
// the sentence naming the hardened_* resource that makes the finding
// impossible. Rules do not write fix text of their own; the catalog holds it
// once for the linter and the provider (TestCatalogAgreement checks).
func remediation(hardened string, cs ...controls.Control) string {
	var parts []string
	for _, c := range cs {
		if c.Remediation != "" && !slices.Contains(parts, c.Remediation) {
			parts = append(parts, c.Remediation)
		}
	}
	if hardened != "" {
		parts = append(parts, hardened)
	}
	return strings.Join(parts, " ")
}
