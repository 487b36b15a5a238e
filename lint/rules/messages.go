package rules

import (
	"strconv"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

func portNames(ps []controls.Port) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.String()
	}
	return strings.Join(names, ", ")
}

// shownInt renders an integer for a message, or a placeholder when it is sensitive.
func shownInt(r *plan.Resource, attr string, n int64) string {
	if r.Attr(attr).Sensitive() {
		return engine.Redacted
	}
	return strconv.FormatInt(n, 10)
}
