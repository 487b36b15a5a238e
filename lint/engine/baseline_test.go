package engine

import (
	"testing"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// recordingFilter baselines the findings on address "old" and records what it saw.
type recordingFilter struct{ seen []string }

func (r *recordingFilter) Match(f *Finding) {
	r.seen = append(r.seen, f.Address+" "+string(f.Status))
	f.Baseline = BaselineNew
	if f.Address == "old" && f.Status == StatusFail {
		f.Status, f.Baseline = StatusBaselined, BaselineUnchanged
	}
}

// The baseline filter runs per finding after waivers, never sees the findings
// the policy drops, and its baselined findings do not fail the run.
func TestBaselineFilterAfterWaivers(t *testing.T) {
	rule := &Metadata{ID: "r", Severity: controls.SeverityHigh}
	fs := []Finding{
		{Rule: rule, Status: StatusFail, Address: "old"},
		{Rule: rule, Status: StatusFail, Address: "new"},
		{Rule: rule, Status: StatusFail, Address: "waived"},
		{Rule: rule, Status: StatusUnknown, Address: "unknown"},
	}
	rec := &recordingFilter{}
	pol := Policy{Unknown: UnknownIgnore, Now: time.Now(), Baseline: rec,
		Waivers: []Waiver{{RuleID: "r", Address: "waived", Reason: "x", Expires: time.Now().AddDate(1, 0, 0)}}}
	out := Apply(fs, pol)
	if len(rec.seen) != 3 || rec.seen[2] != "waived waived" {
		t.Errorf("the filter saw %v: want old, new and the waived one, after its waiver, and not the ignored unknown", rec.seen)
	}
	s := pol.Summarize(3, out)
	if s.Failed != 1 || s.Baseline == nil || s.Baseline.New != 1 || s.Baseline.Unchanged != 1 {
		t.Errorf("summary %+v, baseline %+v", s, s.Baseline)
	}
	for _, f := range out {
		if f.Address == "old" && (pol.Failing(f) || pol.Level(f) != LevelBaselined) {
			t.Errorf("baselined finding fails or is %s", pol.Level(f))
		}
	}
	if s := (Policy{}).Summarize(3, out); s.Baseline != nil {
		t.Error("baseline counts without a baseline")
	}
}
