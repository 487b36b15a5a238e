package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudtrailLogFileValidation checks log file integrity validation.
type AwsCloudtrailLogFileValidation struct{}

func (AwsCloudtrailLogFileValidation) Metadata() engine.Metadata {
	return cloudtrailMeta("aws_cloudtrail_log_file_validation", controls.CloudTrailLogFileValidation,
		[]string{"CKV_AWS_36", "AWS-0016"}, "Set enable_log_file_validation = true.",
		"  enable_log_file_validation = false\n")
}

func (AwsCloudtrailLogFileValidation) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireTrue(p, r, rep, "enable_log_file_validation", false, "log file validation is off")
}
