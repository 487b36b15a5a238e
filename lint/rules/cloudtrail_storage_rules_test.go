package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudtrailS3DataEvents(t *testing.T) {
	runCases(t, AwsCloudtrailS3DataEvents{}, []ruleCase{
		{"a basic S3 data selector passes", []plantest.Res{ct(`{"event_selector":[{"read_write_type":"All","data_resource":[{"type":"AWS::S3::Object","values":["arn:aws:s3"]}]}]}`, ``)}, nil},
		{"an advanced selector passes", []plantest.Res{ct(`{"advanced_event_selector":[{"field_selector":[{"field":"eventCategory","equals":["Data"]},{"field":"resources.type","equals":["AWS::S3::Object"]}]}]}`, ``)}, nil},
		{"another trail recording them covers the account", []plantest.Res{ct(`{}`, ``),
			{Address: "aws_cloudtrail.data", After: `{"event_selector":[{"data_resource":[{"type":"AWS::S3::Object","values":["arn:aws:s3"]}]}]}`}}, nil},
		{"a hardened_cloudtrail with s3_data_events covers the account", []plantest.Res{ct(`{}`, ``),
			{Address: "hardened_cloudtrail.org", After: `{"name":"org","s3_data_events":"write"}`}}, nil},
		{"management events only fail", []plantest.Res{ct(`{"event_selector":[{"read_write_type":"All","include_management_events":true,"data_resource":[]}]}`, ``)},
			[]string{"fail " + trail + " event_selector: no trail in the plan records S3 object-level"}},
		{"Lambda data events only fail", []plantest.Res{ct(`{"event_selector":[{"data_resource":[{"type":"AWS::Lambda::Function","values":["arn:aws:lambda"]}]}]}`, ``)},
			[]string{"fail " + trail + " event_selector: S3 object-level"}},
	})
}

func TestAwsCloudtrailSNSNotification(t *testing.T) {
	runCases(t, AwsCloudtrailSNSNotification{}, []ruleCase{
		{"a topic passes", []plantest.Res{ct(`{"sns_topic_name":"trail-deliveries"}`, ``)}, nil},
		{"a topic created in the same apply passes", []plantest.Res{ct(`{}`, `{"sns_topic_name":true}`, "sns_topic_name")}, nil},
		{"none fails", []plantest.Res{ct(`{"sns_topic_name":null}`, ``)}, []string{"fail " + trail + " sns_topic_name: notify nobody"}},
	})
}

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

func TestAwsS3BucketWebsite(t *testing.T) {
	runCases(t, AwsS3BucketWebsite{}, []ruleCase{
		{"a plain bucket passes", []plantest.Res{{Address: "aws_s3_bucket.b", After: `{"bucket":"b","website":[]}`}}, nil},
		{"an inline website fails", []plantest.Res{{Address: "aws_s3_bucket.b", After: `{"bucket":"b","website":[{"index_document":"index.html"}]}`}},
			[]string{"fail aws_s3_bucket.b website: static website"}},
		{"a website configuration fails", []plantest.Res{{Address: "aws_s3_bucket_website_configuration.w", After: `{"bucket":"b"}`}},
			[]string{"fail aws_s3_bucket_website_configuration.w: static website"}},
	})
}
