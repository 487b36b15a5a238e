package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

var (
	_ resource.Resource                   = &DefaultSecurityGroupResource{}
	_ resource.ResourceWithConfigure      = &DefaultSecurityGroupResource{}
	_ resource.ResourceWithImportState    = &DefaultSecurityGroupResource{}
	_ resource.ResourceWithModifyPlan     = &DefaultSecurityGroupResource{}
	_ resource.ResourceWithValidateConfig = &DefaultSecurityGroupResource{}
)

// defaultSecurityGroupControls are the catalog entries this resource enforces.
var defaultSecurityGroupControls = []controls.Control{
	controls.DefaultSecurityGroupNoRules,
}

// NewDefaultSecurityGroupResource is the factory registered with the provider.
func NewDefaultSecurityGroupResource() resource.Resource {
	return &DefaultSecurityGroupResource{}
}

// DefaultSecurityGroupResource adopts a VPC's default security group and keeps it free of rules.
type DefaultSecurityGroupResource struct {
	client *awsclient.Client
}

// defaultSecurityGroupModel maps the resource schema.
type defaultSecurityGroupModel struct {
	ID      types.String `tfsdk:"id"`
	ARN     types.String `tfsdk:"arn"`
	Name    types.String `tfsdk:"name"`
	OwnerID types.String `tfsdk:"owner_id"`
	VPCID   types.String `tfsdk:"vpc_id"`
	Tags    types.Map    `tfsdk:"tags"`
	Ingress types.List   `tfsdk:"ingress"`
	Egress  types.List   `tfsdk:"egress"`
	// OwnershipID is the value of the group's ownerTagKey tag while this resource owns it.
	OwnershipID types.String `tfsdk:"ownership_id"`
}

// foundRuleModel is one rule found in the default group, to be revoked.
type foundRuleModel struct {
	RuleID                    types.String `tfsdk:"security_group_rule_id"`
	Protocol                  types.String `tfsdk:"protocol"`
	FromPort                  types.Int64  `tfsdk:"from_port"`
	ToPort                    types.Int64  `tfsdk:"to_port"`
	CIDRIPv4                  types.String `tfsdk:"cidr_ipv4"`
	CIDRIPv6                  types.String `tfsdk:"cidr_ipv6"`
	PrefixListID              types.String `tfsdk:"prefix_list_id"`
	ReferencedSecurityGroupID types.String `tfsdk:"referenced_security_group_id"`
	Description               types.String `tfsdk:"description"`
}

var foundRuleObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"security_group_rule_id":       types.StringType,
	"protocol":                     types.StringType,
	"from_port":                    types.Int64Type,
	"to_port":                      types.Int64Type,
	"cidr_ipv4":                    types.StringType,
	"cidr_ipv6":                    types.StringType,
	"prefix_list_id":               types.StringType,
	"referenced_security_group_id": types.StringType,
	"description":                  types.StringType,
}}

func (r *DefaultSecurityGroupResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_default_security_group"
}

func (r *DefaultSecurityGroupResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req, resp)
}

