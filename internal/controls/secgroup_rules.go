package controls

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Protocol names AWS reports for the protocol numbers it names.
const (
	ProtocolAll    = "-1"
	ProtocolTCP    = "tcp"
	ProtocolUDP    = "udp"
	ProtocolICMP   = "icmp"
	ProtocolICMPv6 = "icmpv6"
)

// NormalizeProtocol returns the form AWS reports a security group rule's protocol in:
// "tcp", "udp", "icmp", "icmpv6" for those protocols whether named or numbered (6, 17,
// 1, 58), "-1" for all protocols ("-1" or "all"), and any other protocol number as
// written. Names are case-insensitive.
func NormalizeProtocol(p string) string {
	switch p {
	case ProtocolAll, ProtocolTCP, ProtocolUDP, ProtocolICMP, ProtocolICMPv6:
		return p // already normalized (most plans, and every second call)
	}
	switch s := strings.ToLower(strings.TrimSpace(p)); s {
	case "-1", "all":
		return ProtocolAll
	case "tcp", "6":
		return ProtocolTCP
	case "udp", "17":
		return ProtocolUDP
	case "icmp", "1":
		return ProtocolICMP
	case "icmpv6", "58":
		return ProtocolICMPv6
	default:
		return s
	}
}

// ProtocolHasPorts reports whether a (normalized) protocol's rules carry a port range:
// TCP and UDP ports, or the ICMP type and code. Every other protocol's rules ignore
// from_port and to_port.
func ProtocolHasPorts(normalized string) bool {
	switch normalized {
	case ProtocolTCP, ProtocolUDP, ProtocolICMP, ProtocolICMPv6:
		return true
	}
	return false
}

// IsWorld reports whether a CIDR is the whole IPv4 or IPv6 internet (a /0).
func IsWorld(cidr string) bool {
	bits, ok := prefixBits(cidr)
	return ok && bits == 0
}

// ClassifySource is IsWorld and IsBroad of one CIDR, read with one parse.
func ClassifySource(cidr string) (world, broad bool) {
	bits, ok := prefixBits(cidr)
	return ok && bits == 0, ok && bits < WidePortRangeBroadestPrefix
}

// prefixBits is a CIDR's prefix length; ok is false for anything but a CIDR.
func prefixBits(cidr string) (bits int, ok bool) {
	switch cidr {
	case "0.0.0.0/0", "::/0": // the internet, in most rules that name it
		return 0, true
	}
	p, err := netip.ParsePrefix(strings.TrimSpace(cidr))
	return p.Bits(), err == nil
}

// IsBroad reports whether a CIDR is broader (a shorter prefix) than
// WidePortRangeBroadestPrefix, the sources NoWidePortRanges applies to.
func IsBroad(cidr string) bool {
	bits, ok := prefixBits(cidr)
	return ok && bits < WidePortRangeBroadestPrefix
}

// AdminPort returns the catalog's administrative or database port entry containing
// port, if any.
func AdminPort(port int) (Port, bool) {
	for _, p := range AdminPorts {
		if p.From <= port && port <= p.To {
			return p, true
		}
	}
	return Port{}, false
}

// IngressRule is one ingress rule as configured, with no Terraform or AWS types: the
// provider and the linter both check rules through CheckIngressRule.
type IngressRule struct {
	// Protocol as written: "tcp", "6", "udp", "-1", "all", "icmp", a protocol number...
	Protocol string
	// FromPort and ToPort are the inclusive port range (the ICMP type and code for ICMP).
	FromPort, ToPort int
	// CIDRs are the rule's IPv4 and IPv6 sources. Security-group and prefix-list
	// sources are not checked: they name networks the owner controls.
	CIDRs []string
}

// Violation is one way a rule breaks a control.
type Violation struct {
	Control Control
	// CIDR is the source the violation is about.
	CIDR string
	// Ports are the catalog entries of the administrative or database ports the rule
	// exposes (NoWorldIngressAdminPorts*), or the undeclared ports (WorldIngressDeclaredPortsOnly).
	Ports []Port
	// Declarable is true when declaring the ports public (public_ingress_ports) would
	// satisfy the control; it is never true for administrative or database ports.
	Declarable bool
	// Problem says what the rule does, e.g. "allows 22 (SSH) from 0.0.0.0/0".
	Problem string
	// Fix says how to correct the rule.
	Fix string
}

// String is "<problem> (<citation>) [<ID>]. <fix>".
func (v Violation) String() string {
	return fmt.Sprintf("%s (%s) [%s]. %s", v.Problem, v.Control.Cite(), v.Control.ID, v.Fix)
}

// CheckIngressRule returns every control an ingress rule breaks; none for a good rule.
// publicPorts are the ports the owner declared open to the internet (nil when none);
// they never excuse an administrative or database port. Malformed CIDRs and ports
// are ignored here: they are the caller's syntax errors, not security findings.
func CheckIngressRule(r IngressRule, publicPorts []int) []Violation {
	return checkIngress(nil, r, publicPorts, true)
}

