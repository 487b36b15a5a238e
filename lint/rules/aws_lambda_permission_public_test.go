package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsLambdaPermissionPublic(t *testing.T) {
	const l = "aws_lambda_permission.p"
	perm := func(after string) []plantest.Res {
		return []plantest.Res{{Address: l, After: after}}
	}
	runCases(t, AwsLambdaPermissionPublic{}, []ruleCase{
		{"a service with its source passes", perm(`{"action":"lambda:InvokeFunction","principal":"s3.amazonaws.com","source_arn":"arn:aws:s3:::uploads"}`), nil},
		{"an account passes", perm(`{"action":"lambda:InvokeFunction","principal":"123456789012"}`), nil},
		{"everyone fails", perm(`{"action":"lambda:InvokeFunction","principal":"*"}`),
			[]string{"fail " + l + ` principal: the function can be invoked by everyone (principal = "*")`}},
		{"a public function URL fails", perm(`{"action":"lambda:InvokeFunctionUrl","principal":"*","function_url_auth_type":"NONE"}`),
			[]string{"fail " + l + " principal: invoked by everyone"}},
		{"everyone in the organization passes", perm(`{"action":"lambda:InvokeFunction","principal":"*","principal_org_id":"o-a1b2c3d4e5"}`), nil},
		{"everyone on behalf of one account passes", perm(`{"action":"lambda:InvokeFunction","principal":"*","source_account":"123456789012"}`), nil},
		{"everyone on behalf of one resource passes", []plantest.Res{{Address: l, After: `{"action":"lambda:InvokeFunction","principal":"*"}`,
			Unknown: `{"source_arn":true}`, Set: []string{"source_arn"}}}, nil},
		{"a wildcard source account does not restrict", perm(`{"action":"lambda:InvokeFunction","principal":"*","source_account":"*"}`),
			[]string{"fail " + l + " principal: invoked by everyone"}},
		{"a source ARN of any account does not restrict", perm(`{"action":"lambda:InvokeFunction","principal":"*","source_arn":"arn:aws:s3:::*"}`),
			[]string{"fail " + l + " principal: invoked by everyone"}},
		{"a source ARN pinned to an account restricts", perm(`{"action":"lambda:InvokeFunction","principal":"*","source_arn":"arn:aws:events:us-east-1:123456789012:rule/*"}`), nil},
		{"empty conditions do not restrict", perm(`{"action":"lambda:InvokeFunction","principal":"*","principal_org_id":"","source_account":null,"source_arn":null}`),
			[]string{"fail " + l + " principal: invoked by everyone"}},
	})
}
