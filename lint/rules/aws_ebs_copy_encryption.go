package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsEBSCopyEncryption requires encrypted snapshot and AMI copies.
type AwsEBSCopyEncryption struct{}

func (AwsEBSCopyEncryption) Metadata() engine.Metadata {
	c := controls.CopiesEncrypted
	return engine.Metadata{
		ID:            "aws_ebs_copy_encryption",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		ResourceTypes: []string{"aws_ebs_snapshot_copy", "aws_ami_copy"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsEBSCopyEncryption) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireTrue(p, r, rep, "encrypted", false, "the copy is not encrypted")
}
