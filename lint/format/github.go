package format

import (
	"io"
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
	o *outBuf
}

func openGitHub(w io.Writer, r *Result) (Stream, error) {
	return &githubStream{r: r, o: newOutBuf(w)}, nil
}

func (g *githubStream) Close(engine.Summary) error { return g.o.flush() }

func (g *githubStream) Resource(findings, _ []engine.Finding) error {
	r, b := g.r, g.o.b
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
		b = append(b, "::"...)
		b = append(b, level...)
		b = append(b, ' ')
		place, located := r.locate(f)
		if located {
			b = append(b, "file="...)
			b = appendGHProp(b, place.File)
			b = append(b, ",line="...)
			b = appendInt(b, place.Line)
			if place.Column > 0 {
				b = append(b, ",col="...)
				b = appendInt(b, place.Column)
			}
			b = append(b, ',')
		}
		b = append(b, "title="...)
		b = appendGHProp(b, f.Rule.ID)
		b = append(b, " ("...)
		b = append(b, f.Rule.Severity...)
		b = append(b, ")::"...)
		b = appendGHData(b, f.Address)
		b = append(b, ": "...)
		b = appendGHData(b, f.Message)
		if located {
			for _, c := range place.ModuleCalls {
				b = append(b, " (in "...)
				b = appendGHData(b, c.Address)
				b = append(b, " at "...)
				b = appendGHData(b, c.File)
				b = append(b, ':')
				b = appendInt(b, c.Line)
				b = append(b, ')')
			}
		}
		b = append(b, '\n')
	}
	g.o.b = b
	g.o.spare()
	return nil
}

// appendGHData appends ghData(s).
func appendGHData(b []byte, s string) []byte {
	if ghDataSet.isPlain(s) {
		return append(b, s...)
	}
	return append(b, ghData(s)...)
}

// appendGHProp appends ghProp(s).
func appendGHProp(b []byte, s string) []byte {
	if ghPropSet.isPlain(s) {
		return append(b, s...)
	}
	return append(b, ghProp(s)...)
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
