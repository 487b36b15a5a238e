package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsRedshiftEncryption requires encrypted Redshift clusters ("true" strings count, as the provider writes them).
type AwsRedshiftEncryption struct{}

func (AwsRedshiftEncryption) Metadata() engine.Metadata {
	c := controls.RedshiftEncrypted
	return engine.Metadata{
		ID:            "aws_redshift_encryption",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_64"},
		ResourceTypes: []string{"aws_redshift_cluster"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsRedshiftEncryption) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireTrue(p, r, rep, "encrypted", false, "the cluster is not encrypted")
}
