package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsSecurityGroupWorldAdminPorts flags ingress from 0.0.0.0/0 or ::/0 to any
// administrative or database port of the catalog, in inline rules,
// aws_security_group_rule and aws_vpc_security_group_ingress_rule. Checkov and
// trivy only know 22 and 3389; FTP, DNS and wide ranges covering admin ports are caught too.
type AwsSecurityGroupWorldAdminPorts struct{}

func (AwsSecurityGroupWorldAdminPorts) Metadata() engine.Metadata {
	c := controls.NoWorldIngressAdminPortsIPv4
	return engine.Metadata{
		ID:       "aws_security_group_world_admin_ports",
		Title:    "Security groups do not allow ingress from the internet to administrative or database ports",
		Severity: c.Severity,
		Controls: []controls.Control{c, controls.NoWorldIngressAdminPortsIPv6},
		Parts: []engine.Part{
			{ID: "ssh", Aliases: []string{"CKV_AWS_24", "AWS-0107"}},
			{ID: "rdp", Aliases: []string{"CKV_AWS_25", "AWS-0107"}},
			{ID: "ssh_rdp", Aliases: []string{"CKV_AWS_24", "CKV_AWS_25", "AWS-0107"}},
		},
		ResourceTypes: sgRuleTypes,
		Rationale:     c.Rationale,
		Remediation:   remediation("", c),
	}
}

// peerPortPart names the part whose peer IDs a violation matches: checkov and
// trivy judge SSH (22) and RDP (3389) only, so a finding about the other admin
// or database ports carries no peer ID.
func peerPortPart(ports []controls.Port) string {
	ssh, rdp := false, false
	for _, p := range ports {
		ssh = ssh || (p.From <= 22 && 22 <= p.To)
		rdp = rdp || (p.From <= 3389 && 3389 <= p.To)
	}
	switch {
	case ssh && rdp:
		return "ssh_rdp"
	case ssh:
		return "ssh"
	case rdp:
		return "rdp"
	}
	return ""
}

// worldAdminPortsIDs are the IDs of the controls the rule reports, IPv4 first.
var worldAdminPortsIDs = [...]string{controls.NoWorldIngressAdminPortsIPv4.ID, controls.NoWorldIngressAdminPortsIPv6.ID}

func (AwsSecurityGroupWorldAdminPorts) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	rules := ingressRules(r)
	for i := range rules {
		rule := &rules[i]
		if rule.allProtocols() {
			continue // aws_security_group_world_all_protocols reports these
		}
		world := rule.worldSources()
		from, to, hasPorts := rule.portRange()
		switch {
		case len(world) > 0 && (rule.portsUnknown || rule.protoUnknown):
			rep.Unknown(rule.attr("from_port"), "%s allows %s on ports computed during apply",
				rule.labelArg(r), strings.Join(world, ", "))
			continue
		case len(world) == 0 && rule.sourcesUnknown && hasPorts && !rule.portsUnknown:
			if hit := controls.NoWorldIngressAdminPortsIPv4.PortsIn(int(from), int(to)); len(hit) > 0 {
				rep.Unknown(rule.attr("cidr_blocks"), "%s opens %s to sources computed during apply",
					rule.labelArg(r), portNames(hit))
			}
			continue
		}
		for _, id := range worldAdminPortsIDs {
			for _, v := range rule.violations(id) {
				rep.FailPart(peerPortPart(v.ports), rule.attr("cidr_blocks"), "%s %s", rule.labelArg(r), v.problem)
			}
		}
	}
}
