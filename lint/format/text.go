package format

import (
	"bufio"
	"io"
	"strconv"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiDim    = "\x1b[2m"
)

var levelColor = map[engine.Level]string{
	engine.LevelFail: ansiRed, engine.LevelWarn: ansiYellow, engine.LevelNote: ansiCyan,
	engine.LevelUnknown: ansiYellow, engine.LevelWaived: ansiDim, engine.LevelRegression: ansiRed,
	engine.LevelBaselined: ansiDim,
}

// Text writes findings grouped by resource, then a summary line. Each finding is
// labelled by what it does to the run: FAIL (fails it), REGRESSION (a change that
// weakens or deletes a control; fails it), WARN or NOTE (a failure below fail_on;
// NOTE for info rules and for regressions the plan replaces), UNKNOWN, WAIVED,
// BASELINED (recorded in the --baseline file). With a baseline, the entries
// fixed since it follow the findings, as FIXED.
func Text(w io.Writer, r *Result) error {
	b := buffered(w)
	paint := func(code, s string) {
		if r.Color {
			b.WriteString(code)
			b.WriteString(s)
			b.WriteString(ansiReset)
			return
		}
		b.WriteString(s)
	}
	current, started := "", false
	var head Location
	for i := range r.Findings {
		f := &r.Findings[i]
		if !started || f.Address != current {
			if started {
				b.WriteString("\n")
			}
			current, started = f.Address, true
			h := Printable(f.Address)
			head = Location{}
			if place, ok := r.Locate(f.Address, ""); ok {
				head = place.Location
				h += " (" + locText(place.Location) + ")"
				for _, c := range place.ModuleCalls {
					h += " <- " + Printable(c.Address) + " (" + locText(c.Location) + ")"
				}
			}
			paint(ansiBold, h)
			b.WriteString("\n")
		}
		level := r.Policy.Level(*f)
		b.WriteString("  ")
		paint(levelColor[level], label(level))
		b.WriteString(" [")
		b.WriteString(string(f.Rule.Severity))
		b.WriteString("] ")
		paint(ansiCyan, f.Rule.ID)
		b.WriteString(": ")
		b.WriteString(Printable(f.Message))
		b.WriteByte('\n')
		if f.Attribute != "" {
			if place, ok := r.locate(f); ok && place.Location != head {
				b.WriteString("      at: ")
				writeLoc(b, place.Location)
				b.WriteByte('\n')
			}
		}
		if f.Note != "" {
			b.WriteString("      note: ")
			b.WriteString(Printable(f.Note))
			b.WriteByte('\n')
		}
		if f.Status == engine.StatusFail || f.Status == engine.StatusRegression {
			b.WriteString("      fix: ")
			b.WriteString(f.Rule.Remediation)
			b.WriteByte('\n')
		}
	}
	if started {
		b.WriteString("\n")
	}
	if r.Baseline != nil && len(r.Baseline.Fixed) > 0 {
		paint(ansiBold, "Fixed since the baseline "+Printable(r.Baseline.Path))
		b.WriteString("\n")
		for _, e := range r.Baseline.Fixed {
			b.WriteString("  ")
			paint(ansiCyan, "FIXED")
			b.WriteString(" " + Printable(e.Rule) + ": " + Printable(e.Address))
			if e.Attribute != "" {
				b.WriteString(" " + Printable(e.Attribute))
			}
			b.WriteByte('\n')
		}
		b.WriteString("\n")
	}
	b.WriteString(SummaryLine(r.Summary, r.Policy) + "\n")
	return b.Flush()
}

// Locate is the Locator's answer, or nothing when there is no Locator.
func (r *Result) Locate(address, attribute string) (Place, bool) {
	if r.Locator == nil {
		return Place{}, false
	}
	return r.Locator.Locate(address, attribute)
}

func locText(l Location) string {
	return Printable(l.File) + ":" + strconv.Itoa(l.Line)
}

func writeLoc(b *bufio.Writer, l Location) {
	b.WriteString(Printable(l.File))
	b.WriteByte(':')
	var buf [20]byte
	b.Write(strconv.AppendInt(buf[:0], int64(l.Line), 10))
}
