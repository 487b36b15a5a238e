package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsNetworkACLWorldAdminPorts flags network ACL ingress allowing 0.0.0.0/0 or ::/0
// to any administrative or database port of the catalog (the security groups'
// list), in standalone rules and inline ingress blocks. An allow entry for every
// protocol (-1 or "all") opens every port whatever its port fields say.
type AwsNetworkACLWorldAdminPorts struct{}

func (AwsNetworkACLWorldAdminPorts) Metadata() engine.Metadata {
	c := controls.NACLNoWorldAdminPorts
	return engine.Metadata{
		ID:       "aws_network_acl_world_admin_ports",
		Title:    c.Title,
		Severity: c.Severity,
		Controls: []controls.Control{c},
		// Checkov's per-port checks (21, 20, 3389, 22 from 0.0.0.0/0). Trivy's
		// AWS-0102 (any all-protocol entry) and AWS-0105 (any port from /0) judge
		// other inputs: related, not equivalent.
		Parts:         naclParts,
		ResourceTypes: []string{"aws_network_acl_rule", "aws_network_acl", "aws_default_network_acl"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsNetworkACLWorldAdminPorts) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if r.Type == "aws_network_acl_rule" {
		if egress, _ := r.Attr("egress").Bool(); egress {
			return
		}
		at := func(attr string) string { return attr }
		checkNACLEntry(rep, r.Address, at, r.Root(), "rule_action", func(name string) Attr { return read(p, r, name) })
		return
	}
	r.Attr("ingress").Each(func(i int, v plan.Value) {
		entry := "ingress[" + strconv.Itoa(i) + "]"
		at := func(string) string { return entry }
		checkNACLEntry(rep, entry, at, v, "action", func(name string) Attr { return readIn(p, r, "ingress", v, name) })
	})
}

// checkNACLEntry judges one ingress entry. label names it in messages; at maps the
// attribute a finding is about to the path findings point at (an inline entry is
// named as a whole, "ingress[0]"); actionKey is "rule_action" on
// aws_network_acl_rule and "action" in inline blocks.
func checkNACLEntry(rep *engine.Reporter, label string, at func(string) string, v plan.Value, actionKey string, get func(string) Attr) {
	if a, ok := v.Get(actionKey).Str(); !ok || !strings.EqualFold(a, "allow") {
		return
	}
	var world []string
	sourcesComputed := false
	cidrAttr := ""
	for _, name := range []string{"cidr_block", "ipv6_cidr_block"} {
		c := get(name)
		if s, ok := c.Str(); ok && controls.IsWorld(s) {
			world = append(world, s)
			if cidrAttr == "" {
				cidrAttr = name
			}
		}
		sourcesComputed = sourcesComputed || c.State == Computed
	}
	if cidrAttr == "" {
		cidrAttr = "cidr_block"
	}
	cidrAttr = at(cidrAttr)
	proto := get("protocol")
	from, to := get("from_port"), get("to_port")
	protoName, _ := proto.Str()
	switch normalized := controls.NormalizeProtocol(protoName); {
	case proto.State == Computed:
		if len(world) > 0 {
			rep.Unknown(at("protocol"), "%s allows %s on a protocol computed during apply", label, strings.Join(world, ", "))
		}
	case normalized == controls.ProtocolAll:
		// Every protocol: AWS ignores the port fields.
		if len(world) > 0 {
			rep.FailPart("all_protocols", cidrAttr, "%s allows %s on every protocol and port (protocol %s), administrative and database ports included",
				label, strings.Join(world, ", "), protoName)
		} else if sourcesComputed {
			rep.Unknown(cidrAttr, "%s allows every protocol and port from a source computed during apply", label)
		}
	case normalized == controls.ProtocolTCP || normalized == controls.ProtocolUDP:
		lo, okFrom := from.Int()
		hi, okTo := to.Int()
		if !okFrom || !okTo {
			if len(world) > 0 && (from.State == Computed || to.State == Computed) {
				rep.Unknown(at("from_port"), "%s allows %s on ports computed during apply", label, strings.Join(world, ", "))
			}
			return
		}
		hit := controls.NACLNoWorldAdminPorts.PortsIn(int(lo), int(hi))
		switch {
		case len(hit) == 0:
		case len(world) > 0:
			rep.FailPart(naclPeerParts(int(lo), int(hi)), cidrAttr, "%s allows %s to %s %s", label, strings.Join(world, ", "), normalized, summarizePorts(hit))
		case sourcesComputed:
			rep.Unknown(cidrAttr, "%s opens %s %s to a source computed during apply", label, normalized, summarizePorts(hit))
		}
	}
}

// summarizePorts names at most four ports of a hit list, then counts the rest, so
// that a wide range does not print the whole catalog.
func summarizePorts(hit []controls.Port) string {
	const shown = 4
	if len(hit) <= shown {
		return portNames(hit)
	}
	return fmt.Sprintf("%s and %d more administrative or database ports", portNames(hit[:shown]), len(hit)-shown)
}

// naclParts: checkov has one check per port (20, 21, 22, 3389); every protocol
// open to the world fails all four, and trivy's check of allow rules on every
// protocol.
var naclParts = []engine.Part{
	{ID: "port_20", Aliases: []string{"CKV_AWS_230"}},
	{ID: "port_21", Aliases: []string{"CKV_AWS_229"}},
	{ID: "port_22", Aliases: []string{"CKV_AWS_232"}},
	{ID: "port_3389", Aliases: []string{"CKV_AWS_231"}},
	{ID: "all_protocols", Aliases: []string{"CKV_AWS_229", "CKV_AWS_230", "CKV_AWS_231", "CKV_AWS_232", "AWS-0102"}},
}

// naclPeerParts names the per-port parts a port range covers, comma-separated
// ("" when it covers none of the peers' ports: a database port).
func naclPeerParts(lo, hi int) string {
	var parts []string
	for _, port := range []int{20, 21, 22, 3389} {
		if lo <= port && port <= hi {
			parts = append(parts, "port_"+strconv.Itoa(port))
		}
	}
	return strings.Join(parts, ",")
}
