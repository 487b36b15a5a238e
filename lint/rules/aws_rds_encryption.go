package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsRDSEncryption requires encrypted RDS storage (instances and clusters).
type AwsRDSEncryption struct{}

func (AwsRDSEncryption) Metadata() engine.Metadata {
	c := controls.RDSEncrypted
	return engine.Metadata{
		ID:       "aws_rds_encryption",
		Title:    c.Title,
		Severity: c.Severity,
		Controls: []controls.Control{c},
		Parts: []engine.Part{
			{ID: "aws_db_instance", ResourceType: "aws_db_instance", Aliases: []string{"CKV_AWS_16", "AWS-0080"}},
			{ID: "aws_rds_cluster", ResourceType: "aws_rds_cluster", Aliases: []string{"CKV_AWS_96"}},
			{ID: "aws_docdb_cluster", ResourceType: "aws_docdb_cluster", Aliases: []string{"CKV_AWS_74"}},
			{ID: "aws_neptune_cluster", ResourceType: "aws_neptune_cluster", Aliases: []string{"CKV_AWS_44"}},
		},
		Related:       []string{"AWS-0079"},
		ResourceTypes: []string{"aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsRDSEncryption) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireTrue(p, r, rep, "storage_encrypted", false, "the database storage is not encrypted")
}
