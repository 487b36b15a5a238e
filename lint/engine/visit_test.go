package engine_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/internal/genplan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
	"github.com/hardened-tf/terraform-provider-hardened/lint/rules"
)

// Visit hands out, resource by resource, exactly Run's verdicts in Sort's
// order, with the same counts, on every generated shape.
func TestVisitMatchesRun(t *testing.T) {
	for _, s := range genplan.Shapes {
		t.Run(s.Name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := s.Write(&buf, "", 3); err != nil {
				t.Fatal(err)
			}
			p, err := plan.Parse(buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			opts := engine.Options{RecordPasses: true}
			rep := engine.Run(p, rules.All(), opts)
			engine.Sort(rep.Findings)
			engine.Sort(rep.Passes)
			var findings, passes []engine.Finding
			calls := 0
			counts := engine.Visit(p, rules.All(), opts, func(fs, ps []engine.Finding) {
				calls++
				for _, f := range append(append([]engine.Finding{}, fs...), ps...) {
					if f.Address != fs0(fs, ps).Address {
						t.Errorf("one call holds %s and %s", fs0(fs, ps).Address, f.Address)
					}
				}
				findings = append(findings, fs...)
				passes = append(passes, ps...)
			})
			if counts.Resources != rep.Resources || counts.Checks != rep.Checks || counts.Changing != rep.Changing || counts.Unchanged != rep.Unchanged {
				t.Errorf("Visit counts %d resources (%d changing, %d unchanged), %d checks; Run %d (%d, %d), %d",
					counts.Resources, counts.Changing, counts.Unchanged, counts.Checks, rep.Resources, rep.Changing, rep.Unchanged, rep.Checks)
			}
			if len(rep.Findings) == 0 || calls < 2 {
				t.Fatalf("%d findings in %d calls: the shapes have findings on several resources", len(rep.Findings), calls)
			}
			if !reflect.DeepEqual(findings, rep.Findings) {
				t.Errorf("Visit's findings differ from Run's sorted ones (%d and %d)", len(findings), len(rep.Findings))
			}
			if !reflect.DeepEqual(passes, rep.Passes) {
				t.Errorf("Visit's passes differ from Run's sorted ones (%d and %d)", len(passes), len(rep.Passes))
			}
		})
	}
}

func fs0(fs, ps []engine.Finding) engine.Finding {
	if len(fs) > 0 {
		return fs[0]
	}
	return ps[0]
}

// failAll fails every resource and data source of its types.
type failAll struct{}

func (failAll) Metadata() engine.Metadata {
	return engine.Metadata{ID: "test_fail_all", Title: "t", Severity: controls.SeverityHigh,
		ResourceTypes: []string{"aws_s3_bucket"}, DataSourceTypes: []string{"hardened_account_posture"}}
}

func (failAll) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	rep.Fail("", "fails %s", r.Address)
}

// Data sources come among the managed resources in address order, where Sort
// puts them, not after them all: an output written as Visit goes is the one
// written from Run's sorted findings.
func TestVisitOrdersDataSourcesAmongResources(t *testing.T) {
	p := plantest.Plan(t,
		plantest.Res{Address: "module.m.aws_s3_bucket.b"},
		plantest.Res{Address: "aws_s3_bucket.a"},
		plantest.Res{Address: "data.hardened_account_posture.now", After: `{}`},
	)
	rep := engine.Run(p, []engine.Rule{failAll{}}, engine.Options{})
	engine.Sort(rep.Findings)
	var want, got []string
	for _, f := range rep.Findings {
		want = append(want, f.Address)
	}
	engine.Visit(p, []engine.Rule{failAll{}}, engine.Options{}, func(fs, _ []engine.Finding) {
		for _, f := range fs {
			got = append(got, f.Address)
		}
	})
	if len(want) != 3 || !reflect.DeepEqual(got, want) {
		t.Errorf("Visit's order %q, Run's sorted %q (want all three, the data source second)", got, want)
	}
}
