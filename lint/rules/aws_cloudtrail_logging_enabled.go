package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudtrailLoggingEnabled checks that the trail is logging.
type AwsCloudtrailLoggingEnabled struct{}

func (AwsCloudtrailLoggingEnabled) Metadata() engine.Metadata {
	return cloudtrailMeta("aws_cloudtrail_logging_enabled", controls.CloudTrailLogging,
		[]string{"CKV_AWS_251"}, "Remove enable_logging = false (it defaults to true).",
		"  enable_logging = false\n")
}

func (AwsCloudtrailLoggingEnabled) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireTrue(p, r, rep, "enable_logging", true, "the trail is created with logging stopped")
}
