package rules

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// Inline rules take their names from a table built once for the first
// sgNamedRules of each block, and build them past it: the same text either way.
func TestSGRuleNamesPastTheTable(t *testing.T) {
	for _, block := range []string{"ingress", "egress"} {
		for _, i := range []int{0, 1, sgNamedRules - 1, sgNamedRules, sgNamedRules + 7} {
			rule := sgRule{block: block, index: int32(i), names: inlineRuleNames(block, i)}
			if (rule.names != nil) != (i < sgNamedRules) {
				t.Errorf("%s[%d]: names built in advance = %v", block, i, rule.names != nil)
			}
			label := block + "[" + strconv.Itoa(i) + "]"
			if got := rule.label(nil); got != label {
				t.Errorf("label = %q, want %q", got, label)
			}
			if got, ok := rule.labelArg(nil).(string); !ok || got != label {
				t.Errorf("labelArg = %v, want %q", rule.labelArg(nil), label)
			}
			if n := testing.AllocsPerRun(10, func() { _ = rule.labelArg(nil) }); (n == 0) != (i < sgNamedRules) {
				t.Errorf("%s[%d]: labelArg allocates %v times (boxed in advance: %v)", block, i, n, i < sgNamedRules)
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
	if got := (&sgRule{}).attr("from_port"); got != "from_port" {
		t.Errorf("a rule that is its resource: attr = %q", got)
	}
	r := &plan.Resource{Address: "aws_security_group_rule.a"}
	if got := (&sgRule{names: inlineRuleNames("ingress", 0)}).labelArg(r); got != r.Address {
		t.Errorf("a rule that is its resource: labelArg = %v", got)
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
	v := func(c controls.Control, problem string) sgViolation {
		return sgViolation{id: c.ID, problem: problem}
	}
	for _, c := range []struct {
		checked []sgViolation
		want    []string // the problems of a's violations
	}{
		{nil, nil},
		{[]sgViolation{v(b, "::/0")}, nil},
		{[]sgViolation{v(a, "1"), v(a, "2"), v(b, "3")}, []string{"1", "2"}},
		{[]sgViolation{v(b, "1"), v(a, "2"), v(a, "3")}, []string{"2", "3"}},
		{[]sgViolation{v(a, "1"), v(b, "2"), v(a, "3")}, []string{"1", "3"}},
	} {
		got := (&sgRule{checked: c.checked}).violations(a.ID)
		var cidrs []string
		for _, x := range got {
			cidrs = append(cidrs, x.problem)
		}
		if !reflect.DeepEqual(cidrs, c.want) || cap(got) != len(got) {
			t.Errorf("violations of %v = %q (cap %d), want %q", c.checked, cidrs, cap(got), c.want)
		}
	}
}

// Inline rules read through the stack buffers and past them (more rules and
// sources than they hold) keep each rule's own sources, and the world and broad
// sources read from the classification at extraction are what the catalog's
// predicates keep, past 64 sources too.
func TestSGInlineRulesSourcesAndClassification(t *testing.T) {
	cidrs := []string{"0.0.0.0/0", "10.0.0.0/8", "::/0", "10.1.2.0/24", " 0.0.0.0/0", "fd00::/8", "bad"}
	var ingress string
	var want [][]string
	for i := 0; i < 12; i++ {
		var v4, v6 []string
		for j := 0; j < i%4; j++ {
			v4 = append(v4, cidrs[(i+j)%len(cidrs)])
		}
		if i%3 == 0 {
			v6 = append(v6, "::/0")
		}
		if i > 0 {
			ingress += ","
		}
		ingress += `{"protocol":"tcp","from_port":22,"to_port":22,"cidr_blocks":` + jsonList(v4) + `,"ipv6_cidr_blocks":` + jsonList(v6) + `}`
		want = append(want, append(v4, v6...))
	}
	var many []string
	for i := 0; i < 70; i++ {
		many = append(many, cidrs[i%len(cidrs)])
	}
	ingress += `,{"protocol":"-1","from_port":0,"to_port":0,"cidr_blocks":` + jsonList(many) + `}`
	want = append(want, many)
	p, err := plan.Parse([]byte(`{"format_version":"1.2","resource_changes":[{"address":"aws_security_group.a","type":"aws_security_group",` +
		`"name":"a","change":{"actions":["create"],"after":{"ingress":[` + ingress + `]},"after_unknown":{},"after_sensitive":{}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	rules := ingressRules(p.Resources[0])
	if len(rules) != len(want) {
		t.Fatalf("%d rules, want %d", len(rules), len(want))
	}
	for i, rule := range rules {
		if len(want[i]) == 0 {
			want[i] = nil
		}
		if !reflect.DeepEqual(rule.sources, want[i]) || cap(rule.sources) != len(rule.sources) {
			t.Errorf("rule %d: sources %q (cap %d), want %q", i, rule.sources, cap(rule.sources), want[i])
		}
		if got, want := rule.worldSources(), keepSources(rule.sources, controls.IsWorld); !reflect.DeepEqual(got, want) {
			t.Errorf("rule %d: world sources %q, want %q", i, got, want)
		}
		if got, want := rule.broadSources(), keepSources(rule.sources, controls.IsBroad); !reflect.DeepEqual(got, want) {
			t.Errorf("rule %d: broad sources %q, want %q", i, got, want)
		}
	}
}

func jsonList(s []string) string {
	out := "["
	for i, c := range s {
		if i > 0 {
			out += ","
		}
		out += strconv.Quote(c)
	}
	return out + "]"
}

// A group's egress and ingress blocks are read together: each direction keeps
// its own rules in order, with their own sources, past the stack buffers (more
// rules, sources and violations than they hold); ingress rules carry what the
// catalog's check says of them, egress rules nothing.
func TestSGInlineEgressAndIngress(t *testing.T) {
	block := func(n int, proto string, from, to int, cidrs ...string) (string, [][]string) {
		var out string
		var sources [][]string
		for i := 0; i < n; i++ {
			if i > 0 {
				out += ","
			}
			c := cidrs[:1+i%len(cidrs)]
			out += `{"protocol":"` + proto + `","from_port":` + strconv.Itoa(from) + `,"to_port":` + strconv.Itoa(to+i) +
				`,"cidr_blocks":` + jsonList(c) + `,"ipv6_cidr_blocks":[],"description":""}`
			sources = append(sources, c)
		}
		return "[" + out + "]", sources
	}
	egress, egressSources := block(5, "-1", 0, 0, "0.0.0.0/0", "10.0.0.0/8")
	ingress, ingressSources := block(11, "tcp", 0, 3389, "0.0.0.0/0", "::/0", "10.0.0.0/8")
	p, err := plan.Parse([]byte(`{"format_version":"1.2","resource_changes":[{"address":"aws_security_group.a","type":"aws_security_group",` +
		`"name":"a","change":{"actions":["create"],"after":{"description":"d","egress":` + egress + `,"ingress":` + ingress +
		`},"after_unknown":{},"after_sensitive":{}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	r := p.Resources[0]
	for _, c := range []struct {
		block   string
		rules   []sgRule
		sources [][]string
	}{{"egress", egressRules(r), egressSources}, {"ingress", ingressRules(r), ingressSources}} {
		if len(c.rules) != len(c.sources) {
			t.Fatalf("%s: %d rules, want %d", c.block, len(c.rules), len(c.sources))
		}
		for i, rule := range c.rules {
			if want := c.block + "[" + strconv.Itoa(i) + "]"; rule.label(r) != want || !rule.undescribed {
				t.Errorf("%s rule %d: label %q, undescribed %v; want %q, true", c.block, i, rule.label(r), rule.undescribed, want)
			}
			if !reflect.DeepEqual(rule.sources, c.sources[i]) || cap(rule.sources) != len(rule.sources) {
				t.Errorf("%s rule %d: sources %q (cap %d), want %q", c.block, i, rule.sources, cap(rule.sources), c.sources[i])
			}
			var want []sgViolation
			if c.block == "ingress" {
				for _, v := range controls.CheckIngressExposure(rule.ingress(rule.sources)) {
					want = append(want, sgViolation{v.Control.ID, v.Ports, v.Problem})
				}
			}
			if !reflect.DeepEqual(rule.checked, want) || cap(rule.checked) != len(rule.checked) {
				t.Errorf("%s rule %d: checked %+v (cap %d), want %+v", c.block, i, rule.checked, cap(rule.checked), want)
			}
		}
	}
	if n := len(ingressRules(r)[10].checked); n < 3 {
		t.Errorf("the last ingress rule has %d violations; the test wants rules past the stack buffer of violations", n)
	}

	// A group of a few rules (most groups) fits the stack buffers: its rules,
	// their sources, their violations and the pair of directions are four
	// allocations (the picked members of each element stay on the stack).
	egress = `[{"protocol":"-1","from_port":0,"to_port":0,"cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":["::/0"]}]`
	ingress = `[{"protocol":"tcp","from_port":22,"to_port":22,"cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":["::/0"]},` +
		`{"protocol":"tcp","from_port":443,"to_port":443,"cidr_blocks":["0.0.0.0/0","10.0.0.0/8"],"ipv6_cidr_blocks":[]},` +
		`{"protocol":"tcp","from_port":3389,"to_port":3389,"cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[],"description":"x"}]`
	p, err = plan.Parse([]byte(`{"format_version":"1.2","resource_changes":[{"address":"aws_security_group.a","type":"aws_security_group",` +
		`"name":"a","change":{"actions":["create"],"after":{"description":"d","egress":` + egress + `,"ingress":` + ingress +
		`},"after_unknown":{"ingress":[{"cidr_blocks":[false]},{"cidr_blocks":[false,false]}]},"after_sensitive":{}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	r = p.Resources[0]
	if got := ingressRules(r); len(got) != 3 || len(got[2].checked) == 0 {
		t.Fatalf("small group: %d ingress rules, the last with %d violations; want 3 and some", len(got), len(got[2].checked))
	}
	if n := testing.AllocsPerRun(10, func() { extractInline(r) }); n != 4 {
		t.Errorf("extracting a small group's rules allocates %v times, want 4", n)
	}
}

// blank answers as trimming the unescaped description does, whatever its
// first byte: escaped white space, non-ASCII spaces, control characters.
func TestBlankDescriptions(t *testing.T) {
	for _, tc := range []struct {
		desc  string
		blank bool
	}{
		{`"ssh"`, false}, {`""`, true}, {`"  "`, true}, {`" x "`, false}, {`"\u0020"`, true}, {`"\t\n"`, true},
		{`"\u0041"`, false}, {`"\\"`, false}, {`"\u00a0"`, true}, {"\"\u00a0x\"", false}, {"\"\u2003\"", true},
		{`"é"`, false}, {"\"\x7f\"", false}, {`null`, true}, {`1`, true},
	} {
		p, err := plan.Parse([]byte(`{"format_version":"1.2","resource_changes":[{"address":"aws_security_group_rule.a",` +
			`"type":"aws_security_group_rule","name":"a","change":{"actions":["create"],"after":{"description":` + tc.desc + `},` +
			`"after_unknown":{},"after_sensitive":{}}}]}`))
		if err != nil {
			t.Fatalf("%s: %v", tc.desc, err)
		}
		v := p.Resources[0].Attr("description")
		s, ok := v.Str()
		if want := !ok || strings.TrimSpace(s) == ""; want != tc.blank {
			t.Fatalf("%s: the table says blank %v, trimming %v", tc.desc, tc.blank, want)
		}
		if got := blank(v); got != tc.blank {
			t.Errorf("blank(%s) = %v, want %v", tc.desc, got, tc.blank)
		}
	}
}
