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
func Text(w io.Writer, r *Result) error { return writeWith(openText, w, r) }

type textStream struct {
	r       *Result
	b       *bufio.Writer
	started bool
}

func openText(w io.Writer, r *Result) (Stream, error) {
	return &textStream{r: r, b: buffered(w)}, nil
}

func (t *textStream) paint(code, s string) {
	if t.r.Color {
		t.b.WriteString(code)
		t.b.WriteString(s)
		t.b.WriteString(ansiReset)
		return
	}
	t.b.WriteString(s)
}

func (t *textStream) Resource(findings, _ []engine.Finding) error {
	if len(findings) == 0 {
		return nil
	}
	r, b := t.r, t.b
	if t.started {
		b.WriteString("\n")
	}
	t.started = true
	address := findings[0].Address
	h := Printable(address)
	var head Location
	if place, ok := r.Locate(address, ""); ok {
		head = place.Location
		h += " (" + locText(place.Location) + ")"
		for _, c := range place.ModuleCalls {
			h += " <- " + Printable(c.Address) + " (" + locText(c.Location) + ")"
		}
	}
	t.paint(ansiBold, h)
	b.WriteString("\n")
	for i := range findings {
		f := &findings[i]
		level := r.Policy.Level(*f)
		b.WriteString("  ")
		t.paint(levelColor[level], label(level))
		b.WriteString(" [")
		b.WriteString(string(f.Rule.Severity))
		b.WriteString("] ")
		t.paint(ansiCyan, f.Rule.ID)
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
	return nil
}

func (t *textStream) Close(s engine.Summary) error {
	if t.started {
		t.b.WriteString("\n")
	}
	if base := t.r.Baseline; base != nil && len(base.Fixed) > 0 {
		t.paint(ansiBold, "Fixed since the baseline "+Printable(base.Path))
		t.b.WriteString("\n")
		for _, e := range base.Fixed {
			t.b.WriteString("  ")
			t.paint(ansiCyan, "FIXED")
			t.b.WriteString(" " + Printable(e.Rule) + ": " + Printable(e.Address))
			if e.Attribute != "" {
				t.b.WriteString(" " + Printable(e.Attribute))
			}
			t.b.WriteByte('\n')
		}
		t.b.WriteString("\n")
	}
	t.b.WriteString(SummaryLine(s, t.r.Policy) + "\n")
	return t.b.Flush()
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
