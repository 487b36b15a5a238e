package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudwatchLogGroupRetention requires a retention period on log groups.
type AwsCloudwatchLogGroupRetention struct{}

func (AwsCloudwatchLogGroupRetention) Metadata() engine.Metadata {
	c := controls.LogGroupRetention
	return engine.Metadata{
		ID:            "aws_cloudwatch_log_group_retention",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_66"},
		ResourceTypes: []string{"aws_cloudwatch_log_group"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsCloudwatchLogGroupRetention) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	a := read(p, r, "retention_in_days")
	switch n, known := a.Int(); {
	case a.State == Computed:
		rep.Unknown("retention_in_days", "retention_in_days is computed during apply")
	case !known || n == 0:
		rep.Fail("retention_in_days", "the log group keeps events forever: retention_in_days is not set")
	}
}