// ModifyPlan plans the group with no rules: rules a refresh found show as removed.
// A VPC about to be adopted is looked up, so that an unknown ID fails at plan (and,
// when vpc_id changes, a group that already has an owner). A group taken over by
// another resource fails the plan; a resource without ownership (after import, or
// after its tag was removed) plans to take it (ownership_id unknown).
func (r *DefaultSecurityGroupResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	none := types.ListValueMust(foundRuleObjectType, []attr.Value{})
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("ingress"), none)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("egress"), none)...)

	var planVPC, stateVPC types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("vpc_id"), &planVPC)...)
	if !req.State.Raw.IsNull() {
		var state defaultSecurityGroupModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		stateVPC = state.VPCID
		if planVPC.Equal(stateVPC) && !r.planOwnership(ctx, req, resp, state) {
			return
		}
	}
	if r.client == nil || planVPC.IsUnknown() || planVPC.IsNull() || planVPC.Equal(stateVPC) {
		return
	}
	// A new VPC's group already owned fails at plan when the resource moves to it; a
	// plain create is checked by Create only: the owner may be this very resource,
	// tainted, whose destroy releases the group before the create.
	moving := !req.State.Raw.IsNull()
	api := r.client.EC2()
	_, err := api.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{planVPC.ValueString()}})
	if code := errorCode(err); code == errVPCNotFound || code == "InvalidVpcID.Malformed" {
		account, _ := r.client.AccountID(ctx)
		resp.Diagnostics.AddAttributeError(path.Root("vpc_id"), "VPC not found",
			vpcMissing(planVPC.ValueString(), r.client.Region(), account))
		return
	}
	if err != nil {
		return // such as a missing ec2:DescribeVpcs permission: reported by apply
	}
	if !moving {
		return
	}
	if g, err := defaultGroupOf(ctx, api, planVPC.ValueString()); err == nil && g != nil {
		if owner := groupOwner(g.Tags); owner != "" {
			addOwnedElsewhere(&resp.Diagnostics, g, owner)
		}
	}
}

