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
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", c.ID, c.Title, c.Severity.Upper(), cisText, sh)
	}
	return b.String()
}

// controlEnforcement is how a resource enforces one control of the catalog. A
// resource's "Controls enforced" table is rendered from its list of them, and the
// resource's controls test walks the same list, showing each claim: the rejected
// configuration fails at plan citing the control, and the weakening is reported
// by the status attribute and repaired by the next apply.
type controlEnforcement struct {
	Control controls.Control
	// Rejects is a configuration argument refused at plan (`name = value`), or "".
	Rejects string
	// Drift is the status attribute that reports the control weakened outside
	// Terraform (repaired by the next apply), or "".
	Drift string
	// Scope says where the control holds when not everywhere, or "".
	Scope string
}

// enforcementTable renders a resource's controls with how each is enforced.
func enforcementTable(es ...controlEnforcement) string {
	var b strings.Builder
	b.WriteString("| Control | Requirement | Severity | CIS AWS Foundations | Security Hub | Enforced by |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, e := range es {
		c := e.Control
		var how []string
		if e.Rejects != "" {
			how = append(how, fmt.Sprintf("`%s` fails at plan", e.Rejects))
		}
		if e.Drift != "" {
			how = append(how, fmt.Sprintf("drift shown by `%s` and repaired", e.Drift))
		}
		text := strings.Join(how, "; ")
		if e.Scope != "" {
			text += " (" + e.Scope + ")"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", c.ID, c.Title, c.Severity.Upper(), cisRefs(c), orDash(c.Ref(controls.SecurityHub)), text)
	}
	return b.String()
}

func cisRefs(c controls.Control) string {
	var cis []string
	for _, f := range []controls.Framework{controls.CISv120, controls.CISv140, controls.CISv300, controls.CISv500} {
		if id := c.Ref(f); id != "" {
			cis = append(cis, fmt.Sprintf("%s (%s)", id, strings.TrimPrefix(string(f), "CIS AWS Foundations ")))
		}
	}
	return orDash(strings.Join(cis, ", "))
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
