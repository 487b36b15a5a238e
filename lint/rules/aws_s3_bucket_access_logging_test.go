package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsS3BucketAccessLogging(t *testing.T) {
	const l = "aws_s3_bucket_logging.l"
	runCases(t, AwsS3BucketAccessLogging{}, []ruleCase{
		{"a logging resource passes", []plantest.Res{dataBucket(), onData(l, `{"target_bucket":"access-logs","target_prefix":"data/"}`)}, nil},
		{"provider v3 inline logging passes", []plantest.Res{v3Bucket(`{"bucket":"data","logging":[{"target_bucket":"access-logs","target_prefix":"data/"}]}`)}, nil},
		{"no logging fails", []plantest.Res{dataBucket()},
			[]string{"fail " + s3b + " logging: the bucket has no server access logging"}},
		{"a provider v3 bucket without logging fails", []plantest.Res{v3Bucket(`{"bucket":"data","logging":[]}`)},
			[]string{"fail " + s3b + " logging: the bucket has no server access logging"}},
		{"inline logging computed during apply is unknown", []plantest.Res{{Address: s3b, After: `{"bucket":"data"}`, Unknown: `{"logging":true}`, Set: []string{"logging"}}},
			[]string{"unknown " + s3b + " logging: the bucket's logging is computed during apply"}},
		{"the access-log bucket itself is exempt", []plantest.Res{dataBucket(),
			{Address: "aws_s3_bucket.logs", After: `{"bucket":"access-logs"}`, Unknown: `{"id":true,"logging":true}`},
			{Address: l, After: `{"target_prefix":"data/"}`, Unknown: `{"bucket":true,"target_bucket":true}`, Refs: map[string][]string{
				"bucket": {"aws_s3_bucket.data.id", "aws_s3_bucket.data"}, "target_bucket": {"aws_s3_bucket.logs.id", "aws_s3_bucket.logs"}}}}, nil},
		{"the target of a provider v3 inline logging block is exempt", v3LogTarget(), nil},
		{"a provider v3 log target named by a known bucket name is exempt", []plantest.Res{
			{Address: "aws_s3_bucket.logs", After: `{"bucket":"access-logs","logging":[]}`},
			{Address: "aws_s3_bucket.app", After: `{"bucket":"app","logging":[{"target_bucket":"access-logs","target_prefix":"app/"}]}`}}, nil},
	})
	runCases(t, AwsS3BucketTLSOnly{}, []ruleCase{
		{"the target of a provider v3 inline logging block is not judged for TLS-only", v3LogTarget(),
			[]string{"fail aws_s3_bucket.app policy: no bucket policy denies requests made without TLS"}},
	})
}