// CheckIngressExposure returns the violations no public_ingress_ports declaration
// can excuse: every control CheckIngressRule checks but WorldIngressDeclaredPortsOnly.
// The plan linter uses it, since an aws_security_group carries no declaration.
func CheckIngressExposure(r IngressRule) []Violation {
	return checkIngress(nil, r, nil, false)
}

// AppendIngressExposure is CheckIngressExposure appending to out, for callers
// that check many rules and gather the violations in a buffer of their own.
func AppendIngressExposure(out []Violation, r IngressRule) []Violation {
	return checkIngress(out, r, nil, false)
}

// checkIngress appends r's violations to out (messages are built by
// concatenation: rules are checked by the thousand).
func checkIngress(out []Violation, r IngressRule, publicPorts []int, declared bool) []Violation {
	proto := NormalizeProtocol(r.Protocol)
	from, to := r.FromPort, r.ToPort
	portRule := proto == ProtocolTCP || proto == ProtocolUDP
	if portRule && (from > to || from < 0 || to > 65535) {
		return out
	}
	for _, cidr := range r.CIDRs {
		cidr = strings.TrimSpace(cidr)
		bits, ok := prefixBits(cidr) // parsed once for both questions
		world, broad := ok && bits == 0, ok && bits < WidePortRangeBroadestPrefix
		switch {
		case proto == ProtocolAll && world:
			out = append(out, Violation{
				Control: NoWorldIngressAllProtocols,
				CIDR:    cidr,
				Problem: "allows all traffic (every protocol and port) from " + cidr,
				Fix: "Allow only the protocols and ports the service needs (e.g. tcp 443); all-protocol rules from " +
					"the internet cannot be declared public.",
			})
		case proto == ProtocolAll && broad:
			out = append(out, wideRange(cidr, "all traffic (every protocol, 65536 ports)"))
		case portRule:
			out = checkPortRule(out, proto, from, to, cidr, world, broad, publicPorts, declared)
		}
	}
	return out
}

// checkPortRule appends to out the violations of a TCP or UDP rule from one source.
func checkPortRule(out []Violation, proto string, from, to int, cidr string, world, broad bool, publicPorts []int, declared bool) []Violation {
	start := len(out)
	if world {
		c, v6 := NoWorldIngressAdminPortsIPv4, strings.Contains(cidr, ":")
		if v6 {
			c = NoWorldIngressAdminPortsIPv6
		}
		if hit, first := portsAt(c, from, to); len(hit) > 0 {
			out = append(out, Violation{
				Control: c,
				CIDR:    cidr,
				Ports:   hit,
				Problem: adminPortsProblem(v6, proto, hit, first, cidr),
				Fix: "Restrict the rule to known CIDRs or security groups, or reach the hosts through SSM Session " +
					"Manager or a VPN. Administrative and database ports cannot be declared public: " +
					"public_ingress_ports does not accept them.",
			})
		}
	}
	n := to - from + 1
	if broad && NoWidePortRanges.Threshold.Violated(int64(n)) {
		out = append(out, wideRange(cidr, strconv.Itoa(n)+" "+proto+" ports ("+strconv.Itoa(from)+"-"+strconv.Itoa(to)+")"))
	}
	if declared && world && len(out) == start {
		var undeclared []Port
		for p := from; p <= to; p++ {
			if !slices.Contains(publicPorts, p) {
				undeclared = appendPort(undeclared, p)
			}
		}
		if len(undeclared) > 0 {
			out = append(out, Violation{
				Control:    WorldIngressDeclaredPortsOnly,
				CIDR:       cidr,
				Ports:      undeclared,
				Declarable: true,
				Problem: "allows " + proto + " " + joinPorts(undeclared) + " from " + cidr + ", not declared in " +
					"public_ingress_ports",
				Fix: "If the service is meant to be public, add " + portList(undeclared) + " to public_ingress_ports; " +
					"otherwise restrict the rule to known CIDRs or security groups.",
			})
		}
	}
	return out
}

// adminPortsProblem says that a rule exposes the administrative ports hit
// (of c's ports, from c.Ports[first] when first >= 0) to cidr. The messages of
// one catalog port opened over TCP or UDP to the whole internet (most
// violations) are built once (commonAdminProblems).
func adminPortsProblem(v6 bool, proto string, hit []Port, first int, cidr string) string {
	if len(hit) == 1 && first >= 0 {
		m := &commonAdminProblems[0]
		if v6 {
			m = &commonAdminProblems[1]
		}
		if cidr == m.cidr && first < len(m.tcp) {
			switch proto {
			case ProtocolTCP:
				return m.tcp[first]
			case ProtocolUDP:
				return m.udp[first]
			}
		}
	}
	return buildAdminPortsProblem(proto, hit, cidr)
}

func buildAdminPortsProblem(proto string, hit []Port, cidr string) string {
	return "allows " + proto + " " + joinPorts(hit) + " from " + cidr + ": administrative and database " +
		"ports must never be reachable from the internet"
}

