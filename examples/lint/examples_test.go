package lintexamples

import (
	"strings"
	"testing"
)

// Every rule directory holds bad.tf and good.tf, and every case is named bad* or good*.
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
