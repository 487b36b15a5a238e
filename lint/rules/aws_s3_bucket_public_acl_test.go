package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsS3BucketPublicACL(t *testing.T) {
	const acl = "aws_s3_bucket_acl.a"
	const allUsers = "http://acs.amazonaws.com/groups/global/AllUsers"
	blockACLs := onData("aws_s3_bucket_public_access_block.p", `{"block_public_acls":true,"ignore_public_acls":true}`)
	runCases(t, AwsS3BucketPublicACL{}, []ruleCase{
		{"a private ACL resource passes", []plantest.Res{dataBucket(), onData(acl, `{"acl":"private"}`)}, nil},
		{"a bucket without ACL passes", []plantest.Res{dataBucket()}, nil},
		{"a provider v3 private bucket passes", []plantest.Res{v3Bucket(`{"bucket":"data","acl":"private","grant":[]}`)}, nil},
		{"a provider v3 inline public-read ACL fails", []plantest.Res{v3Bucket(`{"bucket":"data","acl":"public-read"}`)},
			[]string{"fail " + s3b + " acl: the bucket is public: " + s3b + " sets the public-read ACL"}},
		{"a public-read-write ACL resource fails", []plantest.Res{dataBucket(), onData(acl, `{"acl":"public-read-write"}`)},
			[]string{"fail " + s3b + " acl: the bucket is public: " + acl + " sets the public-read-write ACL"}},
		{"authenticated-read fails", []plantest.Res{dataBucket(), onData(acl, `{"acl":"authenticated-read"}`)},
			[]string{"fail " + s3b + " acl: " + acl + " sets the authenticated-read ACL"}},
		{"log-delivery-write passes", []plantest.Res{dataBucket(), onData(acl, `{"acl":"log-delivery-write"}`)}, nil},
		{"a provider v3 inline grant to AllUsers fails", []plantest.Res{v3Bucket(`{"bucket":"data","grant":[{"type":"Group","uri":"` + allUsers + `","permissions":["READ"]}]}`)},
			[]string{"fail " + s3b + " acl: " + s3b + " grants access to AllUsers or AuthenticatedUsers"}},
		{"an access_control_policy grant to AuthenticatedUsers fails", []plantest.Res{dataBucket(), onData(acl,
			`{"access_control_policy":[{"grant":[{"grantee":[{"type":"Group","uri":"http://acs.amazonaws.com/groups/global/AuthenticatedUsers"}],"permission":"READ"}],"owner":[{"id":"o"}]}]}`)},
			[]string{"fail " + s3b + " acl: " + acl + " grants access to AllUsers or AuthenticatedUsers"}},
		{"a grant to an account passes", []plantest.Res{dataBucket(), onData(acl,
			`{"access_control_policy":[{"grant":[{"grantee":[{"type":"CanonicalUser","id":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}],"permission":"FULL_CONTROL"}]}]}`)}, nil},
		{"a public ACL and a public grant are both named", []plantest.Res{v3Bucket(`{"acl":"public-read"}`), onData(acl,
			`{"access_control_policy":[{"grant":[{"grantee":[{"type":"Group","uri":"`+allUsers+`"}],"permission":"READ"}]}]}`)},
			[]string{"fail " + s3b + " acl: " + s3b + " sets the public-read ACL; " + acl + " grants access to AllUsers"}},
		{"a block ignoring public ACLs neutralises them", []plantest.Res{dataBucket(), onData(acl, `{"acl":"public-read"}`), blockACLs}, nil},
		{"the bucket's and the account's blocks combine, setting by setting", []plantest.Res{dataBucket(), onData(acl, `{"acl":"public-read"}`),
			onData("aws_s3_bucket_public_access_block.p", `{"block_public_acls":true,"ignore_public_acls":false}`),
			{Address: "aws_s3_account_public_access_block.a", After: `{"ignore_public_acls":true}`}}, nil},
		{"one setting off in both blocks leaves the ACL public", []plantest.Res{dataBucket(), onData(acl, `{"acl":"public-read-write"}`),
			onData("aws_s3_bucket_public_access_block.p", `{"block_public_acls":true,"ignore_public_acls":false}`)},
			[]string{"fail " + s3b + " acl: the bucket is public"}},
		{"the account's block neutralises them", []plantest.Res{v3Bucket(`{"acl":"public-read"}`), {Address: "aws_s3_account_public_access_block.a", After: fullPAB}}, nil},
		{"a block of public policies only does not", []plantest.Res{dataBucket(), onData(acl, `{"acl":"public-read"}`),
			onData("aws_s3_bucket_public_access_block.p", `{"block_public_policy":true,"restrict_public_buckets":true}`)},
			[]string{"fail " + s3b + " acl: sets the public-read ACL"}},
	})
}
