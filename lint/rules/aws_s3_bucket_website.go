package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsS3BucketWebsite reports buckets configured as static websites.
type AwsS3BucketWebsite struct{}

func (AwsS3BucketWebsite) Metadata() engine.Metadata {
	c := controls.S3NoWebsite
	return engine.Metadata{
		ID:            "aws_s3_bucket_website",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		ResourceTypes: []string{"aws_s3_bucket", "aws_s3_bucket_website_configuration"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsS3BucketWebsite) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if r.Type == "aws_s3_bucket_website_configuration" {
		rep.Fail("", "the bucket is served as a plain-HTTP static website")
		return
	}
	if r.Attr("website").Len() > 0 {
		rep.Fail("website", "the bucket is served as a plain-HTTP static website")
	}
}
