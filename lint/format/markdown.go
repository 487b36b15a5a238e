package format

import (
	"fmt"
	"io"
	"strings"
)

// Markdown writes a table for pull-request comments and job summaries.
func Markdown(w io.Writer, r *Result) error {
	var b strings.Builder
	b.WriteString("## hardened-lint\n\n")
	b.WriteString(summaryLine(r.Summary) + "\n\n")
	reported := r.Reported()
	if len(reported) == 0 {
		b.WriteString("No findings.\n")
	} else {
		b.WriteString("| Status | Severity | Rule | Resource | Message |\n|---|---|---|---|---|\n")
		for _, f := range reported {
			fmt.Fprintf(&b, "| %s | %s | [`%s`](%s) | `%s` | %s |\n", f.Status, f.Rule.Severity, f.Rule.ID,
				f.Rule.Link(), mdEscape(f.Address), mdEscape(f.Message))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ", "`", "'").Replace(s)
}
