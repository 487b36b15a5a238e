package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudtrailKMSEncryption checks that logs are encrypted with a customer-managed KMS key.
// A key set from a reference (known only after apply) passes: the configuration asks for one.
type AwsCloudtrailKMSEncryption struct{}

func (AwsCloudtrailKMSEncryption) Metadata() engine.Metadata {
	c := controls.CloudTrailKMSEncryption
	return engine.Metadata{
		ID:            "aws_cloudtrail_kms_encryption",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_35", "AWS-0015"},
		ResourceTypes: []string{"aws_cloudtrail"},
		Rationale:     c.Rationale,
		Remediation:   remediation("hardened_cloudtrail does this by construction.", c),
	}
}

func (AwsCloudtrailKMSEncryption) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireSet(p, r, rep, "kms_key_id", "logs are encrypted only with S3-managed keys: kms_key_id is not set")
}
