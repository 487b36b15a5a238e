package engine

import (
	"testing"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

// failIfBad fails every resource whose after.bad is true, unknown when it is unknown.
type failIfBad struct{ sev controls.Severity }

func (f failIfBad) Metadata() Metadata {
	return Metadata{ID: "test_rule", Title: "t", Severity: f.sev, ResourceTypes: []string{"aws_s3_bucket"},
		Controls: []controls.Control{controls.PasswordMinimumLength}}
}

func (failIfBad) Check(_ *plan.Plan, r *plan.Resource, rep *Reporter) {
	v := r.Attr("bad")
	if v.Unknown() {
		rep.Unknown("bad", "unknown")
	} else if b, _ := v.Bool(); b {
		rep.Fail("bad", "bad")
	}
}

func testPlan(t *testing.T) *plan.Plan {
	return plantest.Plan(t,
		plantest.Res{Address: "aws_s3_bucket.z", After: `{"bad":true}`},
		plantest.Res{Address: "aws_s3_bucket.a", After: `{"bad":false}`},
		plantest.Res{Address: `module.m["x"].aws_s3_bucket.b[0]`, After: `{"bad":true}`},
		plantest.Res{Address: "aws_s3_bucket.u", Unknown: `{"bad":true}`},
		plantest.Res{Address: "aws_s3_bucket.same", After: `{"bad":true}`, Actions: []string{"no-op"}},
		plantest.Res{Address: "aws_iam_user.other", After: `{"bad":true}`},
	)
}

func statuses(fs []Finding) map[string]Status {
	out := map[string]Status{}
	for _, f := range fs {
		out[f.Address] = f.Status
	}
	return out
}

func TestRunEvaluatesChangedResourcesOfTheRuleTypes(t *testing.T) {
	rep := Run(testPlan(t), []Rule{failIfBad{controls.SeverityHigh}}, Options{RecordPasses: true})
	got := statuses(append(rep.Findings, rep.Passes...))
	want := map[string]Status{
		"aws_s3_bucket.z": StatusFail, "aws_s3_bucket.a": StatusPass, `module.m["x"].aws_s3_bucket.b[0]`: StatusFail,
		"aws_s3_bucket.u": StatusUnknown,
	}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s, want %s", k, got[k], v)
		}
	}
	if rep.Resources != 4 {
		t.Errorf("resources = %d, want 4 (no-op and rule-less types excluded)", rep.Resources)
	}
	all := Run(testPlan(t), []Rule{failIfBad{controls.SeverityHigh}}, Options{IncludeNoOp: true})
	if statuses(all.Findings)["aws_s3_bucket.same"] != StatusFail || all.Resources != 5 {
		t.Error("--all should evaluate no-op resources")
	}
}

func TestApplyWaiversUnknownPolicyAndSorting(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	rep := Run(testPlan(t), []Rule{failIfBad{controls.SeverityMedium}}, Options{RecordPasses: true})
	pol := Policy{
		Now:     now,
		Unknown: UnknownWarn,
		Waivers: []Waiver{
			{RuleID: "test_rule", Address: `module.m["x"].*`, Reason: "legacy", Expires: day("2026-11-23"), Where: "w:1"},
			{RuleID: "test_rule", Address: "aws_s3_bucket.z", Reason: "old", Expires: day("2026-11-22"), Where: "w:5"},
		},
	}
	fs := Apply(rep.Findings, pol)
	got := statuses(fs)
	if got[`module.m["x"].aws_s3_bucket.b[0]`] != StatusWaived {
		t.Error("a waiver that expires today still applies")
	}
	if got["aws_s3_bucket.z"] != StatusFail {
		t.Error("an expired waiver must not apply")
	}
	for _, f := range fs {
		if f.Address == "aws_s3_bucket.z" && f.Note != "waiver (w:5) expired on 2026-11-22 and no longer applies" {
			t.Errorf("expired waiver note = %q", f.Note)
		}
	}
	for i := 1; i < len(fs); i++ {
		if fs[i-1].Address > fs[i].Address {
			t.Fatalf("not sorted: %s before %s", fs[i-1].Address, fs[i].Address)
		}
	}
	s := pol.Summarize(rep.Resources, fs)
	if s.Failed != 1 || s.Unknown != 1 || s.Waived != 1 || len(rep.Passes) != 1 {
		t.Errorf("summary %+v", s)
	}

	failing := func(p Policy) int {
		n := 0
		for _, f := range Apply(rep.Findings, p) {
			if p.Failing(f) {
				n++
			}
		}
		return n
	}
	if n := failing(Policy{Now: now, Unknown: UnknownWarn}); n != 2 {
		t.Errorf("warn: %d failing, want 2", n)
	}
	if n := failing(Policy{Now: now, Unknown: UnknownFail}); n != 3 {
		t.Errorf("unknown=fail: %d failing, want 3", n)
	}
	if n := len(Apply(rep.Findings, Policy{Now: now, Unknown: UnknownIgnore})); n != 2 {
		t.Errorf("unknown=ignore should drop the unknown finding, %d left", n)
	}
	if n := failing(Policy{Now: now, Unknown: UnknownWarn, FailOn: controls.SeverityHigh}); n != 0 {
		t.Errorf("fail_on=high with medium findings: %d failing, want 0", n)
	}
}

func TestGlobMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, s string
		want       bool
	}{
		{"aws_s3_bucket.a", "aws_s3_bucket.a", true},
		{"aws_s3_bucket.a", "aws_s3_bucket.ab", false},
		{"aws_s3_bucket.*", `aws_s3_bucket.a["x"]`, true},
		{`module.m["x"].*`, `module.m["x"].aws_s3_bucket.b[0]`, true},
		{`module.m["x"].*`, `module.m["y"].aws_s3_bucket.b[0]`, false},
		{"*[0]", "aws_s3_bucket.b[0]", true},
		{"aws_s3_bucket.b[?]", "aws_s3_bucket.b[1]", true},
		{"*", "anything", true},
	} {
		if got := globMatch(tc.pattern, tc.s); got != tc.want {
			t.Errorf("globMatch(%q, %q) = %v", tc.pattern, tc.s, got)
		}
	}
}

func TestParsers(t *testing.T) {
	if _, err := ParseSeverity("HIGH"); err != nil {
		t.Error(err)
	}
	if _, err := ParseSeverity("urgent"); err == nil {
		t.Error("urgent should be refused")
	}
	if _, err := ParseUnknownPolicy("maybe"); err == nil {
		t.Error("maybe should be refused")
	}
}
