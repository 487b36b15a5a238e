package engine

import (
	"strings"
	"testing"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

func TestLevelsFailOnAndSummary(t *testing.T) {
	f := func(sev controls.Severity, st Status, addr string) Finding {
		return Finding{Rule: &Metadata{ID: "r_" + string(sev), Severity: sev}, Status: st, Address: addr}
	}
	fs := []Finding{
		f(controls.SeverityInfo, StatusFail, "a"), f(controls.SeverityMedium, StatusFail, "a"), f(controls.SeverityCritical, StatusFail, "a"),
		f(controls.SeverityHigh, StatusFail, "b"), f(controls.SeverityHigh, StatusUnknown, "b"), f(controls.SeverityLow, StatusWaived, "c"),
	}
	Sort(fs)
	if fs[0].Rule.Severity != controls.SeverityCritical || fs[1].Rule.Severity != controls.SeverityMedium || fs[2].Rule.Severity != controls.SeverityInfo {
		t.Errorf("within a resource, findings are not sorted by severity: %v", fs[:3])
	}
	for _, tc := range []struct {
		failOn controls.Severity
		levels []Level // in sorted order
		failed int
	}{
		{"", []Level{LevelFail, LevelFail, LevelNote, LevelFail, LevelUnknown, LevelWaived}, 3},
		{controls.SeverityHigh, []Level{LevelFail, LevelWarn, LevelNote, LevelFail, LevelUnknown, LevelWaived}, 2},
		{controls.SeverityInfo, []Level{LevelFail, LevelFail, LevelFail, LevelFail, LevelUnknown, LevelWaived}, 4},
		{FailOnNone, []Level{LevelWarn, LevelWarn, LevelNote, LevelWarn, LevelUnknown, LevelWaived}, 0},
	} {
		pol := Policy{FailOn: tc.failOn, Unknown: UnknownWarn}
		for i, want := range tc.levels {
			if got := pol.Level(fs[i]); got != want {
				t.Errorf("fail_on %q: %s %s is %s, want %s", tc.failOn, fs[i].Address, fs[i].Rule.Severity, got, want)
			}
		}
		s := pol.Summarize(3, fs)
		if s.Failed != tc.failed {
			t.Errorf("fail_on %q: %d failed, want %d", tc.failOn, s.Failed, tc.failed)
		}
	}
	s := Policy{FailOn: controls.SeverityHigh}.Summarize(3, fs)
	if s.FailingResources != 2 || s.Warnings != 1 || s.Notes != 1 || s.FailedBySeverity[controls.SeverityCritical] != 1 || s.FailedBySeverity[controls.SeverityHigh] != 1 {
		t.Errorf("summary %+v", s)
	}
	if s := (Policy{Unknown: UnknownFail}).Summarize(3, fs); s.Failed != 4 || s.Unknown != 0 {
		t.Errorf("unknown = fail: %+v", s)
	}
	for _, v := range []string{"none", "INFO", "low", "critical"} {
		if _, err := ParseFailOn(v); err != nil {
			t.Error(err)
		}
	}
	if _, err := ParseFailOn("urgent"); err == nil {
		t.Error("urgent accepted")
	}
}

// A redacted value takes its label with it: "3389 (RDP)" must not name the port.
func TestRedactTakesTheLabel(t *testing.T) {
	for in, want := range map[string]string{
		"allows tcp 3389 (RDP) from x":    "allows tcp (sensitive value) from x",
		"ports 3389 (RDP) and 3389 (RDP)": "ports (sensitive value) and (sensitive value)",
		"key 3389, (not a label)":         "key (sensitive value), (not a label)",
		"3389 (a (nested) thing)":         "(sensitive value) (a (nested) thing)",
		"value 3389":                      "value (sensitive value)",
	} {
		if got := redact(in, "3389"); got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"ingress[0] allows tcp 22 (SSH) from 0.0.0.0/0": "ingress[0] allows tcp (sensitive value) from 0.0.0.0/0",
		"opens 3368 tcp ports (22-3389) to x":           "opens 3368 tcp ports ((sensitive value)-3389) to x",
		"ports 122, 220 and 22":                         "ports 122, 220 and (sensitive value)",
		"ingress[22] is 10.0.0.22/32":                   "ingress[22] is 10.0.0.22/32",
	} {
		if got := redact(in, "22"); got != want {
			t.Errorf("redact(%q, 22) = %q, want %q", in, got, want)
		}
	}
	if got := redact("tcp and udp", "tcp"); got != "tcp and udp" {
		t.Errorf("a short non-number was redacted: %q", got)
	}
}

// Filter works in place: the findings kept move to the front in their order,
// changed by the waivers and the baseline; the dropped ones are cleared. Tally
// counts failures by severity across several severities and resources.
func TestFilterInPlaceAndTally(t *testing.T) {
	high := &Metadata{ID: "h", Severity: controls.SeverityHigh}
	crit := &Metadata{ID: "c", Severity: controls.SeverityCritical}
	fs := []Finding{
		{Rule: high, Status: StatusUnknown, Address: "u"},
		{Rule: high, Status: StatusFail, Address: "a"},
		{Rule: crit, Status: StatusRegression, Address: "r"},
		{Rule: high, Status: StatusFail, Address: "waived"},
		{Rule: crit, Status: StatusFail, Address: "old"},
		{Rule: crit, Status: StatusFail, Address: "b"},
		{Rule: high, Status: StatusFail, Address: "c"},
	}
	backing := fs
	rec := &recordingFilter{}
	pol := Policy{Unknown: UnknownIgnore, Regressions: RegressionsIgnore, Now: time.Now(), Baseline: rec,
		Waivers: []Waiver{{RuleID: "h", Address: "waived", Reason: "x", Expires: time.Now().AddDate(1, 0, 0)}}}
	out := Filter(fs, pol)
	var got []string
	for _, f := range out {
		got = append(got, f.Address+" "+string(f.Status)+" "+string(f.Baseline))
	}
	want := []string{"a fail new", "waived waived new", "old baselined unchanged", "b fail new", "c fail new"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("Filter kept %q, want %q", got, want)
	}
	if &out[0] != &backing[0] {
		t.Error("Filter did not work in place")
	}
	for i := len(out); i < len(backing); i++ {
		if backing[i] != (Finding{}) {
			t.Errorf("dropped place %d not cleared: %+v", i, backing[i])
		}
	}
	var s Summary
	pol.Tally(&s, out)
	pol.Tally(&s, []Finding{{Rule: crit, Status: StatusFail, Address: "d"}, {Rule: &Metadata{ID: "l", Severity: controls.SeverityLow}, Status: StatusFail, Address: "d"}})
	if s.Failed != 5 || s.FailingResources != 2 || len(s.FailedBySeverity) != 3 ||
		s.FailedBySeverity[controls.SeverityHigh] != 2 || s.FailedBySeverity[controls.SeverityCritical] != 2 ||
		s.FailedBySeverity[controls.SeverityLow] != 1 {
		t.Errorf("Tally: %+v", s)
	}
}
