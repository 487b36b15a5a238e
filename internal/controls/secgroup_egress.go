package controls

import (
	"fmt"
	"strings"
)

// EgressRule is one egress rule as configured, with no Terraform or AWS types.
type EgressRule struct {
	// Protocol as written: "tcp", "6", "udp", "-1", "all", a protocol number...
	Protocol string
	// FromPort and ToPort are the inclusive port range (the ICMP type and code for ICMP).
	FromPort, ToPort int
	// CIDRs are the rule's IPv4 and IPv6 destinations. Security-group and prefix-list
	// destinations are not checked: they name networks the owner controls.
	CIDRs []string
}

// AllowsAllEgress reports whether an egress rule to destination cidr is what
// NoUnrestrictedEgress forbids, "allow-all egress": cidr is the whole internet
// (0.0.0.0/0 or ::/0) and the rule allows every protocol (-1, "all"), or every TCP
// or every UDP port (from_port 0 or 1 through to_port 65535). Narrower rules to the
// internet (tcp 443, udp 123, ICMP, one other protocol number) are not allow-all.
func AllowsAllEgress(protocol string, from, to int, cidr string) bool {
	if !IsWorld(cidr) {
		return false
	}
	switch NormalizeProtocol(protocol) {
	case ProtocolAll:
		return true
	case ProtocolTCP, ProtocolUDP:
		return from <= 1 && to == 65535
	}
	return false
}

// CheckEgressRule returns a NoUnrestrictedEgress violation for each internet
// destination the rule opens to allow-all egress (see AllowsAllEgress); none for a
// good rule. Malformed CIDRs are ignored: they are the caller's syntax errors.
func CheckEgressRule(r EgressRule) []Violation {
	proto := NormalizeProtocol(r.Protocol)
	var out []Violation
	for _, cidr := range r.CIDRs {
		cidr = strings.TrimSpace(cidr)
		if !AllowsAllEgress(proto, r.FromPort, r.ToPort, cidr) {
			continue
		}
		what := "all traffic (every protocol and port)"
		if proto != ProtocolAll {
			what = fmt.Sprintf("every %s port (%d-%d)", proto, r.FromPort, r.ToPort)
		}
		out = append(out, Violation{
			Control: NoUnrestrictedEgress,
			CIDR:    cidr,
			Problem: fmt.Sprintf("allows %s out to %s", what, cidr),
			Fix: "State only the outbound traffic the members need (e.g. tcp 443 to 0.0.0.0/0 or to a prefix list, " +
				"udp 123 for NTP). To accept allow-all egress knowingly, set allow_all_egress = true on " +
				"hardened_security_group: this weakens " + NoUnrestrictedEgress.ID + ".",
		})
	}
	return out
}
