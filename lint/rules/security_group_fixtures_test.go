package rules

import (
	"strconv"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func sg(ingress string) plantest.Res {
	return plantest.Res{Address: "aws_security_group.s", After: `{"ingress":[` + ingress + `]}`, Set: []string{"ingress"}}
}

func inline(proto string, from, to int, cidrs string) string {
	return `{"protocol":"` + proto + `","from_port":` + itoa(from) + `,"to_port":` + itoa(to) + `,"cidr_blocks":[` + cidrs + `],"ipv6_cidr_blocks":[]}`
}

func itoa(i int) string { return strconv.Itoa(i) }
