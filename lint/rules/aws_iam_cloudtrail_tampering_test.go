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
