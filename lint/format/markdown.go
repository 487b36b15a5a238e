package format

import (
	"bufio"
	"io"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// Markdown writes a table for pull-request comments and job summaries: the
// summary line first, so the rows are kept aside (a spill) until it is known;
// with a baseline, the entries fixed since it follow the table.
func Markdown(w io.Writer, r *Result) error { return writeWith(openMarkdown, w, r) }

type markdownStream struct {
	r    *Result
	b    *bufio.Writer
	rows *findingSpill
}

func openMarkdown(w io.Writer, r *Result) (Stream, error) {
	return &markdownStream{r: r, b: buffered(w), rows: newFindingSpill(spillMemory)}, nil
}

func (m *markdownStream) Resource(findings, _ []engine.Finding) error {
	for i := range findings {
		m.rows.add(&findings[i])
	}
	return nil
}

// writeRow writes a finding's row of the table.
func (m *markdownStream) writeRow(b *bufio.Writer, f *engine.Finding) {
	r := m.r
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

func (m *markdownStream) Close(s engine.Summary) error {
	defer m.rows.close()
	b := m.b
	b.WriteString("## hardened-lint\n\n")
	b.WriteString(SummaryLine(s, m.r.Policy) + "\n\n")
	if m.rows.n == 0 {
		b.WriteString("No findings.\n")
		writeMarkdownFixed(b, m.r)
		return b.Flush()
	}
	b.WriteString("| Level | Severity | Rule | Resource | Message |\n|---|---|---|---|---|\n")
	if err := m.rows.each(func(f *engine.Finding) { m.writeRow(b, f) }); err != nil {
		return err
	}
	writeMarkdownFixed(b, m.r)
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
