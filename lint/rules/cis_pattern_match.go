package rules

import (
	"regexp"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// trailLogGroup reports whether a metric filter's log_group_name refers to a log
// group an aws_cloudtrail in the plan delivers to.
func trailLogGroup(p *plan.Plan, filter *plan.Resource) bool {
	for _, g := range p.Referenced(filter, "log_group_name", "aws_cloudwatch_log_group") {
		if len(p.ReferencedBy(g, "aws_cloudtrail", "cloud_watch_logs_group_arn")) > 0 {
			return true
		}
	}
	return false
}

var eventNameRef = regexp.MustCompile(`\$\.eventName\s*=\s*"?([A-Za-z]+)"?`)

// eventNames are the $.eventName values a filter pattern names.
func eventNames(pattern string) map[string]bool {
	out := map[string]bool{}
	for _, m := range eventNameRef.FindAllStringSubmatch(pattern, -1) {
		out[m[1]] = true
	}
	return out
}

// squeeze drops what a reformatting changes (spaces, quotes), keeping what a pattern matches.
func squeeze(s string) string {
	return strings.NewReplacer(" ", "", "\t", "", "\n", "", "\r", "", `"`, "").Replace(s)
}

// cisLookalike returns the CIS item a pattern that is not verbatim was meant to
// be: the same pattern reformatted, or one naming at least half of an item's event
// names. ok is false for a pattern that is published verbatim or resembles none.
func cisLookalike(pattern string) (it controls.MonitoringItem, reformatted, ok bool) {
	if _, verbatim := controls.MonitoringItemByPattern(pattern); verbatim {
		return controls.MonitoringItem{}, false, false
	}
	for _, c := range controls.MonitoringItems {
		if squeeze(c.Pattern) == squeeze(pattern) {
			return c, true, true
		}
	}
	names := eventNames(pattern)
	best, bestShared := controls.MonitoringItem{}, 0
	for _, c := range controls.MonitoringItems {
		want := eventNames(c.Pattern)
		shared := 0
		for n := range want {
			if names[n] {
				shared++
			}
		}
		if len(want) > 0 && 2*shared >= len(want) && shared > bestShared {
			best, bestShared = c, shared
		}
	}
	return best, false, bestShared > 0
}
