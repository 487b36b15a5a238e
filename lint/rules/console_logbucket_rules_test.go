package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsIAMUserLoginProfileDirectPolicy(t *testing.T) {
	user := plantest.Res{Address: "aws_iam_user.alice", After: `{"name":"alice"}`}
	onUser := func(addr, attr, after string) plantest.Res {
		return plantest.Res{Address: addr, After: after, Refs: map[string][]string{attr: {"aws_iam_user.alice.name", "aws_iam_user.alice"}}}
	}
	profile := onUser("aws_iam_user_login_profile.alice", "user", `{}`)
	runCases(t, AwsIAMUserLoginProfileDirectPolicy{}, []ruleCase{
		{"console user through groups passes", []plantest.Res{user, profile, onUser("aws_iam_user_group_membership.alice", "user", `{"groups":["developers"]}`)}, nil},
		{"console user with an attached policy fails", []plantest.Res{user, profile,
			onUser("aws_iam_user_policy_attachment.alice", "user", `{"policy_arn":"arn:aws:iam::aws:policy/PowerUserAccess"}`)},
			[]string{"fail aws_iam_user_login_profile.alice user: console user aws_iam_user.alice has policies attached directly (aws_iam_user_policy_attachment.alice)"}},
		{"console user named in aws_iam_policy_attachment fails", []plantest.Res{user, profile,
			onUser("aws_iam_policy_attachment.ops", "users", `{"policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}`)},
			[]string{"fail aws_iam_user_login_profile.alice user: aws_iam_policy_attachment.ops"}},
		{"a programmatic user is another rule's topic", []plantest.Res{user,
			onUser("aws_iam_user_policy_attachment.alice", "user", `{"policy_arn":"arn:aws:iam::aws:policy/PowerUserAccess"}`)}, nil},
	})
}

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
