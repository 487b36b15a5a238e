package engine

import (
	"fmt"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

// manyMessages reports several findings a resource, formatted in the
// Reporter's buffer, handed to fmt, constant, and naming sensitive values.
type manyMessages struct{ id string }

func (m manyMessages) Metadata() Metadata {
	return Metadata{ID: m.id, Title: "t", Severity: controls.SeverityHigh, ResourceTypes: []string{"aws_s3_bucket"},
		Controls: []controls.Control{controls.PasswordMinimumLength}, Parts: []Part{{ID: "p"}}}
}

func (m manyMessages) Check(_ *plan.Plan, r *plan.Resource, rep *Reporter) {
	name, _ := r.Attr("name").Str()
	rep.Fail("a", "%s has %d problems, %q first", r.Address, 3, name)
	rep.FailPart("p", "b", "constant message")
	rep.Unknown("c", "%v of %s is %5.1f%%", true, name, 12.5) // handed to fmt
	rep.UnknownPart("p", "d", "%s", "")
	rep.Fail("e", "%s", name)
}

func wantMessages(address, name string) []string {
	scrubbed := func(s string) string {
		if name == "hunter22" {
			return redact(s, name)
		}
		return s
	}
	return []string{
		scrubbed(fmt.Sprintf("%s has %d problems, %q first", address, 3, name)),
		"constant message",
		scrubbed(fmt.Sprintf("%v of %s is %5.1f%%", true, name, 12.5)),
		"",
		scrubbed(name),
	}
}

// Each finding gets its own message, though a resource's messages share one
// string, in Run and in Visit, across resources and rules; a resource's
// sensitive values are scrubbed from each.
func TestReporterMessagesOfManyFindings(t *testing.T) {
	p := plantest.Plan(t,
		plantest.Res{Address: "aws_s3_bucket.a", After: `{"name":"alpha"}`},
		plantest.Res{Address: "aws_s3_bucket.s", After: `{"name":"hunter22"}`, Sensitive: `{"name":true}`},
		plantest.Res{Address: `aws_s3_bucket.z["é"]`, After: `{"name":"z\"q\u00ff"}`},
	)
	rules := []Rule{manyMessages{"rule_a"}, manyMessages{"rule_b"}}
	check := func(how string, fs []Finding) {
		t.Helper()
		byAddr := map[string]map[string][]string{}
		for _, f := range fs {
			if byAddr[f.Address] == nil {
				byAddr[f.Address] = map[string][]string{}
			}
			byAddr[f.Address][f.Rule.ID] = append(byAddr[f.Address][f.Rule.ID], f.Attribute+": "+f.Message)
		}
		for _, r := range p.Resources {
			name, _ := r.Attr("name").Str()
			want := wantMessages(r.Address, name)
			for _, id := range []string{"rule_a", "rule_b"} {
				got := byAddr[r.Address][id]
				if len(got) != len(want) {
					t.Fatalf("%s: %s %s: %d findings %q, want %d", how, r.Address, id, len(got), got, len(want))
				}
				seen := map[string]bool{}
				for _, g := range got {
					seen[g] = true
				}
				for i, w := range want {
					if a := string(rune('a'+i)) + ": " + w; !seen[a] {
						t.Errorf("%s: %s %s: no finding %q in %q", how, r.Address, id, a, got)
					}
				}
			}
		}
	}
	check("Run", Run(p, rules, Options{}).Findings)
	var visited []Finding
	Visit(p, rules, Options{}, func(findings, _ []Finding) { visited = append(visited, findings...) })
	check("Visit", visited)
	for _, f := range visited {
		if f.Address == "aws_s3_bucket.s" && (contains([]string{f.Message}, "hunter22") || len(f.Message) > 0 && f.Attribute == "e" && f.Message != Redacted) {
			t.Errorf("sensitive value left in %q", f.Message)
		}
	}
}
