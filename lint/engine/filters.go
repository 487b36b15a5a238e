package engine

import (
	"fmt"
	"strings"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
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

// RegressionPolicy says what a regression does: fail the run whatever fail_on
// says (the default), warn (reported, not failing) or ignore (not reported).
type RegressionPolicy string

const (
	RegressionsFail   RegressionPolicy = "fail"
	RegressionsWarn   RegressionPolicy = "warn"
	RegressionsIgnore RegressionPolicy = "ignore"
)

// ParseRegressionPolicy accepts fail, warn or ignore.
func ParseRegressionPolicy(s string) (RegressionPolicy, error) {
	switch p := RegressionPolicy(s); p {
	case RegressionsFail, RegressionsWarn, RegressionsIgnore:
		return p, nil
	}
	return "", fmt.Errorf("regressions must be \"fail\", \"warn\" or \"ignore\", got %q", s)
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
	FailOn  controls.Severity
	// Regressions is what regressions do ("" is RegressionsFail).
	Regressions RegressionPolicy
	Now         time.Time
	// Baseline, when set, matches each finding against a baseline (--baseline)
	// after waivers.
	Baseline BaselineFilter
}

// BaselineFilter matches findings against a baseline one at a time, as they
// are reported (lint/baseline implements it). Match sets the finding's
// Baseline state and Fingerprint and may turn a failure into StatusBaselined
// (or leave it failing with a Note, when its entry has expired).
type BaselineFilter interface {
	Match(f *Finding)
}

// Apply runs the filter chain: waivers, then the unknown policy, then sorting.
func Apply(fs []Finding, pol Policy) []Finding {
	return ApplyInPlace(append(make([]Finding, 0, len(fs)), fs...), pol)
}

// ApplyInPlace is Apply reusing fs: the findings kept are filtered and sorted
// into fs's own backing array (no copy of a run's findings), and fs is not to
// be used afterwards.
func ApplyInPlace(fs []Finding, pol Policy) []Finding {
	out := Filter(fs, pol)
	Sort(out)
	return out
}

// Filter runs the per-finding filters (regressions ignored, waivers, the
// unknown policy, then the baseline's Match on each finding kept) in place: the findings kept are moved to the front of fs,
// in their order, and returned; fs is not to be used afterwards. It does not
// sort, so it serves findings that Visit hands out already sorted (the
// filters change no sort key) as well as ApplyInPlace.
func Filter(fs []Finding, pol Policy) []Finding {
	out := fs[:0]
	if out == nil {
		out = []Finding{}
	}
	for i := range fs {
		// Changed where it stands (a copy handed to Match through the interface
		// was a heap allocation per finding), then moved to its place in out,
		// which is never past it.
		f := &fs[i]
		if f.Status == StatusRegression && pol.Regressions == RegressionsIgnore {
			continue
		}
		if f.Status == StatusFail || f.Status == StatusRegression {
			pol.applyWaivers(f)
		}
		if f.Status == StatusUnknown && pol.Unknown == UnknownIgnore {
			continue
		}
		if pol.Baseline != nil {
			pol.Baseline.Match(f)
		}
		out = append(out, *f)
	}
	clear(fs[len(out):]) // let dropped messages be collected
	return out
}

// applyWaivers waives a failure or regression that a waiver covers, or notes
// that the waiver covering it has expired.
func (pol Policy) applyWaivers(f *Finding) {
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
		return
	}
}

// FailOnNone is the fail_on value under which no finding fails the run.
const FailOnNone controls.Severity = "none"

// ParseFailOn accepts a severity (info, low, medium, high, critical; any case)
// or none, the lowest severity that fails the run.
func ParseFailOn(s string) (controls.Severity, error) {
	switch sev := controls.Severity(strings.ToLower(s)); sev {
	case controls.SeverityCritical, controls.SeverityHigh, controls.SeverityMedium, controls.SeverityLow,
		controls.SeverityInfo, FailOnNone:
		return sev, nil
	}
	return "", fmt.Errorf("unknown severity %q: use info, low, medium, high, critical or none", s)
}

// Failing reports whether a finding fails the run under the policy.
func (pol Policy) Failing(f Finding) bool { return pol.failing(&f) }

