package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudtrailLogFileValidation checks log file integrity validation.
type AwsCloudtrailLogFileValidation struct{}

func (AwsCloudtrailLogFileValidation) Metadata() engine.Metadata {
	c := controls.CloudTrailLogFileValidation
	return engine.Metadata{
		ID:            "aws_cloudtrail_log_file_validation",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_36", "AWS-0016"},
		ResourceTypes: []string{"aws_cloudtrail"},
		Rationale:     c.Rationale,
		Remediation:   remediation("hardened_cloudtrail does this by construction.", c),
	}
}

func (AwsCloudtrailLogFileValidation) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireTrue(p, r, rep, "enable_log_file_validation", false, "log file validation is off")
}
