package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsS3BucketAccessLogging requires server access logging, except on buckets that
// receive other buckets' access logs.
type AwsS3BucketAccessLogging struct{}

func (AwsS3BucketAccessLogging) Metadata() engine.Metadata {
	c := controls.S3AccessLogging
	return engine.Metadata{
		ID:            "aws_s3_bucket_access_logging",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_18", "AWS-0089"},
		ResourceTypes: []string{"aws_s3_bucket"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsS3BucketAccessLogging) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if receivesAccessLogs(p, r) {
		return // an access-log bucket does not log into itself
	}
	switch accessLogged(p, r) {
	case no:
		rep.Fail("logging", "the bucket has no server access logging")
	case unknown:
		rep.Unknown("logging", "the bucket's logging is computed during apply")
	}
}
