package rules

import (
	"strconv"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func sg(ingress string) plantest.Res {
	return plantest.Res{Address: "aws_security_group.s", After: `{"ingress":[` + ingress + `]}`, Set: []string{"ingress"}}
}

func inline(proto string, from, to int, cidrs string) string {
	return `{"protocol":"` + proto + `","from_port":` + itoa(from) + `,"to_port":` + itoa(to) + `,"cidr_blocks":[` + cidrs + `],"ipv6_cidr_blocks":[]}`
}

func itoa(i int) string { return strconv.Itoa(i) }

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

func TestAwsDefaultSecurityGroupRules(t *testing.T) {
	const d = "aws_default_security_group.d"
	runCases(t, AwsDefaultSecurityGroupRules{}, []ruleCase{
		{"explicitly empty passes", []plantest.Res{{Address: d, After: `{"ingress":[],"egress":[]}`, Set: []string{"ingress", "egress"}}}, nil},
		// No blocks: the provider strips every rule, and the plan shows them as unknown.
		{"no blocks passes", []plantest.Res{{Address: d, After: `{}`, Unknown: `{"ingress":true,"egress":true}`}}, nil},
		{"inline rules fail", []plantest.Res{{Address: d, After: `{"ingress":[` + inline("-1", 0, 0, "") + `],"egress":[` + inline("-1", 0, 0, `"0.0.0.0/0"`) + `]}`}},
			[]string{
				"fail " + d + " egress: has 1 egress rule(s)",
				"fail " + d + " ingress: has 1 ingress rule(s)",
			}},
		{"standalone rule on the default group fails", []plantest.Res{
			{Address: d, After: `{"ingress":[],"egress":[]}`},
			{Address: "aws_security_group_rule.r", After: `{"type":"ingress"}`, Unknown: `{"security_group_id":true}`,
				Refs: map[string][]string{"security_group_id": {"aws_default_security_group.d.id", "aws_default_security_group.d"}}},
		}, []string{"fail " + d + ": aws_security_group_rule.r adds a rule to the default security group"}},
	})
}
