package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

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
