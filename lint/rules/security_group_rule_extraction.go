package rules

import (
	"strconv"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

var sgEgressTypes = []string{"aws_security_group", "aws_default_security_group", "aws_security_group_rule", "aws_vpc_security_group_egress_rule"}

// sgRule is one ingress or egress rule, whichever resource type expressed it:
// an inline block of aws_security_group / aws_default_security_group, an
// aws_security_group_rule, or an aws_vpc_security_group_ingress/egress_rule.
type sgRule struct {
	// block and index name an inline rule for messages ("ingress", 0 is
	// "ingress[0]"); block is "" when the rule is the resource itself.
	block string
	// names holds the label and attribute paths of an inline rule among the
	// first few of its block, built once for every group (nil otherwise).
	names    *sgRuleNames
	protocol string // normalised: "tcp", "udp", "icmp", "icmpv6", "-1" (all) or a number
	from, to int64
	// sources are the CIDRs (IPv4 and IPv6).
	sources []string
	// checked is what controls.CheckIngressExposure says of the rule's known
	// values, computed once at extraction (three rules ask for it, per control).
	checked []sgViolation
	// world and broad have bit i set when sources[i] is the internet
	// (controls.IsWorld) or broader than the catalog's limit (controls.IsBroad),
	// read once at extraction (classify) for a rule of 64 sources at most.
	world, broad uint64
	// index is the rule's position in its block (an int32: the rule fits 128
	// bytes, a size class of its own).
	index int32
	// portsUnknown: the ports are computed during apply; sourcesUnknown: some
	// sources are.
	portsUnknown, sourcesUnknown bool
	protoUnknown                 bool
	// undescribed: the rule's description is unset or blank (not computed).
	undescribed bool
}

// sgViolation is what the rules read of a controls.Violation of a rule: its
// control's ID, the ports and the problem (a Violation, with its whole
// control and fix, is four times larger, and rules are read by the thousand).
type sgViolation struct {
	id      string
	ports   []controls.Port
	problem string
}

// sgRuleTypes are the resource types that carry security group rules.
var sgRuleTypes = []string{"aws_security_group", "aws_default_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"}

// ingressRules extracts the ingress rules of a resource, once per resource
// however many rules ask.
func ingressRules(r *plan.Resource) []sgRule {
	if hasInlineRules(r) {
		return inlineRules(r).ingress
	}
	rules, _ := r.Memo("ingress-rules", func() any { return standaloneRules(r, "ingress") }).([]sgRule)
	return rules
}

// egressRules is ingressRules for egress.
func egressRules(r *plan.Resource) []sgRule {
	if hasInlineRules(r) {
		return inlineRules(r).egress
	}
	rules, _ := r.Memo("egress-rules", func() any { return standaloneRules(r, "egress") }).([]sgRule)
	return rules
}

// hasInlineRules reports a resource whose rules are blocks of its own.
func hasInlineRules(r *plan.Resource) bool {
	return r.Type == "aws_security_group" || r.Type == "aws_default_security_group"
}

// sgInline are the ingress and egress blocks of an aws_security_group or
// aws_default_security_group, extracted together (the rules that read one
// direction of a group mostly read the other too).
type sgInline struct{ ingress, egress []sgRule }

// noInline is a group with no rules.
var noInline = &sgInline{}

func inlineRules(r *plan.Resource) *sgInline {
	if s, ok := r.Memo("inline-rules", func() any { return extractInline(r) }).(*sgInline); ok {
		return s
	}
	return noInline
}

// extractInline reads a group's egress, then ingress, blocks (their order in
// the plan), classifying each rule's sources and checking each ingress rule
// as it goes. The rules, their sources and their violations gather on the
// stack, then move to the heap in one piece each: most groups have a few
// rules with a CIDR or two.
func extractInline(r *plan.Resource) *sgInline {
	var ruleBuf [8]sgRule
	var sourceBuf [16]string
	var checkedBuf [8]sgViolation
	var boundBuf [8][4]int               // where each rule's sources and violations lie in sources and checked
	var violations [4]controls.Violation // a rule's, most often one or two
	rules, sources, checked, bounds := ruleBuf[:0], sourceBuf[:0], checkedBuf[:0], boundBuf[:0]
	egress := 0
	var f [len(ruleFields)]plan.Value
	for _, block := range [...]string{"egress", "ingress"} {
		for it := r.PickAttrKeys(block, ruleKeys); it.NextInto(f[:]); {
			s0, c0 := len(sources), len(checked)
			rules = append(rules, sgRule{}) // read in place: a rule is 128 bytes
			rule := &rules[len(rules)-1]
			sources = rule.read(f[:], block, it.Index(), sources)
			rule.classify(sources[s0:])
			if block == "ingress" && len(sources) > s0 {
				for _, v := range controls.AppendIngressExposure(violations[:0], rule.ingress(sources[s0:])) {
					checked = append(checked, sgViolation{v.Control.ID, v.Ports, v.Problem})
				}
			}
			bounds = append(bounds, [4]int{s0, len(sources), c0, len(checked)})
		}
		if block == "egress" {
			egress = len(rules)
		}
	}
	if len(rules) == 0 {
		return noInline
	}
	out := make([]sgRule, len(rules))
	copy(out, rules)
	var heldSources []string
	if len(sources) > 0 {
		heldSources = make([]string, len(sources))
		copy(heldSources, sources)
	}
	var heldChecked []sgViolation
	if len(checked) > 0 {
		heldChecked = make([]sgViolation, len(checked))
		copy(heldChecked, checked)
	}
	for i, b := range bounds {
		if b[0] < b[1] {
			out[i].sources = heldSources[b[0]:b[1]:b[1]]
		}
		if b[2] < b[3] {
			out[i].checked = heldChecked[b[2]:b[3]:b[3]]
		}
	}
	return &sgInline{ingress: out[egress:], egress: out[:egress:egress]}
}

// ingress is the rule as the catalog's check reads it, from sources.
func (s *sgRule) ingress(sources []string) controls.IngressRule {
	return controls.IngressRule{Protocol: s.protocol, FromPort: int(s.from), ToPort: int(s.to), CIDRs: sources}
}

// standaloneRules extracts the rule of an aws_security_group_rule or
// aws_vpc_security_group_ingress/egress_rule in direction ("ingress" or
// "egress"), if it is one. An aws_security_group_rule whose type is computed
// during apply counts as ingress, the direction the exposure rules must not miss.
func standaloneRules(r *plan.Resource, direction string) []sgRule {
	var rule sgRule
	switch r.Type {
	case "aws_security_group_rule":
		if t, ok := r.Attr("type").Str(); (ok && t != direction) || (!ok && direction != "ingress") {
			return nil
		}
		rule = blockRule(r.Root(), "", 0)
	case "aws_vpc_security_group_" + direction + "_rule":
		rule = vpcRule(r)
	default:
		return nil
	}
	rule.classify(rule.sources)
	if direction == "ingress" && len(rule.sources) > 0 {
		var violations [4]controls.Violation
		if vs := controls.AppendIngressExposure(violations[:0], rule.ingress(rule.sources)); len(vs) > 0 {
			rule.checked = make([]sgViolation, len(vs))
			for i, v := range vs {
				rule.checked[i] = sgViolation{v.Control.ID, v.Ports, v.Problem}
			}
		}
	}
	return []sgRule{rule}
}

// classify reads which of the rule's sources are the world or broad, for
// worldSources and broadSources. Every extracted rule is classified: the bits
// hold every source of a rule of 64 sources at most (classified).
func (s *sgRule) classify(sources []string) {
	if len(sources) > 64 {
		return
	}
	for i, c := range sources {
		world, broad := controls.ClassifySource(c)
		if world {
			s.world |= 1 << i
		}
		if broad {
			s.broad |= 1 << i
		}
	}
}

// classified reports that world and broad hold every source of the rule.
func (s *sgRule) classified() bool { return len(s.sources) <= 64 }

// blockRule reads the inline-block / aws_security_group_rule shape.
func blockRule(v plan.Value, block string, index int) sgRule {
	var f [len(ruleFields)]plan.Value
	v.PickInto(f[:], ruleFields[:]...)
	rule, sources := ruleFrom(f[:], block, index, nil)
	rule.sources = sources
	return rule
}

// ruleFields are the members of an inline rule block (or aws_security_group_rule) rules read.
var ruleFields = [...]string{"protocol", "from_port", "to_port", "cidr_blocks", "ipv6_cidr_blocks", "description"}

// ruleKeys are ruleFields arranged for picking every rule of a block.
var ruleKeys = plan.NewKeys(ruleFields[:]...)

// ruleFrom builds a rule from its ruleFields values, appending its sources to
// sources (the caller gives the rule its part of them).
func ruleFrom(f []plan.Value, block string, index int, sources []string) (sgRule, []string) {
	var rule sgRule
	sources = rule.read(f, block, index, sources)
	return rule, sources
}

// read is ruleFrom into s, a zero rule.
func (s *sgRule) read(f []plan.Value, block string, index int, sources []string) []string {
	s.block, s.index, s.names = block, int32(index), inlineRuleNames(block, index)
	s.undescribed = blank(f[5])
	proto := &f[0]
	s.protoUnknown = proto.Unknown()
	if p, ok := proto.Str(); ok {
		s.protocol = normalizeProtocol(p)
	}
	from, to := &f[1], &f[2]
	s.portsUnknown = from.Unknown() || to.Unknown()
	s.from, _ = from.Int()
	s.to, _ = to.Int()
	for i := 3; i < 5; i++ {
		var unknown bool
		sources, unknown = f[i].AppendStrings(sources)
		s.sourcesUnknown = s.sourcesUnknown || unknown
	}
	return sources
}

func vpcRule(r *plan.Resource) sgRule {
	rule := sgRule{undescribed: blank(r.Attr("description"))}
	proto := r.Attr("ip_protocol")
	rule.protoUnknown = proto.Unknown()
	if s, ok := proto.Str(); ok {
		rule.protocol = normalizeProtocol(s)
	}
	from, to := r.Attr("from_port"), r.Attr("to_port")
	rule.portsUnknown = from.Unknown() || to.Unknown()
	rule.from, _ = from.Int()
	rule.to, _ = to.Int()
	for _, attr := range []string{"cidr_ipv4", "cidr_ipv6"} {
		v := r.Attr(attr)
		if v.Unknown() {
			rule.sourcesUnknown = true
		} else if s, ok := v.Str(); ok && s != "" {
			rule.sources = append(rule.sources, s)
		}
	}
	return rule
}

func normalizeProtocol(p string) string { return controls.NormalizeProtocol(p) }

// violations are the violations of the control with ID id among what the
// catalog's shared rule check (the function hardened_security_group validates
// with) says of the rule's known values. The result is read, never appended
// to: when the control's violations lie together in s.checked (they do: the
// check lists them control by control), it is that part of s.checked, without
// a copy.
func (s *sgRule) violations(id string) []sgViolation {
	first, last, n := -1, -1, 0
	for i := range s.checked {
		if s.checked[i].id == id {
			if first < 0 {
				first = i
			}
			last = i
			n++
		}
	}
	if n == 0 {
		return nil
	}
	if last-first+1 == n {
		return s.checked[first : last+1 : last+1]
	}
	out := make([]sgViolation, 0, n)
	for _, v := range s.checked {
		if v.id == id {
			out = append(out, v)
		}
	}
	return out
}

// allProtocols reports a rule that allows every protocol and port.
func (s *sgRule) allProtocols() bool { return s.protocol == "-1" }

// portRange is the rule's port range; all protocols mean every port.
func (s *sgRule) portRange() (int64, int64, bool) {
	switch s.protocol {
	case "-1":
		return 0, 65535, true
	case "tcp", "udp":
		from, to := s.from, s.to
		if from > to {
			from, to = to, from
		}
		return from, to, true
	}
	return 0, 0, false // ICMP and other protocols have no ports
}

func (s *sgRule) label(r *plan.Resource) string {
	if s.block == "" {
		return r.Address
	}
	if s.names != nil {
		return s.names.label
	}
	return s.block + "[" + strconv.Itoa(int(s.index)) + "]"
}

// labelArg is label as a message argument (%s), boxed once for the rules
// whose names are built in advance.
func (s *sgRule) labelArg(r *plan.Resource) any {
	if s.block != "" && s.names != nil {
		return s.names.labelArg
	}
	return s.label(r)
}

func (s *sgRule) attr(field string) string {
	if s.block == "" {
		return field
	}
	if s.names != nil {
		for i, f := range sgRuleFields {
			if f == field {
				return s.names.attrs[i]
			}
		}
	}
	return s.label(nil) + "." + field
}

// sgRuleFields are the attributes findings about an inline rule name.
var sgRuleFields = [...]string{"protocol", "from_port", "to_port", "cidr_blocks", "description"}

// sgRuleNames are an inline rule's label ("ingress[0]") and its attributes'
// paths ("ingress[0].cidr_blocks", in sgRuleFields' order): built once for the
// first rules of each block, not for every finding.
type sgRuleNames struct {
	label string
	// labelArg is label as a message argument: boxed once, not per finding.
	labelArg any
	attrs    [len(sgRuleFields)]string
}

// sgNamedRules is how many rules of a block have their names built in advance;
// groups rarely have more.
const sgNamedRules = 16

var sgIngressNames, sgEgressNames = buildRuleNames("ingress"), buildRuleNames("egress")

func buildRuleNames(block string) *[sgNamedRules]sgRuleNames {
	var names [sgNamedRules]sgRuleNames
	for i := range names {
		names[i].label = block + "[" + strconv.Itoa(i) + "]"
		names[i].labelArg = names[i].label
		for j, f := range sgRuleFields {
			names[i].attrs[j] = names[i].label + "." + f
		}
	}
	return &names
}

// inlineRuleNames returns the names built in advance for an inline rule, or nil.
func inlineRuleNames(block string, index int) *sgRuleNames {
	if index < 0 || index >= sgNamedRules {
		return nil
	}
	switch block {
	case "ingress":
		return &sgIngressNames[index]
	case "egress":
		return &sgEgressNames[index]
	}
	return nil
}

// blank reports a description that is unset or only white space (a value
// computed during apply is not blank).
func blank(v plan.Value) bool {
	// A string that starts with a printable ASCII byte other than a
	// backslash (an escape may be white space) is not blank, unescaped or not.
	if t, ok := v.Text(); ok && t != "" && t[0] > ' ' && t[0] < 0x80 && t[0] != '\\' {
		return false
	}
	s, ok := v.Str()
	return !v.Unknown() && (!ok || strings.TrimSpace(s) == "")
}

// worldSources returns the sources that are the whole internet (0.0.0.0/0, ::/0).
func (s *sgRule) worldSources() []string {
	if s.classified() {
		return pickSources(s.sources, s.world)
	}
	return keepSources(s.sources, controls.IsWorld)
}

// broadSources returns the sources broader than the catalog's limit, the world included.
func (s *sgRule) broadSources() []string {
	if s.classified() {
		return pickSources(s.sources, s.broad)
	}
	return keepSources(s.sources, controls.IsBroad)
}

// pickSources is keepSources for the sources whose bits are set in mask.
func pickSources(sources []string, mask uint64) []string {
	if mask == 0 {
		return nil
	}
	if n := len(sources); mask == 1<<n-1 {
		return sources[:n:n]
	}
	var out []string
	for i, c := range sources {
		if mask&(1<<i) != 0 {
			out = append(out, c)
		}
	}
	return out
}

// keepSources returns the sources keep accepts, nil for none. The result is
// read, never appended to: when keep accepts every source (a rule's one CIDR,
// most often), it is sources itself, without a copy.
func keepSources(sources []string, keep func(string) bool) []string {
	for i, c := range sources {
		if keep(c) {
			continue
		}
		var out []string
		if i > 0 {
			out = append(out, sources[:i]...)
		}
		for _, c := range sources[i+1:] {
			if keep(c) {
				out = append(out, c)
			}
		}
		return out
	}
	if len(sources) == 0 {
		return nil
	}
	return sources[:len(sources):len(sources)]
}
