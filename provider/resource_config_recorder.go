package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
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
	"github.com/hardened-tf/terraform-provider-hardened/internal/clock"
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

var (
	_ resource.Resource                = &ConfigRecorderResource{}
	_ resource.ResourceWithConfigure   = &ConfigRecorderResource{}
	_ resource.ResourceWithImportState = &ConfigRecorderResource{}
	_ resource.ResourceWithModifyPlan  = &ConfigRecorderResource{}
)

// configRecorderEnforcement is every control the resource enforces, and how: the
// docs table is rendered from it, and TestAccConfigRecorder_controlsEnforced walks it.
var configRecorderEnforcement = []controlEnforcement{
	{Control: controls.ConfigRecorderAll, Drift: "region_status",
		Scope: "in every governed region; global resource types in `global_resources_region` only"},
}

// NewConfigRecorderResource is the factory registered with the provider.
func NewConfigRecorderResource() resource.Resource {
	return &ConfigRecorderResource{}
}

// ConfigRecorderResource runs an AWS Config recorder in every governed region.
type ConfigRecorderResource struct {
	client *awsclient.Client
	clock  clock.Clock
	// propagation paces the retries while a new service-linked role or bucket
	// policy is not yet visible to AWS Config.
	propagation pacing
	claims      *regionClaims
}

type configRecorderModel struct {
	ID                    types.String `tfsdk:"id"`
	Regions               types.Set    `tfsdk:"regions"`
	GlobalResourcesRegion types.String `tfsdk:"global_resources_region"`
	S3BucketName          types.String `tfsdk:"s3_bucket_name"`
	BucketManaged         types.Bool   `tfsdk:"bucket_managed"`
	BucketHardened        types.Bool   `tfsdk:"bucket_hardened"`
	RoleARN               types.String `tfsdk:"role_arn"`
	RegionStatus          types.Map    `tfsdk:"region_status"`
	RetainOnDestroy       types.Bool   `tfsdk:"retain_on_destroy"`
}

// configRegionStatus is what one region reports.
type configRegionStatus struct {
	Recording                  types.Bool   `tfsdk:"recording"`
	AllSupported               types.Bool   `tfsdk:"all_supported"`
	IncludeGlobalResourceTypes types.Bool   `tfsdk:"include_global_resource_types"`
	ServiceLinkedRole          types.Bool   `tfsdk:"service_linked_role"`
	DeliveryBucket             types.String `tfsdk:"delivery_bucket"`
}

var configRegionStatusType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"recording": types.BoolType, "all_supported": types.BoolType, "include_global_resource_types": types.BoolType,
	"service_linked_role": types.BoolType, "delivery_bucket": types.StringType,
}}

func (r *ConfigRecorderResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_config_recorder"
}

