package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudFrontHTTPS requires HTTPS to viewers in every cache behaviour.
type AwsCloudFrontHTTPS struct{}

func (AwsCloudFrontHTTPS) Metadata() engine.Metadata {
	c := controls.CloudFrontHTTPS
	return engine.Metadata{
		ID:            "aws_cloudfront_https",
		Title:         c.Title,
		Severity:      engine.FromControl(c.Severity),
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_34", "AWS-0012"},
		ResourceTypes: []string{"aws_cloudfront_distribution"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsCloudFrontHTTPS) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	check := func(block string, v plan.Value) {
		policy := v.Get("viewer_protocol_policy")
		if s, ok := policy.Str(); ok && s == "allow-all" {
			rep.Fail(block+".viewer_protocol_policy", "%s allows plain HTTP to viewers (allow-all)", block)
		} else if policy.Unknown() && p.AttrConfigured(r, block) {
			rep.Unknown(block+".viewer_protocol_policy", "%s.viewer_protocol_policy is computed during apply", block)
		}
	}
	r.Attr("default_cache_behavior").Each(func(_ int, v plan.Value) { check("default_cache_behavior", v) })
	r.Attr("ordered_cache_behavior").Each(func(i int, v plan.Value) { check("ordered_cache_behavior", v) })
}
