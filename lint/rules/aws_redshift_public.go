package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsRedshiftPublic flags publicly accessible Redshift clusters.
type AwsRedshiftPublic struct{}

func (AwsRedshiftPublic) Metadata() engine.Metadata {
	c := controls.RedshiftNotPublic
	return engine.Metadata{
		ID:            "aws_redshift_public",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_87"},
		ResourceTypes: []string{"aws_redshift_cluster"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsRedshiftPublic) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireFalse(p, r, rep, "publicly_accessible", "the cluster is publicly accessible")
}
