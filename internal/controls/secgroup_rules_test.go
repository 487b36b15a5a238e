package controls

import (
	"net/netip"
	"slices"
	"strings"
	"testing"
)

func TestNormalizeProtocol(t *testing.T) {
	for in, want := range map[string]string{
		"tcp": "tcp", "TCP": "tcp", "6": "tcp", "udp": "udp", "17": "udp", "-1": "-1", "all": "-1", "ALL": "-1",
		"icmp": "icmp", "1": "icmp", "icmpv6": "icmpv6", "58": "icmpv6", "50": "50", " tcp ": "tcp",
		"Udp": "udp", " icmpv6": "icmpv6", "-1 ": "-1", "Icmp": "icmp", "": "",
	} {
		if got := NormalizeProtocol(in); got != want {
			t.Errorf("NormalizeProtocol(%q) = %q, want %q", in, got, want)
		}
	}
}

// Every rule of the table is checked as the provider and the linter check it. A
// case lists the controls it breaks, in order, and text the first violation must contain.
func TestCheckIngressRule(t *testing.T) {
	world4, world6 := []string{"0.0.0.0/0"}, []string{"::/0"}
	web := []int{80, 443}
	for _, tc := range []struct {
		name   string
		rule   IngressRule
		public []int
		want   []string // control IDs
		text   string
	}{
		// Good rules.
		{"https from the world, declared", IngressRule{"tcp", 443, 443, world4}, web, nil, ""},
		{"https over IPv6, declared", IngressRule{"6", 443, 443, world6}, web, nil, ""},
		{"http and https, declared", IngressRule{"tcp", 80, 80, append(world4, world6...)}, web, nil, ""},
		{"ssh from an office", IngressRule{"tcp", 22, 22, []string{"203.0.113.0/24"}}, nil, nil, ""},
		{"mysql from the VPC", IngressRule{"tcp", 3306, 3306, []string{"10.0.0.0/16"}}, nil, nil, ""},
		{"every port from a /16", IngressRule{"tcp", 0, 65535, []string{"10.1.0.0/16"}}, nil, nil, ""},
		{"64 ports from a /8", IngressRule{"udp", 10000, 10063, []string{"10.0.0.0/8"}}, nil, nil, ""},
		{"all traffic from a /24", IngressRule{"-1", 0, 0, []string{"10.0.1.0/24"}}, nil, nil, ""},
		{"ping from the world", IngressRule{"icmp", -1, -1, world4}, nil, nil, ""},
		{"icmpv6 from the world", IngressRule{"58", -1, -1, world6}, nil, nil, ""},
		{"no CIDR sources (security groups only)", IngressRule{"-1", 0, 0, nil}, nil, nil, ""},
		{"ESP from the world has no ports", IngressRule{"50", 0, 0, world4}, nil, nil, ""},
		{"malformed CIDR is left to syntax checks", IngressRule{"tcp", 22, 22, []string{"everywhere"}}, nil, nil, ""},

		// Administrative and database ports from the internet, never declarable.
		{"ssh from the world", IngressRule{"tcp", 22, 22, world4}, nil, []string{"HRD-NET-002"},
			"allows tcp 22 (SSH) from 0.0.0.0/0"},
		{"ssh declared public is still refused", IngressRule{"tcp", 22, 22, world4}, []int{22}, []string{"HRD-NET-002"},
			"cannot be declared public"},
		{"mysql over IPv6", IngressRule{"tcp", 3306, 3306, world6}, nil, []string{"HRD-NET-003"},
			"allows tcp 3306 (MySQL) from ::/0"},
		{"rdp numbered protocol", IngressRule{"6", 3389, 3389, world4}, nil, []string{"HRD-NET-002"}, "3389 (RDP)"},
		{"range over two admin ports", IngressRule{"tcp", 3300, 3400, world4}, nil,
			[]string{"HRD-NET-002", "HRD-NET-005"}, "3306 (MySQL) and 3389 (RDP)"},
		{"dns over udp", IngressRule{"udp", 53, 53, world4}, []int{53}, []string{"HRD-NET-002"}, "udp 53 (DNS)"},
		{"netbios inside a range", IngressRule{"tcp", 138, 138, world4}, nil, []string{"HRD-NET-002"}, "137-139 (NetBIOS)"},
		{"both address families", IngressRule{"tcp", 5432, 5432, append(world4, world6...)}, nil,
			[]string{"HRD-NET-002", "HRD-NET-003"}, "5432 (PostgreSQL)"},
		{"mongodb second port", IngressRule{"tcp", 27018, 27018, world4}, nil, []string{"HRD-NET-002"}, "27017-27018 (MongoDB)"},

		// All protocols.
		{"all traffic from the world", IngressRule{"-1", 0, 0, world4}, web, []string{"HRD-NET-004"},
			"allows all traffic (every protocol and port) from 0.0.0.0/0"},
		{"all spelled out", IngressRule{"all", 0, 0, world6}, nil, []string{"HRD-NET-004"}, "::/0"},
		{"all traffic from a /8", IngressRule{"-1", 0, 0, []string{"10.0.0.0/8"}}, nil, []string{"HRD-NET-005"},
			"opens all traffic (every protocol, 65536 ports) to 10.0.0.0/8"},

		// Wide port ranges from broad networks.
		{"65 ports from a /8", IngressRule{"tcp", 10000, 10064, []string{"10.0.0.0/8"}}, nil, []string{"HRD-NET-005"},
			"opens 65 tcp ports (10000-10064) to 10.0.0.0/8; at most 64 ports"},
		{"ephemeral range from the world", IngressRule{"tcp", 1024, 65535, world4}, nil,
			[]string{"HRD-NET-002", "HRD-NET-005"}, "1433-1434 (MS SQL Server)"},
		{"high range from the world avoids admin ports", IngressRule{"udp", 30000, 40000, world4}, nil,
			[]string{"HRD-NET-005"}, "opens 10001 udp ports"},

		// World ingress on ports nobody declared public.
		{"https not declared", IngressRule{"tcp", 443, 443, world4}, nil, []string{"HRD-NET-008"},
			"allows tcp 443 from 0.0.0.0/0, not declared in public_ingress_ports"},
		{"range partly declared", IngressRule{"tcp", 8080, 8082, world6}, []int{8080}, []string{"HRD-NET-008"},
			"add [8081, 8082] to public_ingress_ports"},
		{"declared port in an undeclared range", IngressRule{"tcp", 8440, 8450, world4}, []int{8443}, []string{"HRD-NET-008"},
			"8440-8442 and 8444-8450"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := CheckIngressRule(tc.rule, tc.public)
			var ids []string
			for _, v := range got {
				ids = append(ids, v.Control.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tc.want, ",") {
				t.Fatalf("violations %v, want %v: %v", ids, tc.want, got)
			}
			if len(got) == 0 {
				return
			}
			msg := got[0].String()
			if !strings.Contains(msg, tc.text) {
				t.Errorf("message %q does not contain %q", msg, tc.text)
			}
			if !strings.Contains(msg, "["+got[0].Control.ID+"]") || !strings.Contains(msg, got[0].Control.Cite()) {
				t.Errorf("message %q does not cite control %s", msg, got[0].Control.ID)
			}
			for _, v := range got {
				if v.Declarable != (v.Control.ID == WorldIngressDeclaredPortsOnly.ID) {
					t.Errorf("%s: Declarable = %v", v.Control.ID, v.Declarable)
				}
			}
		})
		t.Run(tc.name+"/exposure only", func(t *testing.T) {
			// CheckIngressExposure is the same check without the declared-ports control.
			var want []string
			for _, id := range tc.want {
				if id != WorldIngressDeclaredPortsOnly.ID {
					want = append(want, id)
				}
			}
			var ids []string
			for _, v := range CheckIngressExposure(tc.rule) {
				ids = append(ids, v.Control.ID)
			}
			if strings.Join(ids, ",") != strings.Join(want, ",") {
				t.Fatalf("violations %v, want %v", ids, want)
			}
		})
	}
}

