package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsSecurityGroupDescription requires descriptions on groups and rules. The AWS
// provider's default group description, "Managed by Terraform", counts as none.
type AwsSecurityGroupDescription struct{}

func (AwsSecurityGroupDescription) Metadata() engine.Metadata {
	c := controls.SecurityGroupRuleDescriptions
	return engine.Metadata{
		ID:       "aws_security_group_description",
		Title:    c.Title,
		Severity: c.Severity,
		Controls: []controls.Control{c},
		Parts: []engine.Part{
			{ID: "group_description", Aliases: []string{"AWS-0099"}},
			{ID: "rule_description", Aliases: []string{"CKV_AWS_23", "AWS-0124"}},
		},
		ResourceTypes: []string{"aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsSecurityGroupDescription) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	switch r.Type {
	case "aws_security_group":
		d := r.Attr("description")
		if s, ok := d.Str(); (ok && s == "Managed by Terraform") || blank(d) {
			rep.FailPart("group_description", "description", "the group has no description of its own (%q is the provider's default)", "Managed by Terraform")
		}
		for _, rules := range [][]sgRule{ingressRules(r), egressRules(r)} {
			for i := range rules {
				if rule := &rules[i]; rule.undescribed {
					rep.FailPart("rule_description", rule.attr("description"), "%s has no description", rule.labelArg(r))
				}
			}
		}
	default:
		if blank(r.Attr("description")) {
			rep.FailPart("rule_description", "description", "the rule has no description")
		}
	}
}
