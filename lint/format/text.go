package format

import (
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
	o       *outBuf
	started bool
	// The start of a finding's line, which its rule and status decide,
	// rendered once each.
	heads map[textHeadKey]string
	last  textHeadKey
	head  string
}

type textHeadKey struct {
	rule   *engine.Metadata
	status engine.Status
}

func openText(w io.Writer, r *Result) (Stream, error) {
	return &textStream{r: r, o: newOutBuf(w), heads: map[textHeadKey]string{}}, nil
}

// paint appends s, coloured with code when the output is coloured.
func (t *textStream) paint(b []byte, code, s string) []byte {
	if t.r.Color {
		b = append(b, code...)
		b = append(b, s...)
		return append(b, ansiReset...)
	}
	return append(b, s...)
}

// lineHead renders the start of a finding's line: "  LEVEL [severity] rule: ".
func (t *textStream) lineHead(f *engine.Finding) string {
	k := textHeadKey{f.Rule, f.Status}
	if t.head != "" && k == t.last {
		return t.head
	}
	h, ok := t.heads[k]
	if !ok {
		level := t.r.Policy.Level(*f)
		b := append([]byte(nil), "  "...)
		b = t.paint(b, levelColor[level], label(level))
		b = append(b, " ["...)
		b = append(b, f.Rule.Severity...)
		b = append(b, "] "...)
		b = t.paint(b, ansiCyan, f.Rule.ID)
		b = append(b, ": "...)
		h = string(b)
		t.heads[k] = h
	}
	t.last, t.head = k, h
	return h
}

func (t *textStream) Resource(findings, _ []engine.Finding) error {
	if len(findings) == 0 {
		return nil
	}
	r, b := t.r, t.o.b
	if t.started {
		b = append(b, '\n')
	}
	t.started = true
	address := findings[0].Address
	var head Location
	if place, ok := r.Locate(address, ""); ok {
		head = place.Location
		h := Printable(address) + " (" + locText(place.Location) + ")"
		for _, c := range place.ModuleCalls {
			h += " <- " + Printable(c.Address) + " (" + locText(c.Location) + ")"
		}
		b = t.paint(b, ansiBold, h)
	} else if r.Color {
		b = t.paint(b, ansiBold, Printable(address))
	} else {
		b = appendPrintable(b, address)
	}
	b = append(b, '\n')
	for i := range findings {
		f := &findings[i]
		b = append(b, t.lineHead(f)...)
		b = appendPrintable(b, f.Message)
		b = append(b, '\n')
		if f.Attribute != "" {
			if place, ok := r.locate(f); ok && place.Location != head {
				b = append(b, "      at: "...)
				b = appendPrintable(b, place.File)
				b = append(b, ':')
				b = appendInt(b, place.Line)
				b = append(b, '\n')
			}
		}
		if f.Note != "" {
			b = append(b, "      note: "...)
			b = appendPrintable(b, f.Note)
			b = append(b, '\n')
		}
		if f.Status == engine.StatusFail || f.Status == engine.StatusRegression {
			b = append(b, "      fix: "...)
			b = append(b, f.Rule.Remediation...)
			b = append(b, '\n')
		}
	}
	t.o.b = b
	t.o.spare()
	return nil
}

func (t *textStream) Close(s engine.Summary) error {
	b := t.o.b
	if t.started {
		b = append(b, '\n')
	}
	if base := t.r.Baseline; base != nil && len(base.Fixed) > 0 {
		b = t.paint(b, ansiBold, "Fixed since the baseline "+Printable(base.Path))
		b = append(b, '\n')
		for _, e := range base.Fixed {
			b = append(b, "  "...)
			b = t.paint(b, ansiCyan, "FIXED")
			b = append(b, " "+Printable(e.Rule)+": "+Printable(e.Address)...)
			if e.Attribute != "" {
				b = append(b, " "+Printable(e.Attribute)...)
			}
			t.o.b = append(b, '\n')
			t.o.spare()
			b = t.o.b
		}
		b = append(b, '\n')
	}
	t.o.b = append(b, SummaryLine(s, t.r.Policy)+"\n"...)
	return t.o.flush()
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
