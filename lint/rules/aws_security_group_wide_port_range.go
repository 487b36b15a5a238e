package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsSecurityGroupWidePortRange flags ingress rules that open more than the
// catalog's limit of ports (64) from a network broader than /16. No other
// scanner checks port ranges.
type AwsSecurityGroupWidePortRange struct{}

func (AwsSecurityGroupWidePortRange) Metadata() engine.Metadata {
	c := controls.NoWidePortRanges
	return engine.Metadata{
		ID:            "aws_security_group_wide_port_range",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		ResourceTypes: sgRuleTypes,
		Rationale:     c.Rationale,
		Remediation:   remediation("hardened_security_group rejects such ranges at plan.", c),
	}
}

func (AwsSecurityGroupWidePortRange) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	rules := ingressRules(r)
	for i := range rules {
		rule := &rules[i]
		if rule.allProtocols() && len(rule.worldSources()) > 0 {
			continue // aws_security_group_world_all_protocols reports these
		}
		if broad := rule.broadSources(); len(broad) > 0 && (rule.portsUnknown || rule.protoUnknown) {
			rep.Unknown(rule.attr("from_port"), "%s allows %s on ports computed during apply", rule.labelArg(r), strings.Join(broad, ", "))
			continue
		}
		for _, v := range rule.violations(controls.NoWidePortRanges.ID) {
			rep.Fail(rule.attr("from_port"), "%s %s", rule.labelArg(r), v.problem)
		}
	}
}
