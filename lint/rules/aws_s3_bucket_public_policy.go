package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsS3BucketPublicPolicy flags bucket policies open to everyone that Block Public
// Access does not neutralise.
type AwsS3BucketPublicPolicy struct{}

func (AwsS3BucketPublicPolicy) Metadata() engine.Metadata {
	c := controls.S3NoPublicPolicy
	return engine.Metadata{
		ID:            "aws_s3_bucket_public_policy",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_70"},
		ResourceTypes: []string{"aws_s3_bucket"},
		Rationale:     c.Rationale,
		Remediation:   remediation("", c),
	}
}

func (AwsS3BucketPublicPolicy) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	reasons, unknownPolicy := publicPolicies(p, r)
	blocked := blockSettings(p, r, "block_public_policy", "restrict_public_buckets")
	switch {
	case blocked == yes:
	case len(reasons) > 0:
		rep.Fail("policy", "the bucket is public: %s", strings.Join(reasons, "; "))
	case unknownPolicy && blocked != yes:
		rep.Unknown("policy", "the bucket policy is computed during apply and Block Public Access does not cover it")
	}
}
