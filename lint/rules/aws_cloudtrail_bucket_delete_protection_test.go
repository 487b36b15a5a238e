package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudtrailBucketDeleteProtection(t *testing.T) {
	runCases(t, AwsCloudtrailBucketDeleteProtection{}, []ruleCase{
		{"object lock on the bucket passes", append(bucket(), onBucket("aws_s3_bucket_object_lock_configuration.l", `{"rule":[]}`)), nil},
		{"MFA delete in the versioning resource passes", append(bucket(), onBucket("aws_s3_bucket_versioning.v",
			`{"versioning_configuration":[{"status":"Enabled","mfa_delete":"Enabled"}]}`)), nil},
		{"versioning without MFA delete fails", append(bucket(), onBucket("aws_s3_bucket_versioning.v",
			`{"versioning_configuration":[{"status":"Enabled","mfa_delete":"Disabled"}]}`)),
			[]string{"fail " + trail + " s3_bucket_name: neither Object Lock nor MFA delete"}},
		{"a bare bucket fails", bucket(), []string{"fail " + trail + " s3_bucket_name: neither Object Lock nor MFA delete"}},
		{"provider v3 inline object lock passes", []plantest.Res{ct(`{}`, `{"s3_bucket_name":true}`),
			{Address: "aws_s3_bucket.logs", After: `{"bucket":"logs","object_lock_configuration":[{"object_lock_enabled":"Enabled"}]}`}}, nil},
		{"a bucket outside the plan is not judged", []plantest.Res{{Address: trail, After: `{"s3_bucket_name":"external"}`}}, nil},
	})
}