// The issue's list of ports that must never be open to the internet is covered.
func TestAdminPortsCoverIssueList(t *testing.T) {
	for _, p := range []int{20, 21, 22, 23, 25, 53, 135, 137, 138, 139, 445, 1433, 1521, 2375, 2376, 3306, 3389,
		5432, 5500, 5601, 5900, 6379, 9200, 9300, 11211, 27017, 27018} {
		if _, ok := AdminPort(p); !ok {
			t.Errorf("port %d is not an administrative or database port of the catalog", p)
		}
		if v := CheckIngressRule(IngressRule{"tcp", p, p, []string{"0.0.0.0/0"}}, []int{p}); len(v) != 1 ||
			v[0].Control.ID != NoWorldIngressAdminPortsIPv4.ID {
			t.Errorf("port %d from 0.0.0.0/0: %v", p, v)
		}
	}
	if _, ok := AdminPort(443); ok {
		t.Error("443 is not an administrative port")
	}
}

func TestCheckPublicPorts(t *testing.T) {
	if v := CheckPublicPorts([]int{80, 443, 8443}); len(v) != 0 {
		t.Errorf("web ports rejected: %v", v)
	}
	v := CheckPublicPorts([]int{443, 3306, 22, 22})
	if len(v) != 2 {
		t.Fatalf("want 22 and 3306 rejected once each, got %v", v)
	}
	if !strings.Contains(v[0].String(), "port 22 (SSH) is an administrative or database port and cannot be declared public") {
		t.Errorf("message: %s", v[0])
	}
	if !strings.Contains(v[1].String(), "port 3306 (MySQL)") {
		t.Errorf("message: %s", v[1])
	}
}

