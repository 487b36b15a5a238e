package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudtrailLoggingEnabled checks that the trail is logging.
type AwsCloudtrailLoggingEnabled struct{}

func (AwsCloudtrailLoggingEnabled) Metadata() engine.Metadata {
	c := controls.CloudTrailLogging
	return engine.Metadata{
		ID:            "aws_cloudtrail_logging_enabled",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_251"},
		ResourceTypes: []string{"aws_cloudtrail"},
		Rationale:     c.Rationale,
		Remediation:   remediation("hardened_cloudtrail does this by construction.", c),
	}
}

func (AwsCloudtrailLoggingEnabled) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireTrue(p, r, rep, "enable_logging", true, "the trail is created with logging stopped")
}