func (r *ConfigRecorderResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	statusBool := func(what string) schema.Attribute {
		return schema.BoolAttribute{Computed: true, MarkdownDescription: what}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "AWS Config in every governed region from one block: a configuration recorder recording " +
			"all supported resource types through the Config service-linked role (`AWSServiceRoleForConfig`, created " +
			"when missing), global resource types (IAM) recorded in exactly one region, a delivery channel, and the " +
			"recorder started. AWS allows one recorder and one delivery channel per region: existing ones are " +
			"adopted (kept under their names and brought to this configuration), never duplicated; a second " +
			"`hardened_config_recorder` governing a region this one governs fails at plan.\n\n" +
			"Delivery goes to a bucket this resource creates in the provider's region and hardens like the trail's " +
			"(Block Public Access, bucket-owner-enforced ownership, versioning, default encryption, a TLS-only policy " +
			"that lets AWS Config write only for this account through `aws:SourceAccount`), or to a bucket you name " +
			"in `s3_bucket_name`, which is only referenced: its policy must let AWS Config deliver, and it is never " +
			"reported as hardened.\n\n" +
			"A recorder stopped, narrowed or pointed at another role, or a delivery channel removed or redirected, " +
			"shows as drift in that region's `region_status` and the next apply repairs it. Regions are worked on in " +
			"parallel; one failing region does not lose the others. Destroy stops nothing unless " +
			"`retain_on_destroy = false`.\n\n" +
			"Controls enforced:\n\n" + enforcementTable(configRecorderEnforcement...),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The AWS account ID.",
				PlanModifiers:       keep,
			},
			"regions": regionsAttribute("Each governed region gets a recorder and a delivery channel."),
			"global_resources_region": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "The one region whose recorder records global resource types (IAM users, " +
					"roles, groups and policies), so that they are recorded once, not once per region. Defaults to " +
					"the provider's region; it must be one of `regions` (else the plan fails).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"s3_bucket_name": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "An existing bucket to deliver configuration history and snapshots to, only " +
					"referenced: its policy must let `config.amazonaws.com` write, and the resource neither changes " +
					"nor checks it (`bucket_hardened` is null). When unset, the bucket " +
					"`hardened-config-ACCOUNT-REGION` is created in the provider's region and hardened. Changing it " +
					"replaces the resource: with the default `retain_on_destroy` the recorders and channels are " +
					"kept and pointed at the new bucket, and a created bucket is left in place.",
				Validators: []validator.String{stringvalidator.RegexMatches(bucketNameRegexp,
					"must be an S3 bucket name: 3-63 lowercase letters, digits, '.' or '-'")},
				PlanModifiers: keep,
			},
			"bucket_managed": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "`true` when the delivery bucket was created (or adopted by its tag) and is hardened by this resource; `false` when it is referenced through `s3_bucket_name`.",
			},
			"bucket_hardened": schema.BoolAttribute{
				Computed: true,
				MarkdownDescription: "For a managed bucket, `true` when it has all its hardening (public access " +
					"block with ACLs disabled, versioning, default encryption, the TLS-only policy scoped to AWS " +
					"Config); read sets it `false` when any of it was weakened, and the next apply repairs it. Null " +
					"for a referenced bucket: the resource does not check it.",
			},
			"role_arn": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "ARN of the AWS Config service-linked role every recorder uses.",
				PlanModifiers:       keep,
			},
			"region_status": schema.MapNestedAttribute{
				Computed: true,
				MarkdownDescription: "What each governed region reports, keyed by region, as last read. A recorder " +
					"stopped by hand shows in the plan as `recording = false -> true`, a delivery channel deleted as " +
					"`delivery_bucket = \"\" -> ...`. A region whose last apply failed is absent until an apply " +
					"succeeds there.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"recording":     statusBool("Whether the region's configuration recorder is started."),
					"all_supported": statusBool("Whether the recorder records all supported resource types."),
					"include_global_resource_types": statusBool("Whether the recorder records global resource " +
						"types: `true` in `global_resources_region` only."),
					"service_linked_role": statusBool("Whether the recorder uses the AWS Config service-linked role."),
					"delivery_bucket": schema.StringAttribute{Computed: true,
						MarkdownDescription: "The bucket the region's delivery channel delivers to; `\"\"` when the region has no delivery channel."},
				}},
			},
			"retain_on_destroy": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
				MarkdownDescription: "Leave every recorder recording when the resource is destroyed or a region is " +
					"removed from `regions` (the default), with a warning. Set to `false` to stop and delete the " +
					"recorders and delivery channels there (adopted ones too) and, on destroy, the created bucket " +
					"when it is empty.",
			},
		},
	}
}

func (r *ConfigRecorderResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req, resp)
	r.clock = clockFrom(req)
	r.propagation = pacing{Timeout: 2 * time.Minute, Delay: time.Second, MaxDelay: 10 * time.Second}
	r.claims = claimsFrom(req)
}