func (r *DefaultSecurityGroupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan defaultSecurityGroupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	api := r.client.EC2()
	vpcID := plan.VPCID.ValueString()
	ownershipID, err := newOwnershipID()
	if err != nil {
		resp.Diagnostics.AddError("Cannot adopt the default security group", err.Error())
		return
	}
	unlock := lockVPC(vpcID)
	g := r.findDefaultGroup(ctx, api, vpcID, &resp.Diagnostics)
	if g == nil {
		unlock()
		return
	}
	if owner := groupOwner(g.Tags); owner != "" {
		unlock()
		addOwnedElsewhere(&resp.Diagnostics, g, owner)
		return
	}
	plan.ID = types.StringValue(aws.ToString(g.GroupId))
	plan.ARN = types.StringValue(groupARN(g, nil, r.client))
	plan.Name = types.StringValue(aws.ToString(g.GroupName))
	plan.OwnerID = types.StringValue(aws.ToString(g.OwnerId))
	plan.OwnershipID = types.StringValue(ownershipID)
	plan.Ingress = types.ListValueMust(foundRuleObjectType, []attr.Value{})
	plan.Egress = types.ListValueMust(foundRuleObjectType, []attr.Value{})
	// Recorded before the group is tagged: if tagging or locking fails, Terraform keeps
	// the resource (tainted), and its replacement first releases the tag this create
	// may have written, then adopts the group again.
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	g, lost := claimGroup(ctx, api, g, ownershipID, &resp.Diagnostics)
	unlock()
	if g == nil {
		if lost {
			resp.State.RemoveResource(ctx) // another resource won: nothing was adopted
		}
		return
	}
	if !r.lock(ctx, api, g, plan.Tags, ownershipID, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *DefaultSecurityGroupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state defaultSecurityGroupModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	api := r.client.EC2()
	id := state.ID.ValueString()
	g, err := describeGroup(ctx, api, id)
	if err != nil {
		addAPIError(&resp.Diagnostics, "ec2:DescribeSecurityGroups", "default security group "+id, err, "")
		return
	}
	if g == nil {
		resp.Diagnostics.AddWarning("Default security group no longer exists",
			fmt.Sprintf("The default security group %s of %s no longer exists, so its VPC was probably deleted. "+
				"It was removed from state; remove the resource from the configuration, or point vpc_id at an "+
				"existing VPC.", id, state.VPCID.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	}
	var takenOver bool
	state.OwnershipID, takenOver = readOwnership(ctx, req.Private, resp.Private, state.OwnershipID, groupOwner(g.Tags),
		&resp.Diagnostics)
	if takenOver {
		return // another resource manages the group now: the state stays as this resource left it
	}
	rules, err := listGroupRules(ctx, api, id)
	if err != nil {
		addAPIError(&resp.Diagnostics, "ec2:DescribeSecurityGroupRules", "default security group "+id, err, "")
		return
	}
	var d diag.Diagnostics
	state.Ingress, state.Egress, d = foundRules(ctx, rules)
	resp.Diagnostics.Append(d...)
	state.Tags, d = tagsFromAWS(ctx, withoutOwnerTag(g.Tags), state.Tags)
	resp.Diagnostics.Append(d...)
	state.VPCID = types.StringValue(aws.ToString(g.VpcId))
	state.Name = types.StringValue(aws.ToString(g.GroupName))
	state.OwnerID = types.StringValue(aws.ToString(g.OwnerId))
	state.ARN = types.StringValue(groupARN(g, nil, r.client))
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *DefaultSecurityGroupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state defaultSecurityGroupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	api := r.client.EC2()
	id := state.ID.ValueString()
	g, err := describeGroup(ctx, api, id)
	if err != nil {
		addAPIError(&resp.Diagnostics, "ec2:DescribeSecurityGroups", "default security group "+id, err, "")
		return
	}
	if g == nil {
		resp.Diagnostics.AddError("Default security group no longer exists",
			fmt.Sprintf("The default security group %s of %s no longer exists: its VPC was probably deleted. "+
				"Run terraform apply again to drop it from state.", id, state.VPCID.ValueString()))
		return
	}
	ownershipID := state.OwnershipID.ValueString()
	owner := groupOwner(g.Tags)
	switch imported := hasPrivateKey(ctx, req.Private, privateImported, &resp.Diagnostics); {
	case plan.OwnershipID.IsUnknown() && (owner == "" || imported):
		// Taking ownership: after import, or after the tag was removed.
		if ownershipID, err = newOwnershipID(); err != nil {
			resp.Diagnostics.AddError("Cannot adopt the default security group", err.Error())
			return
		}
		// Recorded first, so that a failure below leaves state naming the tag it may have written.
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("ownership_id"), ownershipID)...)
		unlock := lockVPC(aws.ToString(g.VpcId))
		g, _ = claimGroup(ctx, api, g, ownershipID, &resp.Diagnostics)
		unlock()
		if g == nil {
			return
		}
	case owner != ownershipID || ownershipID == "":
		// Taken over since the plan, or never owned (state from before ownership) while another owns it.
		addTakenOver(&resp.Diagnostics, true, id, state.VPCID.ValueString(), owner, ownershipID)
		return
	}
	if !r.lock(ctx, api, g, plan.Tags, ownershipID, &resp.Diagnostics) {
		return
	}
	setPrivateString(ctx, resp.Private, privateImported, "", &resp.Diagnostics)
	setPrivateString(ctx, resp.Private, privateTakenOver, "", &resp.Diagnostics)
	plan.OwnershipID = types.StringValue(ownershipID)
	plan.Ingress = types.ListValueMust(foundRuleObjectType, []attr.Value{})
	plan.Egress = types.ListValueMust(foundRuleObjectType, []attr.Value{})
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete only forgets the group: AWS cannot delete a VPC's default group, and
// restoring its allow-all rules would undo the control.
func (r *DefaultSecurityGroupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state defaultSecurityGroupModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := controls.DefaultSecurityGroupNoRules
	resp.Diagnostics.AddWarning("Default security group left locked",
		fmt.Sprintf("The default security group %s of %s was removed from Terraform state and left with no rules: "+
			"AWS cannot delete a VPC's default group, and restoring its allow-all rules would break %s [%s]. "+
			"Give workloads their own hardened_security_group instead.",
			state.ID.ValueString(), state.VPCID.ValueString(), c.Cite(), c.ID))
	if !state.OwnershipID.IsNull() && requireClient(r.client, &resp.Diagnostics) {
		releaseGroup(ctx, r.client.EC2(), state.ID.ValueString(), state.OwnershipID.ValueString(), &resp.Diagnostics)
	}
}

// ImportState takes the default group's ID; any other group belongs to hardened_security_group.
func (r *DefaultSecurityGroupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !strings.HasPrefix(req.ID, "sg-") {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("%q is not a security group ID. Import with the ID of the VPC's default group: "+
				"terraform import hardened_default_security_group.NAME sg-0123456789abcdef0 (find it with "+
				"aws ec2 describe-security-groups --filters Name=vpc-id,Values=VPC Name=group-name,Values=default)", req.ID))
		return
	}
	if !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	g, err := describeGroup(ctx, r.client.EC2(), req.ID)
	if err != nil {
		addAPIError(&resp.Diagnostics, "ec2:DescribeSecurityGroups", "security group "+req.ID, err, "")
		return
	}
	if g == nil {
		resp.Diagnostics.AddError("Security group not found",
			fmt.Sprintf("Security group %s does not exist in region %s.", req.ID, r.client.Region()))
		return
	}
	if name := aws.ToString(g.GroupName); name != "default" {
		resp.Diagnostics.AddError("Not a default security group",
			fmt.Sprintf("%s (%q) is not a VPC's default security group. Import it as hardened_security_group: "+
				"terraform import hardened_security_group.NAME %s", req.ID, name, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("vpc_id"), aws.ToString(g.VpcId))...)
	// Import takes ownership explicitly: the next apply tags the group for this resource.
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, []byte("true"))...)
}

