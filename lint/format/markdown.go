package format

import (
	"encoding/binary"
	"io"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// Markdown writes a table for pull-request comments and job summaries: the
// summary line first, so the rows are kept aside (a spill) until it is known;
// with a baseline, the entries fixed since it follow the table.
func Markdown(w io.Writer, r *Result) error { return writeWith(openMarkdown, w, r) }

type markdownStream struct {
	r *Result
	o *outBuf
	// rows holds the table's rows as records: the index of the row's first
	// cells (see head), then the rest of the row, rendered.
	rows *spill
	n    int
	row  []byte
	// The cells a row's rule and status decide (level, severity, rule),
	// rendered once each.
	heads    []string
	byRule   map[*engine.Metadata][]markdownHead
	lastHead markdownHead
}

type markdownHead struct {
	rule   *engine.Metadata
	status engine.Status
	index  int
}

func openMarkdown(w io.Writer, r *Result) (Stream, error) {
	return &markdownStream{r: r, o: newOutBuf(w), rows: newSpill(spillMemory), byRule: map[*engine.Metadata][]markdownHead{}}, nil
}

func (m *markdownStream) Resource(findings, _ []engine.Finding) error {
	for i := range findings {
		f := &findings[i]
		m.row = binary.AppendUvarint(m.row[:0], uint64(m.head(f)))
		m.row = m.appendRow(m.row, f)
		m.rows.addRecord(m.row)
		m.n++
	}
	return nil
}

// appendRow appends a finding's row of the table after its first cells.
func (m *markdownStream) appendRow(b []byte, f *engine.Finding) []byte {
	b = append(b, ") | `"...)
	b = appendMDCode(b, f.Address)
	b = append(b, '`')
	if place, ok := m.r.locate(f); ok {
		b = append(b, " ("...)
		b = append(b, mdText(locText(place.Location))...)
		b = append(b, ')')
	}
	b = append(b, " | "...)
	b = appendMDText(b, f.Message)
	return append(b, " |\n"...)
}

// head returns the index of a row's first cells: level, severity and rule.
func (m *markdownStream) head(f *engine.Finding) int {
	if h := m.lastHead; h.rule == f.Rule && h.status == f.Status && h.rule != nil {
		return h.index
	}
	heads := m.byRule[f.Rule]
	for _, h := range heads {
		if h.status == f.Status {
			m.lastHead = h
			return h.index
		}
	}
	m.heads = append(m.heads, "| "+label(m.r.Policy.Level(*f))+" | "+string(f.Rule.Severity)+" | [`"+f.Rule.ID+"`]("+f.Rule.Link())
	m.lastHead = markdownHead{f.Rule, f.Status, len(m.heads) - 1}
	m.byRule[f.Rule] = append(heads, m.lastHead)
	return m.lastHead.index
}

// writeRow writes a row kept by Resource; false when the record is damaged.
func (m *markdownStream) writeRow(rec []byte) bool {
	h, off := uvarintAt(rec, 0)
	if off < 0 || h >= uint64(len(m.heads)) {
		return false
	}
	m.o.b = append(m.o.b, m.heads[h]...)
	m.o.b = append(m.o.b, rec[off:]...)
	m.o.spare()
	return true
}

func (m *markdownStream) Close(s engine.Summary) error {
	defer m.rows.close()
	o := m.o
	o.b = append(o.b, "## hardened-lint\n\n"...)
	o.b = append(o.b, SummaryLine(s, m.r.Policy)+"\n\n"...)
	if m.n == 0 {
		o.b = append(o.b, "No findings.\n"...)
		appendMarkdownFixed(o, m.r)
		return o.flush()
	}
	o.b = append(o.b, "| Level | Severity | Rule | Resource | Message |\n|---|---|---|---|---|\n"...)
	if err := m.rows.records(m.n, m.writeRow); err != nil {
		return err
	}
	appendMarkdownFixed(o, m.r)
	return o.flush()
}

// appendMarkdownFixed lists the baseline entries fixed since it.
func appendMarkdownFixed(o *outBuf, r *Result) {
	if r.Baseline == nil || len(r.Baseline.Fixed) == 0 {
		return
	}
	o.b = append(o.b, "\n### Fixed since the baseline\n\n"...)
	for _, e := range r.Baseline.Fixed {
		b := o.b
		b = append(b, "- `"...)
		b = appendMDCode(b, e.Rule)
		b = append(b, "` on `"...)
		b = appendMDCode(b, e.Address)
		b = append(b, '`')
		if e.Attribute != "" {
			b = append(b, " (`"...)
			b = appendMDCode(b, e.Attribute)
			b = append(b, "`)"...)
		}
		o.b = append(b, '\n')
		o.spare()
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

// appendMDCode appends mdCode(s).
func appendMDCode(b []byte, s string) []byte {
	if mdCodeSet.isPlain(s) {
		return append(b, s...)
	}
	return append(b, mdCode(s)...)
}

// appendMDText appends mdText(s).
func appendMDText(b []byte, s string) []byte {
	if mdTextSet.isPlain(s) {
		return append(b, s...)
	}
	return append(b, mdText(s)...)
}

// mdText escapes text in a table cell: no HTML, no cell breaks.
func mdText(s string) string {
	if s = Printable(s); !strings.ContainsAny(s, "|`<>") {
		return s
	}
	return mdTextEscaper.Replace(s)
}
