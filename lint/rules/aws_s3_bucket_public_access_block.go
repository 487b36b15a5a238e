package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsS3BucketPublicAccessBlock requires all four Block Public Access settings.
type AwsS3BucketPublicAccessBlock struct{}

func (AwsS3BucketPublicAccessBlock) Metadata() engine.Metadata {
	c := controls.S3BlockPublicAccess
	return engine.Metadata{
		ID:            "aws_s3_bucket_public_access_block",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Parts:         pabParts,
		Related:       []string{"CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"},
		ResourceTypes: []string{"aws_s3_bucket"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

// pabParts gives each setting its own peer IDs: trivy has one check per
// setting, checkov's CKV2_AWS_6 requires block_public_acls and
// block_public_policy. With no block at all, every one of them fails, and
// trivy's "specify a public access block" too.
var pabParts = []engine.Part{
	{ID: "no_block", Aliases: []string{"CKV2_AWS_6", "AWS-0094", "AWS-0086", "AWS-0087", "AWS-0091", "AWS-0093"}},
	{ID: "block_public_acls", Aliases: []string{"CKV2_AWS_6", "AWS-0086"}},
	{ID: "block_public_policy", Aliases: []string{"CKV2_AWS_6", "AWS-0087"}},
	{ID: "ignore_public_acls", Aliases: []string{"AWS-0091"}},
	{ID: "restrict_public_buckets", Aliases: []string{"AWS-0093"}},
}

func (AwsS3BucketPublicAccessBlock) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	none, gaps := publicAccessBlockGaps(p, r)
	if none {
		rep.FailPart("no_block", "", "no public access block covers the bucket")
		return
	}
	// One finding per setting, each with its own peer IDs.
	for _, g := range gaps {
		switch g.state {
		case no:
			rep.FailPart(g.setting, g.setting, "%s: %s not true", g.why, g.setting)
		case unknown:
			rep.UnknownPart(g.setting, g.setting, "the bucket's Block Public Access setting %s is computed during apply", g.setting)
		}
	}
}