// findDefaultGroup returns the VPC's default group, or reports why there is none.
func (r *DefaultSecurityGroupResource) findDefaultGroup(ctx context.Context, api *ec2.Client, vpcID string, diags *diag.Diagnostics) *ec2types.SecurityGroup {
	_, err := api.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{vpcID}})
	if code := errorCode(err); code == errVPCNotFound || code == "InvalidVpcID.Malformed" {
		account, _ := r.client.AccountID(ctx)
		diags.AddAttributeError(path.Root("vpc_id"), "VPC not found", vpcMissing(vpcID, r.client.Region(), account))
		return nil
	}
	if err != nil {
		addAPIError(diags, "ec2:DescribeVpcs", "VPC "+vpcID, err, "")
		return nil
	}
	g, err := defaultGroupOf(ctx, api, vpcID)
	if err != nil {
		addAPIError(diags, "ec2:DescribeSecurityGroups", "the default security group of "+vpcID, err, "")
		return nil
	}
	if g == nil {
		diags.AddError("Default security group not found",
			fmt.Sprintf("VPC %s has no security group named \"default\"; every VPC should have one. Check the "+
				"VPC in the EC2 console.", vpcID))
	}
	return g
}

// defaultGroupOf returns a VPC's default group, or nil when it has none.
func defaultGroupOf(ctx context.Context, api *ec2.Client, vpcID string) (*ec2types.SecurityGroup, error) {
	out, err := api.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []ec2types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{vpcID}},
		{Name: aws.String("group-name"), Values: []string{"default"}},
	}})
	if err != nil || len(out.SecurityGroups) == 0 {
		return nil, err
	}
	return &out.SecurityGroups[0], nil
}

// lock revokes every rule of the group and sets its tags, the ownership tag included.
func (r *DefaultSecurityGroupResource) lock(ctx context.Context, api *ec2.Client, g *ec2types.SecurityGroup, tagsAttr types.Map, ownershipID string, diags *diag.Diagnostics) bool {
	id := aws.ToString(g.GroupId)
	if err := revokeAllRules(ctx, api, id); err != nil {
		diags.AddError("Cannot remove the default security group's rules",
			fmt.Sprintf("Revoking the rules of default security group %s (%s) failed: %v. The identity the provider "+
				"uses needs ec2:DescribeSecurityGroupRules, ec2:RevokeSecurityGroupIngress and "+
				"ec2:RevokeSecurityGroupEgress.", id, aws.ToString(g.VpcId), err))
		return false
	}
	tags, d := tagMap(ctx, tagsAttr)
	diags.Append(d...)
	if diags.HasError() {
		return false
	}
	tags[ownerTagKey] = ownershipID
	return syncTags(ctx, api, id, g.Tags, tags, diags)
}
