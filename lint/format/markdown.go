package format

import (
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
		return b.Flush()
	}
	b.WriteString("| Level | Severity | Rule | Resource | Message |\n|---|---|---|---|---|\n")
	for i := range r.Findings {
		f := &r.Findings[i]
		b.WriteString("| " + label(r.Policy.Level(*f)) + " | " + string(f.Rule.Severity) + " | [`" + f.Rule.ID + "`](" +
			f.Rule.Link() + ") | `" + mdCode(f.Address) + "`")
		if place, ok := r.locate(f); ok {
			b.WriteString(" (" + mdText(locText(place.Location)) + ")")
		}
		b.WriteString(" | " + mdText(f.Message) + " |\n")
	}
	return b.Flush()
}

var (
	mdCodeEscaper = strings.NewReplacer("|", "\\|", "`", "'")
	mdTextEscaper = strings.NewReplacer("|", "\\|", "`", "'", "<", "&lt;", ">", "&gt;")
)

// mdCode escapes text inside a code span in a table cell.
func mdCode(s string) string { return mdCodeEscaper.Replace(Printable(s)) }

// mdText escapes text in a table cell: no HTML, no cell breaks.
func mdText(s string) string { return mdTextEscaper.Replace(Printable(s)) }
