package provider

// Rules of hardened_security_group: the ingress/egress block model, its validation
// at plan time, and the translation between blocks and AWS's rules (one per source).

import (
	"context"
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// sgRuleModel is one ingress or egress block.
type sgRuleModel struct {
	Protocol       types.String `tfsdk:"protocol"`
	FromPort       types.Int64  `tfsdk:"from_port"`
	ToPort         types.Int64  `tfsdk:"to_port"`
	CIDRBlocks     types.Set    `tfsdk:"cidr_blocks"`
	IPv6CIDRBlocks types.Set    `tfsdk:"ipv6_cidr_blocks"`
	PrefixListIDs  types.Set    `tfsdk:"prefix_list_ids"`
	SecurityGroups types.Set    `tfsdk:"security_groups"`
	Self           types.Bool   `tfsdk:"self"`
	Description    types.String `tfsdk:"description"`
}

var stringSetType = types.SetType{ElemType: types.StringType}

var sgRuleObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"protocol":         types.StringType,
	"from_port":        types.Int64Type,
	"to_port":          types.Int64Type,
	"cidr_blocks":      stringSetType,
	"ipv6_cidr_blocks": stringSetType,
	"prefix_list_ids":  stringSetType,
	"security_groups":  stringSetType,
	"self":             types.BoolType,
	"description":      types.StringType,
}}

// sgSourceKind is the kind of peer one AWS security group rule names.
type sgSourceKind int

const (
	sourceIPv4 sgSourceKind = iota
	sourceIPv6
	sourcePrefixList
	sourceGroup
)

// sgRuleKey identifies one AWS security group rule: AWS stores a rule per source,
// and two rules with the same key are the same rule whatever their descriptions.
type sgRuleKey struct {
	Egress   bool
	Protocol string // normalized: tcp, udp, icmp, icmpv6, -1 or a protocol number
	From, To int32  // 0, 0 for protocols without ports
	Kind     sgSourceKind
	// Source is a CIDR, a prefix list ID, or a group ID ("ACCOUNT/sg-..." for
	// another account's group). A self rule holds the group's own ID.
	Source string
}

// sgRule is one AWS rule: its key and its description.
type sgRule struct {
	Key         sgRuleKey
	Description string
}

func (k sgRuleKey) String() string {
	dir, peer := "ingress", "from"
	if k.Egress {
		dir, peer = "egress", "to"
	}
	return fmt.Sprintf("%s %s %s %s", dir, protocolPorts(k.Protocol, k.From, k.To), peer, k.Source)
}

func protocolPorts(proto string, from, to int32) string {
	switch {
	case proto == controls.ProtocolAll:
		return "all traffic"
	case !controls.ProtocolHasPorts(proto):
		return "protocol " + proto
	case from == to:
		return fmt.Sprintf("%s %d", proto, from)
	}
	return fmt.Sprintf("%s %d-%d", proto, from, to)
}

// normalizedPorts is how AWS reports a rule's ports: none for protocols without them.
func normalizedPorts(proto string, from, to int32) (int32, int32) {
	if !controls.ProtocolHasPorts(proto) {
		return 0, 0
	}
	return from, to
}

// groupSource is the key form of a security group peer: its ID, prefixed with the
// owner account when that is not the group's own account.
func groupSource(account, groupID, owner string) string {
	if account == "" || account == owner {
		return groupID
	}
	return account + "/" + groupID
}

// parseGroupSource splits "ACCOUNT/sg-..." or "sg-..." for the API.
func parseGroupSource(s string) (account, groupID string) {
	if i := strings.Index(s, "/"); i >= 0 {
		return s[:i], s[i+1:]
	}
	return "", s
}

// decodeRules reads a set of blocks. Unknown or null sets give no rules.
func decodeRules(ctx context.Context, set types.Set) ([]sgRuleModel, []attr.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	if set.IsNull() || set.IsUnknown() {
		return nil, nil, diags
	}
	elems := set.Elements()
	out := make([]sgRuleModel, 0, len(elems))
	vals := make([]attr.Value, 0, len(elems))
	for _, e := range elems {
		obj, ok := e.(basetypes.ObjectValue)
		if !ok || obj.IsUnknown() || obj.IsNull() {
			continue
		}
		var m sgRuleModel
		diags.Append(obj.As(ctx, &m, basetypes.ObjectAsOptions{})...)
		out = append(out, m)
		vals = append(vals, e)
	}
	return out, vals, diags
}

