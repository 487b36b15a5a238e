package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/baseline"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/format"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/rules"
)

// The baseline command's and --baseline's parts of a run.

// checkBaselineFlags rejects the lint flags that mean nothing to the baseline
// command, which writes only the baseline, on stdout.
func checkBaselineFlags(fs *flag.FlagSet) error {
	var bad []string
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "format", "output", "no-color":
			bad = append(bad, "--"+f.Name)
		}
	})
	if len(bad) > 0 {
		return fmt.Errorf("baseline writes the baseline file on stdout and takes no %s: "+
			"hardened-lint baseline [--config FILE] [--source-dir DIR] [--fail-on SEVERITY] [--unknown POLICY] [--changes-only] [--baseline OLD] PLAN > NEW",
			strings.Join(bad, ", "))
	}
	return nil
}

// loadBaseline reads the --baseline file (the flag, HARDENED_LINT_BASELINE or
// the configuration's baseline; nil when none is named) and notes on stderr
// the entries of rules this version does not have. The baseline command reads
// only the --baseline flag's, the baseline it refreshes, for its expires
// dates: it records every failure, never filtered by an older baseline.
func loadBaseline(takeBaseline bool, fs *flag.FlagSet, path string, stderr io.Writer) (*baseline.Loaded, error) {
	if takeBaseline {
		if err := checkBaselineFlags(fs); err != nil {
			return nil, err
		}
		path = ""
		fs.Visit(func(f *flag.Flag) {
			if f.Name == "baseline" {
				path = f.Value.String()
			}
		})
	}
	if path == "" {
		return nil, nil
	}
	known := map[string]bool{} // rules.Lookup builds every rule's metadata: once, not per entry
	for _, r := range rules.All() {
		known[r.Metadata().ID] = true
	}
	loaded, err := baseline.Load(path, func(id string) bool { return known[id] })
	if err != nil {
		return nil, err
	}
	if note := loaded.IgnoredNote(); note != "" {
		fmt.Fprintln(stderr, "hardened-lint: note: "+note)
	}
	return loaded, nil
}

// baselineResult is what the formats print of the baseline: its path, and the
// entries fixed since it, filled in by baselineFixed once the last resource is
// matched (a Stream reads them only when it closes). nil without a baseline.
func baselineResult(m *baseline.Matcher) *format.BaselineResult {
	if m == nil {
		return nil
	}
	return &format.BaselineResult{Path: m.Path()}
}

// baselineFixed lists in res the entries no finding matched, and counts them
// in the summary. Call it after the last resource, before the outputs close.
func baselineFixed(m *baseline.Matcher, res *format.BaselineResult, s *engine.Summary) {
	if m == nil {
		return
	}
	res.Fixed = m.Fixed()
	if s.Baseline != nil {
		s.Baseline.Fixed = len(res.Fixed)
	}
}

// newFingerprinter indexes the plan for fingerprints when a baseline is
// taken or matched (nil otherwise), with the configuration's moved blocks read
// from --source-dir, or from the working directory when it holds the
// configuration (*.tf files), so that a finding keeps its identity through
// moves already applied.
func newFingerprinter(needed bool, dir string, p *plan.Plan) (*baseline.Fingerprinter, error) {
	if !needed {
		return nil, nil
	}
	// Fingerprints and the baseline's entries (a few hundred bytes a finding)
	// are on top of what limitMemory planned for: under its cap the collector
	// would run without end. Default pacing instead.
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
	if dir == "" {
		if tf, _ := filepath.Glob("*.tf"); len(tf) == 0 {
			return baseline.NewFingerprinter(p, nil), nil
		}
		dir = "."
	} else if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("--source-dir %s is not a directory", dir)
	}
	return baseline.NewFingerprinter(p, baseline.ReadMoved(dir, p.Config)), nil
}

// newMatcher matches against a loaded baseline and makes it the policy's
// BaselineFilter (nil without a baseline; the baseline command matches none).
// Entries of rules not run, or of resources --changes-only leaves unjudged,
// are never listed as fixed.
func newMatcher(l *baseline.Loaded, fp *baseline.Fingerprinter, enabled []engine.Rule, onlyChanges bool, pol *engine.Policy) *baseline.Matcher {
	if l == nil {
		return nil
	}
	running := map[string]bool{}
	for _, r := range enabled {
		running[r.Metadata().ID] = true
	}
	m := baseline.NewMatcher(l, fp, pol.Now, func(e *baseline.Entry) bool {
		if !running[e.Rule] {
			return true
		}
		if onlyChanges {
			if r := fp.Resolve(e.Address); r != nil && !r.Changed() {
				return true
			}
		}
		return false
	})
	pol.Baseline = m
	return m
}

// writeBaseline writes the baseline of a run's findings to stdout: failures
// of every severity, or at or above fail_on when --fail-on (or its variable)
// is given, and failing unknowns.
func writeBaseline(stdout, stderr io.Writer, findings []engine.Finding, pol engine.Policy, failOnGiven bool, fp *baseline.Fingerprinter, previous *baseline.Loaded) int {
	var floor controls.Severity
	if failOnGiven {
		if floor = pol.FailOn; floor == engine.FailOnNone {
			fmt.Fprintln(stderr, "hardened-lint: --fail-on none would record nothing: baseline records every severity without --fail-on")
			return ExitError
		}
	}
	kept := findings[:0:0]
	for _, f := range findings {
		if floor == "" || f.Rule.Severity.Rank() >= floor.Rank() {
			kept = append(kept, f)
		}
	}
	file := baseline.Build(baseline.Tool{Name: "hardened-lint", Version: version}, ruleSetDigest(), kept, pol, fp, previous)
	if err := file.Write(stdout); err != nil {
		if errors.Is(err, os.ErrClosed) {
			return ExitError
		}
		fmt.Fprintf(stderr, "hardened-lint: writing the baseline: %v\n", err)
		return ExitError
	}
	fmt.Fprintf(stderr, "hardened-lint: baseline of %d %s\n", len(file.Findings), plural(len(file.Findings), "finding", "findings"))
	return ExitOK
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ruleSetDigest identifies the rule set: every rule's ID and severity.
func ruleSetDigest() string {
	h := sha256.New()
	for _, r := range rules.All() {
		m := r.Metadata()
		fmt.Fprintf(h, "%s %s\n", m.ID, m.Severity)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)[:8])
}
