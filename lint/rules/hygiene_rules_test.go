package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsIAMUserDirectPolicy(t *testing.T) {
	runCases(t, AwsIAMUserDirectPolicy{}, []ruleCase{
		{"an inline user policy fails", []plantest.Res{{Address: "aws_iam_user_policy.p", After: `{"user":"alice"}`}},
			[]string{"fail aws_iam_user_policy.p user: directly to a user"}},
		{"a user policy attachment fails", []plantest.Res{{Address: "aws_iam_user_policy_attachment.a", After: `{"user":"alice","policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}`}},
			[]string{"fail aws_iam_user_policy_attachment.a user: directly to a user"}},
		{"an exclusive attachment to users fails", []plantest.Res{{Address: "aws_iam_policy_attachment.a", After: `{"users":["alice","bob"],"groups":[]}`}},
			[]string{"fail aws_iam_policy_attachment.a users: directly to 2 user(s)"}},
		{"an exclusive attachment to groups and roles passes", []plantest.Res{{Address: "aws_iam_policy_attachment.a", After: `{"users":[],"groups":["ops"],"roles":["app"]}`}}, nil},
	})
}

func TestAwsIAMAccessKey(t *testing.T) {
	runCases(t, AwsIAMAccessKey{}, []ruleCase{
		{"any access key fails", []plantest.Res{{Address: "aws_iam_access_key.ci", After: `{"user":"ci","status":"Active"}`, Unknown: `{"secret":true}`, Sensitive: `{"secret":true}`}},
			[]string{"fail aws_iam_access_key.ci: long-lived access key"}},
		{"other resources are not judged", []plantest.Res{{Address: "aws_iam_user.ci", After: `{"name":"ci"}`}}, nil},
	})
}

func TestAwsSNSTopicEncryption(t *testing.T) {
	const s = "aws_sns_topic.t"
	runCases(t, AwsSNSTopicEncryption{}, []ruleCase{
		{"a KMS key passes", []plantest.Res{{Address: s, After: `{"kms_master_key_id":"alias/aws/sns"}`}}, nil},
		{"a key created in the same apply passes", []plantest.Res{{Address: s, After: `{}`, Unknown: `{"kms_master_key_id":true}`, Set: []string{"kms_master_key_id"}}}, nil},
		{"no key fails", []plantest.Res{{Address: s, After: `{"kms_master_key_id":null}`}},
			[]string{"fail " + s + " kms_master_key_id: the topic is not encrypted"}},
		{"an empty key fails", []plantest.Res{{Address: s, After: `{"kms_master_key_id":""}`}},
			[]string{"fail " + s + " kms_master_key_id: not set"}},
	})
}

func TestAwsSQSQueueEncryption(t *testing.T) {
	const q = "aws_sqs_queue.q"
	runCases(t, AwsSQSQueueEncryption{}, []ruleCase{
		{"SQS-managed SSE passes", []plantest.Res{{Address: q, After: `{"sqs_managed_sse_enabled":true}`}}, nil},
		{"a KMS key passes", []plantest.Res{{Address: q, After: `{"kms_master_key_id":"alias/aws/sqs","sqs_managed_sse_enabled":false}`}}, nil},
		{"a key created in the same apply passes", []plantest.Res{{Address: q, After: `{}`, Unknown: `{"kms_master_key_id":true}`, Set: []string{"kms_master_key_id"}}}, nil},
		{"SSE turned off without a key fails", []plantest.Res{{Address: q, After: `{"sqs_managed_sse_enabled":false,"kms_master_key_id":null}`}},
			[]string{"fail " + q + " sqs_managed_sse_enabled: the queue is not encrypted"}},
		{"unset passes (SQS-managed SSE is the default for new queues)", []plantest.Res{{Address: q, After: `{}`, Unknown: `{"sqs_managed_sse_enabled":true}`}}, nil},
		{"SSE from a computed value is unknown", []plantest.Res{{Address: q, After: `{}`, Unknown: `{"sqs_managed_sse_enabled":true}`, Set: []string{"sqs_managed_sse_enabled"}}},
			[]string{"unknown " + q + " sqs_managed_sse_enabled: computed during apply"}},
	})
}

func TestAwsLambdaPermissionPublic(t *testing.T) {
	const l = "aws_lambda_permission.p"
	runCases(t, AwsLambdaPermissionPublic{}, []ruleCase{
		{"principal * without a condition fails", []plantest.Res{{Address: l, After: `{"action":"lambda:InvokeFunction","principal":"*"}`}},
			[]string{"fail " + l + " principal: invoked by everyone"}},
		{"a service principal passes", []plantest.Res{{Address: l, After: `{"principal":"s3.amazonaws.com","source_arn":"arn:aws:s3:::b"}`}}, nil},
		{"principal * with source_account passes", []plantest.Res{{Address: l, After: `{"principal":"*","source_account":"123456789012"}`}}, nil},
		{"principal * with principal_org_id passes", []plantest.Res{{Address: l, After: `{"principal":"*","principal_org_id":"o-abc123"}`}}, nil},
		{"principal * with a source computed during apply passes", []plantest.Res{{Address: l, After: `{"principal":"*"}`, Unknown: `{"source_arn":true}`, Set: []string{"source_arn"}}}, nil},
		{"principal * with empty conditions fails", []plantest.Res{{Address: l, After: `{"principal":"*","source_arn":null,"source_account":""}`}},
			[]string{"fail " + l + " principal: without source_arn"}},
	})
}
