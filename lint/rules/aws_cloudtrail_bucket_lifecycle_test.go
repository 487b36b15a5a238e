package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudtrailBucketLifecycle(t *testing.T) {
	runCases(t, AwsCloudtrailBucketLifecycle{}, []ruleCase{
		{"a transition passes", append(bucket(), onBucket("aws_s3_bucket_lifecycle_configuration.l",
			`{"rule":[{"id":"a","status":"Enabled","transition":[{"days":90,"storage_class":"GLACIER"}]}]}`)), nil},
		{"expiry only fails", append(bucket(), onBucket("aws_s3_bucket_lifecycle_configuration.l",
			`{"rule":[{"id":"a","status":"Enabled","expiration":[{"days":365}],"transition":[]}]}`)),
			[]string{"fail " + trail + " s3_bucket_name: no lifecycle rule moving logs"}},
		{"a disabled rule fails", append(bucket(), onBucket("aws_s3_bucket_lifecycle_configuration.l",
			`{"rule":[{"id":"a","status":"Disabled","transition":[{"days":90,"storage_class":"GLACIER"}]}]}`)),
			[]string{"fail " + trail + " s3_bucket_name: no lifecycle rule"}},
		{"provider v3 inline lifecycle_rule passes", []plantest.Res{ct(`{}`, `{"s3_bucket_name":true}`),
			{Address: "aws_s3_bucket.logs", After: `{"bucket":"logs","lifecycle_rule":[{"enabled":true,"transition":[{"days":30,"storage_class":"GLACIER"}]}]}`}}, nil},
		{"rules computed during apply are unknown", append(bucket(), plantest.Res{Address: "aws_s3_bucket_lifecycle_configuration.l", After: `{}`,
			Unknown: `{"bucket":true,"rule":true}`, Refs: map[string][]string{"bucket": {"aws_s3_bucket.logs"}}}),
			[]string{"unknown " + trail + " s3_bucket_name: computed during apply"}},
	})
}
