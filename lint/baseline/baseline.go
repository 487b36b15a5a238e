// Package baseline records a run's failures in a baseline file
// (hardened-lint baseline) and matches later runs against it (--baseline):
// findings it records are baselined, not failing; the others are new; entries
// nothing matches any more are fixed.
//
// A finding's fingerprint does not depend on line numbers, output order or how
// the configuration is formatted: it hashes the rule, the resource type, the
// resource's identity (its address, with moved blocks and the plan's
// previous_address followed back), the attribute at fault (list positions left
// out) and a digest of the offending value, never the value itself.
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// Version is the baseline file format's version.
const Version = 1

// File is a baseline file.
type File struct {
	Version int  `json:"version"`
	Tool    Tool `json:"tool"`
	// RuleSet digests the IDs of every rule the tool that wrote the file had,
	// for a reviewer to see when a baseline comes from another rule set.
	RuleSet  string  `json:"rule_set"`
	Findings []Entry `json:"findings"`
}

// Tool is the tool that wrote the file.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Entry is one baselined finding: its fingerprint, and beside it what a
// reviewer reads (none of which is matched on).
type Entry struct {
	Fingerprint  string `json:"fingerprint"`
	Rule         string `json:"rule"`
	Severity     string `json:"severity"`
	ResourceType string `json:"resource_type"`
	Address      string `json:"address"`
	Attribute    string `json:"attribute"`
	// Expires, YYYY-MM-DD, ends the entry after that day (UTC), as a waiver's
	// expires does: the finding then fails again.
	Expires string `json:"expires,omitempty"`

	expires time.Time
}

// ExpiresAt is the parsed Expires (zero when the entry does not expire).
func (e *Entry) ExpiresAt() time.Time { return e.expires }

// Expired reports whether the entry has ended by now: it applies through the
// whole day it expires on (UTC), like a waiver.
func (e *Entry) Expired(now time.Time) bool {
	return !e.expires.IsZero() && !now.UTC().Before(e.expires.AddDate(0, 0, 1))
}

// Records reports whether a baseline records a finding: failures of any
// severity (below fail_on too, so that lowering fail_on later does not fail on
// them) and unknowns when they fail the run (unknown = "fail"). Regressions are
// not recorded: a regression is what this change does, not what exists.
// Waived findings are not recorded: their waiver covers them.
func Records(f *engine.Finding, pol engine.Policy) bool {
	return f.Status == engine.StatusFail || (f.Status == engine.StatusUnknown && pol.Unknown == engine.UnknownFail)
}

// Build makes a baseline of the findings a run reports (after waivers). Its
// entries are sorted, so the file does not depend on the plan's order. An
// entry of previous (the baseline being refreshed; may be nil) that a finding
// matches hands its expires on to the finding's new entry.
func Build(tool Tool, ruleSet string, findings []engine.Finding, pol engine.Policy, fp *Fingerprinter, previous *Loaded) *File {
	out := &File{Version: Version, Tool: tool, RuleSet: ruleSet, Findings: []Entry{}}
	expires := map[string][]string{}
	if previous != nil {
		for _, e := range previous.File.Findings {
			expires[e.Fingerprint] = append(expires[e.Fingerprint], e.Expires)
		}
	}
	for i := range findings {
		f := &findings[i]
		if !Records(f, pol) {
			continue
		}
		fps := fp.Fingerprints(f)
		e := Entry{
			Fingerprint: fps[0], Rule: f.Rule.ID, Severity: string(f.Rule.Severity),
			ResourceType: f.ResourceType, Address: f.Address, Attribute: f.Attribute,
		}
		for _, fpr := range fps {
			if old := expires[fpr]; len(old) > 0 {
				e.Expires, expires[fpr] = old[0], old[1:]
				break
			}
		}
		out.Findings = append(out.Findings, e)
	}
	sortEntries(out.Findings)
	return out
}

func sortEntries(es []Entry) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := &es[i], &es[j]
		for _, c := range [][2]string{{a.Address, b.Address}, {a.Rule, b.Rule}, {a.Attribute, b.Attribute}, {a.Fingerprint, b.Fingerprint}} {
			if c[0] != c[1] {
				return c[0] < c[1]
			}
		}
		return false
	})
}

