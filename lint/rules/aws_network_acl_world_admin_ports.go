package rules

import (
	"strconv"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsNetworkACLWorldAdminPorts flags network ACL ingress allowing 0.0.0.0/0 or ::/0
// to SSH or RDP, in standalone rules and inline ingress blocks.
type AwsNetworkACLWorldAdminPorts struct{}

func (AwsNetworkACLWorldAdminPorts) Metadata() engine.Metadata {
	c := controls.NACLNoWorldAdminPorts
	return engine.Metadata{
		ID:            "aws_network_acl_world_admin_ports",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_229", "CKV_AWS_230", "CKV_AWS_231", "CKV_AWS_232", "AWS-0102"},
		ResourceTypes: []string{"aws_network_acl_rule", "aws_network_acl", "aws_default_network_acl"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsNetworkACLWorldAdminPorts) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	// label names the rule in messages; attr is the attribute findings point at
	// ("" for the CIDR attribute that is open to the world).
	check := func(label, attr string, v plan.Value, ingress bool) {
		if !ingress {
			return
		}
		if a, _ := v.Get("rule_action").Str(); a == "" {
			a, _ = v.Get("action").Str()
			if a != "allow" {
				return
			}
		} else if a != "allow" {
			return
		}
		var world []string
		for _, cidrAttr := range []string{"cidr_block", "ipv6_cidr_block"} {
			if c, ok := v.Get(cidrAttr).Str(); ok && controls.IsWorld(c) {
				world = append(world, c)
				if attr == "" {
					attr = cidrAttr
				}
			}
		}
		if len(world) == 0 {
			return
		}
		from, to := int64(0), int64(65535)
		proto, _ := v.Get("protocol").Str()
		switch controls.NormalizeProtocol(proto) {
		case controls.ProtocolTCP, controls.ProtocolUDP:
			from, _ = v.Get("from_port").Int()
			to, _ = v.Get("to_port").Int()
		case controls.ProtocolAll:
		default:
			return
		}
		if hit := controls.NACLNoWorldAdminPorts.PortsIn(int(from), int(to)); len(hit) > 0 {
			rep.Fail(attr, "%s allows %s to %s", label, strings.Join(world, ", "), portNames(hit))
		}
	}
	if r.Type == "aws_network_acl_rule" {
		egress, _ := r.Attr("egress").Bool()
		check(r.Address, "", r.Root(), !egress)
		return
	}
	r.Attr("ingress").Each(func(i int, v plan.Value) {
		check("ingress["+strconv.Itoa(i)+"]", "ingress["+strconv.Itoa(i)+"]", v, true)
	})
}
