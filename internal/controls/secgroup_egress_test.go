package controls

import (
	"strings"
	"testing"
)

// Allow-all egress is every protocol, or every TCP or UDP port, to 0.0.0.0/0 or ::/0.
func TestCheckEgressRule(t *testing.T) {
	world4, world6 := []string{"0.0.0.0/0"}, []string{"::/0"}
	for _, tc := range []struct {
		name string
		rule EgressRule
		want []string // the CIDRs reported, in order
		text string
	}{
		{"https out", EgressRule{"tcp", 443, 443, world4}, nil, ""},
		{"ntp out over IPv6", EgressRule{"udp", 123, 123, world6}, nil, ""},
		{"ephemeral range is not every port", EgressRule{"tcp", 1024, 65535, world4}, nil, ""},
		{"every port but the last", EgressRule{"tcp", 0, 65534, world4}, nil, ""},
		{"ping out", EgressRule{"icmp", -1, -1, world4}, nil, ""},
		{"one other protocol", EgressRule{"50", 0, 0, world4}, nil, ""},
		{"all traffic to the VPC", EgressRule{"-1", 0, 0, []string{"10.0.0.0/16"}}, nil, ""},
		{"all traffic to a /1", EgressRule{"-1", 0, 0, []string{"0.0.0.0/1"}}, nil, ""},
		{"no CIDR destinations (prefix lists only)", EgressRule{"-1", 0, 0, nil}, nil, ""},
		{"malformed CIDR is left to syntax checks", EgressRule{"-1", 0, 0, []string{"anywhere"}}, nil, ""},

		{"all traffic to the internet", EgressRule{"-1", 0, 0, world4}, world4,
			"allows all traffic (every protocol and port) out to 0.0.0.0/0"},
		{"all spelled out, IPv6", EgressRule{"all", 0, 0, world6}, world6, "out to ::/0"},
		{"both families", EgressRule{"-1", 0, 0, []string{"10.0.0.0/8", "0.0.0.0/0", "::/0"}},
			[]string{"0.0.0.0/0", "::/0"}, "0.0.0.0/0"},
		{"every tcp port", EgressRule{"tcp", 0, 65535, world4}, world4, "allows every tcp port (0-65535) out to 0.0.0.0/0"},
		{"every udp port from 1", EgressRule{"17", 1, 65535, world6}, world6, "every udp port (1-65535)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := CheckEgressRule(tc.rule)
			var cidrs []string
			for _, v := range got {
				if v.Control.ID != NoUnrestrictedEgress.ID {
					t.Errorf("violation of %s, want %s", v.Control.ID, NoUnrestrictedEgress.ID)
				}
				cidrs = append(cidrs, v.CIDR)
			}
			if strings.Join(cidrs, ",") != strings.Join(tc.want, ",") {
				t.Fatalf("violations for %v, want %v: %v", cidrs, tc.want, got)
			}
			if len(got) == 0 {
				return
			}
			msg := got[0].String()
			for _, want := range []string{tc.text, "[HRD-NET-006]", "allow_all_egress = true"} {
				if !strings.Contains(msg, want) {
					t.Errorf("%q does not contain %q", msg, want)
				}
			}
		})
	}
}
