package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsRDSPublic flags publicly accessible RDS instances.
type AwsRDSPublic struct{}

func (AwsRDSPublic) Metadata() engine.Metadata {
	c := controls.RDSNotPublic
	return engine.Metadata{
		ID:            "aws_rds_public",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_17", "AWS-0180"},
		ResourceTypes: []string{"aws_db_instance", "aws_rds_cluster_instance"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsRDSPublic) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireFalse(p, r, rep, "publicly_accessible", "the database is publicly accessible")
}