func TestIsWorldAndBroad(t *testing.T) {
	for cidr, want := range map[string][2]bool{
		"0.0.0.0/0": {true, true}, "::/0": {true, true}, "10.0.0.0/8": {false, true}, "10.0.0.0/15": {false, true},
		"10.0.0.0/16": {false, false}, "2001:db8::/32": {false, false}, "2001::/12": {false, true}, "junk": {false, false},
	} {
		if IsWorld(cidr) != want[0] || IsBroad(cidr) != want[1] {
			t.Errorf("%s: IsWorld=%v IsBroad=%v, want %v", cidr, IsWorld(cidr), IsBroad(cidr), want)
		}
	}
	for _, cidr := range []string{"0.0.0.0/0", "::/0", " 0.0.0.0/0 ", "0.0.0.0/1", "10.0.0.0/8", "10.0.0.0/16",
		"2001::/12", "fd00::/8", "10.0.0.1", "", "junk", "0.0.0.0/33", "\xff"} {
		if world, broad := ClassifySource(cidr); world != IsWorld(cidr) || broad != IsBroad(cidr) {
			t.Errorf("ClassifySource(%q) = %v, %v; IsWorld %v, IsBroad %v", cidr, world, broad, IsWorld(cidr), IsBroad(cidr))
		}
	}
}

