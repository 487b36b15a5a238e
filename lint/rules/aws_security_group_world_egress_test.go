package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsSecurityGroupWorldEgress(t *testing.T) {
	const g = "aws_security_group.g"
	runCases(t, AwsSecurityGroupWorldEgress{}, []ruleCase{
		{"HTTPS out passes", []plantest.Res{{Address: g, After: `{"egress":[{"protocol":"tcp","from_port":443,"to_port":443,"cidr_blocks":["0.0.0.0/0"]}]}`}}, nil},
		{"everything to the VPC passes", []plantest.Res{{Address: g, After: `{"egress":[{"protocol":"-1","from_port":0,"to_port":0,"cidr_blocks":["10.0.0.0/16"]}]}`}}, nil},
		{"everything to the world fails", []plantest.Res{{Address: g, After: `{"egress":[{"protocol":"-1","from_port":0,"to_port":0,"cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":["::/0"]}]}`}},
			[]string{"fail " + g + " egress[0].protocol: every protocol and port out to 0.0.0.0/0, ::/0"}},
		{"every tcp port to the world fails", []plantest.Res{{Address: g, After: `{"egress":[{"protocol":"tcp","from_port":0,"to_port":65535,"ipv6_cidr_blocks":["::/0"]}]}`}},
			[]string{"fail " + g + " egress[0].to_port: every tcp port out to ::/0"}},
		{"the ephemeral range to the world passes", []plantest.Res{{Address: g, After: `{"egress":[{"protocol":"udp","from_port":1024,"to_port":65535,"cidr_blocks":["0.0.0.0/0"]}]}`}}, nil},
		{"a VPC egress rule resource fails", []plantest.Res{{Address: "aws_vpc_security_group_egress_rule.all", After: `{"ip_protocol":"-1","cidr_ipv4":"0.0.0.0/0"}`}},
			[]string{"fail aws_vpc_security_group_egress_rule.all protocol: every protocol"}},
		{"an ingress rule resource is not egress", []plantest.Res{{Address: "aws_security_group_rule.in", After: `{"type":"ingress","protocol":"-1","from_port":0,"to_port":0,"cidr_blocks":["0.0.0.0/0"]}`}}, nil},
		{"a protocol computed during apply is unknown", []plantest.Res{{Address: g, After: `{"egress":[{"from_port":0,"to_port":0,"cidr_blocks":["0.0.0.0/0"]}]}`, Unknown: `{"egress":[{"protocol":true}]}`}},
			[]string{"unknown " + g + " egress[0].protocol: computed during apply"}},
	})
}
