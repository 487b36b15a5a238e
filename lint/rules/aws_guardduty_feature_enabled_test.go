package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsGuardDutyFeatureEnabled(t *testing.T) {
	const addr = "aws_guardduty_detector_feature.this"
	runCases(t, AwsGuardDutyFeatureEnabled{}, []ruleCase{
		{"an enabled plan passes", []plantest.Res{{Address: addr, After: `{"name":"S3_DATA_EVENTS","status":"ENABLED"}`}}, nil},
		{"a disabled plan fails", []plantest.Res{{Address: addr, After: `{"name":"LAMBDA_NETWORK_LOGS","status":"DISABLED"}`}},
			[]string{"fail " + addr + " status: LAMBDA_NETWORK_LOGS is disabled: GuardDuty Lambda Protection is enabled (Security Hub GuardDuty.6) is off"}},
		{"a feature Security Hub does not check is not judged", []plantest.Res{{Address: addr,
			After: `{"name":"EKS_RUNTIME_MONITORING","status":"DISABLED"}`}}, nil},
		{"runtime monitoring with an agent management off fails that part", []plantest.Res{{Address: addr,
			After: `{"name":"RUNTIME_MONITORING","status":"ENABLED","additional_configuration":[` +
				`{"name":"EKS_ADDON_MANAGEMENT","status":"ENABLED"},{"name":"EC2_AGENT_MANAGEMENT","status":"DISABLED"}]}`}},
			[]string{"fail " + addr + " additional_configuration.status: EC2_AGENT_MANAGEMENT is disabled"}},
		{"runtime monitoring off is one finding, not one per agent", []plantest.Res{{Address: addr,
			After: `{"name":"RUNTIME_MONITORING","status":"DISABLED","additional_configuration":[` +
				`{"name":"EC2_AGENT_MANAGEMENT","status":"DISABLED"}]}`}},
			[]string{"fail " + addr + " status: RUNTIME_MONITORING is disabled"}},
		{"a status computed during apply is unknown", []plantest.Res{{Address: addr, After: `{"name":"RDS_LOGIN_EVENTS"}`,
			Unknown: `{"status":true}`, Set: []string{"status"}}},
			[]string{"unknown " + addr + " status: status is computed during apply"}},
	})
}
