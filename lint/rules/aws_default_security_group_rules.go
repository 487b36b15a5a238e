package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsDefaultSecurityGroupRules flags a VPC default security group with any rule,
// inline or attached as a standalone rule resource.
type AwsDefaultSecurityGroupRules struct{}

// standaloneRuleTypes attach rules to a group through security_group_id.
var standaloneRuleTypes = []string{"aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"}

func (AwsDefaultSecurityGroupRules) Metadata() engine.Metadata {
	c := controls.DefaultSecurityGroupNoRules
	return engine.Metadata{
		ID:            "aws_default_security_group_rules",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"AWS-0173"},
		Related:       []string{"CKV2_AWS_12"},
		ResourceTypes: []string{"aws_default_security_group"},
		Rationale:     c.Rationale,
		Remediation:   remediation("", c),
	}
}

func (AwsDefaultSecurityGroupRules) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, block := range []string{"ingress", "egress"} {
		// With no block, the provider strips every rule and shows them as known
		// after apply: Unset, which passes.
		switch a := read(p, r, block); {
		case a.State == Computed:
			rep.Unknown(block, "the %s rules are computed during apply", block)
		case a.Value.Len() > 0:
			rep.Fail(block, "the default security group has %d %s rule(s); it must have none", a.Value.Len(), block)
		}
	}
	for _, typ := range standaloneRuleTypes {
		for _, rule := range p.ReferencedBy(r, typ, "security_group_id") {
			rep.Fail("", "%s adds a rule to the default security group; it must have none", rule.Address)
		}
	}
}
