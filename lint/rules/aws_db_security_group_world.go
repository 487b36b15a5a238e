package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsDBSecurityGroupWorld flags RDS and Redshift databases whose security groups
// accept the database port from the internet (correlated through vpc_security_group_ids).
type AwsDBSecurityGroupWorld struct{}

func (AwsDBSecurityGroupWorld) Metadata() engine.Metadata {
	c := controls.DatabasePortsNotPublic
	return engine.Metadata{
		ID:            "aws_db_security_group_world",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		ResourceTypes: []string{"aws_db_instance", "aws_rds_cluster", "aws_redshift_cluster"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
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
	port, known := read(p, r, "port").Int()
	if !known || port == 0 {
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
