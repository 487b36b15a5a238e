package lintexamples

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// Every rule directory holds bad.tf and good.tf, every case is named bad* or good*,
// and every file is valid, formatted HCL.
func TestCaseLayout(t *testing.T) {
	rules := Rules()
	if len(rules) == 0 {
		t.Fatal("no rule examples embedded")
	}
	for _, id := range rules {
		if _, _, ok := Primary(id); !ok {
			t.Errorf("examples/lint/%s: bad.tf and good.tf are required", id)
		}
		for _, c := range For(id) {
			if !strings.HasPrefix(c.Name, "bad") && !strings.HasPrefix(c.Name, "good") {
				t.Errorf("examples/lint/%s: case names start with bad or good, so the meta-test knows the verdict", c.Path)
			}
			if strings.TrimSpace(c.Source) == "" {
				t.Errorf("examples/lint/%s is empty", c.Path)
			}
			if _, diags := hclsyntax.ParseConfig([]byte(c.Source), c.Path, hcl.InitialPos); diags.HasErrors() {
				t.Errorf("examples/lint/%s is not valid HCL: %s", c.Path, diags.Error())
			}
			// The docs show the files as they are: keep them as terraform fmt writes them.
			if formatted := string(hclwrite.Format([]byte(c.Source))); formatted != c.Source {
				t.Errorf("examples/lint/%s is not formatted: run terraform fmt examples/lint", c.Path)
			}
		}
	}
}

func TestForUnknownRule(t *testing.T) {
	if got := For("aws_no_such_rule"); got != nil {
		t.Errorf("For(unknown) = %v, want none", got)
	}
	if _, _, ok := Primary("aws_no_such_rule"); ok {
		t.Error("Primary(unknown) reports ok")
	}
}

func TestBad(t *testing.T) {
	for name, want := range map[string]bool{"bad": true, "bad_module": true, "good": false, "good_inline": false} {
		if got := (Case{Name: name}).Bad(); got != want {
			t.Errorf("Case{%q}.Bad() = %v, want %v", name, got, want)
		}
	}
}
