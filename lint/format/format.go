// Package format renders lint results: one file per format, each deterministic
// (findings arrive sorted) and covered by golden tests of its own (testdata/).
// Every format streams (stream.go): the CLI hands it each resource's findings
// as engine.Visit produces them, and it appends them to a buffer it reuses and
// writes out a chunk at a time (outbuf.go), never building a whole document in
// memory; a format that prints totals before the findings keeps the findings
// aside in a spill (memory, then a temporary file) until the totals are known,
// each as a record of what is its own (escaped), not of its rule's texts.
package format

import (
	"fmt"
	"io"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/baseline"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// Location is a place in the Terraform source, when --source-dir is given.
type Location struct {
	// File is relative to the repository root (or --path-prefix), slash-separated.
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// ModuleCall is one module block on the way from the root module to a resource.
type ModuleCall struct {
	// Address is the call's module path, e.g. module.app or module.app.module.db.
	Address string `json:"address"`
	Location
}

// Place is where a finding is: the block or attribute at fault and, for a
// resource inside a module, the module calls that lead to it (outermost first).
type Place struct {
	Location
	ModuleCalls []ModuleCall
}

// Locator finds where a finding is declared; a nil Locator means no source locations.
type Locator interface {
	// Locate returns the place of a resource instance's attribute (a path such as
	// ingress[0].cidr_blocks; "" for the resource block itself).
	Locate(address, attribute string) (Place, bool)
}

// Result is everything a format needs. A Writer (WriteAll) takes the whole
// run in it; a Stream (Open) takes the rest of it from Result and the findings
// and summary as the run goes, and ignores Findings, Passes and Summary here.
type Result struct {
	ToolName    string
	ToolVersion string
	Summary     engine.Summary
	// Findings are filtered and sorted by engine.Apply (fail, unknown, waived).
	Findings []engine.Finding
	// Passes are the passing checks, in any order; recorded only when an output
	// needs them (see NeedsPasses).
	Passes  []engine.Finding
	Policy  engine.Policy
	Locator Locator
	// Rules are the enabled rules' metadata (SARIF lists them all).
	Rules []engine.Metadata
	// Color enables ANSI colours in the text format.
	Color bool
	// Baseline is set when findings were matched against a baseline
	// (--baseline): its counts are in Summary.Baseline. A Stream reads its
	// Fixed entries only in Close: the run fills them in (through this
	// pointer, which the outputs share) after the last resource.
	Baseline *BaselineResult
}

// BaselineResult is what a run matched against a baseline, known at its end.
type BaselineResult struct {
	// Path is the baseline file as given.
	Path string
	// Fixed are the entries no finding matched: fixed since the baseline.
	Fixed []baseline.Entry
}

func (r *Result) locate(f *engine.Finding) (Place, bool) {
	if r.Locator == nil {
		return Place{}, false
	}
	return r.Locator.Locate(f.Address, f.Attribute)
}

// Writer renders a result.
type Writer func(w io.Writer, r *Result) error

// Format is one output format.
type Format struct {
	Name string
	// Write writes a whole Result; Open starts the same output as a Stream,
	// written as a run goes.
	Write Writer
	Open  Opener
	// NeedsPasses: the format lists passing checks too (JUnit), so the run must record them.
	NeedsPasses bool
}

// formats are every format, sorted by name.
var formats = []Format{
	{Name: "github", Write: GitHub, Open: openGitHub},
	{Name: "json", Write: JSON, Open: openJSON},
	{Name: "junit", Write: JUnit, Open: openJUnit, NeedsPasses: true},
	{Name: "markdown", Write: Markdown, Open: openMarkdown},
	{Name: "sarif", Write: SARIF, Open: openSARIF},
	{Name: "text", Write: Text, Open: openText},
}

// Names lists the format names, sorted.
func Names() []string {
	out := make([]string, len(formats))
	for i, f := range formats {
		out[i] = f.Name
	}
	return out
}

// Get returns a format or an error naming the valid formats.
func Get(name string) (Format, error) {
	for _, f := range formats {
		if f.Name == name {
			return f, nil
		}
	}
	return Format{}, fmt.Errorf("unknown format %q: use one of %s", name, strings.Join(Names(), ", "))
}

// Lookup returns a format's writer or an error naming the valid formats.
func Lookup(name string) (Writer, error) {
	f, err := Get(name)
	return f.Write, err
}

// ControlList renders a rule's controls for machine formats: each control's ID
// followed by its framework references.
func ControlList(m engine.Metadata) []string {
	out := []string{}
	for _, c := range m.Controls {
		out = append(out, c.ID)
		for _, ref := range c.References {
			out = append(out, string(ref.Framework)+" "+ref.ID)
		}
	}
	return out
}

// label is how text formats name a finding's level: FAIL, WARN, NOTE, UNKNOWN,
// WAIVED, REGRESSION, BASELINED.
func label(l engine.Level) string { return strings.ToUpper(string(l)) }

// SummaryLine is the summary the text and markdown formats print, e.g.
// "12 resources checked (3 changed by this plan): 2 failing resources, 3 failing findings (1 critical, 2 high); 4
// warnings, 0 notes, 1 unknown, 0 waived"; with --changes-only, "3 resources checked (changes only, 9 unchanged
// not judged): ...".
func SummaryLine(s engine.Summary, pol engine.Policy) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d resources checked", s.Resources)
	if s.ChangesOnly {
		fmt.Fprintf(&b, " (changes only, %d unchanged not judged)", s.Unchanged)
	} else {
		fmt.Fprintf(&b, " (%d changed by this plan)", s.Changing)
	}
	fmt.Fprintf(&b, ": %d failing %s, %d failing %s",
		s.FailingResources, plural(s.FailingResources, "resource", "resources"), s.Failed, plural(s.Failed, "finding", "findings"))
	if s.Failed > 0 {
		b.WriteString(" (")
		first := true
		for _, sev := range engine.Severities {
			if n := s.FailedBySeverity[sev]; n > 0 {
				if !first {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "%d %s", n, sev)
				first = false
			}
		}
		b.WriteString(")")
	}
	if s.Regressions > 0 {
		fmt.Fprintf(&b, ", %d %s", s.Regressions, plural(s.Regressions, "regression", "regressions"))
	}
	fmt.Fprintf(&b, "; %d %s, %d %s", s.Warnings, plural(s.Warnings, "warning", "warnings"), s.Notes, plural(s.Notes, "note", "notes"))
	if s.Warnings+s.Notes > 0 {
		failOn := pol.FailOn
		if failOn == "" {
			failOn = controls.SeverityLow
		}
		fmt.Fprintf(&b, " (below fail_on %s)", failOn)
	}
	fmt.Fprintf(&b, ", %d unknown, %d waived", s.Unknown, s.Waived)
	if c := s.Baseline; c != nil {
		fmt.Fprintf(&b, "; baseline: %d new, %d unchanged, %d fixed", c.New, c.Unchanged, c.Fixed)
		if c.Expired > 0 {
			fmt.Fprintf(&b, ", %d expired", c.Expired)
		}
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// aliasKey is what a finding's aliases depend on (see engine.Finding.Aliases).
type aliasKey struct {
	rule               *engine.Metadata
	part, resourceType string
}
