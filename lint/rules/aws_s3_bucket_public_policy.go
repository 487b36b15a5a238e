package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsS3BucketPublicPolicy flags bucket policies open to everyone that Block Public
// Access does not neutralise: on the bucket, or on the aws_s3_bucket_policy itself
// when its bucket is not in the plan (managed elsewhere, or read by a data source).
type AwsS3BucketPublicPolicy struct{}

func (AwsS3BucketPublicPolicy) Metadata() engine.Metadata {
	c := controls.S3NoPublicPolicy
	return engine.Metadata{
		ID:            "aws_s3_bucket_public_policy",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_70"},
		ResourceTypes: []string{"aws_s3_bucket", "aws_s3_bucket_policy"},
		Rationale:     c.Rationale,
		Remediation: "In the aws_s3_bucket_policy, name the principals (accounts, roles, or services with an " +
			"aws:SourceArn condition) or restrict Principal \"*\" with a condition such as aws:PrincipalOrgID; and " +
			"set block_public_policy and restrict_public_buckets in an aws_s3_bucket_public_access_block. " +
			"hardened_s3_bucket does both, and rejects such policy_statements at plan.",
	}
}

func (AwsS3BucketPublicPolicy) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if r.Type == "aws_s3_bucket_policy" {
		checkOrphanBucketPolicy(p, r, rep)
		return
	}
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

// checkOrphanBucketPolicy judges a bucket policy whose bucket is not in the plan;
// one whose bucket is in the plan is judged on the bucket, with its other grants.
func checkOrphanBucketPolicy(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if len(p.Referenced(r, "bucket", "aws_s3_bucket")) > 0 {
		return
	}
	bucket, _ := r.Attr("bucket").Str()
	blocked := orphanBucketBlocked(p, bucket)
	if blocked == yes {
		return
	}
	named := "a bucket that is not in the plan"
	if bucket != "" {
		named = "bucket " + bucket + " (not in the plan)"
	}
	public, known := publicPolicyStatement(p, r)
	switch {
	case known && public >= 0:
		rep.Fail("policy", "the policy allows Principal \"*\" without a condition on %s, and Block Public Access does not cover it", named)
	case !known && read(p, r, "policy").State == Computed && blocked != yes:
		rep.Unknown("policy", "the policy of %s is computed during apply and Block Public Access does not cover it", named)
	}
}

// orphanBucketBlocked tells whether block_public_policy and restrict_public_buckets
// cover a bucket known only by name: through the account's block, or a bucket-level
// block naming the same bucket.
func orphanBucketBlocked(p *plan.Plan, bucket string) verdict {
	best := no
	for _, b := range p.OfType("aws_s3_account_public_access_block") {
		switch v, _ := allTrue(b, []string{"block_public_policy", "restrict_public_buckets"}); v {
		case yes:
			return yes
		case unknown:
			best = unknown
		}
	}
	if bucket == "" {
		return best
	}
	for _, b := range p.OfType("aws_s3_bucket_public_access_block") {
		if name, ok := b.Attr("bucket").Str(); !ok || name != bucket {
			continue
		}
		switch v, _ := allTrue(b, []string{"block_public_policy", "restrict_public_buckets"}); v {
		case yes:
			return yes
		case unknown:
			best = unknown
		}
	}
	return best
}
