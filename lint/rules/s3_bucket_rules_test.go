package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

// A provider v4+ bucket inside a for_each module instance, and its split
// resources referencing it from the same module instance.
const s3b = `module.app["a"].aws_s3_bucket.b`

func s3Bucket(after string) plantest.Res {
	if after == "" {
		after = `{"bucket":"data-a"}`
	}
	return plantest.Res{Address: s3b, After: after,
		Unknown: `{"id":true,"acl":true,"grant":true,"logging":true,"policy":true,"versioning":true}`}
}

func s3Split(typ, after, unknown string, set ...string) plantest.Res {
	return plantest.Res{Address: `module.app["a"].` + typ + `.b`, After: after, Unknown: unknown, Set: set,
		Refs: map[string][]string{"bucket": {"aws_s3_bucket.b.id", "aws_s3_bucket.b"}}}
}

// The same module's other instance: its resources must not be correlated with "a".
func otherInstance(typ, after string) plantest.Res {
	return plantest.Res{Address: `module.app["b"].` + typ + `.b`, After: after,
		Refs: map[string][]string{"bucket": {"aws_s3_bucket.b.id", "aws_s3_bucket.b"}}}
}

func TestAwsS3BucketPublicAccessBlock(t *testing.T) {
	const pab = "aws_s3_bucket_public_access_block"
	runCases(t, AwsS3BucketPublicAccessBlock{}, []ruleCase{
		{"all four settings pass", []plantest.Res{s3Bucket(""), s3Split(pab, fullPAB, `{"bucket":true}`)}, nil},
		{"the account-level block passes", []plantest.Res{s3Bucket(""), {Address: "aws_s3_account_public_access_block.a", After: fullPAB}}, nil},
		{"no block fails", []plantest.Res{s3Bucket("")},
			[]string{"fail " + s3b + ": no public access block covers the bucket"}},
		{"another instance's block does not count", []plantest.Res{s3Bucket(""), otherInstance(pab, fullPAB)},
			[]string{"fail " + s3b + ": no public access block"}},
		{"an unset setting fails (the default is false)", []plantest.Res{s3Bucket(""),
			s3Split(pab, `{"block_public_acls":true,"block_public_policy":true,"ignore_public_acls":true}`, `{"bucket":true}`)},
			[]string{"fail " + s3b + ": restrict_public_buckets not true"}},
		{"a setting computed during apply is unknown", []plantest.Res{s3Bucket(""),
			s3Split(pab, `{"block_public_acls":true,"block_public_policy":true,"ignore_public_acls":true}`, `{"bucket":true,"restrict_public_buckets":true}`, "restrict_public_buckets")},
			[]string{"unknown " + s3b + ": computed during apply"}},
	})
}

func TestAwsS3BucketPublicACL(t *testing.T) {
	runCases(t, AwsS3BucketPublicACL{}, []ruleCase{
		{"provider v3 inline public-read fails", []plantest.Res{{Address: "aws_s3_bucket.v3", After: `{"bucket":"x","acl":"public-read"}`}},
			[]string{"fail aws_s3_bucket.v3 acl: sets the public-read ACL"}},
		{"provider v3 inline private passes", []plantest.Res{{Address: "aws_s3_bucket.v3", After: `{"bucket":"x","acl":"private"}`}}, nil},
		{"split aws_s3_bucket_acl public-read-write fails", []plantest.Res{s3Bucket(""), s3Split("aws_s3_bucket_acl", `{"acl":"public-read-write"}`, `{"bucket":true}`)},
			[]string{"fail " + s3b + ` acl: module.app["a"].aws_s3_bucket_acl.b sets the public-read-write ACL`}},
		{"a grant to AllUsers fails", []plantest.Res{s3Bucket(""), s3Split("aws_s3_bucket_acl",
			`{"access_control_policy":[{"grant":[{"grantee":[{"type":"Group","uri":"http://acs.amazonaws.com/groups/global/AllUsers"}],"permission":"READ"}]}]}`, `{"bucket":true}`)},
			[]string{"fail " + s3b + " acl: grants access to AllUsers or AuthenticatedUsers"}},
		{"a v3 inline grant to AuthenticatedUsers fails", []plantest.Res{{Address: "aws_s3_bucket.v3", After: `{"grant":[{"type":"Group","uri":"http://acs.amazonaws.com/groups/global/AuthenticatedUsers","permissions":["READ"]}]}`}},
			[]string{"fail aws_s3_bucket.v3 acl: grants access"}},
		{"a public ACL under block_public_acls and ignore_public_acls passes", []plantest.Res{s3Bucket(""),
			s3Split("aws_s3_bucket_acl", `{"acl":"public-read"}`, `{"bucket":true}`), s3Split("aws_s3_bucket_public_access_block", fullPAB, `{"bucket":true}`)}, nil},
		{"another instance's public ACL is not this bucket's", []plantest.Res{s3Bucket(""), otherInstance("aws_s3_bucket_acl", `{"acl":"public-read"}`)}, nil},
	})
}

