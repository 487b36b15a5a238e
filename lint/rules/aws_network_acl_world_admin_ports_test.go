package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsNetworkACLWorldAdminPorts(t *testing.T) {
	const r, n, d = "aws_network_acl_rule.in", "aws_network_acl.main", "aws_default_network_acl.default"
	rule := func(after string) []plantest.Res {
		return []plantest.Res{{Address: r, After: after, Unknown: `{"network_acl_id":true}`}}
	}
	entry := func(action, proto string, from, to int, cidr string) string {
		return `{"rule_no":100,"action":"` + action + `","protocol":"` + proto + `","from_port":` + itoa(from) + `,"to_port":` + itoa(to) +
			`,"cidr_block":"` + cidr + `","ipv6_cidr_block":""}`
	}
	runCases(t, AwsNetworkACLWorldAdminPorts{}, []ruleCase{
		{"SSH from the world fails", rule(`{"rule_number":100,"egress":false,"protocol":"tcp","rule_action":"allow","cidr_block":"0.0.0.0/0","from_port":22,"to_port":22}`),
			[]string{"fail " + r + " cidr_block: " + r + " allows 0.0.0.0/0 to 22 (SSH)"}},
		{"SSH from the office passes", rule(`{"rule_number":100,"egress":false,"protocol":"tcp","rule_action":"allow","cidr_block":"203.0.113.0/24","from_port":22,"to_port":22}`), nil},
		{"a deny passes", rule(`{"rule_number":50,"egress":false,"protocol":"tcp","rule_action":"deny","cidr_block":"0.0.0.0/0","from_port":22,"to_port":22}`), nil},
		{"an egress rule passes", rule(`{"rule_number":100,"egress":true,"protocol":"tcp","rule_action":"allow","cidr_block":"0.0.0.0/0","from_port":22,"to_port":22}`), nil},
		{"every protocol from ::/0 fails", rule(`{"rule_number":100,"egress":false,"protocol":"-1","rule_action":"allow","ipv6_cidr_block":"::/0","from_port":0,"to_port":0}`),
			[]string{"fail " + r + " ipv6_cidr_block: allows ::/0 to 22 (SSH), 3389 (RDP)"}},
		{"a port range by protocol number covering RDP fails", rule(`{"rule_number":100,"egress":false,"protocol":"6","rule_action":"allow","cidr_block":"0.0.0.0/0","from_port":1024,"to_port":65535}`),
			[]string{"fail " + r + " cidr_block: allows 0.0.0.0/0 to 3389 (RDP)"}},
		{"RDP over UDP fails", rule(`{"rule_number":100,"egress":false,"protocol":"udp","rule_action":"allow","cidr_block":"0.0.0.0/0","from_port":3389,"to_port":3389}`),
			[]string{"fail " + r + " cidr_block: allows 0.0.0.0/0 to 3389 (RDP)"}},
		{"HTTPS from the world passes", rule(`{"rule_number":100,"egress":false,"protocol":"tcp","rule_action":"allow","cidr_block":"0.0.0.0/0","from_port":443,"to_port":443}`), nil},
		{"ICMP from the world passes", rule(`{"rule_number":100,"egress":false,"protocol":"icmp","rule_action":"allow","cidr_block":"0.0.0.0/0","icmp_type":-1,"icmp_code":-1}`), nil},

		{"an inline allow-all ingress fails", []plantest.Res{{Address: n, After: `{"ingress":[` + entry("allow", "-1", 0, 0, "0.0.0.0/0") + `],"egress":[]}`}},
			[]string{"fail " + n + " ingress[0]: ingress[0] allows 0.0.0.0/0 to 22 (SSH), 3389 (RDP)"}},
		{"inline SSH from the world among other entries fails", []plantest.Res{{Address: n,
			After: `{"ingress":[` + entry("allow", "tcp", 443, 443, "0.0.0.0/0") + `,` + entry("allow", "tcp", 22, 22, "0.0.0.0/0") + `]}`}},
			[]string{"fail " + n + " ingress[1]: ingress[1] allows 0.0.0.0/0 to 22 (SSH)"}},
		{"an inline deny passes", []plantest.Res{{Address: n, After: `{"ingress":[` + entry("deny", "-1", 0, 0, "0.0.0.0/0") + `]}`}}, nil},
		{"an inline allow-all egress passes", []plantest.Res{{Address: n, After: `{"ingress":[],"egress":[` + entry("allow", "-1", 0, 0, "0.0.0.0/0") + `]}`}}, nil},
		{"the default network ACL's allow-all ingress fails", []plantest.Res{{Address: d, After: `{"ingress":[` + entry("allow", "all", 0, 0, "0.0.0.0/0") + `]}`}},
			[]string{"fail " + d + " ingress[0]: ingress[0] allows 0.0.0.0/0 to 22 (SSH), 3389 (RDP)"}},
		{"a default network ACL restricted to the VPC passes", []plantest.Res{{Address: d, After: `{"ingress":[` + entry("allow", "-1", 0, 0, "10.0.0.0/16") + `]}`}}, nil},
	})
}
