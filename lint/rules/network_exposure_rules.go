package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

var sgEgressTypes = []string{"aws_security_group", "aws_default_security_group", "aws_security_group_rule", "aws_vpc_security_group_egress_rule"}

// AwsSecurityGroupWorldICMP flags ICMP ingress from the internet (path MTU discovery excepted).
type AwsSecurityGroupWorldICMP struct{}

func (AwsSecurityGroupWorldICMP) Metadata() engine.Metadata {
	return controlMeta("aws_security_group_world_icmp", controls.NoWorldICMP, sgRuleTypes, nil,
		"resource \"aws_security_group\" \"ping\" {\n  name = \"ping\"\n  ingress {\n    description = \"ping\"\n    protocol    = \"icmp\"\n    from_port   = -1\n    to_port     = -1\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}",
		"resource \"aws_security_group\" \"pmtud\" {\n  name = \"pmtud\"\n  ingress {\n    description = \"path MTU discovery\"\n    protocol    = \"icmp\"\n    from_port   = 3\n    to_port     = 4\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}")
}

func (AwsSecurityGroupWorldICMP) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, rule := range ingressRules(r) {
		if rule.protocol != controls.ProtocolICMP && rule.protocol != controls.ProtocolICMPv6 {
			continue
		}
		world := rule.worldSources()
		switch {
		case len(world) > 0 && rule.protocol == controls.ProtocolICMP && !rule.portsUnknown && rule.from == 3 && rule.to == 4:
			// type 3 code 4: fragmentation needed, which path MTU discovery relies on
		case len(world) > 0:
			rep.Fail(rule.attr("cidr_blocks"), "%s allows %s from %s", rule.label(r), rule.protocol, strings.Join(world, ", "))
		case rule.sourcesUnknown:
			rep.Unknown(rule.attr("cidr_blocks"), "%s allows %s from sources computed during apply", rule.label(r), rule.protocol)
		}
	}
}

// AwsSecurityGroupWorldEgress flags allow-all egress to the internet: every protocol,
// or every TCP or UDP port (controls.AllowsAllEgress).
type AwsSecurityGroupWorldEgress struct{}

func (AwsSecurityGroupWorldEgress) Metadata() engine.Metadata {
	return controlMeta("aws_security_group_world_egress", controls.NoUnrestrictedEgress, sgEgressTypes,
		[]string{"CKV_AWS_382", "AWS-0104"},
		"resource \"aws_security_group\" \"app\" {\n  name = \"app\"\n  egress {\n    description = \"anything\"\n    protocol    = \"-1\"\n    from_port   = 0\n    to_port     = 0\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}",
		"resource \"aws_security_group\" \"app\" {\n  name = \"app\"\n  egress {\n    description = \"HTTPS out\"\n    protocol    = \"tcp\"\n    from_port   = 443\n    to_port     = 443\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}")
}

func (AwsSecurityGroupWorldEgress) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, rule := range egressRules(r) {
		world := rule.worldSources()
		switch {
		case rule.allProtocols() && len(world) > 0:
			rep.Fail(rule.attr("protocol"), "%s allows every protocol and port out to %s", rule.label(r), strings.Join(world, ", "))
		case len(world) > 0 && !rule.protoUnknown && !rule.portsUnknown &&
			controls.AllowsAllEgress(rule.protocol, int(rule.from), int(rule.to), world[0]):
			rep.Fail(rule.attr("to_port"), "%s allows every %s port out to %s", rule.label(r), rule.protocol, strings.Join(world, ", "))
		case rule.protoUnknown && len(world) > 0:
			rep.Unknown(rule.attr("protocol"), "%s allows %s with a protocol computed during apply", rule.label(r), strings.Join(world, ", "))
		}
	}
}

// AwsSecurityGroupDescription requires descriptions on groups and rules. The AWS
// provider's default group description, "Managed by Terraform", counts as none.
type AwsSecurityGroupDescription struct{}

func (AwsSecurityGroupDescription) Metadata() engine.Metadata {
	return controlMeta("aws_security_group_description", controls.SecurityGroupRuleDescriptions,
		[]string{"aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"},
		[]string{"CKV_AWS_23", "AWS-0099", "AWS-0124"},
		"resource \"aws_security_group\" \"app\" {\n  name = \"app\"\n  ingress {\n    protocol    = \"tcp\"\n    from_port   = 443\n    to_port     = 443\n    cidr_blocks = [\"10.0.0.0/16\"]\n  }\n}",
		"resource \"aws_security_group\" \"app\" {\n  name        = \"app\"\n  description = \"App servers\"\n  ingress {\n    description = \"HTTPS from the VPC\"\n    protocol    = \"tcp\"\n    from_port   = 443\n    to_port     = 443\n    cidr_blocks = [\"10.0.0.0/16\"]\n  }\n}")
}

