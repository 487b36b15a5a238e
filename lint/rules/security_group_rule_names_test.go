package rules

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// Inline rules take their names from a table built once for the first
// sgNamedRules of each block, and build them past it: the same text either way.
func TestSGRuleNamesPastTheTable(t *testing.T) {
	for _, block := range []string{"ingress", "egress"} {
		for _, i := range []int{0, 1, sgNamedRules - 1, sgNamedRules, sgNamedRules + 7} {
			rule := sgRule{block: block, index: i, names: inlineRuleNames(block, i)}
			if (rule.names != nil) != (i < sgNamedRules) {
				t.Errorf("%s[%d]: names built in advance = %v", block, i, rule.names != nil)
			}
			label := block + "[" + strconv.Itoa(i) + "]"
			if got := rule.label(nil); got != label {
				t.Errorf("label = %q, want %q", got, label)
			}
			for _, f := range append(sgRuleFields[:], "self") {
				if got, want := rule.attr(f), label+"."+f; got != want {
					t.Errorf("attr(%q) = %q, want %q", f, got, want)
				}
			}
		}
	}
	if inlineRuleNames("ingress", -1) != nil || inlineRuleNames("", 0) != nil {
		t.Error("names for a rule that is no inline block")
	}
	if got := (sgRule{}).attr("from_port"); got != "from_port" {
		t.Errorf("a rule that is its resource: attr = %q", got)
	}
}

// keepSources and violations hand back the rule's own slices only when they
// filter nothing out; otherwise a copy holds the kept ones in order.
func TestSGRuleFilters(t *testing.T) {
	world := func(c string) bool { return c == "0.0.0.0/0" || c == "::/0" }
	for _, c := range []struct{ in, want []string }{
		{nil, nil},
		{[]string{}, nil},
		{[]string{"10.0.0.0/8"}, nil},
		{[]string{"0.0.0.0/0"}, []string{"0.0.0.0/0"}},
		{[]string{"10.0.0.0/8", "0.0.0.0/0"}, []string{"0.0.0.0/0"}},
		{[]string{"0.0.0.0/0", "10.0.0.0/8", "::/0"}, []string{"0.0.0.0/0", "::/0"}},
		{[]string{"0.0.0.0/0", "::/0"}, []string{"0.0.0.0/0", "::/0"}},
	} {
		if got := keepSources(c.in, world); !reflect.DeepEqual(got, c.want) {
			t.Errorf("keepSources(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	all := []string{"0.0.0.0/0", "::/0"}
	kept := keepSources(all, world)
	if cap(kept) != len(kept) {
		t.Errorf("the rule's own slice is handed back with room to append into it: cap %d, len %d", cap(kept), len(kept))
	}

	a, b := controls.NoWorldIngressAdminPortsIPv4, controls.NoWorldIngressAdminPortsIPv6
	v := func(c controls.Control, cidr string) controls.Violation {
		return controls.Violation{Control: c, CIDR: cidr}
	}
	for _, c := range []struct {
		checked []controls.Violation
		want    []string // the CIDRs of a's violations
	}{
		{nil, nil},
		{[]controls.Violation{v(b, "::/0")}, nil},
		{[]controls.Violation{v(a, "1"), v(a, "2"), v(b, "3")}, []string{"1", "2"}},
		{[]controls.Violation{v(b, "1"), v(a, "2"), v(a, "3")}, []string{"2", "3"}},
		{[]controls.Violation{v(a, "1"), v(b, "2"), v(a, "3")}, []string{"1", "3"}},
	} {
		got := sgRule{checked: c.checked}.violations(a)
		var cidrs []string
		for _, x := range got {
			cidrs = append(cidrs, x.CIDR)
		}
		if !reflect.DeepEqual(cidrs, c.want) || cap(got) != len(got) {
			t.Errorf("violations of %v = %q (cap %d), want %q", c.checked, cidrs, cap(got), c.want)
		}
	}
}
