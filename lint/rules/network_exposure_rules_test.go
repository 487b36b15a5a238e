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

func TestAwsSecurityGroupDescription(t *testing.T) {
	const g = "aws_security_group.g"
	runCases(t, AwsSecurityGroupDescription{}, []ruleCase{
		{"described group and rules pass", []plantest.Res{{Address: g, After: `{"description":"web","ingress":[{"description":"https"}],"egress":[{"description":"out"}]}`}}, nil},
		{"the provider's default description and an undescribed rule fail", []plantest.Res{{Address: g,
			After: `{"description":"Managed by Terraform","ingress":[{"description":"https"},{"description":""}],"egress":[{"description":null}]}`}},
			[]string{
				"fail " + g + " description: no description of its own",
				"fail " + g + " egress[0].description: egress rule 0 has no description",
				"fail " + g + " ingress[1].description: ingress rule 1 has no description",
			}},
		{"a description computed during apply passes", []plantest.Res{{Address: g, After: `{}`, Unknown: `{"description":true}`}}, nil},
		{"a rule resource without description fails", []plantest.Res{{Address: "aws_security_group_rule.r", After: `{"type":"ingress"}`}},
			[]string{"fail aws_security_group_rule.r description: the rule has no description"}},
	})
}

func TestAwsVPCDefaultSecurityGroup(t *testing.T) {
	vpc := plantest.Res{Address: "aws_vpc.main", After: `{"cidr_block":"10.0.0.0/16"}`, Unknown: `{"id":true}`}
	ref := map[string][]string{"vpc_id": {"aws_vpc.main.id", "aws_vpc.main"}}
	runCases(t, AwsVPCDefaultSecurityGroup{}, []ruleCase{
		{"hardened_default_security_group passes", []plantest.Res{vpc, {Address: "hardened_default_security_group.d", After: `{}`, Unknown: `{"vpc_id":true}`, Refs: ref}}, nil},
		{"aws_default_security_group passes", []plantest.Res{vpc, {Address: "aws_default_security_group.d", After: `{}`, Unknown: `{"vpc_id":true}`, Refs: ref}}, nil},
		{"a VPC alone fails", []plantest.Res{vpc}, []string{"fail aws_vpc.main: default security group is not managed"}},
		{"a default group of another VPC does not count", []plantest.Res{vpc, {Address: "aws_default_security_group.d", After: `{"vpc_id":"vpc-0123"}`}},
			[]string{"fail aws_vpc.main: default security group is not managed"}},
	})
}

func TestAwsDBSecurityGroupWorld(t *testing.T) {
	sg := func(port int, cidr string) plantest.Res {
		return plantest.Res{Address: "aws_security_group.db", Unknown: `{"id":true}`,
			After: `{"ingress":[{"description":"db","protocol":"tcp","from_port":` + itoa(port) + `,"to_port":` + itoa(port) + `,"cidr_blocks":["` + cidr + `"]}]}`}
	}
	db := func(addr, after string) plantest.Res {
		return plantest.Res{Address: addr, After: after, Unknown: `{"vpc_security_group_ids":true}`,
			Refs: map[string][]string{"vpc_security_group_ids": {"aws_security_group.db.id", "aws_security_group.db"}}}
	}
	runCases(t, AwsDBSecurityGroupWorld{}, []ruleCase{
		{"postgres from the VPC passes", []plantest.Res{sg(5432, "10.0.0.0/16"), db("aws_db_instance.pg", `{"engine":"postgres"}`)}, nil},
		{"postgres from the world fails", []plantest.Res{sg(5432, "0.0.0.0/0"), db("aws_db_instance.pg", `{"engine":"postgres"}`)},
			[]string{"fail aws_db_instance.pg vpc_security_group_ids: allows port 5432, the database's, from 0.0.0.0/0"}},
		{"another port open to the world is another rule's topic", []plantest.Res{sg(443, "0.0.0.0/0"), db("aws_db_instance.pg", `{"engine":"postgres"}`)}, nil},
		{"an explicit port is used", []plantest.Res{sg(6543, "0.0.0.0/0"), db("aws_db_instance.pg", `{"engine":"postgres","port":6543}`)},
			[]string{"fail aws_db_instance.pg vpc_security_group_ids: allows port 6543"}},
		{"Redshift's default port", []plantest.Res{sg(5439, "::/0"), db("aws_redshift_cluster.dw", `{}`)},
			[]string{"fail aws_redshift_cluster.dw vpc_security_group_ids: allows port 5439, the database's, from ::/0"}},
		{"a standalone rule on the group fails", []plantest.Res{
			{Address: "aws_security_group.db", After: `{"ingress":[]}`, Unknown: `{"id":true}`},
			{Address: "aws_vpc_security_group_ingress_rule.mysql", After: `{"ip_protocol":"tcp","from_port":3306,"to_port":3306,"cidr_ipv4":"0.0.0.0/0"}`,
				Unknown: `{"security_group_id":true}`, Refs: map[string][]string{"security_group_id": {"aws_security_group.db.id", "aws_security_group.db"}}},
			db("aws_rds_cluster.aurora", `{"engine":"aurora-mysql"}`)},
			[]string{"fail aws_rds_cluster.aurora vpc_security_group_ids: allows port 3306"}},
	})
}
