package rules

import (
	"encoding/json"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

const s3b = "aws_s3_bucket.data"

// dataBucket is a bucket as provider v4+ plans it: no inline settings, the
// deprecated inline attributes shown as known after apply.
func dataBucket() plantest.Res {
	return plantest.Res{Address: s3b, After: `{"bucket":"data"}`,
		Unknown: `{"id":true,"arn":true,"acl":true,"grant":true,"policy":true,"versioning":true,"logging":true}`}
}

// v3Bucket is a provider v3 bucket with its settings inline.
func v3Bucket(after string) plantest.Res {
	return plantest.Res{Address: s3b, After: after}
}

// onData is a split resource (provider v4+) whose bucket refers to the data bucket.
func onData(addr, after string) plantest.Res {
	return plantest.Res{Address: addr, After: after, Unknown: `{"bucket":true}`,
		Refs: map[string][]string{"bucket": {"aws_s3_bucket.data.id", "aws_s3_bucket.data"}}}
}

// withPolicy renders an after object holding the policy document as a string.
func withPolicy(t *testing.T, doc string) string {
	t.Helper()
	b, err := json.Marshal(map[string]string{"policy": doc})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAwsS3BucketPublicAccessBlock(t *testing.T) {
	const pab = "aws_s3_bucket_public_access_block.p"
	runCases(t, AwsS3BucketPublicAccessBlock{}, []ruleCase{
		{"a full block passes", []plantest.Res{dataBucket(), onData(pab, fullPAB)}, nil},
		{"the account's full block passes", []plantest.Res{dataBucket(), {Address: "aws_s3_account_public_access_block.a", After: fullPAB}}, nil},
		{"a partial block with the account's full block passes", []plantest.Res{dataBucket(), onData(pab, `{"block_public_acls":true}`),
			{Address: "aws_s3_account_public_access_block.a", After: fullPAB}}, nil},
		{"no block fails", []plantest.Res{dataBucket()},
			[]string{"fail " + s3b + ": no public access block covers the bucket"}},
		{"a provider v3 bucket without a block fails", []plantest.Res{v3Bucket(`{"bucket":"data","acl":"private"}`)},
			[]string{"fail " + s3b + ": no public access block covers the bucket"}},
		{"a partial block fails", []plantest.Res{dataBucket(), onData(pab,
			`{"block_public_acls":true,"block_public_policy":false,"ignore_public_acls":true,"restrict_public_buckets":false}`)},
			[]string{"fail " + s3b + ": " + pab + ": block_public_policy, restrict_public_buckets not true"}},
		{"settings left unset fail (the default is false)", []plantest.Res{dataBucket(), onData(pab, `{"block_public_acls":true}`)},
			[]string{"fail " + s3b + ": " + pab + ": block_public_policy, ignore_public_acls, restrict_public_buckets not true"}},
		{"a partial account block fails", []plantest.Res{dataBucket(), {Address: "aws_s3_account_public_access_block.a", After: `{"block_public_acls":true,"block_public_policy":true}`}},
			[]string{"fail " + s3b + ": aws_s3_account_public_access_block.a: ignore_public_acls, restrict_public_buckets not true"}},
		// The account's blocks are summarised once per plan: the first block's
		// reason is kept, and any full one passes whatever its position.
		{"several partial account blocks fail with the first one's reason", []plantest.Res{dataBucket(),
			{Address: "aws_s3_account_public_access_block.a", After: `{"block_public_acls":true,"block_public_policy":true}`},
			{Address: "aws_s3_account_public_access_block.b", After: `{"block_public_acls":true}`}},
			[]string{"fail " + s3b + ": aws_s3_account_public_access_block.a: ignore_public_acls, restrict_public_buckets not true"}},
		{"a full account block after partial ones passes", []plantest.Res{dataBucket(),
			{Address: "aws_s3_account_public_access_block.a", After: `{"block_public_acls":true}`},
			{Address: "aws_s3_account_public_access_block.b", After: fullPAB}}, nil},
		{"settings computed during apply are unknown", []plantest.Res{dataBucket(), {Address: pab,
			After: `{"block_public_acls":true,"block_public_policy":true,"ignore_public_acls":true}`, Unknown: `{"bucket":true,"restrict_public_buckets":true}`,
			Set: []string{"restrict_public_buckets"}, Refs: map[string][]string{"bucket": {"aws_s3_bucket.data.id", "aws_s3_bucket.data"}}}},
			[]string{"unknown " + s3b + ": the bucket's Block Public Access settings are computed during apply"}},
		{"another bucket's block does not count", []plantest.Res{dataBucket(), {Address: "aws_s3_bucket.other", After: `{"bucket":"other"}`, Unknown: `{"id":true}`},
			{Address: pab, After: fullPAB, Unknown: `{"bucket":true}`, Refs: map[string][]string{"bucket": {"aws_s3_bucket.other.id", "aws_s3_bucket.other"}}}},
			[]string{"fail " + s3b + ": no public access block covers the bucket"}},
		{"a block naming an existing bucket by its name counts", []plantest.Res{{Address: s3b, After: `{"bucket":"data"}`, Unknown: `{"id":true}`},
			{Address: pab, After: `{"bucket":"data","block_public_acls":true,"block_public_policy":true,"ignore_public_acls":true,"restrict_public_buckets":true}`}}, nil},
		{"for_each buckets and blocks are matched by key", []plantest.Res{
			{Address: `aws_s3_bucket.data["a"]`, After: `{"bucket":"a"}`, Unknown: `{"id":true}`},
			{Address: `aws_s3_bucket.data["b"]`, After: `{"bucket":"b"}`, Unknown: `{"id":true}`},
			{Address: `aws_s3_bucket_public_access_block.p["a"]`, After: fullPAB, Unknown: `{"bucket":true}`,
				Refs: map[string][]string{"bucket": {"aws_s3_bucket.data"}}}},
			[]string{`fail aws_s3_bucket.data["b"]: no public access block covers the bucket`}},
	})
}

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
		{"the account's block neutralises them", []plantest.Res{v3Bucket(`{"acl":"public-read"}`), {Address: "aws_s3_account_public_access_block.a", After: fullPAB}}, nil},
		{"a block of public policies only does not", []plantest.Res{dataBucket(), onData(acl, `{"acl":"public-read"}`),
			onData("aws_s3_bucket_public_access_block.p", `{"block_public_policy":true,"restrict_public_buckets":true}`)},
			[]string{"fail " + s3b + " acl: sets the public-read ACL"}},
	})
}

