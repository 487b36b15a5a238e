package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudtrailBucketPublic(t *testing.T) {
	runCases(t, AwsCloudtrailBucketPublic{}, []ruleCase{
		{"blocked bucket passes", bucket(onBucket("aws_s3_bucket_public_access_block.p", fullPAB)), nil},
		{"account-level block passes", bucket(plantest.Res{Address: "aws_s3_account_public_access_block.a", After: fullPAB}), nil},
		{"bucket outside the plan is not judged", []plantest.Res{{Address: trail, After: `{"s3_bucket_name":"external-logs"}`}}, nil},
		{"no block fails", bucket(), []string{"fail " + trail + " s3_bucket_name: no public access block covers the bucket"}},
		{"partial block fails", bucket(onBucket("aws_s3_bucket_public_access_block.p", `{"block_public_acls":true,"block_public_policy":false,"ignore_public_acls":true,"restrict_public_buckets":true}`)),
			[]string{"fail " + trail + " s3_bucket_name: block_public_policy not true"}},
		{"public ACL fails", bucket(onBucket("aws_s3_bucket_acl.a", `{"acl":"public-read"}`)),
			[]string{"fail " + trail + " s3_bucket_name: aws_s3_bucket_acl.a sets the public-read ACL"}},
		{"public policy fails", bucket(onBucket("aws_s3_bucket_policy.p", `{"policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:GetObject\"}]}"}`)),
			[]string{"fail " + trail + " s3_bucket_name: allows Principal \"*\" without a condition"}},
		{"block settings computed during apply are unknown", bucket(plantest.Res{Address: "aws_s3_bucket_public_access_block.p",
			After: `{"block_public_acls":true,"block_public_policy":true,"ignore_public_acls":true}`, Unknown: `{"bucket":true,"restrict_public_buckets":true}`,
			Set: []string{"restrict_public_buckets"}, Refs: map[string][]string{"bucket": {"aws_s3_bucket.logs"}}}),
			[]string{"unknown " + trail + " s3_bucket_name: depends on values computed during apply"}},
	})
}
