package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsKMSKeyRotation requires rotation on symmetric customer-managed keys.
type AwsKMSKeyRotation struct{}

func (AwsKMSKeyRotation) Metadata() engine.Metadata {
	c := controls.KMSKeyRotation
	return engine.Metadata{
		ID:            "aws_kms_key_rotation",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_7", "AWS-0065"},
		ResourceTypes: []string{"aws_kms_key"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsKMSKeyRotation) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if spec, ok := r.Attr("customer_master_key_spec").Str(); ok && spec != "SYMMETRIC_DEFAULT" {
		return // AWS rotates only symmetric encryption keys
	}
	if usage, ok := r.Attr("key_usage").Str(); ok && usage != "ENCRYPT_DECRYPT" {
		return
	}
	requireTrue(p, r, rep, "enable_key_rotation", false, "automatic key rotation is off")
}
