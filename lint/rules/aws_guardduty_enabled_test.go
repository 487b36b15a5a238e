package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsGuardDutyEnabled(t *testing.T) {
	const d = "aws_guardduty_detector.main"
	runCases(t, AwsGuardDutyEnabled{}, []ruleCase{
		{"enabled passes", []plantest.Res{{Address: d, After: `{"enable":true}`}}, nil},
		{"disabled fails", []plantest.Res{{Address: d, After: `{"enable":false}`}},
			[]string{"fail " + d + " enable: the GuardDuty detector is disabled"}},
		{"unset passes (the default is true)", []plantest.Res{{Address: d, After: `{}`, Unknown: `{"id":true}`}}, nil},
		{"from a computed value is unknown", []plantest.Res{{Address: d, After: `{}`, Unknown: `{"enable":true}`, Set: []string{"enable"}}},
			[]string{"unknown " + d + " enable: enable is computed during apply"}},
	})
}