// AppendIngressExposure appends what CheckIngressExposure returns, after
// whatever the buffer holds (the admin and wide-range checks of a source judge
// only that source's violations), and returns the buffer untouched for a rule
// it rejects.
func TestAppendIngressExposure(t *testing.T) {
	prior := Violation{Control: NoWidePortRanges, CIDR: "prior", Problem: "prior"}
	for _, r := range []IngressRule{
		{Protocol: "tcp", FromPort: 22, ToPort: 22, CIDRs: []string{"0.0.0.0/0", "::/0"}},
		{Protocol: "6", FromPort: 0, ToPort: 65535, CIDRs: []string{"10.0.0.0/8", "0.0.0.0/0", " ::/0"}},
		{Protocol: "-1", FromPort: 0, ToPort: 0, CIDRs: []string{"0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16"}},
		{Protocol: "udp", FromPort: 53, ToPort: 53, CIDRs: []string{"0.0.0.0/0"}},
		{Protocol: "tcp", FromPort: 443, ToPort: 443, CIDRs: []string{"0.0.0.0/0"}},
		{Protocol: "tcp", FromPort: 30, ToPort: 20, CIDRs: []string{"0.0.0.0/0"}},
		{Protocol: "icmp", FromPort: -1, ToPort: -1, CIDRs: []string{"0.0.0.0/0"}},
		{Protocol: "tcp", FromPort: 22, ToPort: 22},
	} {
		want := CheckIngressExposure(r)
		got := AppendIngressExposure([]Violation{prior}, r)
		if len(got) != len(want)+1 || got[0].Problem != "prior" {
			t.Fatalf("%+v: appended %d violations after the prior one, want %d", r, len(got)-1, len(want))
		}
		for i, w := range want {
			if g := got[i+1]; g.Control.ID != w.Control.ID || g.CIDR != w.CIDR || g.Problem != w.Problem || g.Fix != w.Fix ||
				!slices.Equal(g.Ports, w.Ports) || g.Declarable != w.Declarable {
				t.Errorf("%+v: violation %d = %+v, want %+v", r, i, g, w)
			}
		}
	}
}

// portText renders a catalog port as Port.String does, and a port or range with
// no service bare.
func TestPortTextMatchesPortString(t *testing.T) {
	for _, p := range append(slices.Clone(AdminPorts), Port{From: 0, To: 65535, Service: "every port"}) {
		if got, want := portText(p), p.String(); got != want {
			t.Errorf("portText(%+v) = %q, want %q", p, got, want)
		}
	}
	for _, c := range []struct {
		p    Port
		want string
	}{{Port{From: 8080, To: 8080}, "8080"}, {Port{From: 8000, To: 8010}, "8000-8010"}, {Port{From: -1, To: -1}, "-1"}} {
		if got := portText(c.p); got != c.want {
			t.Errorf("portText(%+v) = %q, want %q", c.p, got, c.want)
		}
	}
}

// The world sources most rules name are read without parsing, as parsing reads them.
func TestPrefixBitsWorldLiterals(t *testing.T) {
	for _, cidr := range []string{"0.0.0.0/0", "::/0", " 0.0.0.0/0", "0.0.0.0/00", "::0/0", "10.0.0.0/8", "fd00::/8", "0.0.0.0", "", "nonsense/0"} {
		bits, ok := prefixBits(cidr)
		p, err := netip.ParsePrefix(strings.TrimSpace(cidr))
		if ok != (err == nil) || (ok && bits != p.Bits()) {
			t.Errorf("prefixBits(%q) = %d, %v; ParsePrefix says %v, %v", cidr, bits, ok, p.Bits(), err)
		}
	}
}

// portsIn answers as PortsIn does, with the catalog's entries when they lie
// together and no room to append into the catalog.
func TestPortsInMatchesPortsIn(t *testing.T) {
	ctl := Control{Ports: []Port{{22, 22, "SSH"}, {80, 80, ""}, {3306, 3306, "MySQL"}, {3389, 3389, "RDP"}, {5432, 5432, "PostgreSQL"}}}
	for _, c := range append([]Control{NoWorldIngressAdminPortsIPv4, NoWorldIngressAdminPortsIPv6}, ctl) {
		for _, r := range [][2]int{{22, 22}, {0, 65535}, {3306, 3389}, {23, 79}, {80, 3306}, {5432, 6000}, {9000, 9000}, {30, 20}} {
			got, want := portsIn(c, r[0], r[1]), c.PortsIn(r[0], r[1])
			if !slices.Equal(got, want) {
				t.Errorf("portsIn(%d, %d) = %v, want %v", r[0], r[1], got, want)
			}
			if cap(got) != len(got) {
				t.Errorf("portsIn(%d, %d) has room to append: cap %d, len %d", r[0], r[1], cap(got), len(got))
			}
		}
	}
	noncontiguous := Control{Ports: []Port{{22, 22, "SSH"}, {9000, 9000, ""}, {23, 23, "Telnet"}}}
	if got := portsIn(noncontiguous, 22, 23); !slices.Equal(got, noncontiguous.PortsIn(22, 23)) {
		t.Errorf("ports apart: %v", got)
	}
}