// adminProblems are the messages of each of an administrative ports
// control's ports (in the order of its Ports) opened over TCP or UDP to cidr.
type adminProblems struct {
	cidr     string
	tcp, udp []string
}

// commonAdminProblems are adminProblems of NoWorldIngressAdminPortsIPv4 from
// 0.0.0.0/0 and of NoWorldIngressAdminPortsIPv6 from ::/0.
var commonAdminProblems = [2]adminProblems{
	buildAdminProblems(NoWorldIngressAdminPortsIPv4.Ports, "0.0.0.0/0"),
	buildAdminProblems(NoWorldIngressAdminPortsIPv6.Ports, "::/0"),
}

func buildAdminProblems(ports []Port, cidr string) adminProblems {
	m := adminProblems{cidr: cidr}
	for _, p := range ports {
		m.tcp = append(m.tcp, buildAdminPortsProblem(ProtocolTCP, []Port{p}, cidr))
		m.udp = append(m.udp, buildAdminPortsProblem(ProtocolUDP, []Port{p}, cidr))
	}
	return m
}

// portsIn is c.PortsIn without a copy when the ports hit lie together in
// c.Ports (one port, most often): the catalog's own entries, capped so that an
// append cannot write into the catalog.
func portsIn(c Control, from, to int) []Port {
	hit, _ := portsAt(c, from, to)
	return hit
}

// portsAt is portsIn that also tells where the ports hit start in c.Ports
// (-1 when they are a copy).
func portsAt(c Control, from, to int) (hit []Port, first int) {
	first, n := -1, 0
	for i, p := range c.Ports {
		if p.From <= to && from <= p.To {
			if first < 0 {
				first = i
			} else if i != first+n {
				return c.PortsIn(from, to), -1
			}
			n++
		}
	}
	if n == 0 {
		return nil, -1
	}
	return c.Ports[first : first+n : first+n], first
}

func wideRange(cidr, what string) Violation {
	return Violation{
		Control: NoWidePortRanges,
		CIDR:    cidr,
		Problem: "opens " + what + " to " + cidr + wideRangeLimit,
		Fix:     wideRangeFix,
	}
}

// wideRangeLimit and wideRangeFix are the fixed parts of wideRange's
// violations, built once.
var (
	wideRangeLimit = "; " + NoWidePortRanges.Threshold.String() +
		" ports per rule may be opened to networks broader than /" + strconv.Itoa(WidePortRangeBroadestPrefix)
	wideRangeFix = "Split the rule into the specific ports the service listens on, or narrow the source to /" +
		strconv.Itoa(WidePortRangeBroadestPrefix) + " or longer."
)

// CheckPublicPorts rejects declared public ports that are administrative or database
// ports: declaring them would open them to the internet.
func CheckPublicPorts(ports []int) []Violation {
	var out []Violation
	sorted := slices.Clone(ports)
	sort.Ints(sorted)
	for _, p := range slices.Compact(sorted) {
		ap, ok := AdminPort(p)
		if !ok {
			continue
		}
		out = append(out, Violation{
			Control: NoWorldIngressAdminPortsIPv4,
			Ports:   []Port{ap},
			Problem: fmt.Sprintf("port %d (%s) is an administrative or database port and cannot be declared public",
				p, ap.Service),
			Fix: "Remove it from public_ingress_ports and reach the service through known CIDRs, security groups, " +
				"SSM Session Manager or a VPN.",
		})
	}
	return out
}

// appendPort adds port p to a sorted run of undeclared ports, merging neighbours.
func appendPort(ps []Port, p int) []Port {
	if n := len(ps); n > 0 && ps[n-1].To == p-1 {
		ps[n-1].To = p
		return ps
	}
	return append(ps, Port{From: p, To: p})
}

// joinPorts renders "22 (SSH)", "3306 (MySQL) and 3389 (RDP)", "8080" or "8000-8010".
func joinPorts(ps []Port) string {
	if len(ps) == 1 {
		return portText(ps[0])
	}
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = portText(p)
	}
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// portList renders ports as HCL list items, e.g. "8080, 8081".
func portList(ps []Port) string {
	var parts []string
	for _, p := range ps {
		for i := p.From; i <= p.To && len(parts) < 8; i++ {
			parts = append(parts, strconv.Itoa(i))
		}
	}
	if total := countPorts(ps); total > len(parts) {
		return fmt.Sprintf("the %d ports (%s, ...)", total, strings.Join(parts, ", "))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func countPorts(ps []Port) int {
	n := 0
	for _, p := range ps {
		n += p.To - p.From + 1
	}
	return n
}

// portText is Port.String, or the bare port or range for a port with no service.
func portText(p Port) string {
	var buf [64]byte
	b := strconv.AppendInt(buf[:0], int64(p.From), 10)
	if p.From != p.To {
		b = strconv.AppendInt(append(b, '-'), int64(p.To), 10)
	}
	if p.Service != "" {
		b = append(append(append(b, " ("...), p.Service...), ')')
	}
	return string(b)
}
