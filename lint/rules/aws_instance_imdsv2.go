package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsInstanceIMDSv2 requires IMDSv2 on instances and launch templates.
type AwsInstanceIMDSv2 struct{}

func (AwsInstanceIMDSv2) Metadata() engine.Metadata {
	c := controls.IMDSv2Required
	return engine.Metadata{
		ID:            "aws_instance_imdsv2",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_79", "AWS-0028", "AWS-0130"},
		ResourceTypes: []string{"aws_instance", "aws_launch_template"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsInstanceIMDSv2) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	opts := r.Attr("metadata_options")
	tokens := readIn(p, r, "metadata_options", opts.Index(0), "http_tokens")
	if s, ok := tokens.Str(); ok {
		if s != "required" {
			rep.Fail("metadata_options.http_tokens", "http_tokens is %q: IMDSv1 stays available", s)
		}
		return
	}
	if endpoint, ok := opts.Index(0).Get("http_endpoint").Str(); ok && endpoint == "disabled" {
		return // no metadata service at all
	}
	if tokens.State == Computed && opts.Len() > 0 {
		rep.Unknown("metadata_options.http_tokens", "http_tokens is computed during apply")
		return
	}
	rep.Fail("metadata_options.http_tokens", "metadata_options does not set http_tokens = \"required\": the AMI's default may allow IMDSv1")
}
