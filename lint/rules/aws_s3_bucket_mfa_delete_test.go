package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsS3BucketMFADelete(t *testing.T) {
	const v = "aws_s3_bucket_versioning.v"
	runCases(t, AwsS3BucketMFADelete{}, []ruleCase{
		{"MFA delete passes", []plantest.Res{{Address: v, After: `{"versioning_configuration":[{"status":"Enabled","mfa_delete":"Enabled"}]}`}}, nil},
		{"versioning without MFA delete fails", []plantest.Res{{Address: v, After: `{"versioning_configuration":[{"status":"Enabled","mfa_delete":null}]}`}},
			[]string{"fail " + v + " versioning_configuration.mfa_delete: without MFA delete"}},
		{"unset (shown as known after apply) fails", []plantest.Res{{Address: v, After: `{"versioning_configuration":[{"status":"Enabled"}]}`,
			Unknown: `{"versioning_configuration":[{"mfa_delete":true}]}`, Set: []string{"versioning_configuration"}}},
			[]string{"fail " + v + " versioning_configuration.mfa_delete: mfa_delete not set"}},
		{"suspended versioning is another rule's topic", []plantest.Res{{Address: v, After: `{"versioning_configuration":[{"status":"Suspended"}]}`}}, nil},
		{"provider v3 inline versioning without MFA delete fails", []plantest.Res{{Address: "aws_s3_bucket.b", After: `{"versioning":[{"enabled":true,"mfa_delete":false}]}`}},
			[]string{"fail aws_s3_bucket.b versioning.mfa_delete: without MFA delete"}},
		{"a v4 bucket without inline versioning is not judged", []plantest.Res{{Address: "aws_s3_bucket.b", After: `{"bucket":"b"}`}}, nil},
	})
}
