package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudwatchLogGroupRetention(t *testing.T) {
	const lg = "aws_cloudwatch_log_group.app"
	runCases(t, AwsCloudwatchLogGroupRetention{}, []ruleCase{
		{"a retention passes", []plantest.Res{{Address: lg, After: `{"retention_in_days":365}`}}, nil},
		{"unset fails", []plantest.Res{{Address: lg, After: `{"retention_in_days":null}`}},
			[]string{"fail " + lg + " retention_in_days: keeps events forever"}},
		{"zero (never expire) fails", []plantest.Res{{Address: lg, After: `{"retention_in_days":0}`}},
			[]string{"fail " + lg + " retention_in_days: keeps events forever"}},
		{"from a computed value is unknown", []plantest.Res{{Address: lg, After: `{}`, Unknown: `{"retention_in_days":true}`, Set: []string{"retention_in_days"}}},
			[]string{"unknown " + lg + " retention_in_days: computed during apply"}},
	})
}
