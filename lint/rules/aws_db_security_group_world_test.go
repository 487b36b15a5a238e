package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

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
