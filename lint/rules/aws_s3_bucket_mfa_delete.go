package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsS3BucketMFADelete requires MFA delete where versioning is managed.
type AwsS3BucketMFADelete struct{}

func (AwsS3BucketMFADelete) Metadata() engine.Metadata {
	c := controls.S3MFADelete
	return engine.Metadata{
		ID:            "aws_s3_bucket_mfa_delete",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Related:       []string{"AWS-0170"},
		ResourceTypes: []string{"aws_s3_bucket_versioning", "aws_s3_bucket"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsS3BucketMFADelete) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if r.Type == "aws_s3_bucket" {
		// Provider v3 inline versioning: judged only where the bucket manages it.
		ver := r.Attr("versioning").Index(0)
		if on, ok := ver.Get("enabled").Bool(); ok && on {
			if mfa, ok := ver.Get("mfa_delete").Bool(); ok && !mfa {
				rep.Fail("versioning.mfa_delete", "versioning is on without MFA delete")
			}
		}
		return
	}
	conf := r.Attr("versioning_configuration").Index(0)
	if s, _ := conf.Get("status").Str(); s != "Enabled" {
		return // versioning off is aws_s3_bucket_versioning's topic
	}
	m := readIn(p, r, "versioning_configuration", conf, "mfa_delete")
	switch s, ok := m.Str(); {
	case ok && s == "Enabled":
	case m.State == Computed:
		rep.Unknown(m.Path(), "mfa_delete is computed during apply")
	case m.Value.Unknown():
		// Left unset, the provider shows it as known after apply; AWS fills in Disabled.
		rep.Fail(m.Path(), "versioning is on without MFA delete (mfa_delete not set)")
	default:
		rep.Fail(m.Path(), "versioning is on without MFA delete")
	}
}
