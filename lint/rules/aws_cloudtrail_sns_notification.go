package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudtrailSNSNotification requires a delivery notification topic.
type AwsCloudtrailSNSNotification struct{}

func (AwsCloudtrailSNSNotification) Metadata() engine.Metadata {
	c := controls.CloudTrailSNSNotification
	return engine.Metadata{
		ID:            "aws_cloudtrail_sns_notification",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_252"},
		ResourceTypes: []string{"aws_cloudtrail"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsCloudtrailSNSNotification) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	// A topic created in the same apply (computed) passes.
	requireSet(p, r, rep, "sns_topic_name", "log file deliveries notify nobody: sns_topic_name is not set")
}
