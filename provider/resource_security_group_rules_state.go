package provider

// State of hardened_security_group's rule blocks: the blocks rebuilt from the rules
// AWS reports, keeping the prior configuration's grouping.

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

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
