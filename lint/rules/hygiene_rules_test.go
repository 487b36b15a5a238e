package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsIAMUserDirectPolicy(t *testing.T) {
	onUser := func(addr, attr, after string) plantest.Res {
		return plantest.Res{Address: addr, After: after, Refs: map[string][]string{attr: {"aws_iam_user.dev.name", "aws_iam_user.dev"}}}
	}
	runCases(t, AwsIAMUserDirectPolicy{}, []ruleCase{
		{"an inline user policy fails", []plantest.Res{onUser("aws_iam_user_policy.dev", "user", `{"user":"dev","policy":"{}"}`)},
			[]string{"fail aws_iam_user_policy.dev user: attaches a policy directly to a user"}},
		{"a user policy attachment fails", []plantest.Res{onUser("aws_iam_user_policy_attachment.dev", "user", `{"user":"dev","policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}`)},
			[]string{"fail aws_iam_user_policy_attachment.dev user: attaches a policy directly to a user"}},
		{"aws_iam_policy_attachment naming users fails", []plantest.Res{{Address: "aws_iam_policy_attachment.ops",
			After: `{"policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess","users":["alice","bob"],"groups":["ops"],"roles":[]}`}},
			[]string{"fail aws_iam_policy_attachment.ops users: attaches the policy directly to 2 user(s)"}},
		{"a user name computed during apply still counts", []plantest.Res{{Address: "aws_iam_policy_attachment.ops",
			After: `{"policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess","users":[null]}`, Unknown: `{"users":[true]}`, Set: []string{"users"}}},
			[]string{"fail aws_iam_policy_attachment.ops users: attaches the policy directly to 1 user(s)"}},
		{"aws_iam_policy_attachment to groups and roles passes", []plantest.Res{{Address: "aws_iam_policy_attachment.ops",
			After: `{"policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess","users":[],"groups":["ops"],"roles":["ci"]}`}}, nil},
		{"aws_iam_policy_attachment without users passes", []plantest.Res{{Address: "aws_iam_policy_attachment.ops",
			After: `{"policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess","users":null,"roles":["ci"]}`}}, nil},
		{"a group policy attachment is not judged", []plantest.Res{{Address: "aws_iam_group_policy_attachment.ops",
			After: `{"group":"ops","policy_arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}`}}, nil},
	})
}

func TestAwsIAMAccessKey(t *testing.T) {
	const k = "aws_iam_access_key.ci"
	runCases(t, AwsIAMAccessKey{}, []ruleCase{
		{"an access key fails", []plantest.Res{{Address: k, After: `{"user":"ci","status":"Active"}`,
			Unknown: `{"id":true,"secret":true,"ses_smtp_password_v4":true}`, Sensitive: `{"secret":true,"ses_smtp_password_v4":true}`}},
			[]string{"fail " + k + ": creates a long-lived access key; its secret ends up in the Terraform state"}},
		{"a PGP-encrypted key fails too", []plantest.Res{{Address: k, After: `{"user":"ci","pgp_key":"keybase:ci"}`, Unknown: `{"encrypted_secret":true}`}},
			[]string{"fail " + k + ": creates a long-lived access key"}},
		{"a key updated in place fails", []plantest.Res{{Address: k, After: `{"user":"ci","status":"Inactive"}`, Actions: []string{"update"}}},
			[]string{"fail " + k + ": creates a long-lived access key"}},
		{"an unchanged key is not evaluated", []plantest.Res{{Address: k, After: `{"user":"ci","status":"Active"}`, Actions: []string{"no-op"}}}, nil},
	})
}

func TestAwsSNSTopicEncryption(t *testing.T) {
	const s = "aws_sns_topic.alerts"
	runCases(t, AwsSNSTopicEncryption{}, []ruleCase{
		{"the AWS managed key passes", []plantest.Res{{Address: s, After: `{"name":"alerts","kms_master_key_id":"alias/aws/sns"}`}}, nil},
		{"a key created in the same apply passes", []plantest.Res{{Address: s, After: `{"name":"alerts"}`, Unknown: `{"kms_master_key_id":true}`, Set: []string{"kms_master_key_id"}}}, nil},
		{"unset fails", []plantest.Res{{Address: s, After: `{"name":"alerts","kms_master_key_id":null}`}},
			[]string{"fail " + s + " kms_master_key_id: the topic is not encrypted: kms_master_key_id is not set"}},
		{"an empty key fails", []plantest.Res{{Address: s, After: `{"name":"alerts","kms_master_key_id":""}`}},
			[]string{"fail " + s + " kms_master_key_id: kms_master_key_id is not set"}},
	})
}

func TestAwsSQSQueueEncryption(t *testing.T) {
	const q = "aws_sqs_queue.jobs"
	runCases(t, AwsSQSQueueEncryption{}, []ruleCase{
		{"SSE-SQS passes", []plantest.Res{{Address: q, After: `{"name":"jobs","sqs_managed_sse_enabled":true}`}}, nil},
		{"a KMS key passes", []plantest.Res{{Address: q, After: `{"name":"jobs","kms_master_key_id":"alias/aws/sqs"}`, Unknown: `{"sqs_managed_sse_enabled":true}`}}, nil},
		{"a KMS key created in the same apply passes", []plantest.Res{{Address: q, After: `{"name":"jobs","sqs_managed_sse_enabled":false}`,
			Unknown: `{"kms_master_key_id":true}`, Set: []string{"kms_master_key_id"}}}, nil},
		{"SSE-SQS turned off without a key fails", []plantest.Res{{Address: q, After: `{"name":"jobs","sqs_managed_sse_enabled":false,"kms_master_key_id":null}`}},
			[]string{"fail " + q + " sqs_managed_sse_enabled: the queue is not encrypted: sqs_managed_sse_enabled = false and no kms_master_key_id"}},
		{"an empty key does not count", []plantest.Res{{Address: q, After: `{"name":"jobs","sqs_managed_sse_enabled":false,"kms_master_key_id":""}`}},
			[]string{"fail " + q + " sqs_managed_sse_enabled: not encrypted"}},
		{"unset passes (SQS encrypts new queues with SSE-SQS)", []plantest.Res{{Address: q, After: `{"name":"jobs"}`, Unknown: `{"sqs_managed_sse_enabled":true}`}}, nil},
		{"from a computed value is unknown", []plantest.Res{{Address: q, After: `{"name":"jobs"}`, Unknown: `{"sqs_managed_sse_enabled":true}`, Set: []string{"sqs_managed_sse_enabled"}}},
			[]string{"unknown " + q + " sqs_managed_sse_enabled: sqs_managed_sse_enabled is computed during apply"}},
	})
}

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
		{"empty conditions do not restrict", perm(`{"action":"lambda:InvokeFunction","principal":"*","principal_org_id":"","source_account":null,"source_arn":null}`),
			[]string{"fail " + l + " principal: invoked by everyone"}},
	})
}
