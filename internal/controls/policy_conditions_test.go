package controls

import "testing"

func TestConditionRestrictsPrincipal(t *testing.T) {
	for _, tc := range []struct {
		name, condition string
		want            bool
	}{
		// Keys naming the caller, with fixed values, restrict it.
		{"source account", `{"StringEquals":{"aws:SourceAccount":"123456789012"}}`, true},
		{"source account as a number", `{"StringEquals":{"aws:SourceAccount":123456789012}}`, true},
		{"key case does not matter (Lambda writes AWS:SourceArn)", `{"ArnLike":{"AWS:SourceArn":"arn:aws:sns:us-east-1:123456789012:topic"}}`, true},
		{"source ARN pinned to an account, wildcard in the resource", `{"ArnLike":{"aws:SourceArn":"arn:aws:execute-api:us-east-1:123456789012:abc/*"}}`, true},
		{"source owner", `{"StringEquals":{"aws:SourceOwner":"123456789012"}}`, true},
		{"source VPC", `{"StringEquals":{"aws:SourceVpc":"vpc-1234"}}`, true},
		{"source VPC endpoint", `{"StringEquals":{"aws:SourceVpce":["vpce-1","vpce-2"]}}`, true},
		{"organization", `{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}`, true},
		{"principal account", `{"StringEquals":{"aws:PrincipalAccount":"123456789012"}}`, true},
		{"principal ARN", `{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/app"}}`, true},
		{"user id", `{"StringEquals":{"aws:userid":"AIDAEXAMPLE"}}`, true},
		{"a narrow source IP", `{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","198.51.100.7"]}}`, true},
		{"one restricting test among others", `{"Bool":{"aws:SecureTransport":"true"},"StringEquals":{"aws:SourceAccount":"123456789012"}}`, true},
		{"ForAnyValue on an organization", `{"ForAnyValue:StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}`, true},

		// Keys any caller sets, wildcards, negations and IfExists do not.
		{"no condition", `{}`, false},
		{"secure transport", `{"Bool":{"aws:SecureTransport":"true"}}`, false},
		{"referer (spoofable)", `{"StringLike":{"aws:Referer":"https://example.com/*"}}`, false},
		{"referer without wildcard (still spoofable)", `{"StringEquals":{"aws:Referer":"https://example.com/"}}`, false},
		{"user agent", `{"StringEquals":{"aws:UserAgent":"app"}}`, false},
		{"every IPv4 address", `{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}`, false},
		{"every IPv6 address", `{"IpAddress":{"aws:SourceIp":"::/0"}}`, false},
		{"a narrow range beside the whole internet", `{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","0.0.0.0/0"]}}`, false},
		{"NotIpAddress", `{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, false},
		{"wildcard account", `{"StringLike":{"aws:SourceAccount":"*"}}`, false},
		{"wildcard organization", `{"StringLike":{"aws:PrincipalOrgID":"o-*"}}`, false},
		{"ARN with a wildcard account", `{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::*"}}`, false},
		{"ARN of any account", `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}`, false},
		{"one wildcard value among fixed ones", `{"StringEquals":{"aws:SourceAccount":["123456789012","*"]}}`, false},
		{"negated operator", `{"StringNotEquals":{"aws:SourceAccount":"123456789012"}}`, false},
		{"IfExists passes callers without the key", `{"StringEqualsIfExists":{"aws:SourceAccount":"123456789012"}}`, false},
		{"ForAllValues passes requests without the key", `{"ForAllValues:StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}`, false},
		{"empty value list", `{"StringEquals":{"aws:SourceAccount":[]}}`, false},
		{"empty value", `{"StringEquals":{"aws:SourceAccount":""}}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseCondition([]byte(tc.condition))
			if err != nil {
				t.Fatal(err)
			}
			if got := ConditionRestrictsPrincipal(c); got != tc.want {
				t.Errorf("ConditionRestrictsPrincipal(%s) = %v, want %v", tc.condition, got, tc.want)
			}
		})
	}
}

func TestParseConditionRejectsNonObjects(t *testing.T) {
	for _, bad := range []string{`"x"`, `[1]`, `{"StringEquals":"x"}`} {
		if _, err := ParseCondition([]byte(bad)); err == nil {
			t.Errorf("ParseCondition(%s) accepted it", bad)
		}
	}
}

// The provider's decoded form answers as the linter's: the same judgement.
func TestRestrictsPrincipalDecoded(t *testing.T) {
	for _, tc := range []struct {
		name string
		cond map[string]any
		want bool
	}{
		{"no condition", nil, false},
		{"source account", map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": "123456789012"}}, true},
		{"caller account (KMS)", map[string]any{"StringEquals": map[string]any{"kms:CallerAccount": []any{"123456789012"}}}, true},
		{"org ID wildcard", map[string]any{"StringLike": map[string]any{"aws:PrincipalOrgID": "o-*"}}, false},
		{"secure transport only", map[string]any{"Bool": map[string]any{"aws:SecureTransport": "true"}}, false},
		{"negated", map[string]any{"StringNotEquals": map[string]any{"aws:SourceAccount": "123456789012"}}, false},
		{"malformed block", map[string]any{"StringEquals": "aws:SourceAccount"}, false},
	} {
		if got := RestrictsPrincipal(tc.cond); got != tc.want {
			t.Errorf("%s: RestrictsPrincipal = %v, want %v", tc.name, got, tc.want)
		}
	}
}
