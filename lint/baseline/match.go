package baseline

import (
	"fmt"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// Matcher matches findings against a loaded baseline one at a time (it is the
// engine.Policy's BaselineFilter), then lists the entries nothing matched.
// Each entry matches one finding: two findings with the same fingerprint need
// two entries.
type Matcher struct {
	loaded *Loaded
	fp     *Fingerprinter
	now    time.Time
	// byFingerprint lists the entries of each fingerprint, in file order.
	byFingerprint map[string][]int
	used          []bool
	// skip says an entry's rule is not run (disabled in the configuration), or
	// its resource is not judged (--changes-only): not matched, never fixed.
	skip func(e *Entry) bool
}

// NewMatcher matches against l over the plan fp indexes, at now. skip, when
// set, leaves entries out of the fixed list (their rule or resource was not
// judged this run).
func NewMatcher(l *Loaded, fp *Fingerprinter, now time.Time, skip func(e *Entry) bool) *Matcher {
	m := &Matcher{loaded: l, fp: fp, now: now, byFingerprint: map[string][]int{}, used: make([]bool, len(l.File.Findings)), skip: skip}
	for i := range l.File.Findings {
		fpr := l.File.Findings[i].Fingerprint
		m.byFingerprint[fpr] = append(m.byFingerprint[fpr], i)
	}
	return m
}

// Match sets f's baseline state and fingerprint. A failure (or a failing
// unknown) the baseline records becomes StatusBaselined, unless its entry has
// expired: then it keeps failing and its Note says so. A waived finding uses
// up its entry (not fixed) and stays waived. Regressions are never baselined.
func (m *Matcher) Match(f *engine.Finding) {
	fps := m.fp.Fingerprints(f)
	f.Fingerprint = fps[0]
	f.Baseline = engine.BaselineNew
	switch f.Status {
	case engine.StatusFail, engine.StatusUnknown, engine.StatusWaived:
	default:
		return // a regression is new by nature; a baseline never records one
	}
	for _, fpr := range fps {
		for _, i := range m.byFingerprint[fpr] {
			if m.used[i] {
				continue
			}
			m.used[i] = true
			f.Baseline = engine.BaselineUnchanged
			e := &m.loaded.File.Findings[i]
			switch {
			case f.Status == engine.StatusWaived:
			case e.Expired(m.now):
				f.Note = fmt.Sprintf("baseline entry (%s) expired on %s: the finding fails again", m.loaded.Path, e.Expires)
			default:
				f.Status = engine.StatusBaselined
				if e.Expires != "" {
					f.Note = fmt.Sprintf("baselined until %s in %s", e.Expires, m.loaded.Path)
				}
			}
			return
		}
	}
}

// Fixed lists the entries no finding matched, in file order: what the
// baseline recorded that is gone now. Call it once every finding is matched.
func (m *Matcher) Fixed() []Entry {
	out := []Entry{}
	for i := range m.loaded.File.Findings {
		e := &m.loaded.File.Findings[i]
		if m.used[i] || (m.skip != nil && m.skip(e)) {
			continue
		}
		out = append(out, *e)
	}
	return out
}

// Path is the baseline file's path, as given.
func (m *Matcher) Path() string { return m.loaded.Path }
