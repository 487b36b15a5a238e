package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsSecurityGroupWorldICMP flags ICMP ingress from the internet (path MTU discovery excepted).
type AwsSecurityGroupWorldICMP struct{}

func (AwsSecurityGroupWorldICMP) Metadata() engine.Metadata {
	c := controls.NoWorldICMP
	return engine.Metadata{
		ID:            "aws_security_group_world_icmp",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		ResourceTypes: sgRuleTypes,
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsSecurityGroupWorldICMP) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	rules := ingressRules(r)
	for i := range rules {
		rule := &rules[i]
		if rule.protocol != controls.ProtocolICMP && rule.protocol != controls.ProtocolICMPv6 {
			continue
		}
		world := rule.worldSources()
		switch {
		case len(world) > 0 && rule.protocol == controls.ProtocolICMP && !rule.portsUnknown && rule.from == 3 && rule.to == 4:
			// type 3 code 4: fragmentation needed, which path MTU discovery relies on
		case len(world) > 0:
			rep.Fail(rule.attr("cidr_blocks"), "%s allows %s from %s", rule.labelArg(r), rule.protocol, strings.Join(world, ", "))
		case rule.sourcesUnknown:
			rep.Unknown(rule.attr("cidr_blocks"), "%s allows %s from sources computed during apply", rule.labelArg(r), rule.protocol)
		}
	}
}
