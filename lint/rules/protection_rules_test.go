package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsIAMCloudtrailTampering(t *testing.T) {
	const a = "aws_iam_policy.ops"
	pol := func(stmts string) []plantest.Res {
		return []plantest.Res{{Address: a, After: `{"policy":"{\"Version\":\"2012-10-17\",\"Statement\":` + stmts + `}"}`}}
	}
	runCases(t, AwsIAMCloudtrailTampering{}, []ruleCase{
		{"read-only CloudTrail passes", pol(`[{\"Effect\":\"Allow\",\"Action\":[\"cloudtrail:LookupEvents\",\"cloudtrail:Describe*\"],\"Resource\":\"*\"}]`), nil},
		{"cloudtrail:* fails", pol(`[{\"Effect\":\"Allow\",\"Action\":\"cloudtrail:*\",\"Resource\":\"*\"}]`),
			[]string{"fail " + a + " policy: allows cloudtrail:StopLogging, cloudtrail:DeleteTrail, cloudtrail:UpdateTrail, cloudtrail:PutEventSelectors"}},
		{"a Stop* wildcard in other case fails", pol(`{\"Effect\":\"Allow\",\"Action\":[\"CloudTrail:stop*\"],\"Resource\":\"arn:aws:cloudtrail:*:*:trail/*\"}`),
			[]string{"fail " + a + " policy: allows cloudtrail:StopLogging:"}},
		{"a Deny is not a grant", pol(`[{\"Effect\":\"Deny\",\"Action\":\"cloudtrail:StopLogging\",\"Resource\":\"*\"}]`), nil},
		{"full admin is aws_iam_full_admin_policy's topic", pol(`[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]`), nil},
		{"a policy computed during apply is unknown", []plantest.Res{{Address: a, After: `{}`, Unknown: `{"policy":true}`, Set: []string{"policy"}}},
			[]string{"unknown " + a + " policy: computed during apply"}},
	})
}

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
