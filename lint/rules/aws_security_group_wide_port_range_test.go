package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsSecurityGroupWidePortRange(t *testing.T) {
	const s = "aws_security_group.s"
	runCases(t, AwsSecurityGroupWidePortRange{}, []ruleCase{
		{"64 ports from world passes", []plantest.Res{sg(inline("tcp", 8000, 8063, `"0.0.0.0/0"`))}, nil},
		{"wide range from a /24 passes", []plantest.Res{sg(inline("tcp", 1024, 65535, `"10.1.2.0/24"`))}, nil},
		{"wide range from a /16 passes", []plantest.Res{sg(inline("tcp", 1024, 65535, `"10.1.0.0/16"`))}, nil},
		{"65 ports from world", []plantest.Res{sg(inline("tcp", 8000, 8064, `"0.0.0.0/0"`))},
			[]string{"fail " + s + " ingress[0].from_port: opens 65 tcp ports (8000-8064)"}},
		{"wide range from a /8", []plantest.Res{sg(inline("udp", 1024, 65535, `"10.0.0.0/8"`))},
			[]string{"fail " + s + " ingress[0].from_port: opens 64512 udp ports"}},
		{"all protocols from a /8", []plantest.Res{sg(inline("-1", 0, 0, `"10.0.0.0/8"`))},
			[]string{"fail " + s + " ingress[0].from_port: opens all traffic (every protocol, 65536 ports) to 10.0.0.0/8"}},
		{"all protocols from the world is left to its own rule", []plantest.Res{sg(inline("-1", 0, 0, `"0.0.0.0/0"`))}, nil},
	})
}
