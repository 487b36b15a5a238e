package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

const trail = "aws_cloudtrail.t"

func ct(after, unknown string, configured ...string) plantest.Res {
	return plantest.Res{Address: trail, After: after, Unknown: unknown, Set: configured,
		Refs: map[string][]string{"s3_bucket_name": {"aws_s3_bucket.logs.id", "aws_s3_bucket.logs"}}}
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
