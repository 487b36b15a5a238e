package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudwatchLogMetricFilterCisPattern checks the metric filters on a trail's
// log group that are meant as CIS monitoring items (the same pattern reformatted,
// or one naming at least half of an item's events) against the published text:
// Security Hub compares patterns character by character. Filters on other log
// groups and patterns resembling no CIS item are left alone.
type AwsCloudwatchLogMetricFilterCisPattern struct{}

func (AwsCloudwatchLogMetricFilterCisPattern) Metadata() engine.Metadata {
	c := controls.CISMonitorPatternsVerbatim
	return engine.Metadata{
		ID:            "aws_cloudwatch_log_metric_filter_cis_pattern",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		ResourceTypes: []string{"aws_cloudwatch_log_metric_filter"},
		Rationale:     c.Rationale,
		Remediation:   remediation("", c),
	}
}

func (AwsCloudwatchLogMetricFilterCisPattern) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if !trailLogGroup(p, r) {
		return
	}
	a := read(p, r, "pattern")
	if a.State == Computed {
		rep.Unknown("pattern", "computed during apply")
		return
	}
	pattern, ok := a.Str()
	if !ok {
		return
	}
	it, reformatted, ok := cisLookalike(pattern)
	if !ok {
		return
	}
	how := "misses events of"
	if reformatted {
		how = "is a reformatted copy of"
	}
	rep.Fail("pattern", "%s %s (%s), which Security Hub only accepts verbatim: %s", how, it.Control.Title,
		it.Control.Cite(), it.Pattern)
}
