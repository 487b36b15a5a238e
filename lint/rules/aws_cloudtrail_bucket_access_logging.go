package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudtrailBucketAccessLogging checks, through correlation, that the trail's
// log bucket has server access logging (inline or aws_s3_bucket_logging).
type AwsCloudtrailBucketAccessLogging struct{}

func (AwsCloudtrailBucketAccessLogging) Metadata() engine.Metadata {
	c := controls.CloudTrailBucketAccessLogging
	return engine.Metadata{
		ID:            "aws_cloudtrail_bucket_access_logging",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"AWS-0163"},
		ResourceTypes: []string{"aws_cloudtrail"},
		Rationale:     c.Rationale,
		Remediation:   remediation("hardened_cloudtrail does this by construction.", c),
	}
}

func (AwsCloudtrailBucketAccessLogging) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, b := range trailBucket(p, r) {
		switch accessLogged(p, b) {
		case no:
			rep.Fail("s3_bucket_name", "the log bucket %s has no server access logging", b.Address)
		case unknown:
			rep.Unknown("s3_bucket_name", "the logging of the log bucket %s is computed during apply", b.Address)
		}
	}
}
