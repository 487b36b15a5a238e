package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudtrailLogFileValidation(t *testing.T) {
	runCases(t, AwsCloudtrailLogFileValidation{}, []ruleCase{
		{"on passes", []plantest.Res{ct(`{"enable_log_file_validation":true}`, ``)}, nil},
		{"default off fails", []plantest.Res{ct(`{}`, ``)}, []string{"fail " + trail + " enable_log_file_validation: log file validation is off"}},
	})
}
