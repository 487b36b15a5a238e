package rules

import (
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsVPCFlowLogsRemediationNamesHardenedFlowLogs(t *testing.T) {
	if r := (AwsVPCFlowLogs{}).Metadata().Remediation; !strings.Contains(r, "hardened_flow_logs") {
		t.Errorf("remediation %q does not name hardened_flow_logs", r)
	}
}

func TestAwsVPCFlowLogs(t *testing.T) {
	vpc := func(addr string) plantest.Res {
		return plantest.Res{Address: addr, After: `{"cidr_block":"10.0.0.0/16"}`, Unknown: `{"id":true}`}
	}
	flowLog := func(addr, attr string, refs ...string) plantest.Res {
		return plantest.Res{Address: addr, After: `{"traffic_type":"ALL"}`, Unknown: `{"` + attr + `":true}`, Refs: map[string][]string{attr: refs}}
	}
	runCases(t, AwsVPCFlowLogs{}, []ruleCase{
		{"a flow log on the VPC passes", []plantest.Res{vpc("aws_vpc.main"), flowLog("aws_flow_log.main", "vpc_id", "aws_vpc.main.id", "aws_vpc.main")}, nil},
		{"a VPC alone fails", []plantest.Res{vpc("aws_vpc.main")},
			[]string{"fail aws_vpc.main: no aws_flow_log in the plan records this VPC's traffic"}},
		{"a flow log of another VPC does not count", []plantest.Res{vpc("aws_vpc.main"), {Address: "aws_flow_log.other", After: `{"vpc_id":"vpc-0123456789abcdef0"}`}},
			[]string{"fail aws_vpc.main: no aws_flow_log"}},
		{"a flow log of one subnet does not cover the VPC", []plantest.Res{vpc("aws_vpc.main"), {Address: "aws_subnet.a", After: `{}`, Unknown: `{"id":true}`},
			flowLog("aws_flow_log.subnet", "subnet_id", "aws_subnet.a.id", "aws_subnet.a")},
			[]string{"fail aws_vpc.main: no aws_flow_log"}},
		{"each VPC needs its own", []plantest.Res{vpc("aws_vpc.main"), vpc("aws_vpc.second"), flowLog("aws_flow_log.main", "vpc_id", "aws_vpc.main.id", "aws_vpc.main")},
			[]string{"fail aws_vpc.second: no aws_flow_log"}},
		{"for_each VPCs and flow logs are matched by key", []plantest.Res{vpc(`aws_vpc.env["prod"]`), vpc(`aws_vpc.env["dev"]`),
			flowLog(`aws_flow_log.env["prod"]`, "vpc_id", "aws_vpc.env")},
			[]string{`fail aws_vpc.env["dev"]: no aws_flow_log`}},
		{"a hardened_flow_logs listing the VPC passes", []plantest.Res{vpc("aws_vpc.main"), vpc("aws_vpc.second"),
			{Address: "hardened_flow_logs.all", After: `{"name":"all"}`, Unknown: `{"vpc_ids":true}`,
				Refs: map[string][]string{"vpc_ids": {"aws_vpc.main.id", "aws_vpc.main", "aws_vpc.second.id", "aws_vpc.second"}}}}, nil},
		{"a hardened_flow_logs naming an existing VPC by its ID passes", []plantest.Res{
			{Address: "aws_vpc.old", After: `{"id":"vpc-0123456789abcdef0","cidr_block":"10.0.0.0/16"}`},
			{Address: "hardened_flow_logs.all", After: `{"name":"all","vpc_ids":["vpc-0123456789abcdef0"]}`}}, nil},
		{"a hardened_flow_logs of other VPCs does not count", []plantest.Res{vpc("aws_vpc.main"), vpc("aws_vpc.second"),
			{Address: "hardened_flow_logs.all", After: `{"name":"all","vpc_ids":["vpc-0123456789abcdef0"]}`, Unknown: `{}`,
				Refs: map[string][]string{"vpc_ids": {"aws_vpc.second.id", "aws_vpc.second"}}}},
			[]string{"fail aws_vpc.main: no aws_flow_log"}},
		{"a flow log in the VPC's module passes", []plantest.Res{vpc("module.net.aws_vpc.this"),
			flowLog("module.net.aws_flow_log.this", "vpc_id", "aws_vpc.this.id", "aws_vpc.this")}, nil},
	})
}
