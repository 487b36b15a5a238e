package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudwatchLogGroupKMS requires a customer-managed key on log groups.
type AwsCloudwatchLogGroupKMS struct{}

func (AwsCloudwatchLogGroupKMS) Metadata() engine.Metadata {
	c := controls.LogGroupKMS
	return engine.Metadata{
		ID:            "aws_cloudwatch_log_group_kms",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_158", "AWS-0017"},
		ResourceTypes: []string{"aws_cloudwatch_log_group"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsCloudwatchLogGroupKMS) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	// A key created in the same apply (computed) encrypts the group either way.
	requireSet(p, r, rep, "kms_key_id", "the log group is encrypted only with the service's key: kms_key_id is not set")
}
