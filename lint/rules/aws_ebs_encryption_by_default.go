package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsEBSEncryptionByDefault flags turning EBS encryption by default off.
type AwsEBSEncryptionByDefault struct{}

func (AwsEBSEncryptionByDefault) Metadata() engine.Metadata {
	c := controls.EBSEncryptionByDefault
	return engine.Metadata{
		ID:            "aws_ebs_encryption_by_default",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_106"},
		ResourceTypes: []string{"aws_ebs_encryption_by_default"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsEBSEncryptionByDefault) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireTrue(p, r, rep, "enabled", true, "EBS encryption by default is turned off")
}
