package provider

// The rules of a VPC's default security group, as hardened_default_security_group
// lists them (so a plan shows what apply revokes) and revokes them.

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// revokeAllRules revokes every rule of a group by rule ID. A rule removed meanwhile
// by someone else makes AWS refuse the whole call; the list is then read again.
func revokeAllRules(ctx context.Context, api *ec2.Client, id string) error {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		rules, err := listGroupRules(ctx, api, id)
		if err != nil {
			return fmt.Errorf("ec2:DescribeSecurityGroupRules: %w", err)
		}
		var in, out []string
		for _, rule := range rules {
			if aws.ToBool(rule.IsEgress) {
				out = append(out, aws.ToString(rule.SecurityGroupRuleId))
			} else {
				in = append(in, aws.ToString(rule.SecurityGroupRuleId))
			}
		}
		if len(in) == 0 && len(out) == 0 {
			return nil
		}
		lastErr = nil
		if len(in) > 0 {
			if _, err := api.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{
				GroupId: aws.String(id), SecurityGroupRuleIds: in,
			}); err != nil {
				lastErr = fmt.Errorf("ec2:RevokeSecurityGroupIngress of %s: %w", strings.Join(in, ", "), err)
			}
		}
		if len(out) > 0 && lastErr == nil {
			if _, err := api.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{
				GroupId: aws.String(id), SecurityGroupRuleIds: out,
			}); err != nil {
				lastErr = fmt.Errorf("ec2:RevokeSecurityGroupEgress of %s: %w", strings.Join(out, ", "), err)
			}
		}
		if lastErr == nil {
			return nil
		}
		if c := errorCode(lastErr); c != "InvalidSecurityGroupRuleId.NotFound" && c != errPermissionNotFound {
			return lastErr
		}
	}
	return lastErr
}

// listGroupRules returns every rule of a group.
func listGroupRules(ctx context.Context, api *ec2.Client, id string) ([]ec2types.SecurityGroupRule, error) {
	var out []ec2types.SecurityGroupRule
	p := ec2.NewDescribeSecurityGroupRulesPaginator(api, &ec2.DescribeSecurityGroupRulesInput{
		Filters: []ec2types.Filter{{Name: aws.String("group-id"), Values: []string{id}}},
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, page.SecurityGroupRules...)
	}
	return out, nil
}

// foundRules turns a group's rules into the ingress and egress lists, in a stable order.
func foundRules(ctx context.Context, rules []ec2types.SecurityGroupRule) (types.List, types.List, diag.Diagnostics) {
	var diags diag.Diagnostics
	sort.SliceStable(rules, func(i, j int) bool { return ruleSortKey(rules[i]) < ruleSortKey(rules[j]) })
	var in, out []foundRuleModel
	for _, rule := range rules {
		m := foundRuleModel{
			RuleID:                    types.StringValue(aws.ToString(rule.SecurityGroupRuleId)),
			Protocol:                  types.StringValue(controls.NormalizeProtocol(aws.ToString(rule.IpProtocol))),
			FromPort:                  types.Int64Value(int64(aws.ToInt32(rule.FromPort))),
			ToPort:                    types.Int64Value(int64(aws.ToInt32(rule.ToPort))),
			CIDRIPv4:                  types.StringPointerValue(rule.CidrIpv4),
			CIDRIPv6:                  types.StringPointerValue(rule.CidrIpv6),
			PrefixListID:              types.StringPointerValue(rule.PrefixListId),
			ReferencedSecurityGroupID: types.StringNull(),
			Description:               types.StringPointerValue(rule.Description),
		}
		if ref := rule.ReferencedGroupInfo; ref != nil {
			m.ReferencedSecurityGroupID = types.StringPointerValue(ref.GroupId)
		}
		if aws.ToBool(rule.IsEgress) {
			out = append(out, m)
		} else {
			in = append(in, m)
		}
	}
	toList := func(ms []foundRuleModel) types.List {
		if ms == nil {
			ms = []foundRuleModel{}
		}
		l, d := types.ListValueFrom(ctx, foundRuleObjectType, ms)
		diags.Append(d...)
		return l
	}
	return toList(in), toList(out), diags
}

func ruleSortKey(r ec2types.SecurityGroupRule) string {
	peer := aws.ToString(r.CidrIpv4) + aws.ToString(r.CidrIpv6) + aws.ToString(r.PrefixListId)
	if r.ReferencedGroupInfo != nil {
		peer += aws.ToString(r.ReferencedGroupInfo.GroupId)
	}
	return fmt.Sprintf("%s|%06d|%06d|%s|%s", aws.ToString(r.IpProtocol), aws.ToInt32(r.FromPort)+1,
		aws.ToInt32(r.ToPort)+1, peer, aws.ToString(r.SecurityGroupRuleId))
}
