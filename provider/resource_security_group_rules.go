package provider

// Rules of hardened_security_group: the ingress/egress block model and the
// translation between blocks and AWS's rules (one per source). Validation is in
// resource_security_group_rules_validate.go, state in _rules_state.go, changes in
// _rules_diff.go.

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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
