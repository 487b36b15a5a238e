package format

import (
	"io"
	"strconv"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// GitHub writes GitHub Actions workflow commands, which annotate the pull request:
// error for failing findings, warning for warnings and unknowns, notice for notes
// and waived findings.
func GitHub(w io.Writer, r *Result) error {
	b := buffered(w)
	for i := range r.Findings {
		f := &r.Findings[i]
		level := "warning"
		switch r.Policy.Level(*f) {
		case engine.LevelFail:
			level = "error"
		case engine.LevelWaived, engine.LevelNote:
			level = "notice"
		}
		b.WriteString("::" + level + " ")
		msg := f.Address + ": " + f.Message
		if place, ok := r.locate(f); ok {
			b.WriteString("file=" + ghProp(place.File) + ",line=" + strconv.Itoa(place.Line))
			if place.Column > 0 {
				b.WriteString(",col=" + strconv.Itoa(place.Column))
			}
			b.WriteString(",")
			for _, c := range place.ModuleCalls {
				msg += " (in " + c.Address + " at " + c.File + ":" + strconv.Itoa(c.Line) + ")"
			}
		}
		b.WriteString("title=" + ghProp(f.Rule.ID+" ("+string(f.Rule.Severity)+")"))
		b.WriteString("::" + ghData(msg) + "\n")
	}
	return b.Flush()
}

var (
	ghDataEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghPropEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func ghData(s string) string { return ghDataEscaper.Replace(Printable(s)) }

func ghProp(s string) string { return ghPropEscaper.Replace(Printable(s)) }
