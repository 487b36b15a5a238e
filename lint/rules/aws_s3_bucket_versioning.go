package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsS3BucketVersioning requires versioning, split (v4+) or inline (v3).
type AwsS3BucketVersioning struct{}

func (AwsS3BucketVersioning) Metadata() engine.Metadata {
	c := controls.S3Versioning
	return engine.Metadata{
		ID:            "aws_s3_bucket_versioning",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_21", "AWS-0090"},
		ResourceTypes: []string{"aws_s3_bucket"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsS3BucketVersioning) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, v := range p.ReferencedBy(r, "aws_s3_bucket_versioning", "bucket") {
		status := v.Attr("versioning_configuration").Index(0).Get("status")
		if s, ok := status.Str(); ok {
			if s == "Enabled" {
				return
			}
			rep.Fail("versioning", "%s sets versioning to %s", v.Address, s)
			return
		}
		if status.Unknown() {
			rep.Unknown("versioning", "the versioning status of %s is computed during apply", v.Address)
			return
		}
	}
	// Provider v3's inline block, computed as a whole when the configuration sets it so.
	inline := readValue("versioning", "enabled", r.Attr("versioning").Index(0).Get("enabled"),
		func() bool { return p.AttrConfigured(r, "versioning") })
	if b, ok := inline.Bool(); ok && b {
		return
	}
	if inline.State == Computed {
		rep.Unknown("versioning", "the bucket's versioning is computed during apply")
		return
	}
	rep.Fail("versioning", "versioning is not enabled: no aws_s3_bucket_versioning with status Enabled")
}
