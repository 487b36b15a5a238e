package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsSecurityGroupWorldAllProtocols(t *testing.T) {
	const s = "aws_security_group.s"
	runCases(t, AwsSecurityGroupWorldAllProtocols{}, []ruleCase{
		{"all from vpc passes", []plantest.Res{sg(inline("-1", 0, 0, `"10.0.0.0/8"`))}, nil},
		{"tcp 443 from world passes", []plantest.Res{sg(inline("tcp", 443, 443, `"0.0.0.0/0"`))}, nil},
		{"all from world", []plantest.Res{sg(inline("-1", 0, 0, `"0.0.0.0/0"`))},
			[]string{"fail " + s + " ingress[0].protocol: allows all traffic (every protocol and port) from 0.0.0.0/0"}},
		{"protocol all spelled out", []plantest.Res{sg(inline("all", 0, 0, `"0.0.0.0/0"`))},
			[]string{"fail " + s + " ingress[0].protocol: every protocol"}},
	})
}
