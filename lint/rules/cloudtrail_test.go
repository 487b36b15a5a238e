package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

const trail = "aws_cloudtrail.t"

func ct(after, unknown string, configured ...string) plantest.Res {
	return plantest.Res{Address: trail, After: after, Unknown: unknown, Set: configured,
		Refs: map[string][]string{"s3_bucket_name": {"aws_s3_bucket.logs.id", "aws_s3_bucket.logs"}}}
}

func TestAwsCloudtrailMultiRegion(t *testing.T) {
	runCases(t, AwsCloudtrailMultiRegion{}, []ruleCase{
		{"multi-region passes", []plantest.Res{ct(`{"is_multi_region_trail":true}`, ``)}, nil},
		{"single region fails", []plantest.Res{ct(`{"is_multi_region_trail":false}`, ``)},
			[]string{"fail " + trail + " is_multi_region_trail: only its home region"}},
		{"write-only management events fail", []plantest.Res{ct(`{"is_multi_region_trail":true,"event_selector":[{"read_write_type":"WriteOnly","include_management_events":true}]}`, ``)},
			[]string{"fail " + trail + " event_selector: only WriteOnly"}},
		{"from a computed value is unknown", []plantest.Res{ct(`{}`, `{"is_multi_region_trail":true}`, "is_multi_region_trail")},
			[]string{"unknown " + trail + " is_multi_region_trail: computed during apply"}},
	})
}

func TestAwsCloudtrailSimpleSettings(t *testing.T) {
	runCases(t, AwsCloudtrailLogFileValidation{}, []ruleCase{
		{"on passes", []plantest.Res{ct(`{"enable_log_file_validation":true}`, ``)}, nil},
		{"default off fails", []plantest.Res{ct(`{}`, ``)}, []string{"fail " + trail + " enable_log_file_validation: log file validation is off"}},
	})
	runCases(t, AwsCloudtrailGlobalServiceEvents{}, []ruleCase{
		{"default on passes", []plantest.Res{ct(`{}`, ``)}, nil},
		{"off fails", []plantest.Res{ct(`{"include_global_service_events":false}`, ``)}, []string{"fail " + trail + " include_global_service_events: not recorded"}},
	})
	runCases(t, AwsCloudtrailLoggingEnabled{}, []ruleCase{
		{"default on passes", []plantest.Res{ct(`{"enable_logging":true}`, ``)}, nil},
		{"off fails", []plantest.Res{ct(`{"enable_logging":false}`, ``)}, []string{"fail " + trail + " enable_logging: logging stopped"}},
	})
	runCases(t, AwsCloudtrailKMSEncryption{}, []ruleCase{
		{"a key passes", []plantest.Res{ct(`{"kms_key_id":"arn:aws:kms:us-east-1:123456789012:key/x"}`, ``)}, nil},
		{"a key created in the same apply passes", []plantest.Res{ct(`{}`, `{"kms_key_id":true}`, "kms_key_id")}, nil},
		{"no key fails", []plantest.Res{ct(`{"kms_key_id":null}`, ``)}, []string{"fail " + trail + " kms_key_id: not set"}},
	})
	runCases(t, AwsCloudtrailCloudwatchLogs{}, []ruleCase{
		{"a log group passes", []plantest.Res{ct(`{}`, `{"cloud_watch_logs_group_arn":true}`, "cloud_watch_logs_group_arn")}, nil},
		{"none fails", []plantest.Res{ct(`{}`, ``)}, []string{"fail " + trail + " cloud_watch_logs_group_arn: not set"}},
	})
}

func bucket(extra ...plantest.Res) []plantest.Res {
	return append([]plantest.Res{ct(`{}`, `{"s3_bucket_name":true}`),
		{Address: "aws_s3_bucket.logs", After: `{"bucket":"logs"}`, Unknown: `{"id":true,"acl":true,"logging":true,"policy":true,"grant":true}`}}, extra...)
}

func onBucket(addr, after string) plantest.Res {
	return plantest.Res{Address: addr, After: after, Unknown: `{"bucket":true}`,
		Refs: map[string][]string{"bucket": {"aws_s3_bucket.logs.id", "aws_s3_bucket.logs"}}}
}

const fullPAB = `{"block_public_acls":true,"block_public_policy":true,"ignore_public_acls":true,"restrict_public_buckets":true}`

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

func TestAwsCloudtrailBucketAccessLogging(t *testing.T) {
	runCases(t, AwsCloudtrailBucketAccessLogging{}, []ruleCase{
		{"split logging resource passes", bucket(onBucket("aws_s3_bucket_logging.l", `{"target_bucket":"access-logs"}`)), nil},
		{"inline logging (provider v3) passes", []plantest.Res{ct(`{}`, `{"s3_bucket_name":true}`),
			{Address: "aws_s3_bucket.logs", After: `{"logging":[{"target_bucket":"access-logs"}]}`}}, nil},
		{"no logging fails", bucket(), []string{"fail " + trail + " s3_bucket_name: has no server access logging"}},
	})
}
