package provider

// Plan-time validation of hardened_security_group's ingress/egress blocks: shape,
// protocols, CIDRs and the ingress controls.

import (
	"context"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// sgRulesConfig is what rule validation needs from the resource configuration.
type sgRulesConfig struct {
	Ingress, Egress    types.Set
	PublicIngressPorts types.Set
	// AllowAllEgress is the allow_all_egress opt-in; null in a configuration means false.
	AllowAllEgress types.Bool
}

// validateRules rejects, at plan time, rules AWS would refuse or store differently
// (so the plan would never settle), ingress rules that break a control and allow-all
// egress not opted into. Values
// not known yet are skipped; Create and Update check again with every value known.
func validateRules(ctx context.Context, c sgRulesConfig, diags *diag.Diagnostics) {
	public, publicKnown := publicPorts(c.PublicIngressPorts)
	if publicKnown {
		for _, v := range controls.CheckPublicPorts(public) {
			diags.AddAttributeError(path.Root("public_ingress_ports"), "Insecure public_ingress_ports",
				fmt.Sprintf("public_ingress_ports: %s", v))
		}
	}
	type owner struct {
		label string
		block int
	}
	seen := map[sgRuleKey]owner{}
	block := 0
	for _, dir := range []string{"ingress", "egress"} {
		set := c.Ingress
		if dir == "egress" {
			set = c.Egress
		}
		rules, vals, d := decodeRules(ctx, set)
		diags.Append(d...)
		for i, m := range rules {
			block++
			at := path.Root(dir).AtSetValue(vals[i])
			label := ruleLabel(dir, m)
			if !validateRuleShape(m, dir, label, at, diags) {
				continue
			}
			// Two blocks naming the same AWS rule would be stored once, and the plan would never settle.
			for _, r := range expandKnown(m, dir == "egress") {
				if other, dup := seen[r.Key]; dup && other.block != block {
					diags.AddAttributeError(at, "Duplicate security group rule",
						fmt.Sprintf("%s and %s both define %s. AWS stores one rule per protocol, port range and "+
							"source: keep the source in one of the blocks.", other.label, label, r.Key))
					continue
				}
				seen[r.Key] = owner{label, block}
			}
			if dir == "ingress" {
				checkIngressControls(m, label, at, public, publicKnown, diags)
			} else {
				checkEgressControls(m, label, at, c.AllowAllEgress, diags)
			}
		}
	}
}

// validateRuleShape checks protocol, ports, sources and CIDR syntax; false when the
// rule cannot be checked further (an error was reported or values are unknown).
func validateRuleShape(m sgRuleModel, dir, label string, at path.Path, diags *diag.Diagnostics) bool {
	ok := true
	for _, s := range []struct {
		attr   string
		set    types.Set
		family string
	}{{"cidr_blocks", m.CIDRBlocks, "IPv4"}, {"ipv6_cidr_blocks", m.IPv6CIDRBlocks, "IPv6"}} {
		cidrs := knownStrings(s.set)
		for _, c := range cidrs {
			if msg := checkCIDR(c, s.family == "IPv6"); msg != "" {
				diags.AddAttributeError(at.AtName(s.attr), "Invalid CIDR block",
					fmt.Sprintf("%s: %s %q %s.", label, s.attr, c, msg))
				ok = false
			}
		}
	}
	groups := knownStrings(m.SecurityGroups)
	for _, g := range groups {
		if _, id := parseGroupSource(g); !strings.HasPrefix(id, "sg-") {
			diags.AddAttributeError(at.AtName("security_groups"), "Invalid security group ID",
				fmt.Sprintf("%s: security_groups entry %q is not a security group ID (sg-...) or ACCOUNT/sg-...: "+
					"reference the group's id, e.g. hardened_security_group.app.id.", label, g))
			ok = false
		}
	}
	lists := knownStrings(m.PrefixListIDs)
	for _, p := range lists {
		if !strings.HasPrefix(p, "pl-") {
			diags.AddAttributeError(at.AtName("prefix_list_ids"), "Invalid prefix list ID",
				fmt.Sprintf("%s: prefix_list_ids entry %q is not a prefix list ID (pl-...).", label, p))
			ok = false
		}
	}
	if m.Protocol.IsUnknown() || m.FromPort.IsUnknown() || m.ToPort.IsUnknown() {
		return false
	}
	proto := controls.NormalizeProtocol(m.Protocol.ValueString())
	from, to := m.FromPort.ValueInt64(), m.ToPort.ValueInt64()
	switch {
	case !validProtocol(proto):
		diags.AddAttributeError(at.AtName("protocol"), "Invalid protocol",
			fmt.Sprintf("%s: protocol %q is not tcp, udp, icmp, icmpv6, -1 (all) or a protocol number from 0 to 255.",
				label, m.Protocol.ValueString()))
		return false
	case proto == controls.ProtocolTCP || proto == controls.ProtocolUDP:
		if from < 0 || to > 65535 || from > to {
			diags.AddAttributeError(at.AtName("from_port"), "Invalid port range",
				fmt.Sprintf("%s: %s ports must be from 0 to 65535 with from_port <= to_port, got %d-%d.",
					label, proto, from, to))
			return false
		}
	case proto == controls.ProtocolICMP || proto == controls.ProtocolICMPv6:
		if from < -1 || from > 255 || to < -1 || to > 255 {
			diags.AddAttributeError(at.AtName("from_port"), "Invalid ICMP type or code",
				fmt.Sprintf("%s: for %s, from_port is the ICMP type and to_port the code, each from 0 to 255 or "+
					"-1 for all; got %d and %d.", label, proto, from, to))
			return false
		}
	default:
		if from != 0 || to != 0 {
			what := "protocol " + m.Protocol.ValueString()
			if proto == controls.ProtocolAll {
				what = "protocol -1 (all traffic)"
			}
			diags.AddAttributeError(at.AtName("from_port"), "Ports not allowed for this protocol",
				fmt.Sprintf("%s: %s has no ports: set from_port = 0 and to_port = 0 (got %d and %d).",
					label, what, from, to))
			return false
		}
	}
	if !hasSource(m) {
		peer := "sources"
		if dir == "egress" {
			peer = "destinations"
		}
		diags.AddAttributeError(at, "Security group rule without a peer",
			fmt.Sprintf("%s has no %s: set at least one of cidr_blocks, ipv6_cidr_blocks, prefix_list_ids, "+
				"security_groups or self = true.", label, peer))
		return false
	}
	return ok
}

// hasSource is false only when every source is known to be empty.
func hasSource(m sgRuleModel) bool {
	if m.Self.IsUnknown() || m.Self.ValueBool() {
		return true
	}
	for _, s := range []types.Set{m.CIDRBlocks, m.IPv6CIDRBlocks, m.PrefixListIDs, m.SecurityGroups} {
		if s.IsUnknown() || len(s.Elements()) > 0 {
			return true
		}
	}
	return false
}

func validProtocol(p string) bool {
	if controls.ProtocolHasPorts(p) || p == controls.ProtocolAll {
		return true
	}
	n, err := strconv.Atoi(p)
	return err == nil && n >= 0 && n <= 255
}

// checkCIDR returns why c is not a canonical CIDR of the family, or "".
func checkCIDR(c string, ipv6 bool) string {
	p, err := netip.ParsePrefix(c)
	if err != nil {
		return "is not a CIDR block (such as 10.0.0.0/16 or 2001:db8::/32)"
	}
	if p.Addr().Is6() != ipv6 || p.Addr().Is4In6() {
		if ipv6 {
			return "is not an IPv6 CIDR block: put IPv4 blocks in cidr_blocks"
		}
		return "is not an IPv4 CIDR block: put IPv6 blocks in ipv6_cidr_blocks"
	}
	if m := p.Masked().String(); m != c {
		return fmt.Sprintf("is not in canonical form (its network address is %s): write %q", m, m)
	}
	return ""
}

// checkIngressControls reports every control the rule breaks, citing it.
func checkIngressControls(m sgRuleModel, label string, at path.Path, public []int, publicKnown bool, diags *diag.Diagnostics) {
	v4 := knownStrings(m.CIDRBlocks)
	v6 := knownStrings(m.IPv6CIDRBlocks)
	rule := controls.IngressRule{
		Protocol: m.Protocol.ValueString(),
		FromPort: int(m.FromPort.ValueInt64()),
		ToPort:   int(m.ToPort.ValueInt64()),
		CIDRs:    append(v4, v6...),
	}
	for _, v := range controls.CheckIngressRule(rule, public) {
		if v.Declarable && !publicKnown {
			continue // public_ingress_ports is computed: decided at apply
		}
		diags.AddAttributeError(at, "Insecure ingress rule", fmt.Sprintf("%s %s", label, v))
	}
}

// publicPorts returns the declared public ports and whether they are all known.
func publicPorts(s types.Set) ([]int, bool) {
	if s.IsUnknown() {
		return nil, false
	}
	var out []int
	for _, e := range s.Elements() {
		v, ok := e.(basetypes.Int64Value)
		if !ok || v.IsUnknown() {
			return nil, false
		}
		out = append(out, int(v.ValueInt64()))
	}
	return out, true
}
