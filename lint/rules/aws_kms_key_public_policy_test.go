package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsKMSKeyPublicPolicy(t *testing.T) {
	const inline = "aws_kms_key.this"
	const split = "aws_kms_key_policy.this"
	pol := func(addr, stmt string) []plantest.Res {
		return []plantest.Res{{Address: addr, After: withPolicy(t, `{"Version":"2012-10-17","Statement":[`+stmt+`]}`)}}
	}
	const everyone = `{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}`
	public := func(addr string) []string {
		return []string{"fail " + addr + ` policy: statement 0 allows Principal "*" without a condition that restricts the principal`}
	}
	runCases(t, AwsKMSKeyPublicPolicy{}, []ruleCase{
		{"a named account passes", pol(split, `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"*","Resource":"*"}`), nil},
		{"a service restricted to its source passes", pol(split, `{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"*","Resource":"*","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:events:us-east-1:123456789012:rule/r"}}}`), nil},
		{"everyone within the organization passes", pol(split, `{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}`), nil},
		{"everyone through one VPC endpoint passes", pol(inline, `{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b"}}}`), nil},
		{"a Deny for everyone passes", pol(split, `{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`), nil},
		{"no policy passes", []plantest.Res{{Address: inline, After: `{"name":"x"}`}}, nil},
		{"everyone fails (policy resource)", pol(split, everyone), public(split)},
		{"everyone fails (inline policy)", pol(inline, everyone), public(inline)},
		{"TLS-only does not restrict the principal", pol(split, `{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}`), public(split)},
		{"a Referer is spoofable", pol(split, `{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:Referer":"https://example.com"}}}`), public(split)},
		{"every source IP is everyone", pol(split, `{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}`), public(split)},
		{"a wildcard source account is everyone", pol(split, `{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:SourceAccount":"*"}}}`), public(split)},
		{"a policy computed during apply is unknown", []plantest.Res{{Address: split, After: `{}`, Unknown: `{"policy":true}`, Set: []string{"policy"}}},
			[]string{"unknown " + split + " policy: the key policy is computed during apply"}},
	})
}
