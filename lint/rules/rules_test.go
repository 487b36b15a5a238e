package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

// ruleCase is one table row: resources in, the non-pass verdicts expected out,
// each as "status address attribute: message-substring".
type ruleCase struct {
	name      string
	resources []plantest.Res
	want      []string
}

func runCases(t *testing.T, rule engine.Rule, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectFindings(t, rule, plantest.Plan(t, tc.resources...), tc.want)
		})
	}
}

// expectFindings runs the rule over a plan and compares its non-pass verdicts
// with want, written as in ruleCase.
func expectFindings(t *testing.T, rule engine.Rule, p *plan.Plan, want []string) {
	t.Helper()
	rep := engine.Run(p, []engine.Rule{rule}, engine.Options{})
	var got []engine.Finding
	for _, f := range rep.Findings {
		if f.Status != engine.StatusPass {
			got = append(got, f)
		}
	}
	engine.Sort(got)
	for _, f := range got {
		if f.Part != "" && !f.Rule.HasPart(f.Part) {
			t.Errorf("%s reports part %q, which its metadata does not declare in Parts", f.Rule.ID, f.Part)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("got %d findings, want %d:\n%s", len(got), len(want), dump(got))
	}
	for i, w := range want {
		head, msg, _ := strings.Cut(w, ": ")
		f := got[i]
		if gotHead := fmt.Sprintf("%s %s %s", f.Status, f.Address, f.Attribute); strings.TrimSpace(gotHead) != head {
			t.Errorf("finding %d is %q, want %q", i, gotHead, head)
		}
		if !strings.Contains(f.Message, msg) {
			t.Errorf("finding %d message %q does not contain %q", i, f.Message, msg)
		}
	}
}

func dump(fs []engine.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s %s %s: %s\n", f.Status, f.Address, f.Attribute, f.Message)
	}
	return b.String()
}

// Every rule's metadata is complete: ID format, title, severity, controls from the
// catalog, remediation naming a hardened_* resource, resource types, docs link.
func TestRuleMetadata(t *testing.T) {
	// aws_* rules judge hashicorp/aws resources; hardened_* ones what the hardened provider's data sources read.
	idFormat := regexp.MustCompile(`^(aws|hardened)_[a-z0-9_]+$`)
	seen := map[string]bool{}
	for _, r := range All() {
		m := r.Metadata()
		if !idFormat.MatchString(m.ID) || seen[m.ID] {
			t.Errorf("%q: bad or duplicate ID", m.ID)
		}
		seen[m.ID] = true
		if m.Title == "" || m.Rationale == "" || len(m.ResourceTypes)+len(m.DataSourceTypes) == 0 || len(m.Controls) == 0 {
			t.Errorf("%s: title, rationale, resource or data source types and controls are required", m.ID)
		}
		if m.Severity.Rank() == 0 {
			t.Errorf("%s: bad severity %q", m.ID, m.Severity)
		}
		// The hardened_* resource that prevents the finding where one exists, else the exact fix.
		if !strings.Contains(m.Remediation, "hardened_") && !strings.Contains(m.Remediation, "aws_") {
			t.Errorf("%s: remediation must name the hardened_* resource or the aws_* resource and setting that fix it", m.ID)
		}
		if !strings.HasSuffix(m.Link(), "/docs/lint/rules/"+m.ID+".md") {
			t.Errorf("%s: link %s", m.ID, m.Link())
		}
		for _, a := range m.Aliases {
			if !regexp.MustCompile(`^(CKV2?_AWS_\d+|AWS-\d{4})$`).MatchString(a) {
				t.Errorf("%s: alias %q is neither a checkov nor a trivy ID", m.ID, a)
			}
		}
	}
}

// The registry lists every rule once, sorted by ID: make new-rule keeps it so.
func TestRegistrySorted(t *testing.T) {
	all := All()
	for i := 1; i < len(all); i++ {
		if prev, id := all[i-1].Metadata().ID, all[i].Metadata().ID; prev >= id {
			t.Errorf("the registry (provider.go) lists %s before %s: keep it sorted by ID, each rule once", prev, id)
		}
	}
}

// One rule, one place: a rule is declared in lint/rules/<id>.go, the only file
// declaring a Metadata method, beside its table test in <id>_test.go.
func TestRuleFiles(t *testing.T) {
	metadataMethod := regexp.MustCompile(`(?m)^func \((?:\w+\s+)?\*?(\w+)\) Metadata\(\) engine\.Metadata`)
	declaredIn := map[string]string{}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ms := metadataMethod.FindAllStringSubmatch(string(src), -1)
		if len(ms) > 1 {
			t.Errorf("%s declares %d rules: one rule per file", f, len(ms))
		}
		for _, m := range ms {
			declaredIn[m[1]] = f
		}
	}
	for _, r := range All() {
		id, typ := r.Metadata().ID, reflect.TypeOf(r).Name()
		if got := declaredIn[typ]; got != id+".go" {
			t.Errorf("%s: rule %s is declared in %q, want %s.go", id, typ, got, id)
		}
		test, err := os.ReadFile(id + "_test.go")
		if err != nil || !strings.Contains(string(test), "func Test"+typ+"(t *testing.T)") {
			t.Errorf("%s: %s_test.go with the table test Test%s is required", id, id, typ)
		}
	}
}
