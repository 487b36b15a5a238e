package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsSecurityGroupWorldEgress flags allow-all egress to the internet: every protocol,
// or every TCP or UDP port (controls.AllowsAllEgress).
type AwsSecurityGroupWorldEgress struct{}

func (AwsSecurityGroupWorldEgress) Metadata() engine.Metadata {
	c := controls.NoUnrestrictedEgress
	return engine.Metadata{
		ID:            "aws_security_group_world_egress",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_382"},
		Related:       []string{"AWS-0104"},
		ResourceTypes: sgEgressTypes,
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsSecurityGroupWorldEgress) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	rules := egressRules(r)
	for i := range rules {
		rule := &rules[i]
		world := rule.worldSources()
		switch {
		case rule.allProtocols() && len(world) > 0:
			rep.Fail(rule.attr("protocol"), "%s allows every protocol and port out to %s", rule.labelArg(r), strings.Join(world, ", "))
		case len(world) > 0 && !rule.protoUnknown && !rule.portsUnknown &&
			controls.AllowsAllEgress(rule.protocol, int(rule.from), int(rule.to), world[0]):
			rep.Fail(rule.attr("to_port"), "%s allows every %s port out to %s", rule.labelArg(r), rule.protocol, strings.Join(world, ", "))
		case rule.protoUnknown && len(world) > 0:
			rep.Unknown(rule.attr("protocol"), "%s allows %s with a protocol computed during apply", rule.labelArg(r), strings.Join(world, ", "))
		}
	}
}
