package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsVPCFlowLogs requires an aws_flow_log for every VPC in the plan (correlated).
type AwsVPCFlowLogs struct{}

func (AwsVPCFlowLogs) Metadata() engine.Metadata {
	c := controls.VPCFlowLogs
	return engine.Metadata{
		ID:            "aws_vpc_flow_logs",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV2_AWS_11", "AWS-0178"},
		ResourceTypes: []string{"aws_vpc"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsVPCFlowLogs) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if len(p.ReferencedBy(r, "aws_flow_log", "vpc_id")) == 0 {
		rep.Fail("", "no aws_flow_log in the plan records this VPC's traffic")
	}
}