// Write writes the file as indented JSON.
func (f *File) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(f)
}

// Error is a baseline file that cannot be used: it names the file and what is
// wrong.
type Error struct {
	Path string
	Msg  string
}

func (e *Error) Error() string {
	return fmt.Sprintf("baseline %s: %s (write a new one with hardened-lint baseline PLAN > %s)", e.Path, e.Msg, e.Path)
}

// Loaded is a baseline file read for matching.
type Loaded struct {
	Path string
	File *File
	// Ignored counts the entries of rules this hardened-lint does not have, by
	// rule ID (a baseline written by another version still loads).
	Ignored map[string]int
}

// Load reads and checks a baseline file. known tells the rule IDs this
// hardened-lint has; entries of other rules are left out and counted in
// Ignored.
func Load(path string, known func(id string) bool) (*Loaded, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %w", err)
	}
	return Parse(data, path, known)
}

// Parse checks a baseline file's contents; path names it in errors.
func Parse(data []byte, path string, known func(id string) bool) (*Loaded, error) {
	bad := func(format string, a ...any) error { return &Error{Path: path, Msg: fmt.Sprintf(format, a...)} }
	var raw struct {
		Version  *int    `json:"version"`
		Tool     Tool    `json:"tool"`
		RuleSet  string  `json:"rule_set"`
		Findings []Entry `json:"findings"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return nil, bad("not JSON: %v at byte offset %d", syn, syn.Offset)
		case errors.As(err, &typ) && typ.Field == "findings":
			return nil, bad(`"findings" must be a list of objects, not of JSON %ss`, typ.Value)
		case errors.As(err, &typ):
			return nil, bad("%q must be %s, not a JSON %s", typ.Field, typ.Type, typ.Value)
		case errors.Is(err, io.EOF):
			return nil, bad("empty file")
		}
		return nil, bad("not JSON: %v", err)
	}
	if raw.Version == nil {
		return nil, bad(`no "version": not a hardened-lint baseline`)
	}
	if *raw.Version != Version {
		return nil, bad("format version %d, this hardened-lint reads version %d", *raw.Version, Version)
	}
	if raw.Findings == nil {
		return nil, bad(`no "findings" list`)
	}
	out := &Loaded{Path: path, File: &File{Version: *raw.Version, Tool: raw.Tool, RuleSet: raw.RuleSet}, Ignored: map[string]int{}}
	out.File.Findings = make([]Entry, 0, len(raw.Findings))
	for i := range raw.Findings {
		e := &raw.Findings[i]
		var missing []string
		for _, field := range []struct{ name, value string }{{"fingerprint", e.Fingerprint}, {"rule", e.Rule}, {"address", e.Address}} {
			if strings.TrimSpace(field.value) == "" {
				missing = append(missing, `"`+field.name+`"`)
			}
		}
		if len(missing) > 0 {
			return nil, bad("findings[%d] (%s %s) has no %s", i, e.Rule, e.Address, strings.Join(missing, ", "))
		}
		if !isHex(e.Fingerprint) {
			return nil, bad("findings[%d] (%s %s): fingerprint %q is not hexadecimal", i, e.Rule, e.Address, e.Fingerprint)
		}
		if e.Expires != "" {
			t, err := time.Parse("2006-01-02", e.Expires)
			if err != nil {
				return nil, bad("findings[%d] (%s %s): expires must be a date as YYYY-MM-DD, got %q", i, e.Rule, e.Address, e.Expires)
			}
			e.expires = t
		}
		if known != nil && !known(e.Rule) {
			out.Ignored[e.Rule]++
			continue
		}
		out.File.Findings = append(out.File.Findings, *e)
	}
	return out, nil
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return s != ""
}

// IgnoredNote says which entries were left out, or "" when none was.
func (l *Loaded) IgnoredNote() string {
	if len(l.Ignored) == 0 {
		return ""
	}
	ids := make([]string, 0, len(l.Ignored))
	n := 0
	for id, c := range l.Ignored {
		ids = append(ids, id)
		n += c
	}
	sort.Strings(ids)
	return fmt.Sprintf("baseline %s: %d %s of rules this hardened-lint does not have ignored: %s",
		l.Path, n, pluralize(n, "entry", "entries"), strings.Join(ids, ", "))
}

func pluralize(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
