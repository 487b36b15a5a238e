package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsS3AccountPublicAccessBlock requires all four account-level Block Public Access settings.
type AwsS3AccountPublicAccessBlock struct{}

func (AwsS3AccountPublicAccessBlock) Metadata() engine.Metadata {
	c := controls.AccountPublicAccessBlock
	return engine.Metadata{
		ID:            "aws_s3_account_public_access_block",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		ResourceTypes: []string{"aws_s3_account_public_access_block"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsS3AccountPublicAccessBlock) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, a := range []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"} {
		requireTrue(p, r, rep, a, false, a+" is not true at the account level")
	}
}
