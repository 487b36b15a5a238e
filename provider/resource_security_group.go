package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

var (
	_ resource.Resource                   = &SecurityGroupResource{}
	_ resource.ResourceWithConfigure      = &SecurityGroupResource{}
	_ resource.ResourceWithImportState    = &SecurityGroupResource{}
	_ resource.ResourceWithValidateConfig = &SecurityGroupResource{}
)

// EC2 limits on security group names and descriptions, not security controls.
const (
	sgMaxName        = 255
	sgMaxNamePrefix  = 100
	sgMaxDescription = 255
)

// securityGroupControls are the catalog entries this resource enforces.
var securityGroupControls = []controls.Control{
	controls.NoWorldIngressAdminPortsIPv4,
	controls.NoWorldIngressAdminPortsIPv6,
	controls.NoWorldIngressAllProtocols,
	controls.NoWidePortRanges,
	controls.NoUnrestrictedEgress,
	controls.SecurityGroupRuleDescriptions,
	controls.WorldIngressDeclaredPortsOnly,
}

// NewSecurityGroupResource is the factory registered with the provider.
func NewSecurityGroupResource() resource.Resource {
	return &SecurityGroupResource{waits: defaultSecurityGroupWaits()}
}

// SecurityGroupResource manages a security group whose rules cannot break the network controls.
type SecurityGroupResource struct {
	client *awsclient.Client
	waits  securityGroupWaits
}

// securityGroupModel maps the resource schema.
type securityGroupModel struct {
	ID                 types.String `tfsdk:"id"`
	ARN                types.String `tfsdk:"arn"`
	OwnerID            types.String `tfsdk:"owner_id"`
	Name               types.String `tfsdk:"name"`
	NamePrefix         types.String `tfsdk:"name_prefix"`
	Description        types.String `tfsdk:"description"`
	VPCID              types.String `tfsdk:"vpc_id"`
	Tags               types.Map    `tfsdk:"tags"`
	PublicIngressPorts types.Set    `tfsdk:"public_ingress_ports"`
	AllowAllEgress     types.Bool   `tfsdk:"allow_all_egress"`
	Ingress            types.Set    `tfsdk:"ingress"`
	Egress             types.Set    `tfsdk:"egress"`
}

func (r *SecurityGroupResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_security_group"
}

func (r *SecurityGroupResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req, resp)
	r.waits.clock = clockFrom(req)
}

// ValidateConfig rejects insecure and malformed rules at plan, before any AWS call.
func (r *SecurityGroupResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var c securityGroupModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &c)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if n := c.Name.ValueString(); strings.HasPrefix(n, "sg-") {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Invalid security group name",
			fmt.Sprintf("name %q starts with \"sg-\", which AWS reserves for group IDs: choose another name.", n))
	}
	if n := c.NamePrefix.ValueString(); strings.HasPrefix(n, "sg-") {
		resp.Diagnostics.AddAttributeError(path.Root("name_prefix"), "Invalid security group name prefix",
			fmt.Sprintf("name_prefix %q starts with \"sg-\", which AWS reserves for group IDs.", n))
	}
	validateRules(ctx, rulesConfig(c), &resp.Diagnostics)
}

// rulesConfig is what rule validation needs from a configuration or plan.
func rulesConfig(m securityGroupModel) sgRulesConfig {
	return sgRulesConfig{Ingress: m.Ingress, Egress: m.Egress, PublicIngressPorts: m.PublicIngressPorts,
		AllowAllEgress: m.AllowAllEgress}
}

func (r *SecurityGroupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan securityGroupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	// Values computed during apply are known now: check them as the plan would have.
	validateRules(ctx, rulesConfig(plan), &resp.Diagnostics)
	tags, d := tagMap(ctx, plan.Tags)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	if plan.Name.IsUnknown() || plan.Name.IsNull() {
		prefix := "terraform-"
		if !plan.NamePrefix.IsNull() {
			prefix = plan.NamePrefix.ValueString()
		}
		name = uniqueName(prefix)
	}
	api := r.client.EC2()
	in := &ec2.CreateSecurityGroupInput{
		GroupName:         aws.String(name),
		Description:       aws.String(plan.Description.ValueString()),
		TagSpecifications: tagSpecifications(tags),
	}
	vpcID := plan.VPCID.ValueString()
	if vpcID != "" {
		in.VpcId = aws.String(vpcID)
	}
	attempts := 0
	out, err := api.CreateSecurityGroup(ctx, in, countAttempts(&attempts))
	if err != nil && attempts > 1 && errorCode(err) == errGroupDuplicate {
		// The SDK retried: an earlier attempt may have created the group and lost
		// its response. Adopt that group rather than fail on our own creation.
		g, lookupErr := retriedCreateGroup(ctx, api, in)
		if lookupErr == nil && g != nil {
			out, err = &ec2.CreateSecurityGroupOutput{GroupId: g.GroupId, SecurityGroupArn: g.SecurityGroupArn}, nil
		}
	}
	if err != nil {
		r.createError(ctx, name, vpcID, err, &resp.Diagnostics)
		return
	}
	id := aws.ToString(out.GroupId)
	// Record the group at once: if a later step fails, Terraform keeps it (tainted)
	// and replaces it on the next apply instead of leaving it behind.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)

	g, err := waitForGroup(ctx, r.waits, api, id)
	if err != nil {
		addAPIError(&resp.Diagnostics, "ec2:DescribeSecurityGroups", "security group "+id, err, "")
		return
	}
	if !r.reconcile(ctx, api, g, plan, &resp.Diagnostics) {
		return
	}
	plan.ID = types.StringValue(id)
	plan.Name = types.StringValue(name)
	plan.ARN = types.StringValue(groupARN(g, out.SecurityGroupArn, r.client))
	plan.OwnerID = types.StringValue(aws.ToString(g.OwnerId))
	plan.VPCID = types.StringValue(aws.ToString(g.VpcId))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *SecurityGroupResource) createError(ctx context.Context, name, vpcID string, err error, diags *diag.Diagnostics) {
	target := fmt.Sprintf("security group %q", name)
	switch errorCode(err) {
	case errVPCNotFound:
		account, _ := r.client.AccountID(ctx)
		diags.AddAttributeError(path.Root("vpc_id"), "VPC not found", vpcMissing(vpcID, r.client.Region(), account))
	case errGroupDuplicate:
		addAPIError(diags, "ec2:CreateSecurityGroup", target, err, fmt.Sprintf("A security group named %q already "+
			"exists in this VPC: choose another name (or name_prefix), or bring the existing group under Terraform "+
			"with terraform import hardened_security_group.NAME sg-...", name))
	case errNoDefaultVPC:
		addAPIError(diags, "ec2:CreateSecurityGroup", target, err, "The region has no default VPC: set vpc_id.")
	default:
		addAPIError(diags, "ec2:CreateSecurityGroup", target, err, "")
	}
}