func TestAwsS3BucketPublicPolicy(t *testing.T) {
	pol := func(doc string) plantest.Res {
		return s3Split("aws_s3_bucket_policy", `{"policy":`+doc+`}`, `{"bucket":true}`)
	}
	const polAddr = `module.app["a"].aws_s3_bucket_policy.b`
	runCases(t, AwsS3BucketPublicPolicy{}, []ruleCase{
		{"Principal * without a condition fails", []plantest.Res{s3Bucket(""), pol(`"{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::data-a/*\"}]}"`)},
			[]string{"fail " + s3b + " policy: " + polAddr + ` has a policy that allows Principal "*"`}},
		{"a single statement object with AWS * fails", []plantest.Res{s3Bucket(""), pol(`"{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":[\"s3:GetObject\"]}}"`)},
			[]string{"fail " + s3b + " policy: allows Principal"}},
		{"AWS [*] fails", []plantest.Res{s3Bucket(""), pol(`"{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::123456789012:root\",\"*\"]},\"Action\":\"s3:*\"}]}"`)},
			[]string{"fail " + s3b + " policy: allows Principal"}},
		{"a condition makes it not public", []plantest.Res{s3Bucket(""), pol(`"{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc\"}}}]}"`)}, nil},
		{"an empty condition does not", []plantest.Res{s3Bucket(""), pol(`"{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Condition\":{}}]}"`)},
			[]string{"fail " + s3b + " policy: allows Principal"}},
		{"a named account passes", []plantest.Res{s3Bucket(""), pol(`"{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"s3:GetObject\"}]}"`)}, nil},
		{"a deny for everyone is not a grant", []plantest.Res{s3Bucket(""), pol(`"{\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}"`)}, nil},
		{"provider v3 inline public policy fails", []plantest.Res{{Address: "aws_s3_bucket.v3", After: `{"policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\"}]}"}`}},
			[]string{"fail aws_s3_bucket.v3 policy: aws_s3_bucket.v3 has a policy"}},
		{"a public policy under block_public_policy and restrict_public_buckets passes", []plantest.Res{s3Bucket(""),
			pol(`"{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\"}]}"`), s3Split("aws_s3_bucket_public_access_block", fullPAB, `{"bucket":true}`)}, nil},
		{"a policy computed during apply is unknown", []plantest.Res{s3Bucket(""), s3Split("aws_s3_bucket_policy", `{}`, `{"bucket":true,"policy":true}`, "policy")},
			[]string{"unknown " + s3b + " policy: computed during apply"}},
		{"a policy that is not JSON is not judged", []plantest.Res{s3Bucket(""), pol(`"not json"`)}, nil},
	})
}

func TestAwsS3BucketVersioning(t *testing.T) {
	const v = "aws_s3_bucket_versioning"
	cfg := func(status string) string { return `{"versioning_configuration":[{"status":"` + status + `"}]}` }
	runCases(t, AwsS3BucketVersioning{}, []ruleCase{
		{"split versioning Enabled passes", []plantest.Res{s3Bucket(""), s3Split(v, cfg("Enabled"), `{"bucket":true}`)}, nil},
		{"split versioning Suspended fails", []plantest.Res{s3Bucket(""), s3Split(v, cfg("Suspended"), `{"bucket":true}`)},
			[]string{"fail " + s3b + " versioning: sets versioning to Suspended"}},
		{"no versioning fails", []plantest.Res{s3Bucket("")},
			[]string{"fail " + s3b + " versioning: versioning is not enabled"}},
		{"another instance's versioning does not count", []plantest.Res{s3Bucket(""), otherInstance(v, cfg("Enabled"))},
			[]string{"fail " + s3b + " versioning: not enabled"}},
		{"a status computed during apply is unknown", []plantest.Res{s3Bucket(""), s3Split(v, `{"versioning_configuration":[{}]}`, `{"bucket":true,"versioning_configuration":[{"status":true}]}`, "versioning_configuration")},
			[]string{"unknown " + s3b + " versioning: computed during apply"}},
		{"provider v3 inline versioning passes", []plantest.Res{{Address: "aws_s3_bucket.v3", After: `{"versioning":[{"enabled":true,"mfa_delete":false}]}`}}, nil},
		{"provider v3 inline versioning off fails", []plantest.Res{{Address: "aws_s3_bucket.v3", After: `{"versioning":[{"enabled":false,"mfa_delete":false}]}`}},
			[]string{"fail aws_s3_bucket.v3 versioning: not enabled"}},
	})
}

func TestAwsS3BucketAccessLogging(t *testing.T) {
	const l = "aws_s3_bucket_logging"
	runCases(t, AwsS3BucketAccessLogging{}, []ruleCase{
		{"split logging passes", []plantest.Res{s3Bucket(""), s3Split(l, `{"target_bucket":"logs","target_prefix":"a/"}`, `{"bucket":true}`)}, nil},
		{"no logging fails", []plantest.Res{s3Bucket("")},
			[]string{"fail " + s3b + " logging: no server access logging"}},
		{"provider v3 inline logging passes", []plantest.Res{{Address: "aws_s3_bucket.v3", After: `{"logging":[{"target_bucket":"logs","target_prefix":""}]}`}}, nil},
		{"provider v3 logging computed during apply is unknown", []plantest.Res{{Address: "aws_s3_bucket.v3", After: `{}`, Unknown: `{"logging":true}`, Set: []string{"logging"}}},
			[]string{"unknown aws_s3_bucket.v3 logging: computed during apply"}},
		{"the access-log target bucket itself is not judged", []plantest.Res{
			{Address: "aws_s3_bucket.logs", After: `{"bucket":"logs"}`, Unknown: `{"id":true}`},
			{Address: "aws_s3_bucket.data", After: `{"bucket":"data"}`, Unknown: `{"id":true}`},
			{Address: "aws_s3_bucket_logging.data", After: `{}`, Unknown: `{"bucket":true,"target_bucket":true}`,
				Refs: map[string][]string{"bucket": {"aws_s3_bucket.data.id"}, "target_bucket": {"aws_s3_bucket.logs.id"}}}}, nil},
	})
}
