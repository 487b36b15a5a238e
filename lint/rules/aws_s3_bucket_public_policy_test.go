package rules

import (
	"encoding/json"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

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

		// The bucket is not in the plan: the policy is judged on its own address.
		{"a public policy on a bucket outside the plan fails on the policy", orphan(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::legacy/*"}]}`),
			[]string{"fail " + bp + ` policy: the policy allows Principal "*" without a condition on bucket legacy (not in the plan), and Block Public Access does not cover it`}},
		{"a private policy on a bucket outside the plan passes", orphan(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:GetObject"}]}`), nil},
		{"a public policy on a bucket outside the plan behind the bucket's block passes", append(orphan(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}`),
			plantest.Res{Address: "aws_s3_bucket_public_access_block.legacy", After: `{"bucket":"legacy","block_public_policy":true,"restrict_public_buckets":true}`}), nil},
		{"another bucket's block does not cover it", append(orphan(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}`),
			plantest.Res{Address: "aws_s3_bucket_public_access_block.other", After: `{"bucket":"other","block_public_policy":true,"restrict_public_buckets":true}`}),
			[]string{"fail " + bp + " policy: on bucket legacy (not in the plan)"}},
		{"the account's block covers it", append(orphan(`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}`),
			plantest.Res{Address: "aws_s3_account_public_access_block.a", After: fullPAB}), nil},
		{"a computed policy on a bucket outside the plan is unknown", []plantest.Res{{Address: bp, After: `{"bucket":"legacy"}`, Unknown: `{"policy":true}`,
			Refs: map[string][]string{"policy": {"aws_iam_role.reader.arn", "aws_iam_role.reader"}}}},
			[]string{"unknown " + bp + " policy: the policy of bucket legacy (not in the plan) is computed during apply"}},
		{"a public policy on a bucket of the plan named by value is judged on the bucket", []plantest.Res{
			{Address: s3b, After: `{"bucket":"data"}`, Unknown: `{"id":true,"arn":true,"policy":true}`},
			{Address: bp, After: `{"bucket":"data","policy":` + jsonString(t, `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}`) + `}`}},
			[]string{public}},
	})
}

// orphan is an aws_s3_bucket_policy on bucket "legacy", which no resource of the plan creates.
func orphan(doc string) []plantest.Res {
	b, _ := json.Marshal(map[string]string{"bucket": "legacy", "policy": doc})
	return []plantest.Res{{Address: "aws_s3_bucket_policy.p", After: string(b)}}
}

func jsonString(t *testing.T, s string) string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
