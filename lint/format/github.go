package format

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// GitHub writes GitHub Actions workflow commands, which annotate the pull request:
// error for failing findings and regressions, warning for warnings and unknowns, notice for notes
// and waived findings. Baselined findings are left out: a baseline is there to
// quiet them (the summary in the other formats counts them).
func GitHub(w io.Writer, r *Result) error { return writeWith(openGitHub, w, r) }

type githubStream struct {
	r *Result
	b *bufio.Writer
}

func openGitHub(w io.Writer, r *Result) (Stream, error) {
	return &githubStream{r: r, b: buffered(w)}, nil
}

func (g *githubStream) Close(engine.Summary) error { return g.b.Flush() }

func (g *githubStream) Resource(findings, _ []engine.Finding) error {
	r, b := g.r, g.b
	for i := range findings {
		f := &findings[i]
		level := "warning"
		switch r.Policy.Level(*f) {
		case engine.LevelBaselined:
			continue
		case engine.LevelFail, engine.LevelRegression:
			level = "error"
		case engine.LevelWaived, engine.LevelNote:
			level = "notice"
		}
		b.WriteString("::")
		b.WriteString(level)
		b.WriteByte(' ')
		place, located := r.locate(f)
		if located {
			b.WriteString("file=")
			b.WriteString(ghProp(place.File))
			b.WriteString(",line=")
			b.WriteString(strconv.Itoa(place.Line))
			if place.Column > 0 {
				b.WriteString(",col=")
				b.WriteString(strconv.Itoa(place.Column))
			}
			b.WriteByte(',')
		}
		b.WriteString("title=")
		b.WriteString(ghProp(f.Rule.ID))
		b.WriteString(" (")
		b.WriteString(string(f.Rule.Severity))
		b.WriteString(")::")
		b.WriteString(ghData(f.Address))
		b.WriteString(": ")
		b.WriteString(ghData(f.Message))
		if located {
			for _, c := range place.ModuleCalls {
				b.WriteString(" (in ")
				b.WriteString(ghData(c.Address))
				b.WriteString(" at ")
				b.WriteString(ghData(c.File))
				b.WriteByte(':')
				b.WriteString(strconv.Itoa(c.Line))
				b.WriteByte(')')
			}
		}
		b.WriteByte('\n')
	}
	return nil
}

var (
	ghDataEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghPropEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// ghData escapes a message; strings without anything to escape are returned as they are.
func ghData(s string) string {
	if s = Printable(s); strings.IndexByte(s, '%') < 0 {
		return s // Printable left no \r or \n
	}
	return ghDataEscaper.Replace(s)
}

func ghProp(s string) string {
	if s = Printable(s); !strings.ContainsAny(s, "%:,") {
		return s
	}
	return ghPropEscaper.Replace(s)
}
