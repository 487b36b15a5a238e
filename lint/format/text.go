package format

import (
	"fmt"
	"io"
	"strings"

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

// Text writes findings grouped by resource, then a summary line.
func Text(w io.Writer, r *Result) error {
	paint := func(code, s string) string {
		if !r.Color {
			return s
		}
		return code + s + ansiReset
	}
	var b strings.Builder
	current := ""
	for _, f := range r.Reported() {
		if f.Address != current {
			if current != "" {
				b.WriteString("\n")
			}
			current = f.Address
			head := f.Address
			if loc, ok := r.locate(f.Address); ok {
				head += fmt.Sprintf(" (%s:%d)", loc.File, loc.Line)
			}
			b.WriteString(paint(ansiBold, head) + "\n")
		}
		status := strings.ToUpper(string(f.Status))
		switch f.Status {
		case engine.StatusFail:
			status = paint(ansiRed, status)
		case engine.StatusUnknown:
			status = paint(ansiYellow, status)
		case engine.StatusWaived:
			status = paint(ansiDim, status)
		}
		fmt.Fprintf(&b, "  %s [%s] %s: %s\n", status, f.Rule.Severity, paint(ansiCyan, f.Rule.ID), f.Message)
		if f.Note != "" {
			fmt.Fprintf(&b, "      note: %s\n", f.Note)
		}
		if f.Status == engine.StatusFail {
			fmt.Fprintf(&b, "      fix: %s\n", f.Rule.Remediation)
		}
	}
	if current != "" {
		b.WriteString("\n")
	}
	b.WriteString(summaryLine(r.Summary) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}
