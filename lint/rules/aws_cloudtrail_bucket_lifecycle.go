package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudtrailBucketLifecycle requires a lifecycle transition on the trail's bucket.
type AwsCloudtrailBucketLifecycle struct{}

func (AwsCloudtrailBucketLifecycle) Metadata() engine.Metadata {
	c := controls.CloudTrailBucketLifecycle
	return engine.Metadata{
		ID:            "aws_cloudtrail_bucket_lifecycle",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		ResourceTypes: []string{"aws_cloudtrail"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsCloudtrailBucketLifecycle) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, b := range trailBucket(p, r) {
		ok := archives(b.Attr("lifecycle_rule"), "enabled")
		unknown := false
		for _, lc := range p.ReferencedBy(b, "aws_s3_bucket_lifecycle_configuration", "bucket") {
			if archives(lc.Attr("rule"), "status") {
				ok = true
			}
			unknown = unknown || lc.Attr("rule").Unknown()
		}
		switch {
		case ok:
		case unknown:
			rep.Unknown("s3_bucket_name", "the lifecycle of the log bucket %s is computed during apply", b.Address)
		default:
			rep.Fail("s3_bucket_name", "the log bucket %s has no lifecycle rule moving logs to an archive storage class", b.Address)
		}
	}
}
