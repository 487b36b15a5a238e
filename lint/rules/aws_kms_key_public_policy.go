package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsKMSKeyPublicPolicy flags a key policy, inline or in its own resource, with a
// statement that allows Principal "*" under no condition that names the caller
// (controls.ConditionRestrictsPrincipal).
type AwsKMSKeyPublicPolicy struct{}

func (AwsKMSKeyPublicPolicy) Metadata() engine.Metadata {
	c := controls.KMSKeyNoPublicPrincipal
	return engine.Metadata{
		ID:            "aws_kms_key_public_policy",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Related:       []string{"CKV_AWS_33"},
		ResourceTypes: []string{"aws_kms_key", "aws_kms_key_policy"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsKMSKeyPublicPolicy) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	checkPublicResourcePolicy(p, r, rep, "key")
}
