package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

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
