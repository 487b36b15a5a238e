package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsSecurityHubEnabled(t *testing.T) {
	gd := plantest.Res{Address: "aws_guardduty_detector.main", After: `{"enable":true}`}
	rec := plantest.Res{Address: "aws_config_configuration_recorder.main", After: `{"name":"main"}`}
	hub := plantest.Res{Address: "aws_securityhub_account.main", After: `{}`}
	runCases(t, AwsSecurityHubEnabled{}, []ruleCase{
		{"baseline with Security Hub passes", []plantest.Res{gd, rec, hub}, nil},
		{"detector without Security Hub fails once", []plantest.Res{gd, rec},
			[]string{"fail aws_guardduty_detector.main: no aws_securityhub_account"}},
		{"two detectors without Security Hub fail once", []plantest.Res{gd, {Address: "aws_guardduty_detector.other", After: `{"enable":true}`}},
			[]string{"fail aws_guardduty_detector.main: no aws_securityhub_account"}},
		{"recorder alone fails", []plantest.Res{rec},
			[]string{"fail aws_config_configuration_recorder.main: configures aws_config_configuration_recorder"}},
		{"a plan without account services is not judged", []plantest.Res{{Address: "aws_s3_bucket.b", After: `{"bucket":"b"}`}}, nil},
	})
}