// failing is Failing without copying the finding or the policy (Tally asks
// it for every finding of a run).
func (pol *Policy) failing(f *Finding) bool {
	if f.Status == StatusRegression {
		return pol.Regressions != RegressionsWarn && pol.Regressions != RegressionsIgnore
	}
	failOn := pol.FailOn
	if failOn == "" {
		failOn = controls.SeverityLow
	}
	if failOn == FailOnNone || f.Rule.Severity.Rank() < failOn.Rank() {
		return false
	}
	return f.Status == StatusFail || (f.Status == StatusUnknown && pol.Unknown == UnknownFail)
}

// Level is how a reported finding is shown, so that what is printed, the summary
// and the exit code agree: only LevelFail findings fail the run.
type Level string

const (
	// LevelFail: a failure at or above fail_on (or an unknown under unknown = "fail").
	LevelFail Level = "fail"
	// LevelWarn: a failure below fail_on.
	LevelWarn Level = "warn"
	// LevelNote: an info failure below fail_on, or a regression the plan
	// replaces with an equivalent control (StatusReplaced).
	LevelNote Level = "note"
	// LevelUnknown: decided only during apply, not failing.
	LevelUnknown Level = "unknown"
	// LevelWaived: a failure a waiver accepts.
	LevelWaived Level = "waived"
	// LevelRegression: a regression that fails the run (under regressions =
	// "warn" a regression is LevelWarn).
	LevelRegression Level = "regression"
	// LevelBaselined: a failure the baseline records, not failing.
	LevelBaselined Level = "baselined"
)

// Level classifies a reported finding under the policy.
func (pol Policy) Level(f Finding) Level { return pol.level(&f) }

// level is Level without copying the finding or the policy.
func (pol *Policy) level(f *Finding) Level {
	failing := pol.failing(f)
	switch {
	case f.Status == StatusRegression && failing:
		return LevelRegression
	case failing:
		return LevelFail
	case f.Status == StatusWaived:
		return LevelWaived
	case f.Status == StatusBaselined:
		return LevelBaselined
	case f.Status == StatusUnknown:
		return LevelUnknown
	case f.Status == StatusReplaced:
		return LevelNote
	case f.Rule.Severity == controls.SeverityInfo:
		return LevelNote
	}
	return LevelWarn
}

// Severities lists the severities, most severe first.
var Severities = []controls.Severity{controls.SeverityCritical, controls.SeverityHigh, controls.SeverityMedium,
	controls.SeverityLow, controls.SeverityInfo}

// Summary counts a filtered finding list.
type Summary struct {
	// Resources counts the resource instances some rule judged.
	Resources int
	// Changing counts those of them the plan creates, updates or replaces.
	Changing int
	// ChangesOnly is set when only changing resources were judged; Unchanged
	// then counts the unchanged ones left out.
	ChangesOnly bool
	Unchanged   int
	// FailingResources counts the resources with at least one failing finding.
	FailingResources int
	// Failed counts failing findings (LevelFail), the ones that set the exit code.
	Failed int
	// FailedBySeverity breaks Failed down by severity.
	FailedBySeverity map[controls.Severity]int
	// Warnings and Notes count failures below fail_on (info ones are notes).
	Warnings, Notes int
	Unknown         int
	Waived          int
	// Regressions counts failing regressions (LevelRegression), which fail the
	// run too but are not in Failed.
	Regressions int
	// Baseline is set when findings were matched against a baseline.
	Baseline *BaselineCounts
}

// BaselineCounts compare a run with its baseline. New counts the failures
// (of any severity) the baseline does not record; Unchanged the baselined
// ones; Expired those whose entry has expired, failing again; Fixed the
// entries nothing matched, known only at the end of a run.
type BaselineCounts struct {
	New, Unchanged, Expired, Fixed int
}

// Summarize counts levels in one pass over findings sorted by address.
func (pol Policy) Summarize(resources int, fs []Finding) Summary {
	s := Summary{Resources: resources, FailedBySeverity: map[controls.Severity]int{}}
	if pol.Baseline != nil {
		s.Baseline = &BaselineCounts{}
	}
	for start := 0; start < len(fs); {
		end := start + 1
		for end < len(fs) && fs[end].Address == fs[start].Address {
			end++
		}
		pol.Tally(&s, fs[start:end])
		start = end
	}
	return s
}

