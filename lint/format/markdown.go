package format

import (
	"bufio"
	"io"
	"strings"
)

// Markdown writes a table for pull-request comments and job summaries.
func Markdown(w io.Writer, r *Result) error {
	b := buffered(w)
	b.WriteString("## hardened-lint\n\n")
	b.WriteString(SummaryLine(r.Summary, r.Policy) + "\n\n")
	if len(r.Findings) == 0 {
		b.WriteString("No findings.\n")
		writeMarkdownFixed(b, r)
		return b.Flush()
	}
	b.WriteString("| Level | Severity | Rule | Resource | Message |\n|---|---|---|---|---|\n")
	for i := range r.Findings {
		f := &r.Findings[i]
		b.WriteString("| ")
		b.WriteString(label(r.Policy.Level(*f)))
		b.WriteString(" | ")
		b.WriteString(string(f.Rule.Severity))
		b.WriteString(" | [`")
		b.WriteString(f.Rule.ID)
		b.WriteString("`](")
		b.WriteString(f.Rule.Link())
		b.WriteString(") | `")
		b.WriteString(mdCode(f.Address))
		b.WriteByte('`')
		if place, ok := r.locate(f); ok {
			b.WriteString(" (")
			b.WriteString(mdText(locText(place.Location)))
			b.WriteByte(')')
		}
		b.WriteString(" | ")
		b.WriteString(mdText(f.Message))
		b.WriteString(" |\n")
	}
	writeMarkdownFixed(b, r)
	return b.Flush()
}

// writeMarkdownFixed lists the baseline entries fixed since it.
func writeMarkdownFixed(b *bufio.Writer, r *Result) {
	if r.Baseline == nil || len(r.Baseline.Fixed) == 0 {
		return
	}
	b.WriteString("\n### Fixed since the baseline\n\n")
	for _, e := range r.Baseline.Fixed {
		b.WriteString("- `")
		b.WriteString(mdCode(e.Rule))
		b.WriteString("` on `")
		b.WriteString(mdCode(e.Address))
		b.WriteByte('`')
		if e.Attribute != "" {
			b.WriteString(" (`")
			b.WriteString(mdCode(e.Attribute))
			b.WriteString("`)")
		}
		b.WriteByte('\n')
	}
}

var (
	mdCodeEscaper = strings.NewReplacer("|", "\\|", "`", "'")
	mdTextEscaper = strings.NewReplacer("|", "\\|", "`", "'", "<", "&lt;", ">", "&gt;")
)

// mdCode escapes text inside a code span in a table cell.
func mdCode(s string) string {
	if s = Printable(s); !strings.ContainsAny(s, "|`") {
		return s
	}
	return mdCodeEscaper.Replace(s)
}

// mdText escapes text in a table cell: no HTML, no cell breaks.
func mdText(s string) string {
	if s = Printable(s); !strings.ContainsAny(s, "|`<>") {
		return s
	}
	return mdTextEscaper.Replace(s)
}