// The administrative-port messages built once are the ones built per rule,
// and the check uses them only for one catalog port over TCP or UDP from
// exactly 0.0.0.0/0 (IPv4 control) or ::/0 (IPv6 control).
func TestAdminPortsProblemMatchesBuiltMessage(t *testing.T) {
	for _, tc := range []struct {
		c    Control
		v6   bool
		cidr string
	}{
		{NoWorldIngressAdminPortsIPv4, false, "0.0.0.0/0"},
		{NoWorldIngressAdminPortsIPv6, true, "::/0"},
		{NoWorldIngressAdminPortsIPv4, false, "1.2.3.4/0"}, // the world, not written as the table has it
		{NoWorldIngressAdminPortsIPv6, true, "0.0.0.0/0"},  // mismatched table
		{NoWorldIngressAdminPortsIPv4, false, "::/0"},
	} {
		for _, proto := range []string{ProtocolTCP, ProtocolUDP, "17", ProtocolAll} {
			for _, p := range tc.c.Ports {
				hit, first := portsAt(tc.c, p.From, p.To)
				if len(hit) != 1 || first < 0 || hit[0] != p {
					t.Fatalf("portsAt(%v) = %v, %d", p, hit, first)
				}
				want := "allows " + proto + " " + portText(p) + " from " + tc.cidr +
					": administrative and database ports must never be reachable from the internet"
				if got := adminPortsProblem(tc.v6, proto, hit, first, tc.cidr); got != want {
					t.Errorf("adminPortsProblem(%v, %s, %v, %s) = %q, want %q", tc.v6, proto, p, tc.cidr, got, want)
				}
			}
			// Several ports, or ports that are not the catalog's own entries.
			several, first := portsAt(tc.c, 0, 65535)
			want := buildAdminPortsProblem(proto, several, tc.cidr)
			if got := adminPortsProblem(tc.v6, proto, several, first, tc.cidr); got != want || !strings.Contains(got, " and ") {
				t.Errorf("several ports: %q, want %q", got, want)
			}
			own := []Port{{22, 22, "Secure Shell"}}
			if got := adminPortsProblem(tc.v6, proto, own, -1, tc.cidr); !strings.Contains(got, "22 (Secure Shell)") {
				t.Errorf("a port of another list: %q", got)
			}
		}
	}
	noncontiguous := Control{Ports: []Port{{22, 22, "SSH"}, {9000, 9000, ""}, {23, 23, "Telnet"}}}
	if hit, first := portsAt(noncontiguous, 22, 23); first != -1 || len(hit) != 2 {
		t.Errorf("ports apart: %v, %d", hit, first)
	}
}

// A world rule's admin-port violation reads the message built once.
func TestCheckIngressExposureAdminPortMessage(t *testing.T) {
	for _, tc := range []struct{ proto, cidr, want string }{
		{"tcp", "0.0.0.0/0", "allows tcp 22 (SSH) from 0.0.0.0/0: administrative and database ports must never be reachable from the internet"},
		{"6", " ::/0 ", "allows tcp 22 (SSH) from ::/0: administrative and database ports must never be reachable from the internet"},
		{"udp", "0.0.0.0/0", "allows udp 22 (SSH) from 0.0.0.0/0: administrative and database ports must never be reachable from the internet"},
	} {
		vs := CheckIngressExposure(IngressRule{Protocol: tc.proto, FromPort: 22, ToPort: 22, CIDRs: []string{tc.cidr}})
		if len(vs) != 1 || vs[0].Problem != tc.want {
			t.Errorf("%s %q: %+v, want one violation %q", tc.proto, tc.cidr, vs, tc.want)
		}
	}
}
