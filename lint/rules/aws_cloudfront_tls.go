package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudFrontTLS requires TLSv1.2_2021 for viewers (the default certificate allows TLSv1).
type AwsCloudFrontTLS struct{}

func (AwsCloudFrontTLS) Metadata() engine.Metadata {
	c := controls.CloudFrontModernTLS
	return engine.Metadata{
		ID:            "aws_cloudfront_tls",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_174", "AWS-0013"},
		ResourceTypes: []string{"aws_cloudfront_distribution"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

var modernCloudFrontTLS = map[string]bool{"TLSv1.2_2021": true, "TLSv1.2_2025": true, "TLSv1.3_2025": true}

func (AwsCloudFrontTLS) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	cert := r.Attr("viewer_certificate").Index(0)
	if b, ok := cert.Get("cloudfront_default_certificate").Bool(); ok && b {
		rep.Fail("viewer_certificate", "the default *.cloudfront.net certificate allows TLSv1")
		return
	}
	if v, ok := cert.Get("minimum_protocol_version").Str(); ok && !modernCloudFrontTLS[v] {
		rep.Fail("viewer_certificate.minimum_protocol_version", "minimum_protocol_version is %s; use TLSv1.2_2021 or later", v)
	}
}
