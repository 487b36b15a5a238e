package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudtrailBucketKMS requires SSE-KMS default encryption on the trail's bucket.
type AwsCloudtrailBucketKMS struct{}

func (AwsCloudtrailBucketKMS) Metadata() engine.Metadata {
	c := controls.CloudTrailBucketKMS
	return engine.Metadata{
		ID:            "aws_cloudtrail_bucket_kms",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		ResourceTypes: []string{"aws_cloudtrail"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsCloudtrailBucketKMS) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, b := range trailBucket(p, r) {
		switch alg, st := sseAlgorithm(p, b); {
		case st == Computed:
			rep.Unknown("s3_bucket_name", "the default encryption of the log bucket %s is computed during apply", b.Address)
		case alg == "aws:kms" || alg == "aws:kms:dsse":
		case alg == "":
			rep.Fail("s3_bucket_name", "the log bucket %s has no SSE-KMS default encryption (S3 falls back to SSE-S3)", b.Address)
		default:
			rep.Fail("s3_bucket_name", "the log bucket %s encrypts by default with %s, not SSE-KMS", b.Address, alg)
		}
	}
}
