package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudtrailBucketKMS(t *testing.T) {
	runCases(t, AwsCloudtrailBucketKMS{}, []ruleCase{
		{"SSE-KMS passes", append(bucket(), onBucket("aws_s3_bucket_server_side_encryption_configuration.e",
			`{"rule":[{"apply_server_side_encryption_by_default":[{"sse_algorithm":"aws:kms","kms_master_key_id":"k"}]}]}`)), nil},
		{"SSE-S3 fails", append(bucket(), onBucket("aws_s3_bucket_server_side_encryption_configuration.e",
			`{"rule":[{"apply_server_side_encryption_by_default":[{"sse_algorithm":"AES256"}]}]}`)),
			[]string{"fail " + trail + " s3_bucket_name: encrypts by default with AES256, not SSE-KMS"}},
		{"no configuration fails", bucket(), []string{"fail " + trail + " s3_bucket_name: no SSE-KMS default encryption"}},
		{"provider v3 inline SSE-KMS passes", []plantest.Res{ct(`{}`, `{"s3_bucket_name":true}`), {Address: "aws_s3_bucket.logs",
			After: `{"bucket":"logs","server_side_encryption_configuration":[{"rule":[{"apply_server_side_encryption_by_default":[{"sse_algorithm":"aws:kms"}]}]}]}`}}, nil},
		{"an algorithm computed during apply is unknown", append(bucket(), plantest.Res{Address: "aws_s3_bucket_server_side_encryption_configuration.e",
			After: `{}`, Unknown: `{"bucket":true,"rule":true}`, Refs: map[string][]string{"bucket": {"aws_s3_bucket.logs"}}}),
			[]string{"unknown " + trail + " s3_bucket_name: computed during apply"}},
	})
}
