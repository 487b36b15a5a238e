package engine

import (
	"testing"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

// A regression fails the run whatever fail_on says, unless regressions are set
// to warn or ignore; a waiver accepts it like any finding; a replaced one is a note.
func TestRegressionPolicy(t *testing.T) {
	reg := Finding{Rule: &Metadata{ID: "aws_security_control_weakened", Severity: SeverityLow}, Status: StatusRegression,
		Address: "aws_cloudtrail.main"}
	replaced := Finding{Rule: &Metadata{ID: "aws_security_control_deleted", Severity: SeverityHigh}, Status: StatusReplaced,
		Address: "aws_cloudtrail.old"}
	for _, tc := range []struct {
		failOn   Severity
		policy   RegressionPolicy
		level    Level
		failing  bool
		reported bool
	}{
		{"", "", LevelRegression, true, true},
		{FailOnNone, "", LevelRegression, true, true},
		{SeverityCritical, RegressionsFail, LevelRegression, true, true},
		{SeverityLow, RegressionsWarn, LevelWarn, false, true},
		{SeverityLow, RegressionsIgnore, "", false, false},
	} {
		pol := Policy{FailOn: tc.failOn, Regressions: tc.policy}
		out := Apply([]Finding{reg, replaced}, pol)
		if got := len(out) == 2; got != tc.reported {
			t.Errorf("fail_on %q regressions %q: reported %v, want %v", tc.failOn, tc.policy, got, tc.reported)
			continue
		}
		if !tc.reported {
			continue
		}
		if got := pol.Level(reg); got != tc.level {
			t.Errorf("fail_on %q regressions %q: level %s, want %s", tc.failOn, tc.policy, got, tc.level)
		}
		if got := pol.Failing(reg); got != tc.failing {
			t.Errorf("fail_on %q regressions %q: failing %v, want %v", tc.failOn, tc.policy, got, tc.failing)
		}
		if pol.Failing(replaced) || pol.Level(replaced) != LevelNote {
			t.Errorf("a replaced regression is %s (failing %v), want a non-failing note", pol.Level(replaced), pol.Failing(replaced))
		}
		if s := pol.Summarize(2, out); tc.failing && (s.Regressions != 1 || s.FailingResources != 1 || s.Failed != 0) {
			t.Errorf("summary %+v", s)
		}
	}
	now := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	w := Waiver{RuleID: reg.Rule.ID, Address: "aws_cloudtrail.*", Reason: "r", Expires: now.AddDate(0, 1, 0)}
	out := Apply([]Finding{reg}, Policy{Waivers: []Waiver{w}, Now: now})
	if out[0].Status != StatusWaived || (Policy{}).Failing(out[0]) {
		t.Errorf("a waived regression is %s", out[0].Status)
	}
	if _, err := ParseRegressionPolicy("off"); err == nil {
		t.Error("regressions = off is accepted")
	}
}

// A resource a removed block forgets has no after state: no rule judges it.
func TestForgottenResourceNotJudged(t *testing.T) {
	p := plantest.Plan(t, plantest.Res{Address: "aws_cloudtrail.t", Actions: []string{"forget"},
		Before: `{"enable_logging":true}`, After: "null"})
	rep := Run(p, []Rule{alwaysFail{}}, Options{})
	if len(rep.Findings) != 0 {
		t.Errorf("a forgotten resource is judged: %+v", rep.Findings)
	}
}

type alwaysFail struct{}

func (alwaysFail) Metadata() Metadata {
	return Metadata{ID: "aws_always_fail", Severity: SeverityHigh, ResourceTypes: []string{"aws_cloudtrail"}}
}

func (alwaysFail) Check(_ *plan.Plan, _ *plan.Resource, rep *Reporter) { rep.Fail("", "fails") }