// Tally adds one resource's filtered findings (all of one address) to s, for
// a run whose output is written as it goes (see Visit); Summarize is Tally
// over each resource of a whole list. With a baseline it counts them in
// s.Baseline too (but for Fixed, which only the end of the run knows).
func (pol Policy) Tally(s *Summary, fs []Finding) {
	if s.FailedBySeverity == nil {
		s.FailedBySeverity = map[controls.Severity]int{}
	}
	failing := false
	// Failures by severity are counted here first, then added to the map once
	// per severity (a map update per failure was most of Tally's cost).
	type sevCount struct {
		sev controls.Severity
		n   int
	}
	var bySev [5]sevCount
	nSev := 0
	for i := range fs {
		f := &fs[i]
		switch pol.level(f) {
		case LevelFail:
			s.Failed++
			failing = true
			j := 0
			for j < nSev && bySev[j].sev != f.Rule.Severity {
				j++
			}
			switch {
			case j < nSev:
				bySev[j].n++
			case nSev < len(bySev):
				bySev[nSev] = sevCount{f.Rule.Severity, 1}
				nSev++
			default:
				s.FailedBySeverity[f.Rule.Severity]++
			}
		case LevelRegression:
			s.Regressions++
			failing = true
		case LevelWarn:
			s.Warnings++
		case LevelNote:
			s.Notes++
		case LevelUnknown:
			s.Unknown++
		case LevelWaived:
			s.Waived++
		}
	}
	for _, c := range bySev[:nSev] {
		s.FailedBySeverity[c.sev] += c.n
	}
	if failing {
		s.FailingResources++
	}
	if pol.Baseline != nil {
		if s.Baseline == nil {
			s.Baseline = &BaselineCounts{}
		}
		for i := range fs {
			s.Baseline.count(&fs[i], pol)
		}
	}
}

// count adds a finding to the counts: failures and failing unknowns, the
// findings a baseline records (regressions are never baselined).
func (c *BaselineCounts) count(f *Finding, pol Policy) {
	switch {
	case f.Status == StatusBaselined:
		c.Unchanged++
	case f.Status != StatusFail && (f.Status != StatusUnknown || pol.Unknown != UnknownFail):
	case f.Baseline == BaselineUnchanged:
		c.Expired++
	case f.Baseline == BaselineNew:
		c.New++
	}
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

// redact replaces every occurrence of secret in msg with Redacted, and with it a
// parenthesised label right after the value ("3389 (RDP)"), which would name it.
// A short number (a port such as 22) is replaced only where it stands alone
// (between spaces, parentheses, commas or a range's hyphen), so that "ingress[0]"
// and "0.0.0.0/0" keep their digits.
func redact(msg, secret string) string {
	short := len(secret) < 4
	if short && !isNumber(secret) {
		return msg
	}
	var b strings.Builder
	for {
		i := strings.Index(msg, secret)
		if i < 0 {
			b.WriteString(msg)
			return b.String()
		}
		if short && (!standsAlone(msg, i-1) || !standsAlone(msg, i+len(secret))) {
			b.WriteString(msg[:i+len(secret)])
			msg = msg[i+len(secret):]
			continue
		}
		b.WriteString(msg[:i])
		b.WriteString(Redacted)
		msg = msg[i+len(secret):]
		if strings.HasPrefix(msg, " (") {
			if j := strings.IndexByte(msg, ')'); j > 2 && !strings.Contains(msg[2:j], "(") {
				msg = msg[j+1:]
			}
		}
	}
}

func isNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// standsAlone reports whether msg[i] (just before or after a value) ends a
// token: the message's start or end, a space, a parenthesis, a comma, a
// semicolon or a range's hyphen.
func standsAlone(msg string, i int) bool {
	if i < 0 || i >= len(msg) {
		return true
	}
	return strings.IndexByte(" (),;-", msg[i]) >= 0
}