func TestAwsS3BucketPublicPolicy(t *testing.T) {
	const bp = "aws_s3_bucket_policy.p"
	pol := func(doc string) []plantest.Res {
		return []plantest.Res{dataBucket(), onData(bp, withPolicy(t, doc))}
	}
	const public = "fail " + s3b + " policy: the bucket is public: " + bp + ` has a policy that allows Principal "*" without a condition`
	blockPolicies := onData("aws_s3_bucket_public_access_block.p", `{"block_public_policy":true,"restrict_public_buckets":true}`)
	runCases(t, AwsS3BucketPublicPolicy{}, []ruleCase{
		{`Principal "*" in a Statement list fails`, pol(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*"}]}`),
			[]string{public}},
		{"a single Statement object fails", pol(`{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*"}}`),
			[]string{public}},
		{`Principal {"AWS": "*"} fails`, pol(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}`),
			[]string{public}},
		{`Principal {"AWS": ["*"]} fails`, pol(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"s3:*"}]}`),
			[]string{public}},
		{`"*" among named principals fails`, pol(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:root","*"]},"Action":"s3:GetObject"}]}`),
			[]string{public}},
		{"an empty Condition does not restrict", pol(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{}}]}`),
			[]string{public}},
		{"a public statement after a private one fails", pol(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:*"},{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}`),
			[]string{public}},
		{"a Condition makes it non-public", pol(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]}`), nil},
		{"a named account passes", pol(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:GetObject"}]}`), nil},
		{"a service principal passes", pol(`{"Statement":[{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject"}]}`), nil},
		{`a Deny for "*" passes`, pol(`{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}},{"Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket"}]}`), nil},
		{"a document that is not JSON is not judged", pol(`not a policy`), nil},
		{"a sensitive public policy is read too", []plantest.Res{dataBucket(), {Address: bp,
			After:   withPolicy(t, `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}`),
			Unknown: `{"bucket":true}`, Sensitive: `{"policy":true}`, Refs: map[string][]string{"bucket": {"aws_s3_bucket.data.id", "aws_s3_bucket.data"}}}},
			[]string{public}},
		{"a provider v3 inline public policy fails", []plantest.Res{v3Bucket(withPolicy(t, `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}`))},
			[]string{"fail " + s3b + " policy: the bucket is public: " + s3b + ` has a policy that allows Principal "*"`}},
		{"blocked public policies pass", append(pol(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}`), blockPolicies), nil},
		{"the account's block passes", append(pol(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}`),
			plantest.Res{Address: "aws_s3_account_public_access_block.a", After: fullPAB}), nil},
		{"a block of public ACLs only does not", append(pol(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}`),
			onData("aws_s3_bucket_public_access_block.p", `{"block_public_acls":true,"ignore_public_acls":true,"block_public_policy":true}`)),
			[]string{public}},
		{"a policy computed during apply is unknown", []plantest.Res{dataBucket(), {Address: bp, After: `{}`, Unknown: `{"bucket":true,"policy":true}`,
			Set: []string{"policy"}, Refs: map[string][]string{"bucket": {"aws_s3_bucket.data.id", "aws_s3_bucket.data"}}}},
			[]string{"unknown " + s3b + " policy: the bucket policy is computed during apply and Block Public Access does not cover it"}},
		{"a policy computed during apply behind a block passes", []plantest.Res{dataBucket(), {Address: bp, After: `{}`, Unknown: `{"bucket":true,"policy":true}`,
			Set: []string{"policy"}, Refs: map[string][]string{"bucket": {"aws_s3_bucket.data.id", "aws_s3_bucket.data"}}}, blockPolicies}, nil},
		{"a v4 bucket's computed inline policy is not the configuration's", []plantest.Res{dataBucket()}, nil},
	})
}

func TestAwsS3BucketVersioning(t *testing.T) {
	const v = "aws_s3_bucket_versioning.v"
	runCases(t, AwsS3BucketVersioning{}, []ruleCase{
		{"enabled passes", []plantest.Res{dataBucket(), onData(v, `{"versioning_configuration":[{"status":"Enabled"}]}`)}, nil},
		{"suspended fails", []plantest.Res{dataBucket(), onData(v, `{"versioning_configuration":[{"status":"Suspended"}]}`)},
			[]string{"fail " + s3b + " versioning: " + v + " sets versioning to Suspended"}},
		{"disabled fails", []plantest.Res{dataBucket(), onData(v, `{"versioning_configuration":[{"status":"Disabled"}]}`)},
			[]string{"fail " + s3b + " versioning: " + v + " sets versioning to Disabled"}},
		{"a status computed during apply is unknown", []plantest.Res{dataBucket(), {Address: v, After: `{"versioning_configuration":[{}]}`,
			Unknown: `{"bucket":true,"versioning_configuration":[{"status":true}]}`, Refs: map[string][]string{"bucket": {"aws_s3_bucket.data.id", "aws_s3_bucket.data"}}}},
			[]string{"unknown " + s3b + " versioning: the versioning status of " + v + " is computed during apply"}},
		{"no versioning fails", []plantest.Res{dataBucket()},
			[]string{"fail " + s3b + " versioning: versioning is not enabled: no aws_s3_bucket_versioning with status Enabled"}},
		{"another bucket's versioning does not count", []plantest.Res{dataBucket(), {Address: "aws_s3_bucket.other", After: `{}`, Unknown: `{"id":true,"versioning":true}`},
			{Address: v, After: `{"versioning_configuration":[{"status":"Enabled"}]}`, Refs: map[string][]string{"bucket": {"aws_s3_bucket.other.id", "aws_s3_bucket.other"}}}},
			[]string{"fail " + s3b + " versioning: versioning is not enabled"}},
		{"provider v3 inline versioning passes", []plantest.Res{v3Bucket(`{"bucket":"data","versioning":[{"enabled":true,"mfa_delete":false}]}`)}, nil},
		{"provider v3 inline versioning off fails", []plantest.Res{v3Bucket(`{"bucket":"data","versioning":[{"enabled":false,"mfa_delete":false}]}`)},
			[]string{"fail " + s3b + " versioning: versioning is not enabled"}},
		{"provider v3 inline versioning computed during apply is unknown", []plantest.Res{{Address: s3b, After: `{"versioning":[{"mfa_delete":false}]}`,
			Unknown: `{"versioning":[{"enabled":true}]}`, Set: []string{"versioning"}}},
			[]string{"unknown " + s3b + " versioning: the bucket's versioning is computed during apply"}},
	})
}

func TestAwsS3BucketAccessLogging(t *testing.T) {
	const l = "aws_s3_bucket_logging.l"
	runCases(t, AwsS3BucketAccessLogging{}, []ruleCase{
		{"a logging resource passes", []plantest.Res{dataBucket(), onData(l, `{"target_bucket":"access-logs","target_prefix":"data/"}`)}, nil},
		{"provider v3 inline logging passes", []plantest.Res{v3Bucket(`{"bucket":"data","logging":[{"target_bucket":"access-logs","target_prefix":"data/"}]}`)}, nil},
		{"no logging fails", []plantest.Res{dataBucket()},
			[]string{"fail " + s3b + " logging: the bucket has no server access logging"}},
		{"a provider v3 bucket without logging fails", []plantest.Res{v3Bucket(`{"bucket":"data","logging":[]}`)},
			[]string{"fail " + s3b + " logging: the bucket has no server access logging"}},
		{"inline logging computed during apply is unknown", []plantest.Res{{Address: s3b, After: `{"bucket":"data"}`, Unknown: `{"logging":true}`, Set: []string{"logging"}}},
			[]string{"unknown " + s3b + " logging: the bucket's logging is computed during apply"}},
		{"the access-log bucket itself is exempt", []plantest.Res{dataBucket(),
			{Address: "aws_s3_bucket.logs", After: `{"bucket":"access-logs"}`, Unknown: `{"id":true,"logging":true}`},
			{Address: l, After: `{"target_prefix":"data/"}`, Unknown: `{"bucket":true,"target_bucket":true}`, Refs: map[string][]string{
				"bucket": {"aws_s3_bucket.data.id", "aws_s3_bucket.data"}, "target_bucket": {"aws_s3_bucket.logs.id", "aws_s3_bucket.logs"}}}}, nil},
		{"the target of a provider v3 inline logging block is exempt", v3LogTarget(), nil},
		{"a provider v3 log target named by a known bucket name is exempt", []plantest.Res{
			{Address: "aws_s3_bucket.logs", After: `{"bucket":"access-logs","logging":[]}`},
			{Address: "aws_s3_bucket.app", After: `{"bucket":"app","logging":[{"target_bucket":"access-logs","target_prefix":"app/"}]}`}}, nil},
	})
	runCases(t, AwsS3BucketTLSOnly{}, []ruleCase{
		{"the target of a provider v3 inline logging block is not judged for TLS-only", v3LogTarget(),
			[]string{"fail aws_s3_bucket.app policy: no bucket policy denies requests made without TLS"}},
	})
}

// v3LogTarget is a provider v3 bucket logging, through its inline block and a
// reference, into a log bucket that does not log itself.
func v3LogTarget() []plantest.Res {
	return []plantest.Res{
		{Address: "aws_s3_bucket.logs", After: `{"bucket":"access-logs","logging":[]}`, Unknown: `{"id":true}`},
		{Address: "aws_s3_bucket.app", After: `{"bucket":"app","logging":[{"target_prefix":"app/"}]}`,
			Unknown:    `{"logging":[{"target_bucket":true}]}`,
			NestedRefs: map[string][]string{"logging.target_bucket": {"aws_s3_bucket.logs.id", "aws_s3_bucket.logs"}}},
	}
}
