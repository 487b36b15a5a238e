package provider

import (
	"fmt"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// controlsTable renders the controls a resource enforces as a Markdown table for
// its generated documentation, straight from the catalog.
func controlsTable(cs ...controls.Control) string {
	var b strings.Builder
	b.WriteString("| Control | Requirement | Severity | CIS AWS Foundations | Security Hub |\n")
	b.WriteString("|---|---|---|---|---|\n")
	for _, c := range cs {
		var cis []string
		for _, f := range []controls.Framework{controls.CISv120, controls.CISv140, controls.CISv300, controls.CISv500} {
			if id := c.Ref(f); id != "" {
				cis = append(cis, fmt.Sprintf("%s (%s)", id, strings.TrimPrefix(string(f), "CIS AWS Foundations ")))
			}
		}
		sh := c.Ref(controls.SecurityHub)
		if sh == "" {
			sh = "-"
		}
		cisText := strings.Join(cis, ", ")
		if cisText == "" {
			cisText = "-"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", c.ID, c.Title, c.Severity, cisText, sh)
	}
	return b.String()
}
