package genplan_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/internal/genplan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/rules"
)

// copyName matches what tells copies apart in a message: module call names and instance keys.
var copyName = regexp.MustCompile(`app_\d+|region_\d+|\[\d+\]|\["svc-\d+"\]|corpus-\d+-`)

// verdicts lints a shape's plan of n copies and returns its findings as
// "rule status attribute" counts, addresses left out (they differ per copy).
func verdicts(t *testing.T, s genplan.Shape, n int) (map[string]int, int) {
	t.Helper()
	var buf bytes.Buffer
	if err := s.Write(&buf, "", n); err != nil {
		t.Fatal(err)
	}
	p, err := plan.Parse(buf.Bytes())
	if err != nil {
		t.Fatalf("shape %s, %d copies: %v", s.Name, n, err)
	}
	rep := engine.Run(p, rules.All(), engine.Options{})
	out := map[string]int{}
	for _, f := range rep.Findings {
		if f.Rule.PlanWide {
			// Once per plan however many copies: counted as if once per copy.
			out[copyName.ReplaceAllString(fmt.Sprintf("%s %s %s: %s", f.Rule.ID, f.Status, f.Attribute, f.Message), "#")] += n
			continue
		}
		out[copyName.ReplaceAllString(fmt.Sprintf("%s %s %s: %s", f.Rule.ID, f.Status, f.Attribute, f.Message), "#")]++
	}
	return out, len(p.Resources)
}

// Every copy of a shape is linted as the sources alone would be: n copies give
// each verdict n times (the resources of one copy never pair with another's).
func TestShapesCopiesLintAlike(t *testing.T) {
	for _, s := range genplan.Shapes {
		t.Run(s.Name, func(t *testing.T) {
			one, r1 := verdicts(t, s, 1)
			three, r3 := verdicts(t, s, 3)
			if r3 != 3*r1 || r1 == 0 {
				t.Fatalf("%d resources in one copy, %d in three", r1, r3)
			}
			if len(one) == 0 {
				t.Fatal("no findings in one copy: the sources are insecure enough to have some")
			}
			var diff []string
			for k, v := range three {
				if v != 3*one[k] {
					diff = append(diff, fmt.Sprintf("%s: %d in one copy, %d in three", k, one[k], v))
				}
			}
			for k, v := range one {
				if three[k] == 0 {
					diff = append(diff, fmt.Sprintf("%s: %d in one copy, none in three", k, v))
				}
			}
			sort.Strings(diff)
			if len(diff) > 0 {
				t.Errorf("verdicts differ between copies:\n%s", strings.Join(diff, "\n"))
			}
		})
	}
}

func TestShapeNamed(t *testing.T) {
	if _, err := genplan.ShapeNamed("calls"); err != nil {
		t.Fatal(err)
	}
	if _, err := genplan.ShapeNamed("cals"); err == nil || !strings.Contains(err.Error(), "calls") {
		t.Fatalf("an unknown shape gives %v, want an error listing the shapes", err)
	}
}

// Each copy's resources have names of their own, as a real module's or
// count's instances do: no value is the same text in every copy.
func TestShapesNameEachCopy(t *testing.T) {
	for _, s := range genplan.Shapes {
		var buf bytes.Buffer
		if err := s.Write(&buf, "", 3); err != nil {
			t.Fatal(err)
		}
		changes, _, _ := strings.Cut(buf.String(), `"configuration"`)
		for i := range 3 {
			if !strings.Contains(changes, fmt.Sprintf(`"corpus-%d-`, i)) {
				t.Errorf("%s: no name of copy %d", s.Name, i)
			}
		}
		if same := regexp.MustCompile(`corpus-[^0-9]`).FindString(changes); same != "" {
			t.Errorf("%s: a source's name left the same in every copy (%q)", s.Name, same)
		}
	}
}

// A shape's resource changes come sorted by address, as terraform show -json
// writes them (module.app_10 before module.app_2, [10] before [2]).
func TestShapesSortedAsTerraform(t *testing.T) {
	for _, s := range genplan.Shapes {
		var buf bytes.Buffer
		if err := s.Write(&buf, "", 12); err != nil {
			t.Fatal(err)
		}
		var p struct {
			ResourceChanges []struct {
				Address string `json:"address"`
			} `json:"resource_changes"`
		}
		if err := json.Unmarshal(buf.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		var addrs []string
		for _, rc := range p.ResourceChanges {
			addrs = append(addrs, rc.Address)
		}
		if !sort.StringsAreSorted(addrs) || len(addrs) == 0 {
			t.Errorf("%s: resource changes not sorted by address: %v", s.Name, addrs)
		}
	}
}
