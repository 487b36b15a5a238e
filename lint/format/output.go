package format

import (
	"fmt"
	"io"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// Output is one rendering a run writes: a format to a file, or to stdout (Path "-").
type Output struct {
	Format string
	Path   string
}

// Stdout is the Path of an output written to standard output.
const Stdout = "-"

// ParseOutput parses an --output value, FORMAT=PATH (PATH - for stdout).
func ParseOutput(spec string) (Output, error) {
	name, path, ok := strings.Cut(spec, "=")
	if !ok || name == "" || path == "" {
		return Output{}, fmt.Errorf("--output takes FORMAT=PATH (PATH - for stdout), got %q", spec)
	}
	if _, err := Get(name); err != nil {
		return Output{}, err
	}
	return Output{Format: name, Path: path}, nil
}

// Plan lists what a run writes: the --output list in order, then stdoutFormat on
// stdout, unless an --output already writes to stdout and the stdout format was
// not asked for explicitly (--format or its environment variable).
func Plan(outputs []Output, stdoutFormat string, explicit bool) ([]Output, error) {
	if stdoutFormat == "" {
		stdoutFormat = "text"
	}
	if _, err := Get(stdoutFormat); err != nil {
		return nil, err
	}
	out := append([]Output(nil), outputs...)
	toStdout := true
	for _, o := range outputs {
		if o.Path == Stdout {
			toStdout = false
		}
	}
	if toStdout || explicit {
		out = append(out, Output{Format: stdoutFormat, Path: Stdout})
	}
	return out, nil
}

// NeedsPasses reports whether any output lists passing checks (JUnit does), so
// that the run records them; otherwise passes are only counted.
func NeedsPasses(outputs []Output) bool {
	for _, o := range outputs {
		if f, err := Get(o.Format); err == nil && f.NeedsPasses {
			return true
		}
	}
	return false
}

// WriteAll writes a whole Result to every output (see Open): files are
// created (or truncated) and streamed to; stdout outputs go to stdout. color
// colours text written to stdout.
func WriteAll(outputs []Output, r *Result, stdout io.Writer, color bool) error {
	s, err := Open(outputs, r, stdout, color)
	if err != nil {
		return err
	}
	eachResource(r, func(findings, passes []engine.Finding) error { //nolint:errcheck // Close reports write errors
		s.Resource(findings, passes)
		return nil
	})
	return s.Close(r.Summary)
}
