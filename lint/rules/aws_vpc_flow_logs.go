package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsVPCFlowLogs requires an aws_flow_log, or a hardened_flow_logs listing the
// VPC in vpc_ids, for every VPC in the plan (correlated).
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
		Remediation: remediation("hardened_flow_logs does this by construction for the VPCs in its vpc_ids: "+
			"ALL traffic, into a KMS-encrypted log group with a retention or a hardened bucket.", c),
	}
}

func (AwsVPCFlowLogs) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if len(p.ReferencedBy(r, "aws_flow_log", "vpc_id")) > 0 || len(p.ReferencedBy(r, "hardened_flow_logs", "vpc_ids")) > 0 {
		return
	}
	// The VPC's ID is read only when a hardened_flow_logs lists IDs (most
	// plans have none, and an ID is mostly computed during apply anyway).
	if ids := hardenedFlowLogVPCs(p); len(ids) > 0 {
		if id, ok := r.Attr("id").Str(); ok && ids[id] {
			return
		}
	}
	rep.Fail("", "no aws_flow_log in the plan records this VPC's traffic")
}

// hardenedFlowLogVPCs is the known VPC IDs every hardened_flow_logs of the plan
// lists (an existing VPC named by its ID rather than by a reference), once per plan.
func hardenedFlowLogVPCs(p *plan.Plan) map[string]bool {
	ids, _ := p.Memo("hardened-flow-logs-vpc-ids", func() any {
		out := map[string]bool{}
		for _, f := range p.OfType("hardened_flow_logs") {
			known, _ := f.Attr("vpc_ids").Strings()
			for _, id := range known {
				out[id] = true
			}
		}
		return out
	}).(map[string]bool)
	return ids
}
