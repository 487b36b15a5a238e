package engine

import (
	"fmt"
	"time"
)

// UnknownPolicy says what an unknown verdict does: warn (reported, exit 0),
// fail (reported, counts as failing) or ignore (not reported).
type UnknownPolicy string

const (
	UnknownWarn   UnknownPolicy = "warn"
	UnknownFail   UnknownPolicy = "fail"
	UnknownIgnore UnknownPolicy = "ignore"
)

// ParseUnknownPolicy accepts warn, fail or ignore.
func ParseUnknownPolicy(s string) (UnknownPolicy, error) {
	switch p := UnknownPolicy(s); p {
	case UnknownWarn, UnknownFail, UnknownIgnore:
		return p, nil
	}
	return "", fmt.Errorf("unknown must be \"warn\", \"fail\" or \"ignore\", got %q", s)
}

// Waiver accepts a rule's failure on matching addresses until it expires.
type Waiver struct {
	RuleID  string
	Address string // exact address or glob (* and ?)
	Reason  string
	Expires time.Time // the waiver applies through this whole day (UTC)
	// Where is the waiver's location in the config file, for messages.
	Where string
}

// Matches reports whether the waiver covers a finding's rule and address.
func (w Waiver) Matches(ruleID, address string) bool {
	return w.RuleID == ruleID && globMatch(w.Address, address)
}

// Expired reports whether the waiver has ended by now.
func (w Waiver) Expired(now time.Time) bool {
	return !now.UTC().Before(w.Expires.AddDate(0, 0, 1))
}

// Policy is the output filter chain's configuration.
type Policy struct {
	Waivers []Waiver
	Unknown UnknownPolicy
	FailOn  Severity
	Now     time.Time
}

// Apply runs the filter chain: waivers, then the unknown policy, then sorting.
func Apply(fs []Finding, pol Policy) []Finding {
	out := make([]Finding, 0, len(fs))
	for _, f := range fs {
		if f.Status == StatusFail {
			for i := range pol.Waivers {
				w := &pol.Waivers[i]
				if !w.Matches(f.Rule.ID, f.Address) {
					continue
				}
				if w.Expired(pol.Now) {
					f.Note = fmt.Sprintf("waiver (%s) expired on %s and no longer applies", w.Where, w.Expires.Format("2006-01-02"))
					continue
				}
				f.Status = StatusWaived
				f.Waiver = w
				f.Note = fmt.Sprintf("waived until %s: %s", w.Expires.Format("2006-01-02"), w.Reason)
				break
			}
		}
		if f.Status == StatusUnknown && pol.Unknown == UnknownIgnore {
			continue
		}
		out = append(out, f)
	}
	Sort(out)
	return out
}

// Failing reports whether a finding fails the run under the policy.
func (pol Policy) Failing(f Finding) bool {
	failOn := pol.FailOn
	if failOn == "" {
		failOn = SeverityLow
	}
	if f.Rule.Severity.Rank() < failOn.Rank() {
		return false
	}
	return f.Status == StatusFail || (f.Status == StatusUnknown && pol.Unknown == UnknownFail)
}

// Summary counts a filtered finding list.
type Summary struct {
	Resources int `json:"resources"`
	Failed    int `json:"failed"`
	Unknown   int `json:"unknown"`
	Waived    int `json:"waived"`
}

// Summarize counts statuses.
func Summarize(resources int, fs []Finding) Summary {
	s := Summary{Resources: resources}
	for _, f := range fs {
		switch f.Status {
		case StatusFail:
			s.Failed++
		case StatusUnknown:
			s.Unknown++
		case StatusWaived:
			s.Waived++
		}
	}
	return s
}

// globMatch matches * (any run, including dots and brackets) and ? (one byte);
// every other character, [ and ] included, is literal, because Terraform
// addresses are full of brackets.
func globMatch(pattern, s string) bool {
	p, n := 0, 0
	star, match := -1, 0
	for n < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[n]):
			p++
			n++
		case p < len(pattern) && pattern[p] == '*':
			star, match = p, n
			p++
		case star >= 0:
			p = star + 1
			match++
			n = match
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
