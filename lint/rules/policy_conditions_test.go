package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

// A Condition makes a Principal "*" statement private only when it restricts
// who the caller is (controls.ConditionRestrictsPrincipal); every rule that
// reads a policy judges it so.
func TestPublicPolicyConditions(t *testing.T) {
	const bp = "aws_s3_bucket_policy.p"
	stmt := func(cond string) []plantest.Res {
		return []plantest.Res{dataBucket(), onData(bp, withPolicy(t,
			`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*","Condition":`+cond+`}]}`))}
	}
	const public = "fail " + s3b + " policy: the bucket is public: " + bp + ` has a policy that allows Principal "*" without a condition that restricts the principal`
	runCases(t, AwsS3BucketPublicPolicy{}, []ruleCase{
		{"aws:SecureTransport does not restrict the principal", stmt(`{"Bool":{"aws:SecureTransport":"true"}}`), []string{public}},
		{"aws:Referer is spoofable", stmt(`{"StringLike":{"aws:Referer":["https://example.com/*"]}}`), []string{public}},
		{"aws:UserAgent is spoofable", stmt(`{"StringEquals":{"aws:UserAgent":"app"}}`), []string{public}},
		{"aws:SourceIp 0.0.0.0/0 is everyone", stmt(`{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}`), []string{public}},
		{"aws:SourceIp ::/0 is everyone", stmt(`{"IpAddress":{"aws:SourceIp":["::/0"]}}`), []string{public}},
		{"a wildcard organization is everyone", stmt(`{"StringLike":{"aws:PrincipalOrgID":"*"}}`), []string{public}},
		{"a negated account test lets every other account in", stmt(`{"StringNotEquals":{"aws:SourceAccount":"123456789012"}}`), []string{public}},
		{"IfExists passes callers without the key", stmt(`{"StringEqualsIfExists":{"aws:SourceVpce":"vpce-1"}}`), []string{public}},
		{"a VPC endpoint restricts it", stmt(`{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c"}}`), nil},
		{"an organization restricts it", stmt(`{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}`), nil},
		{"a source account restricts it", stmt(`{"StringEquals":{"aws:SourceAccount":"123456789012"}}`), nil},
		{"a principal ARN restricts it", stmt(`{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/reader"}}`), nil},
		{"a narrow source IP range restricts it", stmt(`{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`), nil},
		{"a restricting test beside TLS-only restricts it", stmt(`{"Bool":{"aws:SecureTransport":"true"},"StringEquals":{"aws:SourceVpc":"vpc-1"}}`), nil},
	})
}
