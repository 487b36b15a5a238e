package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudtrailBucketDeleteProtection requires MFA delete or Object Lock on the trail's bucket.
type AwsCloudtrailBucketDeleteProtection struct{}

func (AwsCloudtrailBucketDeleteProtection) Metadata() engine.Metadata {
	c := controls.CloudTrailBucketDeleteProtection
	return engine.Metadata{
		ID:            "aws_cloudtrail_bucket_delete_protection",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		ResourceTypes: []string{"aws_cloudtrail"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsCloudtrailBucketDeleteProtection) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, b := range trailBucket(p, r) {
		switch deleteProtected(p, b) {
		case no:
			rep.Fail("s3_bucket_name", "the log bucket %s has neither Object Lock nor MFA delete: its logs can be deleted", b.Address)
		case unknown:
			rep.Unknown("s3_bucket_name", "MFA delete on the log bucket %s is computed during apply", b.Address)
		}
	}
}
