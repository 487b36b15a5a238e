package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsVPCDefaultSecurityGroup requires every VPC in the plan to have its default
// security group managed without rules (AWS creates it allowing traffic among members).
type AwsVPCDefaultSecurityGroup struct{}

func (AwsVPCDefaultSecurityGroup) Metadata() engine.Metadata {
	c := controls.DefaultSecurityGroupNoRules
	return engine.Metadata{
		ID:            "aws_vpc_default_security_group",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV2_AWS_12"},
		ResourceTypes: []string{"aws_vpc"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsVPCDefaultSecurityGroup) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if len(p.ReferencedBy(r, "hardened_default_security_group", "vpc_id")) > 0 ||
		len(p.ReferencedBy(r, "aws_default_security_group", "vpc_id")) > 0 {
		return // its rules, if any, are aws_default_security_group_rules' topic
	}
	rep.Fail("", "the VPC's default security group is not managed: AWS creates it allowing all traffic between its members "+
		"and all egress (add hardened_default_security_group or an aws_default_security_group without rules)")
}
