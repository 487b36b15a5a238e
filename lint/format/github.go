package format

import (
	"fmt"
	"io"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// GitHub writes GitHub Actions workflow commands, which annotate the pull request.
func GitHub(w io.Writer, r *Result) error {
	var b strings.Builder
	for _, f := range r.Reported() {
		level := "warning"
		switch {
		case f.Status == engine.StatusWaived:
			level = "notice"
		case r.Policy.Failing(f):
			level = "error"
		}
		props := []string{"title=" + ghProp(f.Rule.ID+" ("+string(f.Rule.Severity)+")")}
		if loc, ok := r.locate(f.Address); ok {
			props = append([]string{"file=" + ghProp(loc.File), fmt.Sprintf("line=%d", loc.Line)}, props...)
		}
		fmt.Fprintf(&b, "::%s %s::%s\n", level, strings.Join(props, ","), ghData(f.Address+": "+f.Message))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
