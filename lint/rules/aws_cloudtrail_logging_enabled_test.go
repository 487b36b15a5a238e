package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudtrailLoggingEnabled(t *testing.T) {
	runCases(t, AwsCloudtrailLoggingEnabled{}, []ruleCase{
		{"default on passes", []plantest.Res{ct(`{"enable_logging":true}`, ``)}, nil},
		{"off fails", []plantest.Res{ct(`{"enable_logging":false}`, ``)}, []string{"fail " + trail + " enable_logging: logging stopped"}},
	})
}
