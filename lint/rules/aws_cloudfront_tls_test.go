package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudFrontTLS(t *testing.T) {
	const cf = "aws_cloudfront_distribution.cdn"
	cert := func(vc string) []plantest.Res {
		return []plantest.Res{{Address: cf, After: `{"enabled":true,"viewer_certificate":[` + vc + `]}`}}
	}
	const acm = `"acm_certificate_arn":"arn:aws:acm:us-east-1:123456789012:certificate/x","ssl_support_method":"sni-only"`
	runCases(t, AwsCloudFrontTLS{}, []ruleCase{
		{"TLSv1.2_2021 passes", cert(`{` + acm + `,"cloudfront_default_certificate":null,"minimum_protocol_version":"TLSv1.2_2021"}`), nil},
		{"TLSv1.3_2025 passes", cert(`{` + acm + `,"minimum_protocol_version":"TLSv1.3_2025"}`), nil},
		{"the default certificate fails", cert(`{"cloudfront_default_certificate":true,"minimum_protocol_version":"TLSv1"}`),
			[]string{"fail " + cf + " viewer_certificate: the default *.cloudfront.net certificate allows TLSv1"}},
		{"the default certificate fails whatever minimum it names", cert(`{"cloudfront_default_certificate":true,"minimum_protocol_version":"TLSv1.2_2021"}`),
			[]string{"fail " + cf + " viewer_certificate: allows TLSv1"}},
		{"TLSv1 (the provider's default) fails", cert(`{` + acm + `,"minimum_protocol_version":"TLSv1"}`),
			[]string{"fail " + cf + " viewer_certificate.minimum_protocol_version: minimum_protocol_version is TLSv1; use TLSv1.2_2021 or later"}},
		{"TLSv1.2_2019 fails", cert(`{` + acm + `,"minimum_protocol_version":"TLSv1.2_2019"}`),
			[]string{"fail " + cf + " viewer_certificate.minimum_protocol_version: minimum_protocol_version is TLSv1.2_2019"}},
	})
}
