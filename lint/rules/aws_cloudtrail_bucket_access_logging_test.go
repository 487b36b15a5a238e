package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudtrailBucketAccessLogging(t *testing.T) {
	runCases(t, AwsCloudtrailBucketAccessLogging{}, []ruleCase{
		{"split logging resource passes", bucket(onBucket("aws_s3_bucket_logging.l", `{"target_bucket":"access-logs"}`)), nil},
		{"inline logging (provider v3) passes", []plantest.Res{ct(`{}`, `{"s3_bucket_name":true}`),
			{Address: "aws_s3_bucket.logs", After: `{"logging":[{"target_bucket":"access-logs"}]}`}}, nil},
		{"no logging fails", bucket(), []string{"fail " + trail + " s3_bucket_name: has no server access logging"}},
	})
}
