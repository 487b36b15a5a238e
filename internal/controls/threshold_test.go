package controls

import (
	"strconv"
	"strings"
	"testing"
)

func TestThresholdAllows(t *testing.T) {
	for _, tc := range []struct {
		th      Threshold
		n       int64
		allowed bool
		text    string
	}{
		{AtLeast(14), 14, true, "at least 14"},
		{AtLeast(14), 13, false, "at least 14"},
		{AtLeast(14), 100, true, "at least 14"},
		{AtMost(90), 90, true, "at most 90"},
		{AtMost(90), 91, false, "at most 90"},
		{AtMost(90), 1, true, "at most 90"},
		{Threshold{}, -5, true, "no threshold"},
	} {
		if got := tc.th.Allows(tc.n); got != tc.allowed {
			t.Errorf("%s Allows(%d) = %v, want %v", tc.th, tc.n, got, tc.allowed)
		}
		if got := tc.th.Violated(tc.n); got == tc.allowed {
			t.Errorf("%s Violated(%d) = %v, want %v", tc.th, tc.n, got, !tc.allowed)
		}
		if got := tc.th.String(); got != tc.text {
			t.Errorf("String() = %q, want %q", got, tc.text)
		}
	}
}

// A control's title names its limit and never the opposite direction: a floor's
// title does not say "at most", "within" or "or less"; a ceiling's does not say
// "at least", "or greater" or "or more".
func TestThresholdMatchesTitle(t *testing.T) {
	floorWords := []string{"at least", "or greater", "or more"}
	ceilingWords := []string{"at most", "within", "or less"}
	// Titles that name the violation rather than the limit, with why they may.
	namesViolation := map[string]string{
		"HRD-IAM-021": "the title says which credentials must be disabled (unused 45 days or more)",
	}
	for _, c := range All() {
		if !c.Threshold.IsSet() || namesViolation[c.ID] != "" {
			continue
		}
		title := strings.ToLower(c.Title)
		if !strings.Contains(title, strconv.Itoa(c.Threshold.Value)) {
			t.Errorf("%s: title %q does not name its threshold %d", c.ID, c.Title, c.Threshold.Value)
		}
		opposite := ceilingWords
		if c.Threshold.Direction == Ceiling {
			opposite = floorWords
		}
		for _, w := range opposite {
			if strings.Contains(title, w) {
				t.Errorf("%s: title %q says %q but the threshold is %s", c.ID, c.Title, w, c.Threshold)
			}
		}
	}
}
