package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsSecurityGroupWorldAllProtocols flags ingress of every protocol and port from the internet.
type AwsSecurityGroupWorldAllProtocols struct{}

func (AwsSecurityGroupWorldAllProtocols) Metadata() engine.Metadata {
	c := controls.NoWorldIngressAllProtocols
	return engine.Metadata{
		ID:            "aws_security_group_world_all_protocols",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_277", "CKV_AWS_24", "CKV_AWS_25", "AWS-0107"},
		ResourceTypes: sgRuleTypes,
		Rationale:     c.Rationale,
		Remediation:   remediation("hardened_security_group rejects all-protocol rules from the internet at plan.", c),
	}
}

func (AwsSecurityGroupWorldAllProtocols) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	rules := ingressRules(r)
	for i := range rules {
		rule := &rules[i]
		world := rule.worldSources()
		switch {
		case rule.protoUnknown && len(world) > 0:
			rep.Unknown(rule.attr("protocol"), "%s allows %s with a protocol computed during apply", rule.labelArg(r), strings.Join(world, ", "))
		case rule.allProtocols() && len(world) > 0:
			for _, v := range rule.violations(controls.NoWorldIngressAllProtocols.ID) {
				rep.Fail(rule.attr("protocol"), "%s %s", rule.labelArg(r), v.problem)
			}
		case rule.allProtocols() && rule.sourcesUnknown:
			rep.Unknown(rule.attr("cidr_blocks"), "%s allows every protocol and port from sources computed during apply", rule.labelArg(r))
		}
	}
}
