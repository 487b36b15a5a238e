package controls

import (
	"encoding/json"
	"testing"
)

func TestRestrictsPrincipal(t *testing.T) {
	cases := []struct {
		name, condition string
		want            bool
	}{
		{"none", `null`, false},
		{"empty", `{}`, false},
		{"org id", `{"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}`, true},
		{"source account", `{"StringEquals": {"aws:SourceAccount": "111122223333"}}`, true},
		{"source arn with wildcard after the account", `{"ArnLike": {"aws:SourceArn": "arn:aws:cloudtrail:*:111122223333:trail/*"}}`, true},
		{"source arn all wildcards", `{"ArnLike": {"aws:SourceArn": "arn:aws:cloudtrail:*:*:trail/*"}}`, false},
		{"principal arn list", `{"ArnEquals": {"aws:PrincipalArn": ["arn:aws:iam::111122223333:role/a", "arn:aws:iam::111122223333:role/b"]}}`, true},
		{"one wildcard value among literals", `{"StringEquals": {"aws:SourceAccount": ["111122223333", "*"]}}`, false},
		{"key case does not matter", `{"stringequals": {"AWS:SOURCEVPCE": "vpce-1a2b3c4d"}}`, true},
		{"kms caller account", `{"StringEquals": {"kms:CallerAccount": "111122223333", "kms:ViaService": "s3.us-east-1.amazonaws.com"}}`, true},
		{"source vpc", `{"StringEquals": {"aws:SourceVpc": "vpc-111bbb22"}}`, true},
		{"userid", `{"StringLike": {"aws:userid": "AROAEXAMPLEID:*"}}`, false},
		{"userid literal", `{"StringEquals": {"aws:userid": "AIDAEXAMPLEID"}}`, true},
		{"negated operator", `{"StringNotEquals": {"aws:PrincipalOrgID": "o-abc123"}}`, false},
		{"if exists", `{"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-abc123"}}`, false},
		{"secure transport", `{"Bool": {"aws:SecureTransport": "true"}}`, false},
		{"referer", `{"StringLike": {"aws:Referer": "https://example.com/*"}}`, false},
		{"user agent", `{"StringEquals": {"aws:UserAgent": "my-app"}}`, false},
		{"source ip anywhere", `{"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}`, false},
		{"source ip range", `{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}`, false},
		{"empty list", `{"StringEquals": {"aws:SourceAccount": []}}`, false},
		{"empty value", `{"StringEquals": {"aws:SourceAccount": ""}}`, false},
		{"transport plus org", `{"Bool": {"aws:SecureTransport": "true"}, "StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}`, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var cond map[string]any
			if err := json.Unmarshal([]byte(tc.condition), &cond); err != nil {
				t.Fatal(err)
			}
			if got := RestrictsPrincipal(cond); got != tc.want {
				t.Errorf("RestrictsPrincipal(%s) = %v, want %v", tc.condition, got, tc.want)
			}
		})
	}
}
