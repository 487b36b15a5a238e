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
		Aliases:       []string{"CKV2_AWS_6", "AWS-0086", "AWS-0087", "AWS-0091", "AWS-0093", "AWS-0094"},
		ResourceTypes: []string{"aws_s3_bucket"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsS3BucketPublicAccessBlock) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	switch v, why := publicAccessBlocked(p, r); v {
	case no:
		rep.Fail("", "%s", why)
	case unknown:
		rep.Unknown("", "the bucket's Block Public Access settings are computed during apply")
	}
}
