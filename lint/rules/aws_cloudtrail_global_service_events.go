package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudtrailGlobalServiceEvents checks that IAM, STS and CloudFront events are recorded.
type AwsCloudtrailGlobalServiceEvents struct{}

func (AwsCloudtrailGlobalServiceEvents) Metadata() engine.Metadata {
	c := controls.CloudTrailGlobalServiceEvents
	return engine.Metadata{
		ID:            "aws_cloudtrail_global_service_events",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		ResourceTypes: []string{"aws_cloudtrail"},
		Rationale:     c.Rationale,
		Remediation:   remediation("hardened_cloudtrail does this by construction.", c),
	}
}

func (AwsCloudtrailGlobalServiceEvents) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireTrue(p, r, rep, "include_global_service_events", true, "global service events (IAM, STS) are not recorded")
}
