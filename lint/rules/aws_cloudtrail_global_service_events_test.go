package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudtrailGlobalServiceEvents(t *testing.T) {
	runCases(t, AwsCloudtrailGlobalServiceEvents{}, []ruleCase{
		{"default on passes", []plantest.Res{ct(`{}`, ``)}, nil},
		{"off fails", []plantest.Res{ct(`{"include_global_service_events":false}`, ``)}, []string{"fail " + trail + " include_global_service_events: not recorded"}},
	})
}