// encodeRules builds the set of blocks for state; no blocks is an empty set, as
// Terraform represents absent nested blocks.
func encodeRules(ctx context.Context, rules []sgRuleModel) (types.Set, diag.Diagnostics) {
	if rules == nil {
		rules = []sgRuleModel{}
	}
	return types.SetValueFrom(ctx, sgRuleObjectType, rules)
}

// knownStrings returns the known elements of a set of strings; unknown ones
// (computed during apply) are left out.
func knownStrings(s types.Set) []string {
	if s.IsUnknown() {
		return nil
	}
	var out []string
	for _, e := range s.Elements() {
		v, ok := e.(basetypes.StringValue)
		if !ok || v.IsUnknown() || v.IsNull() {
			continue
		}
		out = append(out, v.ValueString())
	}
	return out
}

// ruleLabel names a block in messages: by its description, which every rule has.
func ruleLabel(dir string, m sgRuleModel) string {
	if d := m.Description.ValueString(); d != "" && !m.Description.IsUnknown() {
		return fmt.Sprintf("%s rule %q", dir, d)
	}
	if !m.Protocol.IsUnknown() && !m.FromPort.IsUnknown() && !m.ToPort.IsUnknown() {
		p := controls.NormalizeProtocol(m.Protocol.ValueString())
		return fmt.Sprintf("%s rule (%s)", dir, protocolPorts(p, int32(m.FromPort.ValueInt64()), int32(m.ToPort.ValueInt64())))
	}
	return "an " + dir + " rule"
}

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

// expandKnown turns a block into its AWS rules, skipping unknown parts; the group's
// own ID stands for self ("self" while the ID is not known).
func expandKnown(m sgRuleModel, egress bool) []sgRule {
	return expandRule(m, egress, "self", "")
}

// expandRule turns a block into its AWS rules. selfID is the group's ID and owner
// its account, so that a source naming the group's own account matches AWS's form.
func expandRule(m sgRuleModel, egress bool, selfID, owner string) []sgRule {
	if m.Protocol.IsUnknown() || m.FromPort.IsUnknown() || m.ToPort.IsUnknown() {
		return nil
	}
	proto := controls.NormalizeProtocol(m.Protocol.ValueString())
	from, to := normalizedPorts(proto, int32(m.FromPort.ValueInt64()), int32(m.ToPort.ValueInt64()))
	desc := m.Description.ValueString()
	var out []sgRule
	add := func(kind sgSourceKind, src string) {
		out = append(out, sgRule{
			Key:         sgRuleKey{Egress: egress, Protocol: proto, From: from, To: to, Kind: kind, Source: src},
			Description: desc,
		})
	}
	v4 := knownStrings(m.CIDRBlocks)
	for _, c := range v4 {
		add(sourceIPv4, c)
	}
	v6 := knownStrings(m.IPv6CIDRBlocks)
	for _, c := range v6 {
		add(sourceIPv6, c)
	}
	pls := knownStrings(m.PrefixListIDs)
	for _, p := range pls {
		add(sourcePrefixList, p)
	}
	sgs := knownStrings(m.SecurityGroups)
	for _, g := range sgs {
		account, id := parseGroupSource(g)
		add(sourceGroup, groupSource(account, id, owner))
	}
	if m.Self.ValueBool() {
		add(sourceGroup, selfID)
	}
	return out
}

