package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudtrailSNSNotification(t *testing.T) {
	runCases(t, AwsCloudtrailSNSNotification{}, []ruleCase{
		{"a topic passes", []plantest.Res{ct(`{"sns_topic_name":"trail-deliveries"}`, ``)}, nil},
		{"a topic created in the same apply passes", []plantest.Res{ct(`{}`, `{"sns_topic_name":true}`, "sns_topic_name")}, nil},
		{"none fails", []plantest.Res{ct(`{"sns_topic_name":null}`, ``)}, []string{"fail " + trail + " sns_topic_name: notify nobody"}},
	})
}
