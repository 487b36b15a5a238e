// Package format renders lint results: one file per format, each deterministic
// (findings arrive sorted) and covered by golden tests.
package format

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// Location is a finding's place in the Terraform source, when --source-dir is given.
type Location struct {
	File   string // relative to the source dir, slash-separated
	Line   int
	Column int
}

// Locator finds where a resource is declared; nil means no source locations.
type Locator interface {
	Locate(address string) (Location, bool)
}

// Result is everything a format needs.
type Result struct {
	ToolName    string
	ToolVersion string
	Summary     engine.Summary
	// Findings are filtered and sorted (fail, unknown, waived).
	Findings []engine.Finding
	// Passes are the passing checks (JUnit lists them), in any order.
	Passes  []engine.Finding
	Policy  engine.Policy
	Locator Locator
	// Rules are the enabled rules' metadata (SARIF lists them all).
	Rules []engine.Metadata
	// Color enables ANSI colours in the text format.
	Color bool
}

// Reported are the findings every format lists: all but passes.
func (r *Result) Reported() []engine.Finding {
	return r.Findings
}

func (r *Result) locate(address string) (Location, bool) {
	if r.Locator == nil {
		return Location{}, false
	}
	return r.Locator.Locate(address)
}

// Writer renders a result.
type Writer func(w io.Writer, r *Result) error

// Formats maps each format name to its writer.
var Formats = map[string]Writer{
	"text":     Text,
	"json":     JSON,
	"sarif":    SARIF,
	"junit":    JUnit,
	"github":   GitHub,
	"markdown": Markdown,
}

// Names lists the format names, sorted.
func Names() []string {
	out := make([]string, 0, len(Formats))
	for n := range Formats {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Lookup returns a format's writer or an error naming the valid formats.
func Lookup(name string) (Writer, error) {
	if w, ok := Formats[name]; ok {
		return w, nil
	}
	return nil, fmt.Errorf("unknown format %q: use one of %s", name, strings.Join(Names(), ", "))
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

func summaryLine(s engine.Summary) string {
	return fmt.Sprintf("%d resources checked: %d failed, %d unknown, %d waived", s.Resources, s.Failed, s.Unknown, s.Waived)
}
