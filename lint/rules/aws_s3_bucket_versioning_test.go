package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

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