// ModifyPlan reads the account's regions at plan time and plans every governed
// region recording, with global resource types in one region only.
func (r *ConfigRecorderResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	var cfg, plan configRecorderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	account, err := r.client.AccountID(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot determine the AWS account", err.Error())
		return
	}
	home := r.client.Region()
	if cfg.GlobalResourcesRegion.IsNull() {
		plan.GlobalResourcesRegion = types.StringValue(home)
	}
	if cfg.S3BucketName.IsNull() {
		plan.S3BucketName = types.StringValue(configBucketName(account, home))
		plan.BucketManaged = types.BoolValue(true)
		plan.BucketHardened = types.BoolValue(true)
	} else if !cfg.S3BucketName.IsUnknown() {
		plan.BucketManaged = types.BoolValue(false)
		plan.BucketHardened = types.BoolNull()
	}
	if !req.State.Raw.IsNull() {
		var state configRecorderModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if !plan.S3BucketName.Equal(state.S3BucketName) {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("s3_bucket_name"))
		}
	}
	governed, ok := planRegions(ctx, r.client, cfg.Regions, &resp.Diagnostics)
	if !ok || !claimRegions(r.claims, "hardened_config_recorder", "AWS Config recorder and delivery channel",
		governed, &resp.Diagnostics) {
		return
	}
	global := plan.GlobalResourcesRegion
	if governed == nil || global.IsUnknown() || plan.S3BucketName.IsUnknown() {
		plan.RegionStatus = types.MapUnknown(configRegionStatusType)
	} else {
		if !slices.Contains(governed, global.ValueString()) {
			resp.Diagnostics.AddAttributeError(path.Root("global_resources_region"), "Global resources region not governed",
				fmt.Sprintf("global_resources_region is %s, which is not among the governed regions (%s): global "+
					"resource types (IAM) would be recorded nowhere [%s]. Add %s to regions, or set "+
					"global_resources_region to one of them.", global.ValueString(), strings.Join(governed, ", "),
					controls.ConfigRecorderAll.ID, global.ValueString()))
			return
		}
		plan.Regions = setOfStrings(ctx, governed, &resp.Diagnostics)
		want := make(map[string]configRegion, len(governed))
		for _, region := range governed {
			want[region] = wantedConfigRegion(region, global.ValueString(), plan.S3BucketName.ValueString())
		}
		plan.RegionStatus = configStatusMap(ctx, want, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

func (r *ConfigRecorderResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createRegional(ctx, req, resp, r.client, func(m *configRecorderModel) *types.String { return &m.ID }, r.apply)
}

func (r *ConfigRecorderResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state configRecorderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) ||
		!sameAccount(ctx, r.client, state.ID.ValueString(), "AWS Config recorders", &resp.Diagnostics) {
		return
	}
	regions, ok := stateRegions(ctx, r.client, state.Regions, state.ID.ValueString(), &resp.Diagnostics)
	if !ok {
		return
	}
	role := state.RoleARN.ValueString()
	if state.RoleARN.IsNull() || state.RoleARN.IsUnknown() { // after import
		found, err := r.findServiceLinkedRole(ctx)
		if err != nil {
			addAPIError(&resp.Diagnostics, "iam:ListRoles", "path "+configServiceRolePath, err, "")
			return
		}
		role = found
	}
	results := forEachRegion(ctx, regions, func(ctx context.Context, region string) (configRegion, error) {
		return r.readRegion(ctx, region, role)
	})
	if reportRegionCallErrors(results, &resp.Diagnostics, "AWS Config", "") > 0 {
		return
	}
	status := make(map[string]configRegion, len(results))
	for region, res := range results {
		status[region] = res.value
	}
	if state.RetainOnDestroy.IsNull() { // after import
		state.RetainOnDestroy = types.BoolValue(true)
		home := r.client.Region()
		state.GlobalResourcesRegion = types.StringValue(home)
		for region, s := range status {
			if s.IncludeGlobal {
				state.GlobalResourcesRegion = types.StringValue(region)
			}
		}
		state.S3BucketName = types.StringValue(status[state.GlobalResourcesRegion.ValueString()].Bucket)
		state.RoleARN = types.StringValue(role)
		if role == "" {
			state.RoleARN = types.StringNull()
		}
		if !r.importBucket(ctx, &state, &resp.Diagnostics) {
			return
		}
	}
	if state.BucketManaged.ValueBool() {
		hardened, ok := r.bucketHardened(ctx, state.S3BucketName.ValueString(), state.ID.ValueString(), &resp.Diagnostics)
		if !ok {
			return
		}
		state.BucketHardened = types.BoolValue(hardened)
	}
	state.Regions = setOfStrings(ctx, regions, &resp.Diagnostics)
	state.RegionStatus = configStatusMap(ctx, status, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *ConfigRecorderResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateRegional(ctx, req, resp, r.client, "AWS Config recorders", func(m *configRecorderModel) *types.String { return &m.ID }, r.apply)
}

func (r *ConfigRecorderResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state configRecorderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	regions := stringsOf(ctx, state.Regions, &resp.Diagnostics)
	if state.RetainOnDestroy.IsNull() || state.RetainOnDestroy.ValueBool() {
		resp.Diagnostics.AddWarning("AWS Config left recording",
			fmt.Sprintf("The AWS Config recorders and delivery channels stay in place, recording, in %d regions of "+
				"account %s (%s), and the delivery bucket %s is kept: the resource was removed from Terraform state "+
				"only, because stopping Config would leave gaps in the configuration history. To stop them, set "+
				"retain_on_destroy = false and apply before destroying.",
				len(regions), state.ID.ValueString(), strings.Join(regions, ", "), state.S3BucketName.ValueString()))
		return
	}
	if !requireClient(r.client, &resp.Diagnostics) ||
		!sameAccount(ctx, r.client, state.ID.ValueString(), "AWS Config recorders", &resp.Diagnostics) {
		return
	}
	if reportRegionCallErrors(r.teardown(ctx, regions), &resp.Diagnostics, "AWS Config",
		"The resource stays in state; run terraform destroy again to finish the remaining regions.") > 0 {
		return
	}
	if state.BucketManaged.ValueBool() {
		r.deleteBucketIfEmpty(ctx, state.S3BucketName.ValueString(), &resp.Diagnostics)
	}
}

// ImportState takes the account ID; another account's recorders are refused.
func (r *ConfigRecorderResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !importAccountID(ctx, r.client, req.ID, "hardened_config_recorder", "AWS Config recorders", &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

// apply brings every governed region to the wanted recorder and channel (the
// managed bucket first), and without retain_on_destroy tears down the regions no
// longer governed. plan.RegionStatus ends as what was done: a failed region keeps
// its prior status, or none, so the next plan retries it.
func (r *ConfigRecorderResource) apply(ctx context.Context, plan, prior *configRecorderModel, diags *diag.Diagnostics) {
	account := plan.ID.ValueString()
	bucket := plan.S3BucketName.ValueString()
	if plan.BucketManaged.ValueBool() {
		if !r.ensureBucket(ctx, bucket, account, diags) {
			return
		}
		plan.BucketHardened = types.BoolValue(true)
	}
	role, ok := r.ensureServiceLinkedRole(ctx, diags)
	if !ok {
		return
	}
	plan.RoleARN = types.StringValue(role)
	governed := stringsOf(ctx, plan.Regions, diags)
	before := map[string]configRegion{}
	if prior != nil {
		before = configStatusOf(ctx, prior.RegionStatus, diags)
	}
	global := plan.GlobalResourcesRegion.ValueString()
	results := forEachRegion(ctx, governed, func(ctx context.Context, region string) (configRegion, error) {
		return r.applyRegion(ctx, region, wantedConfigRegion(region, global, bucket), role)
	})
	status := map[string]configRegion{}
	for region, res := range results {
		if res.err == nil {
			status[region] = res.value
		} else if s, known := before[region]; known {
			status[region] = s
		}
	}
	reportRegionCallErrors(results, diags, "AWS Config", fmt.Sprintf(
		"AWS Config is recording in the other regions (%d of %d); the next apply retries the failed ones.",
		countOK(results), len(governed)))
	if prior != nil {
		released := releasedRegions(stringsOf(ctx, prior.Regions, diags), governed)
		if plan.RetainOnDestroy.ValueBool() {
			warnRegionsReleased(diags, "AWS Config left recording", "AWS Config keeps recording there", released)
		} else {
			reportRegionCallErrors(r.teardown(ctx, released), diags, "AWS Config",
				"The region was removed from regions with retain_on_destroy = false.")
		}
	}
	plan.RegionStatus = configStatusMap(ctx, status, diags)
}

func countOK[T any](results map[string]regionResult[T]) int {
	n := 0
	for _, res := range results {
		if res.err == nil {
			n++
		}
	}
	return n
}
