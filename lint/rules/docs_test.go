package rules

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/lint from the rule metadata")

const docsDir = "../../docs/lint"

// ruleDoc renders one rule's page (description, example, why, how to fix), as
// tflint-ruleset-aws's docs do.
func ruleDoc(m engine.Metadata) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\n", m.ID, m.Title)
	fmt.Fprintf(&b, "- **Severity:** %s\n- **Resource types:** %s\n", m.Severity, "`"+strings.Join(m.ResourceTypes, "`, `")+"`")
	if len(m.Aliases) > 0 {
		fmt.Fprintf(&b, "- **Equivalent checks:** %s\n", strings.Join(m.Aliases, ", "))
	}
	b.WriteString("\n## Controls\n\n| Control | Requirement | References |\n|---|---|---|\n")
	for _, c := range m.Controls {
		refs := c.CiteAll()
		if refs == "" {
			refs = "-"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", c.ID, c.Title, refs)
	}
	for _, c := range m.Controls {
		if len(c.Ports) > 0 {
			var ps []string
			for _, p := range c.Ports {
				ps = append(ps, p.String())
			}
			fmt.Fprintf(&b, "\nPorts that must never be open to the internet: %s.\n", strings.Join(ps, ", "))
			break
		}
	}
	fmt.Fprintf(&b, "\n## Example\n\nInsecure:\n\n```hcl\n%s```\n\nSecure:\n\n```hcl\n%s```\n", hclFormat(m.BadExample), hclFormat(m.GoodExample))
	fmt.Fprintf(&b, "\n## Why\n\n%s\n\n## How to fix\n\n%s\n", m.Rationale, m.Remediation)
	b.WriteString("\n## Waiving it\n\nIn `.hardened-lint.hcl`:\n\n```hcl\n")
	fmt.Fprintf(&b, "waiver %q {\n  address = \"module.legacy.*\"\n  reason  = \"why this is accepted, and the ticket that ends it\"\n  expires = \"2027-06-30\"\n}\n```\n", m.ID)
	return b.String()
}

func indexDoc(all []engine.Rule) string {
	var b strings.Builder
	b.WriteString("# hardened-lint rules\n\nGenerated from the rule metadata (`go test ./lint/rules -update-docs`). Every rule reads the\n" +
		"controls catalog the `hardened` provider validates against, so the two never disagree.\n\n")
	b.WriteString("| Rule | Severity | Controls | Equivalent checks |\n|---|---|---|---|\n")
	for _, r := range all {
		m := r.Metadata()
		var ids []string
		for _, c := range m.Controls {
			ids = append(ids, c.ID+" ("+c.Cite()+")")
		}
		fmt.Fprintf(&b, "| [`%s`](rules/%s.md) | %s | %s | %s |\n", m.ID, m.ID, m.Severity, strings.Join(ids, "; "), strings.Join(m.Aliases, ", "))
	}
	b.WriteString("\nSee also [CI and pre-commit](ci.md) and [performance](performance.md).\n")
	return b.String()
}

// The committed rule docs match the metadata; -update-docs rewrites them.
func TestRuleDocsUpToDate(t *testing.T) {
	files := map[string]string{"README.md": indexDoc(All())}
	for _, r := range All() {
		m := r.Metadata()
		files[filepath.Join("rules", m.ID+".md")] = ruleDoc(m)
		// examples/lint/<id>/{bad,good}.tf, formatted as terraform fmt would.
		files[filepath.Join("..", "..", "examples", "lint", m.ID, "bad.tf")] = hclFormat(m.BadExample)
		files[filepath.Join("..", "..", "examples", "lint", m.ID, "good.tf")] = hclFormat(m.GoodExample)
	}
	for name, want := range files {
		path := filepath.Join(docsDir, name)
		if *updateDocs {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != want {
			t.Errorf("%s is missing or stale: run go test ./lint/rules -update-docs", path)
		}
	}
}

// hclFormat canonicalises an example as terraform fmt does.
func hclFormat(src string) string {
	out := string(hclwrite.Format([]byte(strings.TrimSpace(src) + "\n")))
	return out
}
