package format

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// Stream writes one output as a run goes: the run hands it each resource's
// findings as engine.Visit produces them, then the summary, which is known
// only at the end.
type Stream interface {
	// Resource writes one resource's findings (filtered, sorted as engine.Sort
	// sorts them, all of one address; resources come in address order) and its
	// passing checks (recorded only when the format NeedsPasses). The slices
	// are the caller's again once Resource returns.
	Resource(findings, passes []engine.Finding) error
	// Close writes the rest of the output, given the run's summary, and flushes
	// it. A format that prints totals before the findings (json, markdown,
	// junit) writes them here, followed by the findings it has kept aside (see
	// spill).
	Close(s engine.Summary) error
}

// Opener starts a format's Stream on w; r carries everything but the findings,
// the passes and the summary.
type Opener func(w io.Writer, r *Result) (Stream, error)

// writeWith writes a whole Result through a format's Stream. It is every
// format's Writer, so golden tests of a Writer test the Stream the CLI runs.
func writeWith(open Opener, w io.Writer, r *Result) error {
	st, err := open(w, r)
	if err != nil {
		return err
	}
	if err := eachResource(r, st.Resource); err != nil {
		st.Close(r.Summary) //nolint:errcheck // the first error is the one to report
		return err
	}
	return st.Close(r.Summary)
}

// eachResource hands a Result's findings (sorted by address) to fn one
// address at a time, each with the passes of that address, as engine.Visit
// would.
func eachResource(r *Result, fn func(findings, passes []engine.Finding) error) error {
	// Passes come in any order: grouped by address, in their order otherwise.
	passes := slices.Clone(r.Passes)
	slices.SortStableFunc(passes, func(a, b engine.Finding) int { return strings.Compare(a.Address, b.Address) })
	fs, p := r.Findings, 0
	for len(fs) > 0 || p < len(passes) {
		var addr string
		if len(fs) > 0 && (p == len(passes) || fs[0].Address <= passes[p].Address) {
			addr = fs[0].Address
		} else {
			addr = passes[p].Address
		}
		n := 0
		for n < len(fs) && fs[n].Address == addr {
			n++
		}
		q := p
		for q < len(passes) && passes[q].Address == addr {
			q++
		}
		if err := fn(fs[:n], passes[p:q]); err != nil {
			return err
		}
		fs, p = fs[n:], q
	}
	return nil
}

// Streams are the outputs of one run, written together as the run goes.
type Streams struct {
	outs []*openOutput
}

type openOutput struct {
	Output
	st   Stream
	file *os.File
	// later holds an output bound for stdout while an earlier one writes
	// there; it is copied out when the run ends.
	later  *spill
	stdout io.Writer
	err    error
}

// Open starts every output of a run: files are created (or truncated) now, so
// that a path that cannot be written fails before the run; stdout outputs go
// to stdout (a second one to stdout is written after the first). color
// colours text written to stdout. r carries the tool, policy, locator and
// rules; the findings come through Streams.Resource.
func Open(outputs []Output, r *Result, stdout io.Writer, color bool) (*Streams, error) {
	s := &Streams{}
	toStdout := false
	for _, o := range outputs {
		f, err := Get(o.Format)
		if err != nil {
			s.abort()
			return nil, err
		}
		res := *r
		res.Color = color && o.Path == Stdout && o.Format == "text"
		out := &openOutput{Output: o}
		var w io.Writer
		switch {
		case o.Path != Stdout:
			file, err := os.Create(o.Path)
			if err != nil {
				s.abort()
				return nil, out.wrap(err)
			}
			out.file, w = file, file
		case toStdout:
			out.later, out.stdout = newSpill(spillMemory), stdout
			w = out.later
		default:
			toStdout, w = true, stdout
		}
		s.outs = append(s.outs, out)
		if out.st, err = f.Open(w, &res); err != nil {
			s.abort()
			return nil, out.wrap(err)
		}
	}
	return s, nil
}

// Resource hands one resource's findings and passes to every output; an
// output that failed is written no more (Close reports its error).
func (s *Streams) Resource(findings, passes []engine.Finding) {
	for _, o := range s.outs {
		if o.err == nil {
			o.err = o.st.Resource(findings, passes)
		}
	}
}

// Close finishes every output with the run's summary and returns the first
// error any output met, naming the output.
func (s *Streams) Close(summary engine.Summary) error {
	var first error
	for _, o := range s.outs {
		if o.err == nil {
			o.err = o.st.Close(summary)
		}
		if o.later != nil && o.err == nil {
			b := bufio.NewWriterSize(o.stdout, 64<<10)
			if o.err = o.later.writeTo(b); o.err == nil {
				o.err = b.Flush()
			}
			o.later.close()
		}
		if o.file != nil {
			if err := o.file.Close(); o.err == nil {
				o.err = err
			}
		}
		if o.err != nil && first == nil {
			first = o.wrap(o.err)
		}
	}
	return first
}

// abort closes the files opened so far.
func (s *Streams) abort() {
	for _, o := range s.outs {
		if o.file != nil {
			o.file.Close()
		}
	}
}

func (o *openOutput) wrap(err error) error {
	if o.Path == Stdout {
		return fmt.Errorf("writing %s output: %w", o.Format, err)
	}
	return fmt.Errorf("writing %s output to %s: %w", o.Format, o.Path, err)
}