// expandAll turns every block of both directions into AWS rules, without duplicates.
func expandAll(ingress, egress []sgRuleModel, selfID, owner string) []sgRule {
	var out []sgRule
	seen := map[sgRuleKey]bool{}
	for _, dir := range []struct {
		rules  []sgRuleModel
		egress bool
	}{{ingress, false}, {egress, true}} {
		for _, m := range dir.rules {
			for _, r := range expandRule(m, dir.egress, selfID, owner) {
				if !seen[r.Key] {
					seen[r.Key] = true
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// flattenPermissions turns DescribeSecurityGroups' IpPermissions into AWS rules.
func flattenPermissions(perms []ec2types.IpPermission, egress bool, owner string) []sgRule {
	var out []sgRule
	for _, p := range perms {
		proto := controls.NormalizeProtocol(aws.ToString(p.IpProtocol))
		from, to := normalizedPorts(proto, aws.ToInt32(p.FromPort), aws.ToInt32(p.ToPort))
		add := func(kind sgSourceKind, src string, desc *string) {
			out = append(out, sgRule{
				Key:         sgRuleKey{Egress: egress, Protocol: proto, From: from, To: to, Kind: kind, Source: src},
				Description: aws.ToString(desc),
			})
		}
		for _, r := range p.IpRanges {
			add(sourceIPv4, aws.ToString(r.CidrIp), r.Description)
		}
		for _, r := range p.Ipv6Ranges {
			add(sourceIPv6, aws.ToString(r.CidrIpv6), r.Description)
		}
		for _, r := range p.PrefixListIds {
			add(sourcePrefixList, aws.ToString(r.PrefixListId), r.Description)
		}
		for _, r := range p.UserIdGroupPairs {
			add(sourceGroup, groupSource(aws.ToString(r.UserId), aws.ToString(r.GroupId), owner), r.Description)
		}
	}
	return out
}

// rebuildBlocks turns the rules found in AWS back into blocks for state. Each prior
// block keeps its exact form (protocol spelling, null or empty sets) with only the
// sources AWS still has under the block's description, so that an unchanged group
// plans no change; a block none of whose rules remain is dropped. Rules no block
// accounts for (added out of band) become new blocks, one per protocol, port range
// and description. The plan then shows exactly what apply will authorize and revoke.
func rebuildBlocks(ctx context.Context, prior []sgRuleModel, actual []sgRule, egress bool, selfID, owner string) ([]sgRuleModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	remaining := map[sgRuleKey]string{}
	for _, r := range actual {
		if r.Key.Egress == egress {
			remaining[r.Key] = r.Description
		}
	}
	var out []sgRuleModel
	for _, m := range prior {
		rules := expandRule(m, egress, selfID, owner)
		var kept []sgRule
		for _, r := range rules {
			if d, ok := remaining[r.Key]; ok && d == r.Description {
				kept = append(kept, r)
				delete(remaining, r.Key)
			}
		}
		switch {
		case len(kept) == 0:
			continue
		case len(kept) == len(rules):
			out = append(out, m)
		default:
			b, d := subsetBlock(ctx, m, kept, selfID, owner)
			diags.Append(d...)
			out = append(out, b)
		}
	}
	// Rules added out of band, grouped like an ingress/egress block.
	type groupKey struct {
		Protocol    string
		From, To    int32
		Description string
	}
	groups := map[groupKey]*sgRuleModel{}
	var order []groupKey
	sources := map[groupKey]map[sgSourceKind][]string{}
	for k, desc := range remaining {
		g := groupKey{k.Protocol, k.From, k.To, desc}
		if _, ok := groups[g]; !ok {
			groups[g] = &sgRuleModel{
				Protocol:    types.StringValue(k.Protocol),
				FromPort:    types.Int64Value(int64(k.From)),
				ToPort:      types.Int64Value(int64(k.To)),
				Self:        types.BoolNull(),
				Description: types.StringValue(desc),
			}
			sources[g] = map[sgSourceKind][]string{}
			order = append(order, g)
		}
		if k.Kind == sourceGroup && k.Source == selfID {
			groups[g].Self = types.BoolValue(true)
			continue
		}
		sources[g][k.Kind] = append(sources[g][k.Kind], k.Source)
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if a.Protocol != b.Protocol {
			return a.Protocol < b.Protocol
		}
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Description < b.Description
	})
	for _, g := range order {
		m := groups[g]
		var d diag.Diagnostics
		m.CIDRBlocks, d = stringSetOrNull(ctx, sources[g][sourceIPv4])
		diags.Append(d...)
		m.IPv6CIDRBlocks, d = stringSetOrNull(ctx, sources[g][sourceIPv6])
		diags.Append(d...)
		m.PrefixListIDs, d = stringSetOrNull(ctx, sources[g][sourcePrefixList])
		diags.Append(d...)
		m.SecurityGroups, d = stringSetOrNull(ctx, sources[g][sourceGroup])
		diags.Append(d...)
		out = append(out, *m)
	}
	return out, diags
}

// subsetBlock is a prior block reduced to the rules AWS still has.
func subsetBlock(ctx context.Context, m sgRuleModel, kept []sgRule, selfID, owner string) (sgRuleModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	has := map[sgSourceKind]map[string]bool{}
	for _, r := range kept {
		if has[r.Key.Kind] == nil {
			has[r.Key.Kind] = map[string]bool{}
		}
		has[r.Key.Kind][r.Key.Source] = true
	}
	filter := func(s types.Set, kind sgSourceKind, key func(string) string) types.Set {
		if s.IsNull() {
			return s
		}
		vals := knownStrings(s)
		var keep []string
		for _, v := range vals {
			if has[kind][key(v)] {
				keep = append(keep, v)
			}
		}
		if keep == nil {
			keep = []string{}
		}
		out, d := types.SetValueFrom(ctx, types.StringType, keep)
		diags.Append(d...)
		return out
	}
	same := func(s string) string { return s }
	b := m
	b.CIDRBlocks = filter(m.CIDRBlocks, sourceIPv4, same)
	b.IPv6CIDRBlocks = filter(m.IPv6CIDRBlocks, sourceIPv6, same)
	b.PrefixListIDs = filter(m.PrefixListIDs, sourcePrefixList, same)
	b.SecurityGroups = filter(m.SecurityGroups, sourceGroup, func(g string) string {
		account, id := parseGroupSource(g)
		return groupSource(account, id, owner)
	})
	if m.Self.ValueBool() && !has[sourceGroup][selfID] {
		b.Self = types.BoolValue(false)
	}
	return b, diags
}

func stringSetOrNull(ctx context.Context, vals []string) (types.Set, diag.Diagnostics) {
	if len(vals) == 0 {
		return types.SetNull(types.StringType), nil
	}
	sort.Strings(vals)
	return types.SetValueFrom(ctx, types.StringType, vals)
}

// sgRuleDiff is what apply changes to turn the rules AWS has into the planned ones.
type sgRuleDiff struct {
	Authorize, Revoke, Redescribe []sgRule
}

func (d sgRuleDiff) empty() bool {
	return len(d.Authorize) == 0 && len(d.Revoke) == 0 && len(d.Redescribe) == 0
}

// diffRules compares AWS's rules with the wanted ones. A rule in both keeps its
// AWS rule (and ID); only a changed description is rewritten in place.
func diffRules(actual, want []sgRule) sgRuleDiff {
	var d sgRuleDiff
	have := map[sgRuleKey]string{}
	for _, r := range actual {
		have[r.Key] = r.Description
	}
	wanted := map[sgRuleKey]bool{}
	for _, r := range want {
		wanted[r.Key] = true
		desc, ok := have[r.Key]
		switch {
		case !ok:
			d.Authorize = append(d.Authorize, r)
		case desc != r.Description:
			d.Redescribe = append(d.Redescribe, r)
		}
	}
	for _, r := range actual {
		if !wanted[r.Key] {
			d.Revoke = append(d.Revoke, r)
		}
	}
	return d
}

// permissions groups rules of one direction into the API's IpPermissions.
func permissions(rules []sgRule, withDescriptions bool) []ec2types.IpPermission {
	type pk struct {
		Protocol string
		From, To int32
	}
	idx := map[pk]int{}
	var out []ec2types.IpPermission
	for _, r := range rules {
		k := pk{r.Key.Protocol, r.Key.From, r.Key.To}
		i, ok := idx[k]
		if !ok {
			p := ec2types.IpPermission{IpProtocol: aws.String(r.Key.Protocol)}
			if r.Key.Protocol != controls.ProtocolAll {
				p.FromPort, p.ToPort = aws.Int32(r.Key.From), aws.Int32(r.Key.To)
			}
			out = append(out, p)
			i = len(out) - 1
			idx[k] = i
		}
		var desc *string
		if withDescriptions {
			desc = aws.String(r.Description)
		}
		p := &out[i]
		switch r.Key.Kind {
		case sourceIPv4:
			p.IpRanges = append(p.IpRanges, ec2types.IpRange{CidrIp: aws.String(r.Key.Source), Description: desc})
		case sourceIPv6:
			p.Ipv6Ranges = append(p.Ipv6Ranges, ec2types.Ipv6Range{CidrIpv6: aws.String(r.Key.Source), Description: desc})
		case sourcePrefixList:
			p.PrefixListIds = append(p.PrefixListIds, ec2types.PrefixListId{PrefixListId: aws.String(r.Key.Source), Description: desc})
		case sourceGroup:
			account, id := parseGroupSource(r.Key.Source)
			pair := ec2types.UserIdGroupPair{GroupId: aws.String(id), Description: desc}
			if account != "" {
				pair.UserId = aws.String(account)
			}
			p.UserIdGroupPairs = append(p.UserIdGroupPairs, pair)
		}
	}
	return out
}

// splitDirection separates ingress from egress rules.
func splitDirection(rules []sgRule) (ingress, egress []sgRule) {
	for _, r := range rules {
		if r.Key.Egress {
			egress = append(egress, r)
		} else {
			ingress = append(ingress, r)
		}
	}
	return ingress, egress
}

// describeRules lists rules for messages, e.g. "ingress tcp 22 from 0.0.0.0/0".
func describeRules(rules []sgRule) string {
	parts := make([]string, len(rules))
	for i, r := range rules {
		parts[i] = r.Key.String()
	}
	return strings.Join(parts, "; ")
}
