package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
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

func (r *SecurityGroupResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	described := describedBy{control: controls.SecurityGroupRuleDescriptions}
	sources := func(what, example string) schema.SetAttribute {
		return schema.SetAttribute{
			ElementType:         types.StringType,
			Optional:            true,
			MarkdownDescription: what + " Example: `" + example + "`.",
		}
	}
	rule := func(dir string) schema.SetNestedBlock {
		peerWord := "sources"
		if dir == "egress" {
			peerWord = "destinations"
		}
		b := schema.SetNestedBlock{
			NestedObject: schema.NestedBlockObject{
				Attributes: map[string]schema.Attribute{
					"protocol": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "`tcp`, `udp`, `icmp`, `icmpv6`, `-1` (or `all`) for every protocol, or a " +
							"protocol number. Numbers of named protocols (`6`, `17`, `1`, `58`) are accepted and " +
							"compared with AWS by meaning, so they never show as drift.",
					},
					"from_port": schema.Int64Attribute{
						Required: true,
						MarkdownDescription: "Start of the port range (the ICMP type for `icmp`/`icmpv6`, `-1` for all). " +
							"`0` for protocols without ports, such as `-1`.",
					},
					"to_port": schema.Int64Attribute{
						Required: true,
						MarkdownDescription: "End of the port range, inclusive (the ICMP code for `icmp`/`icmpv6`, `-1` " +
							"for all). `0` for protocols without ports, such as `-1`.",
					},
					"cidr_blocks": sources("IPv4 "+peerWord+", as canonical CIDR blocks.", `["10.0.0.0/16"]`),
					"ipv6_cidr_blocks": sources("IPv6 "+peerWord+", as canonical CIDR blocks.",
						`["2001:db8::/32"]`),
					"prefix_list_ids": sources("Managed prefix lists of "+peerWord+".", `["pl-0123456789abcdef0"]`),
					"security_groups": sources("Security groups whose members are the "+peerWord+", by ID "+
						"(`ACCOUNT/sg-...` for another account's group).", `[hardened_security_group.app.id]`),
					"self": schema.BoolAttribute{
						Optional:            true,
						MarkdownDescription: "Whether members of this security group are " + peerWord + ".",
					},
					"description": schema.StringAttribute{
						Required:   true,
						Validators: []validator.String{described, stringvalidator.LengthAtMost(sgMaxDescription)},
						MarkdownDescription: fmt.Sprintf("What the rule is for; required and non-empty (%s). Error "+
							"messages name the rule by it. Changing it updates the rule in place.",
							controls.SecurityGroupRuleDescriptions.ID),
					},
				},
			},
		}
		if dir == "ingress" {
			b.MarkdownDescription = "Inbound rules; each block allows one protocol and port range from its " +
				"sources. A rule that breaks a " +
				"control fails at plan, naming the rule by its description, the port and the control: no " +
				"administrative or database port (22, 3389, 3306, 5432, ...) from `0.0.0.0/0` or `::/0`, no " +
				"all-protocol rule from the internet, " + controls.NoWidePortRanges.Threshold.String() +
				" ports per rule from networks broader than /" + fmt.Sprint(controls.WidePortRangeBroadestPrefix) +
				", and internet ingress only on ports listed in `public_ingress_ports`. " +
				"Rules added outside Terraform show in the plan as removed, and apply revokes them."
		} else {
			b.MarkdownDescription = "Outbound rules. Without egress blocks the group allows no outbound traffic: " +
				"the allow-all rule AWS adds to every new group is revoked (" + controls.NoUnrestrictedEgress.ID +
				"). State the outbound traffic the members need, e.g. `tcp` 443 to a prefix list. An allow-all " +
				"rule (every protocol, or every TCP or UDP port, to `0.0.0.0/0` or `::/0`) fails at plan unless " +
				"`allow_all_egress = true`. Rules added outside Terraform show in the plan as removed, and apply " +
				"revokes them."
		}
		return b
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A VPC security group whose rules cannot break the network controls of the catalog. " +
			"Insecure ingress fails at `terraform plan` with an error naming the rule, the port and the control; " +
			"the internet reaches only the ports listed in `public_ingress_ports` (never administrative or " +
			"database ports); egress is closed unless stated, and allow-all egress is refused unless " +
			"`allow_all_egress = true`; every rule has a description. Rules change in " +
			"place (only the difference is authorized or revoked), rules changed outside Terraform show as drift " +
			"that apply repairs, and destroy explains which network interfaces still use the group.\n\n" +
			"Controls enforced:\n\n" + controlsTable(securityGroupControls...) + "\n`allow_all_egress = true` waives " +
			controls.NoUnrestrictedEgress.ID + " for the group, and only that control.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The security group ID (`sg-...`).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"arn": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The security group ARN.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"owner_id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The AWS account that owns the group.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Optional: true,
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplace(),
				},
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, sgMaxName),
					stringvalidator.ConflictsWith(path.MatchRoot("name_prefix")),
				},
				MarkdownDescription: "Group name, unique in the VPC; it cannot start with `sg-`. Defaults to a " +
					"unique name starting with `name_prefix`, or with `terraform-`. Changing it replaces the group.",
			},
			"name_prefix": schema.StringAttribute{
				Optional:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{stringvalidator.LengthBetween(1, sgMaxNamePrefix)},
				MarkdownDescription: "Creates a unique name beginning with this prefix. Conflicts with `name`. " +
					"Changing it replaces the group.",
			},
			"description": schema.StringAttribute{
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{described, stringvalidator.LengthAtMost(sgMaxDescription)},
				MarkdownDescription: fmt.Sprintf("What the group is for; required and non-empty (%s). AWS cannot "+
					"change a group's description, so changing it replaces the group.",
					controls.SecurityGroupRuleDescriptions.ID),
			},
			"vpc_id": schema.StringAttribute{
				Optional: true,
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplace(),
				},
				MarkdownDescription: "VPC of the group. Defaults to the region's default VPC. Changing it replaces " +
					"the group.",
			},
			"tags": schema.MapAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: "Tags of the group. Tags added outside Terraform show as drift and are removed.",
			},
			"public_ingress_ports": schema.SetAttribute{
				ElementType: types.Int64Type,
				Optional:    true,
				Validators:  []validator.Set{setvalidator.ValueInt64sAre(int64validator.Between(1, 65535))},
				MarkdownDescription: fmt.Sprintf("TCP and UDP ports that ingress rules may open to the whole "+
					"internet (`0.0.0.0/0`, `::/0`), e.g. `[80, 443]`. Any other port from the internet fails at "+
					"plan (%s, %s). Administrative and database ports cannot be listed (%s).",
					controls.WorldIngressDeclaredPortsOnly.Cite(), controls.WorldIngressDeclaredPortsOnly.ID,
					controls.NoWorldIngressAdminPortsIPv4.ID),
			},
			"allow_all_egress": schema.BoolAttribute{
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
				MarkdownDescription: allowAllEgressDescription(),
			},
		},
		Blocks: map[string]schema.Block{
			"ingress": rule("ingress"),
			"egress":  rule("egress"),
		},
	}
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

// describedBy requires a non-blank description, citing the control that wants one.
type describedBy struct {
	control controls.Control
}

var _ validator.String = describedBy{}

func (v describedBy) Description(_ context.Context) string {
	return fmt.Sprintf("must describe its purpose (%s)", v.control.Cite())
}

func (v describedBy) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v describedBy) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || strings.TrimSpace(req.ConfigValue.ValueString()) != "" {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Missing description",
		fmt.Sprintf("%s is empty: it %s. %s [%s]", req.Path, v.Description(ctx), v.control.Remediation, v.control.ID))
}