func (AwsSecurityGroupDescription) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	switch r.Type {
	case "aws_security_group":
		d := r.Attr("description")
		if s, ok := d.Str(); (ok && s == "Managed by Terraform") || blank(d) {
			rep.Fail("description", "the group has no description of its own (%q is the provider's default)", "Managed by Terraform")
		}
		for _, rules := range [][]sgRule{ingressRules(r), egressRules(r)} {
			for _, rule := range rules {
				if rule.undescribed {
					rep.Fail(rule.attr("description"), "%s rule %d has no description", rule.block, rule.index)
				}
			}
		}
	default:
		if blank(r.Attr("description")) {
			rep.Fail("description", "the rule has no description")
		}
	}
}

// AwsVPCDefaultSecurityGroup requires every VPC in the plan to have its default
// security group managed without rules (AWS creates it allowing traffic among members).
type AwsVPCDefaultSecurityGroup struct{}

func (AwsVPCDefaultSecurityGroup) Metadata() engine.Metadata {
	return controlMeta("aws_vpc_default_security_group", controls.DefaultSecurityGroupNoRules,
		[]string{"aws_vpc"}, []string{"CKV2_AWS_12"},
		"resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}",
		"resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n\nresource \"hardened_default_security_group\" \"main\" {\n  vpc_id = aws_vpc.main.id\n}")
}

func (AwsVPCDefaultSecurityGroup) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if len(p.ReferencedBy(r, "hardened_default_security_group", "vpc_id")) > 0 ||
		len(p.ReferencedBy(r, "aws_default_security_group", "vpc_id")) > 0 {
		return // its rules, if any, are aws_default_security_group_rules' topic
	}
	rep.Fail("", "the VPC's default security group is not managed: AWS creates it allowing all traffic between its members "+
		"and all egress (add hardened_default_security_group or an aws_default_security_group without rules)")
}

// AwsDBSecurityGroupWorld flags RDS and Redshift databases whose security groups
// accept the database port from the internet (correlated through vpc_security_group_ids).
type AwsDBSecurityGroupWorld struct{}

func (AwsDBSecurityGroupWorld) Metadata() engine.Metadata {
	return controlMeta("aws_db_security_group_world", controls.DatabasePortsNotPublic,
		[]string{"aws_db_instance", "aws_rds_cluster", "aws_redshift_cluster"}, nil,
		"resource \"aws_security_group\" \"db\" {\n  name = \"db\"\n  ingress {\n    description = \"postgres\"\n    protocol    = \"tcp\"\n    from_port   = 5432\n    to_port     = 5432\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n\n"+
			"resource \"aws_db_instance\" \"db\" {\n  engine                 = \"postgres\"\n  instance_class         = \"db.t3.micro\"\n  storage_encrypted      = true\n  vpc_security_group_ids = [aws_security_group.db.id]\n}",
		"resource \"aws_security_group\" \"db\" {\n  name = \"db\"\n  ingress {\n    description = \"postgres from the VPC\"\n    protocol    = \"tcp\"\n    from_port   = 5432\n    to_port     = 5432\n    cidr_blocks = [\"10.0.0.0/16\"]\n  }\n}\n\n"+
			"resource \"aws_db_instance\" \"db\" {\n  engine                 = \"postgres\"\n  instance_class         = \"db.t3.micro\"\n  storage_encrypted      = true\n  vpc_security_group_ids = [aws_security_group.db.id]\n}")
}

// defaultDBPort is the port a database listens on when port is not set.
func defaultDBPort(r *plan.Resource) int64 {
	if r.Type == "aws_redshift_cluster" {
		return 5439
	}
	engineName, _ := r.Attr("engine").Str()
	switch {
	case strings.Contains(engineName, "postgres"):
		return 5432
	case strings.HasPrefix(engineName, "oracle"):
		return 1521
	case strings.HasPrefix(engineName, "sqlserver"):
		return 1433
	case strings.HasPrefix(engineName, "db2"):
		return 50000
	case engineName == "":
		if r.Type == "aws_rds_cluster" {
			return 3306 // aurora (MySQL) is the cluster default
		}
		return 0
	}
	return 3306 // mysql, mariadb, aurora, aurora-mysql
}

func (AwsDBSecurityGroupWorld) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	port, st := readInt(p, r, "port")
	if st != intKnown || port == 0 {
		port = defaultDBPort(r)
	}
	if port == 0 {
		return
	}
	for _, sg := range p.Referenced(r, "vpc_security_group_ids", "aws_security_group") {
		rules := append([]*plan.Resource{sg}, p.ReferencedBy(sg, "aws_security_group_rule", "security_group_id")...)
		rules = append(rules, p.ReferencedBy(sg, "aws_vpc_security_group_ingress_rule", "security_group_id")...)
		for _, holder := range rules {
			for _, rule := range ingressRules(holder) {
				from, to, ok := rule.portRange()
				world := rule.worldSources()
				if !ok || len(world) == 0 || rule.portsUnknown || port < from || port > to {
					continue
				}
				rep.Fail("vpc_security_group_ids", "%s (%s) allows port %d, the database's, from %s",
					sg.Address, rule.label(holder), port, strings.Join(world, ", "))
			}
		}
	}
}
