package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

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
