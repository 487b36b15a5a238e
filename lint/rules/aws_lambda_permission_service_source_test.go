package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsLambdaPermissionServiceSource(t *testing.T) {
	const addr = "aws_lambda_permission.this"
	perm := func(after string) []plantest.Res { return []plantest.Res{{Address: addr, After: after}} }
	const deputy = "fail " + addr + " source_arn: the permission lets s3.amazonaws.com invoke the function for any account's resources"
	runCases(t, AwsLambdaPermissionServiceSource{}, []ruleCase{
		{"a service with source_arn passes", perm(`{"principal":"s3.amazonaws.com","source_arn":"arn:aws:s3:::uploads"}`), nil},
		{"a service with source_account passes", perm(`{"principal":"s3.amazonaws.com","source_account":"123456789012"}`), nil},
		{"a source_arn computed during apply passes (it names a resource of the plan)", []plantest.Res{{Address: addr,
			After: `{"principal":"events.amazonaws.com"}`, Unknown: `{"source_arn":true}`, Set: []string{"source_arn"}}}, nil},
		{"an account principal is not this rule's topic", perm(`{"principal":"123456789012"}`), nil},
		{"everyone is aws_lambda_permission_public's topic", perm(`{"principal":"*"}`), nil},
		{"a service without a source fails", perm(`{"principal":"s3.amazonaws.com"}`), []string{deputy}},
		{"empty sources do not count", perm(`{"principal":"s3.amazonaws.com","source_arn":"","source_account":null}`), []string{deputy}},
		{"a China-region service principal fails too", perm(`{"principal":"sns.amazonaws.com.cn"}`),
			[]string{"fail " + addr + " source_arn: the permission lets sns.amazonaws.com.cn invoke"}},
		{"a principal computed during apply is unknown", []plantest.Res{{Address: addr, After: `{}`,
			Unknown: `{"principal":true}`, Set: []string{"principal"}}},
			[]string{"unknown " + addr + " principal: the principal is computed during apply"}},
	})
}
