package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudtrailCloudwatchLogs(t *testing.T) {
	runCases(t, AwsCloudtrailCloudwatchLogs{}, []ruleCase{
		{"a log group passes", []plantest.Res{ct(`{}`, `{"cloud_watch_logs_group_arn":true}`, "cloud_watch_logs_group_arn")}, nil},
		{"none fails", []plantest.Res{ct(`{}`, ``)}, []string{"fail " + trail + " cloud_watch_logs_group_arn: not set"}},
	})
}