func (r *SecurityGroupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state securityGroupModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	id := state.ID.ValueString()
	g, err := describeGroup(ctx, r.client.EC2(), id)
	if err != nil {
		addAPIError(&resp.Diagnostics, "ec2:DescribeSecurityGroups", "security group "+id, err, "")
		return
	}
	if g == nil {
		resp.Diagnostics.AddWarning("Security group was deleted outside Terraform",
			fmt.Sprintf("Security group %s (%s) no longer exists. The next apply creates it again.",
				id, state.Name.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	}
	owner := aws.ToString(g.OwnerId)
	actual := append(flattenPermissions(g.IpPermissions, false, owner), flattenPermissions(g.IpPermissionsEgress, true, owner)...)
	for _, dir := range []struct {
		set    *types.Set
		egress bool
	}{{&state.Ingress, false}, {&state.Egress, true}} {
		prior, _, d := decodeRules(ctx, *dir.set)
		resp.Diagnostics.Append(d...)
		blocks, d := rebuildBlocks(ctx, prior, actual, dir.egress, id, owner)
		resp.Diagnostics.Append(d...)
		*dir.set, d = encodeRules(ctx, blocks)
		resp.Diagnostics.Append(d...)
	}
	tags, d := tagsFromAWS(ctx, g.Tags, state.Tags)
	resp.Diagnostics.Append(d...)
	state.Tags = tags
	state.Name = types.StringValue(aws.ToString(g.GroupName))
	state.Description = types.StringValue(aws.ToString(g.Description))
	state.VPCID = types.StringValue(aws.ToString(g.VpcId))
	state.OwnerID = types.StringValue(owner)
	state.ARN = types.StringValue(groupARN(g, nil, r.client))
	if state.AllowAllEgress.IsNull() { // after import: not stored in AWS
		state.AllowAllEgress = types.BoolValue(false)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *SecurityGroupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state securityGroupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	validateRules(ctx, rulesConfig(plan), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	api := r.client.EC2()
	g, err := describeGroup(ctx, api, id)
	if err != nil {
		addAPIError(&resp.Diagnostics, "ec2:DescribeSecurityGroups", "security group "+id, err, "")
		return
	}
	if g == nil {
		resp.Diagnostics.AddError("Security group was deleted during apply",
			fmt.Sprintf("Security group %s no longer exists. Run terraform apply again to create it.", id))
		return
	}
	tags, d := tagMap(ctx, plan.Tags)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() || !syncTags(ctx, api, id, g.Tags, tags, &resp.Diagnostics) {
		return
	}
	if !r.reconcile(ctx, api, g, plan, &resp.Diagnostics) {
		return
	}
	plan.ID = state.ID
	plan.ARN = state.ARN
	plan.OwnerID = state.OwnerID
	plan.Name = types.StringValue(aws.ToString(g.GroupName))
	plan.VPCID = types.StringValue(aws.ToString(g.VpcId))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *SecurityGroupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state securityGroupModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	if err := deleteSecurityGroup(ctx, r.waits.clock, r.client.EC2(), state.ID.ValueString(), r.waits.delete, r.waits.poll); err != nil {
		resp.Diagnostics.AddError("Security group still in use", err.Error())
	}
}

// ImportState takes the group ID. A VPC's default group belongs to hardened_default_security_group.
func (r *SecurityGroupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !strings.HasPrefix(req.ID, "sg-") {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("%q is not a security group ID. Import with the group's ID: "+
				"terraform import hardened_security_group.NAME sg-0123456789abcdef0", req.ID))
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
	if aws.ToString(g.GroupName) == "default" {
		resp.Diagnostics.AddError("Cannot import a default security group",
			fmt.Sprintf("%s is the default security group of %s. Manage it with hardened_default_security_group, "+
				"which keeps it free of rules: terraform import hardened_default_security_group.NAME %s",
				req.ID, aws.ToString(g.VpcId), req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

// groupARN is the ARN EC2 returned, or the one built from the group's region, owner and ID.
func groupARN(g *ec2types.SecurityGroup, created *string, c *awsclient.Client) string {
	if a := aws.ToString(g.SecurityGroupArn); a != "" {
		return a
	}
	if a := aws.ToString(created); a != "" {
		return a
	}
	return fmt.Sprintf("arn:%s:ec2:%s:%s:security-group/%s", c.Partition(), c.Region(), aws.ToString(g.OwnerId),
		aws.ToString(g.GroupId))
}
