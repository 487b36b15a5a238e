package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsS3BucketTLSOnly(t *testing.T) {
	const b = "aws_s3_bucket.data"
	data := plantest.Res{Address: b, After: `{"bucket":"data"}`, Unknown: `{"id":true}`}
	pol := func(doc string) plantest.Res {
		return plantest.Res{Address: "aws_s3_bucket_policy.p", After: `{"policy":` + doc + `}`, Unknown: `{"bucket":true}`,
			Refs: map[string][]string{"bucket": {"aws_s3_bucket.data.id", "aws_s3_bucket.data"}}}
	}
	runCases(t, AwsS3BucketTLSOnly{}, []ruleCase{
		{"a TLS deny passes", []plantest.Res{data, pol(`"{\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}"`)}, nil},
		{"a boolean false in a list passes", []plantest.Res{data, pol(`"{\"Statement\":{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":[false]}}}}"`)}, nil},
		{"provider v3 inline policy passes", []plantest.Res{{Address: b, After: `{"policy":"{\"Statement\":[{\"Effect\":\"Deny\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}"}`}}, nil},
		{"an allow on SecureTransport true is not a deny", []plantest.Res{data, pol(`"{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}]}"`)},
			[]string{"fail " + b + " policy: no bucket policy denies requests made without TLS"}},
		{"no policy fails", []plantest.Res{data}, []string{"fail " + b + " policy: without TLS"}},
		{"a server access log target is not judged", []plantest.Res{data, {Address: "aws_s3_bucket_logging.l", After: `{"target_prefix":"log/"}`,
			Unknown: `{"target_bucket":true}`, Refs: map[string][]string{"target_bucket": {"aws_s3_bucket.data.id", "aws_s3_bucket.data"}}}}, nil},
		{"a policy computed during apply is unknown", []plantest.Res{data, {Address: "aws_s3_bucket_policy.p", After: `{}`, Unknown: `{"bucket":true,"policy":true}`,
			Set: []string{"policy"}, Refs: map[string][]string{"bucket": {"aws_s3_bucket.data"}}}},
			[]string{"unknown " + b + " policy: computed during apply"}},
	})
}
