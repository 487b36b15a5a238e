package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsAMIPublic(t *testing.T) {
	const a = "aws_ami_launch_permission.p"
	runCases(t, AwsAMIPublic{}, []ruleCase{
		{"shared with all fails", []plantest.Res{{Address: a, After: `{"image_id":"ami-1","group":"all"}`}},
			[]string{"fail " + a + " group: shared with everyone"}},
		{"shared with an account passes", []plantest.Res{{Address: a, After: `{"image_id":"ami-1","account_id":"123456789012","group":null}`}}, nil},
		{"shared with an organization passes", []plantest.Res{{Address: a, After: `{"image_id":"ami-1","organization_arn":"arn:aws:organizations::123456789012:organization/o-abc"}`}}, nil},
	})
}

func TestAwsNetworkACLWorldAdminPorts(t *testing.T) {
	const n, rule = "aws_network_acl.main", "aws_network_acl_rule.ssh"
	acl := func(ingress string) []plantest.Res {
		return []plantest.Res{{Address: n, After: `{"ingress":` + ingress + `,"egress":[]}`}}
	}
	runCases(t, AwsNetworkACLWorldAdminPorts{}, []ruleCase{
		{"inline SSH from the world fails", acl(`[{"action":"allow","protocol":"tcp","from_port":22,"to_port":22,"cidr_block":"0.0.0.0/0","rule_no":100}]`),
			[]string{"fail " + n + " ingress: ingress rule 0 allows 0.0.0.0/0 to 22 (SSH)"}},
		{"inline HTTPS from the world passes", acl(`[{"action":"allow","protocol":"tcp","from_port":443,"to_port":443,"cidr_block":"0.0.0.0/0","rule_no":100}]`), nil},
		{"inline deny passes", acl(`[{"action":"deny","protocol":"tcp","from_port":22,"to_port":22,"cidr_block":"0.0.0.0/0","rule_no":100}]`), nil},
		{"inline all protocols (-1) from ::/0 fails", acl(`[{"action":"allow","protocol":"-1","from_port":0,"to_port":0,"ipv6_cidr_block":"::/0","rule_no":100}]`),
			[]string{"fail " + n + " ingress: allows ::/0 to"}},
		{"protocol number 6 is TCP", acl(`[{"action":"allow","protocol":"6","from_port":3389,"to_port":3389,"cidr_block":"0.0.0.0/0","rule_no":100}]`),
			[]string{"fail " + n + " ingress: 3389 (RDP)"}},
		{"inline SSH from a private range passes", acl(`[{"action":"allow","protocol":"tcp","from_port":22,"to_port":22,"cidr_block":"10.0.0.0/8","rule_no":100}]`), nil},
		{"standalone ingress rule fails", []plantest.Res{{Address: rule, After: `{"egress":false,"rule_action":"allow","protocol":"tcp","from_port":20,"to_port":23,"cidr_block":"0.0.0.0/0"}`}},
			[]string{"fail " + rule + " cidr_block: " + rule + " allows 0.0.0.0/0 to"}},
		{"standalone egress rule passes", []plantest.Res{{Address: rule, After: `{"egress":true,"rule_action":"allow","protocol":"tcp","from_port":22,"to_port":22,"cidr_block":"0.0.0.0/0"}`}}, nil},
		{"a default network ACL is judged too", []plantest.Res{{Address: "aws_default_network_acl.d",
			After: `{"ingress":[{"action":"allow","protocol":"-1","from_port":0,"to_port":0,"cidr_block":"0.0.0.0/0","rule_no":100}]}`}},
			[]string{"fail aws_default_network_acl.d ingress: allows 0.0.0.0/0"}},
	})
}
