package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsSecurityGroupWorldAdminPorts(t *testing.T) {
	const s = "aws_security_group.s"
	runCases(t, AwsSecurityGroupWorldAdminPorts{}, []ruleCase{
		{"https from world passes", []plantest.Res{sg(inline("tcp", 443, 443, `"0.0.0.0/0"`))}, nil},
		{"ssh from vpc passes", []plantest.Res{sg(inline("tcp", 22, 22, `"10.0.0.0/16"`))}, nil},
		{"ssh from world", []plantest.Res{sg(inline("tcp", 22, 22, `"0.0.0.0/0"`))},
			[]string{"fail " + s + " ingress[0].cidr_blocks: ingress[0] allows tcp 22 (SSH) from 0.0.0.0/0"}},
		{"ftp and dns too", []plantest.Res{sg(inline("tcp", 21, 21, `"0.0.0.0/0"`) + "," + inline("udp", 53, 53, `"0.0.0.0/0"`))},
			[]string{
				"fail " + s + " ingress[0].cidr_blocks: allows tcp 20-21 (FTP) from 0.0.0.0/0",
				"fail " + s + " ingress[1].cidr_blocks: allows udp 53 (DNS) from 0.0.0.0/0",
			}},
		{"a range covering admin ports", []plantest.Res{sg(inline("tcp", 3000, 3400, `"0.0.0.0/0"`))},
			[]string{"fail " + s + " ingress[0].cidr_blocks: allows tcp 3306 (MySQL) and 3389 (RDP) from 0.0.0.0/0"}},
		{"icmp from world is not a port rule", []plantest.Res{sg(inline("icmp", 8, 0, `"0.0.0.0/0"`))}, nil},
		{"ipv6 world", []plantest.Res{{Address: s, After: `{"ingress":[{"protocol":"6","from_port":5432,"to_port":5432,"cidr_blocks":[],"ipv6_cidr_blocks":["::/0"]}]}`}},
			[]string{"fail " + s + " ingress[0].cidr_blocks: allows tcp 5432 (PostgreSQL) from ::/0"}},
		{"standalone rule", []plantest.Res{{Address: "aws_security_group_rule.r",
			After: `{"type":"ingress","protocol":"tcp","from_port":3389,"to_port":3389,"cidr_blocks":["0.0.0.0/0"]}`}},
			[]string{"fail aws_security_group_rule.r cidr_blocks: allows tcp 3389 (RDP) from 0.0.0.0/0"}},
		{"standalone egress rule is not ingress", []plantest.Res{{Address: "aws_security_group_rule.r",
			After: `{"type":"egress","protocol":"tcp","from_port":22,"to_port":22,"cidr_blocks":["0.0.0.0/0"]}`}}, nil},
		{"vpc ingress rule", []plantest.Res{{Address: `module.net["a"].aws_vpc_security_group_ingress_rule.r`,
			After: `{"ip_protocol":"tcp","from_port":6379,"to_port":6379,"cidr_ipv4":"0.0.0.0/0"}`}},
			[]string{`fail module.net["a"].aws_vpc_security_group_ingress_rule.r cidr_blocks: allows tcp 6379 (Redis) from 0.0.0.0/0`}},
		{"sources computed during apply are unknown", []plantest.Res{{Address: s,
			After:   `{"ingress":[{"protocol":"tcp","from_port":22,"to_port":22,"ipv6_cidr_blocks":[]}]}`,
			Unknown: `{"ingress":[{"cidr_blocks":true}]}`}},
			[]string{"unknown " + s + " ingress[0].cidr_blocks: sources computed during apply"}},
		{"all protocols are left to their own rule", []plantest.Res{sg(inline("-1", 0, 0, `"0.0.0.0/0"`))}, nil},
	})
}
