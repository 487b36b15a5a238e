package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsSecurityGroupWorldICMP(t *testing.T) {
	const g = "aws_security_group.g"
	icmp := func(from, to int, cidrs string) plantest.Res {
		return plantest.Res{Address: g, After: `{"ingress":[{"description":"x","protocol":"icmp","from_port":` + itoa(from) +
			`,"to_port":` + itoa(to) + `,"cidr_blocks":` + cidrs + `,"ipv6_cidr_blocks":[]}]}`}
	}
	runCases(t, AwsSecurityGroupWorldICMP{}, []ruleCase{
		{"ping from the office passes", []plantest.Res{icmp(-1, -1, `["203.0.113.0/24"]`)}, nil},
		{"path MTU discovery from the world passes", []plantest.Res{icmp(3, 4, `["0.0.0.0/0"]`)}, nil},
		{"ping from the world fails", []plantest.Res{icmp(-1, -1, `["0.0.0.0/0"]`)},
			[]string{"fail " + g + " ingress[0].cidr_blocks: allows icmp from 0.0.0.0/0"}},
		{"ICMPv6 by number through a rule resource fails", []plantest.Res{{Address: "aws_security_group_rule.r",
			After: `{"type":"ingress","protocol":"58","from_port":-1,"to_port":-1,"ipv6_cidr_blocks":["::/0"]}`}},
			[]string{"fail aws_security_group_rule.r cidr_blocks: allows icmpv6 from ::/0"}},
		{"sources computed during apply are unknown", []plantest.Res{{Address: g,
			After:   `{"ingress":[{"description":"x","protocol":"icmp","from_port":-1,"to_port":-1,"ipv6_cidr_blocks":[]}]}`,
			Unknown: `{"ingress":[{"cidr_blocks":true}]}`}},
			[]string{"unknown " + g + " ingress[0].cidr_blocks: computed during apply"}},
		{"tcp is another rule's topic", []plantest.Res{{Address: g, After: `{"ingress":[{"protocol":"tcp","from_port":22,"to_port":22,"cidr_blocks":["0.0.0.0/0"]}]}`}}, nil},
	})
}
