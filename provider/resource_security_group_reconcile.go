package provider

// hardened_security_group's apply of its rules: authorizing, re-describing and
// revoking only what differs until the group holds exactly the planned rules.

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// reconcile authorizes, re-describes and revokes only the rules that differ between
// AWS and the plan: unchanged rules keep their AWS rule IDs. New rules are authorized
// before obsolete ones are revoked, so traffic both allow is never interrupted.
func (r *SecurityGroupResource) reconcile(ctx context.Context, api *ec2.Client, g *ec2types.SecurityGroup, plan securityGroupModel, diags *diag.Diagnostics) bool {
	id, owner := aws.ToString(g.GroupId), aws.ToString(g.OwnerId)
	ingress, _, d := decodeRules(ctx, plan.Ingress)
	diags.Append(d...)
	egress, _, d := decodeRules(ctx, plan.Egress)
	diags.Append(d...)
	if diags.HasError() {
		return false
	}
	actual := append(flattenPermissions(g.IpPermissions, false, owner), flattenPermissions(g.IpPermissionsEgress, true, owner)...)
	diff := diffRules(actual, expandAll(ingress, egress, id, owner))
	if diff.empty() {
		return true
	}
	target := func(rules []sgRule) string { return fmt.Sprintf("security group %s (%s)", id, describeRules(rules)) }
	authIn, authOut := splitDirection(diff.Authorize)
	if len(authIn) > 0 {
		if _, err := api.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{
			GroupId: aws.String(id), IpPermissions: permissions(authIn, true),
		}); err != nil {
			addAPIError(diags, "ec2:AuthorizeSecurityGroupIngress", target(authIn), err, ruleHint(err))
			return false
		}
	}
	if len(authOut) > 0 {
		if _, err := api.AuthorizeSecurityGroupEgress(ctx, &ec2.AuthorizeSecurityGroupEgressInput{
			GroupId: aws.String(id), IpPermissions: permissions(authOut, true),
		}); err != nil {
			addAPIError(diags, "ec2:AuthorizeSecurityGroupEgress", target(authOut), err, ruleHint(err))
			return false
		}
	}
	descIn, descOut := splitDirection(diff.Redescribe)
	if len(descIn) > 0 {
		if _, err := api.UpdateSecurityGroupRuleDescriptionsIngress(ctx, &ec2.UpdateSecurityGroupRuleDescriptionsIngressInput{
			GroupId: aws.String(id), IpPermissions: permissions(descIn, true),
		}); err != nil {
			addAPIError(diags, "ec2:UpdateSecurityGroupRuleDescriptionsIngress", target(descIn), err, "")
			return false
		}
	}
	if len(descOut) > 0 {
		if _, err := api.UpdateSecurityGroupRuleDescriptionsEgress(ctx, &ec2.UpdateSecurityGroupRuleDescriptionsEgressInput{
			GroupId: aws.String(id), IpPermissions: permissions(descOut, true),
		}); err != nil {
			addAPIError(diags, "ec2:UpdateSecurityGroupRuleDescriptionsEgress", target(descOut), err, "")
			return false
		}
	}
	revIn, revOut := splitDirection(diff.Revoke)
	if len(revIn) > 0 {
		_, err := api.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{
			GroupId: aws.String(id), IpPermissions: permissions(revIn, false),
		})
		if err != nil && errorCode(err) != errPermissionNotFound {
			addAPIError(diags, "ec2:RevokeSecurityGroupIngress", target(revIn), err, "")
			return false
		}
	}
	if len(revOut) > 0 {
		_, err := api.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{
			GroupId: aws.String(id), IpPermissions: permissions(revOut, false),
		})
		if err != nil && errorCode(err) != errPermissionNotFound {
			addAPIError(diags, "ec2:RevokeSecurityGroupEgress", target(revOut), err, "")
			return false
		}
	}
	return true
}

func ruleHint(err error) string {
	switch errorCode(err) {
	case errGroupNotFound:
		return "A group named in security_groups does not exist (or is in another VPC): check the IDs."
	case "InvalidPrefixListId.NotFound", "InvalidPrefixListID.NotFound":
		return "A prefix list named in prefix_list_ids does not exist: check the IDs."
	case "RulesPerSecurityGroupLimitExceeded":
		return "The group has reached its rules quota (60 inbound and 60 outbound by default): merge rules, use " +
			"prefix lists, or request a quota increase."
	}
	return ""
}
