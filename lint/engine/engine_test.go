package engine

import (
	"strings"
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

// Every resource that exists after apply is judged, unchanged ones included;
// --changes-only keeps the created, updated and replaced ones.
func TestRunEvaluatesEveryResourceOfTheRuleTypes(t *testing.T) {
	rep := Run(testPlan(t), []Rule{failIfBad{controls.SeverityHigh}}, Options{RecordPasses: true})
	got := statuses(append(rep.Findings, rep.Passes...))
	want := map[string]Status{
		"aws_s3_bucket.z": StatusFail, "aws_s3_bucket.a": StatusPass, `module.m["x"].aws_s3_bucket.b[0]`: StatusFail,
		"aws_s3_bucket.u": StatusUnknown, "aws_s3_bucket.same": StatusFail,
	}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s, want %s", k, got[k], v)
		}
	}
	if rep.Resources != 5 || rep.Changing != 4 {
		t.Errorf("resources = %d (%d changing), want 5 judged, 4 changing (rule-less types excluded, no-op included)", rep.Resources, rep.Changing)
	}
	changes := Run(testPlan(t), []Rule{failIfBad{controls.SeverityHigh}}, Options{ChangesOnly: true})
	if _, judged := statuses(changes.Findings)["aws_s3_bucket.same"]; judged || changes.Resources != 4 || changes.Changing != 4 {
		t.Errorf("--changes-only judges created, updated and replaced resources only: %d resources, %v", changes.Resources, statuses(changes.Findings))
	}
}

func TestApplyWaiversUnknownPolicyAndSorting(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	rep := Run(testPlan(t), []Rule{failIfBad{controls.SeverityMedium}}, Options{RecordPasses: true, ChangesOnly: true})
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

// partsRule fails part "upper" when after.upper is false, "symbols" when
// after.symbols is false, and reports "nothing" plan-wide when after.wide is true.
type partsRule struct{}

func (partsRule) Metadata() Metadata {
	return Metadata{ID: "parts_rule", Title: "t", Severity: controls.SeverityHigh, ResourceTypes: []string{"aws_iam_account_password_policy"},
		Controls: []controls.Control{controls.PasswordMinimumLength},
		Aliases:  []string{"CKV_AWS_0"},
		Parts: []Part{
			{ID: "upper", Aliases: []string{"CKV_AWS_15", "AWS-0061"}},
			{ID: "symbols", Aliases: []string{"CKV_AWS_14", "AWS-0060"}},
		},
		Related: []string{"AWS-0056"}}
}

func (partsRule) Check(_ *plan.Plan, r *plan.Resource, rep *Reporter) {
	if b, ok := r.Attr("upper").Bool(); ok && !b {
		rep.FailPart("upper", "upper", "no upper")
	}
	if b, ok := r.Attr("symbols").Bool(); ok && !b {
		rep.FailPart("symbols", "symbols", "no symbols")
	}
	if b, ok := r.Attr("wide").Bool(); ok && b {
		rep.FailPlanWide("", "plan-wide")
	}
	if b, ok := r.Attr("whole").Bool(); ok && !b {
		rep.Fail("", "whole")
	}
}

func TestFindingsCarryTheAliasesOfThePartThatFailed(t *testing.T) {
	p := plantest.Plan(t,
		plantest.Res{Address: "aws_iam_account_password_policy.s", After: `{"upper":true,"symbols":false}`},
		plantest.Res{Address: "aws_iam_account_password_policy.u", After: `{"upper":false,"symbols":true,"whole":false}`},
	)
	rep := Run(p, []Rule{partsRule{}}, Options{})
	got := map[string][]string{}
	for _, f := range rep.Findings {
		got[f.Address+" "+f.Message] = f.Aliases()
	}
	want := map[string][]string{
		"aws_iam_account_password_policy.s no symbols": {"CKV_AWS_0", "CKV_AWS_14", "AWS-0060"},
		"aws_iam_account_password_policy.u no upper":   {"CKV_AWS_0", "CKV_AWS_15", "AWS-0061"},
		"aws_iam_account_password_policy.u whole":      {"CKV_AWS_0"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for k, w := range want {
		if strings.Join(got[k], ",") != strings.Join(w, ",") {
			t.Errorf("%s: aliases %v, want %v", k, got[k], w)
		}
	}
	if all := strings.Join(partsRule{}.Metadata().AllAliases(), ","); all != "CKV_AWS_0,CKV_AWS_15,AWS-0061,CKV_AWS_14,AWS-0060" {
		t.Errorf("AllAliases = %s", all)
	}
}

func TestPlanWideFindingIsReportedOnce(t *testing.T) {
	p := plantest.Plan(t,
		plantest.Res{Address: "aws_iam_account_password_policy.a", After: `{"wide":true}`},
		plantest.Res{Address: "aws_iam_account_password_policy.b", After: `{"wide":true}`},
	)
	rep := Run(p, []Rule{partsRule{}}, Options{RecordPasses: true})
	if len(rep.Findings) != 1 || rep.Findings[0].Address != "aws_iam_account_password_policy.a" {
		t.Fatalf("want one plan-wide finding on the first resource, got %+v", rep.Findings)
	}
	if len(rep.Passes) != 0 {
		t.Errorf("the second resource shares the plan-wide failure and must not pass: %+v", rep.Passes)
	}
}
