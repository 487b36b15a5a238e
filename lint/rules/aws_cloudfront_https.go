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
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_34", "AWS-0012"},
		ResourceTypes: []string{"aws_cloudfront_distribution"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsCloudFrontHTTPS) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	check := func(block string, v plan.Value) {
		// A behaviour computed during apply makes its policy computed too.
		policy := readValue(block, "viewer_protocol_policy", v.Get("viewer_protocol_policy"),
			func() bool { return p.AttrConfigured(r, block) })
		if s, ok := policy.Str(); ok && s == "allow-all" {
			rep.Fail(policy.Path(), "%s allows plain HTTP to viewers (allow-all)", block)
		} else if policy.State == Computed {
			rep.Unknown(policy.Path(), "%s is computed during apply", policy.Path())
		}
	}
	r.Attr("default_cache_behavior").Each(func(_ int, v plan.Value) { check("default_cache_behavior", v) })
	r.Attr("ordered_cache_behavior").Each(func(i int, v plan.Value) { check("ordered_cache_behavior", v) })
}
