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
			[]string{"fail " + r + " cidr_block: " + r + " allows 0.0.0.0/0 to tcp 22 (SSH)"}},
		{"SSH from the office passes", rule(`{"rule_number":100,"egress":false,"protocol":"tcp","rule_action":"allow","cidr_block":"203.0.113.0/24","from_port":22,"to_port":22}`), nil},
		{"a deny passes", rule(`{"rule_number":50,"egress":false,"protocol":"tcp","rule_action":"deny","cidr_block":"0.0.0.0/0","from_port":22,"to_port":22}`), nil},
		{"an egress rule passes", rule(`{"rule_number":100,"egress":true,"protocol":"tcp","rule_action":"allow","cidr_block":"0.0.0.0/0","from_port":22,"to_port":22}`), nil},
		{"every protocol from ::/0 fails", rule(`{"rule_number":100,"egress":false,"protocol":"-1","rule_action":"allow","ipv6_cidr_block":"::/0","from_port":0,"to_port":0}`),
			[]string{"fail " + r + " ipv6_cidr_block: allows ::/0 on every protocol and port (protocol -1)"}},
		{`protocol "all" with port fields naming 443 still opens every port`, rule(`{"rule_number":100,"egress":false,"protocol":"all","rule_action":"allow","cidr_block":"0.0.0.0/0","from_port":443,"to_port":443}`),
			[]string{"fail " + r + " cidr_block: allows 0.0.0.0/0 on every protocol and port (protocol all), administrative and database ports included"}},
		{"a port range by protocol number covering RDP fails", rule(`{"rule_number":100,"egress":false,"protocol":"6","rule_action":"allow","cidr_block":"0.0.0.0/0","from_port":3000,"to_port":3400}`),
			[]string{"fail " + r + " cidr_block: allows 0.0.0.0/0 to tcp 3306 (MySQL), 3389 (RDP)"}},
		{"the ephemeral range names four ports and counts the rest", rule(`{"rule_number":100,"egress":false,"protocol":"tcp","rule_action":"allow","cidr_block":"0.0.0.0/0","from_port":1024,"to_port":65535}`),
			[]string{"fail " + r + " cidr_block: allows 0.0.0.0/0 to tcp 1433-1434 (MS SQL Server), 1521 (Oracle DB), 2375-2376 (Docker daemon), 2379-2380 (etcd) and 14 more administrative or database ports"}},
		{"RDP over UDP fails", rule(`{"rule_number":100,"egress":false,"protocol":"udp","rule_action":"allow","cidr_block":"0.0.0.0/0","from_port":3389,"to_port":3389}`),
			[]string{"fail " + r + " cidr_block: allows 0.0.0.0/0 to udp 3389 (RDP)"}},
		{"FTP from the world fails", rule(`{"rule_number":100,"egress":false,"protocol":"tcp","rule_action":"allow","cidr_block":"0.0.0.0/0","from_port":20,"to_port":21}`),
			[]string{"fail " + r + " cidr_block: allows 0.0.0.0/0 to tcp 20-21 (FTP)"}},
		{"Telnet from the world fails", rule(`{"rule_number":100,"egress":false,"protocol":"tcp","rule_action":"allow","cidr_block":"0.0.0.0/0","from_port":23,"to_port":23}`),
			[]string{"fail " + r + " cidr_block: allows 0.0.0.0/0 to tcp 23 (Telnet)"}},
		{"each database port from the world fails", append(append(append(
			[]plantest.Res{{Address: "aws_network_acl_rule.mysql", After: `{"egress":false,"protocol":"tcp","rule_action":"allow","cidr_block":"0.0.0.0/0","from_port":3306,"to_port":3306}`}},
			plantest.Res{Address: "aws_network_acl_rule.postgres", After: `{"egress":false,"protocol":"tcp","rule_action":"allow","cidr_block":"0.0.0.0/0","from_port":5432,"to_port":5432}`}),
			plantest.Res{Address: "aws_network_acl_rule.redis", After: `{"egress":false,"protocol":"tcp","rule_action":"allow","ipv6_cidr_block":"::/0","from_port":6379,"to_port":6379}`}),
			plantest.Res{Address: "aws_network_acl_rule.mssql", After: `{"egress":false,"protocol":"tcp","rule_action":"allow","cidr_block":"0.0.0.0/0","from_port":1433,"to_port":1433}`}),
			[]string{
				"fail aws_network_acl_rule.mssql cidr_block: tcp 1433-1434 (MS SQL Server)",
				"fail aws_network_acl_rule.mysql cidr_block: tcp 3306 (MySQL)",
				"fail aws_network_acl_rule.postgres cidr_block: tcp 5432 (PostgreSQL)",
				"fail aws_network_acl_rule.redis ipv6_cidr_block: allows ::/0 to tcp 6379 (Redis)",
			}},
		{"HTTPS from the world passes", rule(`{"rule_number":100,"egress":false,"protocol":"tcp","rule_action":"allow","cidr_block":"0.0.0.0/0","from_port":443,"to_port":443}`), nil},
		{"a database port from the VPC passes", rule(`{"rule_number":100,"egress":false,"protocol":"tcp","rule_action":"allow","cidr_block":"10.0.0.0/16","from_port":5432,"to_port":5432}`), nil},
		{"every protocol from the VPC passes", rule(`{"rule_number":100,"egress":false,"protocol":"-1","rule_action":"allow","cidr_block":"10.0.0.0/16","from_port":0,"to_port":0}`), nil},
		{"an unknown protocol other than tcp and udp from the world passes", rule(`{"rule_number":100,"egress":false,"protocol":"47","rule_action":"allow","cidr_block":"0.0.0.0/0","from_port":0,"to_port":0}`), nil},
		{"SSH from a source computed during apply is unknown", []plantest.Res{{Address: r,
			After:   `{"egress":false,"protocol":"tcp","rule_action":"allow","from_port":22,"to_port":22}`,
			Unknown: `{"network_acl_id":true,"cidr_block":true}`, Refs: map[string][]string{"cidr_block": {"aws_vpc.peer.cidr_block", "aws_vpc.peer"}}}},
			[]string{"unknown " + r + " cidr_block: opens tcp 22 (SSH) to a source computed during apply"}},
		{"ports computed during apply from the world are unknown", []plantest.Res{{Address: r,
			After:   `{"egress":false,"protocol":"tcp","rule_action":"allow","cidr_block":"0.0.0.0/0"}`,
			Unknown: `{"network_acl_id":true,"from_port":true,"to_port":true}`, Refs: map[string][]string{"from_port": {"var.port"}, "to_port": {"var.port"}}}},
			[]string{"unknown " + r + " from_port: allows 0.0.0.0/0 on ports computed during apply"}},
		{"ICMP from the world passes", rule(`{"rule_number":100,"egress":false,"protocol":"icmp","rule_action":"allow","cidr_block":"0.0.0.0/0","icmp_type":-1,"icmp_code":-1}`), nil},

		{"an inline allow-all ingress fails", []plantest.Res{{Address: n, After: `{"ingress":[` + entry("allow", "-1", 0, 0, "0.0.0.0/0") + `],"egress":[]}`}},
			[]string{"fail " + n + " ingress[0]: ingress[0] allows 0.0.0.0/0 on every protocol and port"}},
		{"inline SSH from the world among other entries fails", []plantest.Res{{Address: n,
			After: `{"ingress":[` + entry("allow", "tcp", 443, 443, "0.0.0.0/0") + `,` + entry("allow", "tcp", 22, 22, "0.0.0.0/0") + `]}`}},
			[]string{"fail " + n + " ingress[1]: ingress[1] allows 0.0.0.0/0 to tcp 22 (SSH)"}},
		{"inline database ports from the world fail", []plantest.Res{{Address: n,
			After: `{"ingress":[` + entry("allow", "tcp", 5432, 5432, "0.0.0.0/0") + `,` + entry("allow", "6", 27017, 27017, "0.0.0.0/0") + `]}`}},
			[]string{
				"fail " + n + " ingress[0]: ingress[0] allows 0.0.0.0/0 to tcp 5432 (PostgreSQL)",
				"fail " + n + " ingress[1]: ingress[1] allows 0.0.0.0/0 to tcp 27017-27018 (MongoDB)",
			}},
		{"an inline deny passes", []plantest.Res{{Address: n, After: `{"ingress":[` + entry("deny", "-1", 0, 0, "0.0.0.0/0") + `]}`}}, nil},
		{"an inline allow-all egress passes", []plantest.Res{{Address: n, After: `{"ingress":[],"egress":[` + entry("allow", "-1", 0, 0, "0.0.0.0/0") + `]}`}}, nil},
		{"the default network ACL's allow-all ingress fails", []plantest.Res{{Address: d, After: `{"ingress":[` + entry("allow", "all", 0, 0, "0.0.0.0/0") + `]}`}},
			[]string{"fail " + d + " ingress[0]: ingress[0] allows 0.0.0.0/0 on every protocol and port (protocol all)"}},
		{"a default network ACL with no ingress blocks passes (Terraform removes its rules)", []plantest.Res{{Address: d, After: `{"ingress":[],"egress":[]}`}}, nil},
		{"a default network ACL restricted to the VPC passes", []plantest.Res{{Address: d, After: `{"ingress":[` + entry("allow", "-1", 0, 0, "10.0.0.0/16") + `]}`}}, nil},
	})
}
