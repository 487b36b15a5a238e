package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

var (
	_ resource.Resource                = &EBSEncryptionByDefaultResource{}
	_ resource.ResourceWithConfigure   = &EBSEncryptionByDefaultResource{}
	_ resource.ResourceWithImportState = &EBSEncryptionByDefaultResource{}
	_ resource.ResourceWithModifyPlan  = &EBSEncryptionByDefaultResource{}
)

// NewEBSEncryptionByDefaultResource is the factory registered with the provider.
func NewEBSEncryptionByDefaultResource() resource.Resource {
	return &EBSEncryptionByDefaultResource{}
}

// EBSEncryptionByDefaultResource turns EBS encryption by default on in every governed region.
type EBSEncryptionByDefaultResource struct {
	client *awsclient.Client
}

type ebsEncryptionByDefaultModel struct {
	ID              types.String `tfsdk:"id"`
	Regions         types.Set    `tfsdk:"regions"`
	RegionStatus    types.Map    `tfsdk:"region_status"`
	RetainOnDestroy types.Bool   `tfsdk:"retain_on_destroy"`
}

// ebsRegionStatus is what one region reports.
type ebsRegionStatus struct {
	Enabled types.Bool `tfsdk:"enabled"`
}

var ebsRegionStatusType = types.ObjectType{AttrTypes: map[string]attr.Type{"enabled": types.BoolType}}

func (r *EBSEncryptionByDefaultResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ebs_encryption_by_default"
}

func (r *EBSEncryptionByDefaultResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	c := controls.EBSEncryptionByDefault
	resp.Schema = schema.Schema{
		MarkdownDescription: "EBS encryption by default, on in every governed region: every new EBS volume and " +
			"snapshot copy there is encrypted, whatever its creator asked for. One block governs every region enabled " +
			"for the account (or the `regions` you list); turning it off by hand in any region shows as drift in " +
			"that region's `region_status` and the next apply turns it on again. Regions are worked on in parallel: " +
			"when one fails (a service control policy denying it, an outage), the others are still done, the error " +
			"names the region and the next apply finishes it. Destroy leaves encryption on unless " +
			"`retain_on_destroy = false`.\n\n" +
			"The default key stays the AWS managed key `aws/ebs`: a customer-managed default key " +
			"(`ec2:ModifyEbsDefaultKmsKeyId`) is not offered yet, because it cannot be tested against the AWS " +
			"emulator the provider's tests run on.\n\n" +
			"Controls enforced:\n\n" + controlsTable(c),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The AWS account ID.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"regions": regionsAttribute("Encryption by default is a per-region setting: each governed region is turned on."),
			"region_status": schema.MapNestedAttribute{
				Computed: true,
				MarkdownDescription: "What each governed region reports, keyed by region: `enabled` is EBS encryption " +
					"by default there as last read. A region turned off by hand shows in the plan as " +
					"`enabled = false -> true`. A region whose last apply failed is absent until an apply succeeds there.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"enabled": schema.BoolAttribute{
							Computed:            true,
							MarkdownDescription: "Whether EBS encryption by default is on in the region.",
						},
					},
				},
			},
			"retain_on_destroy": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
				MarkdownDescription: "Leave encryption by default on when the resource is destroyed or a region is " +
					"removed from `regions` (the default), with a warning. Set to `false` to turn it off there.",
			},
		},
	}
}

func (r *EBSEncryptionByDefaultResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req, resp)
}

// ModifyPlan reads the account's regions at plan time: the governed regions are
// the configured ones (checked) or every enabled one, and each is planned enabled.
func (r *EBSEncryptionByDefaultResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return // destroy, or the provider is not configured yet
	}
	var cfg, plan ebsEncryptionByDefaultModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	governed, ok := planRegions(ctx, r.client, cfg.Regions, &resp.Diagnostics)
	if !ok {
		return
	}
	if governed == nil { // regions not known until apply
		plan.RegionStatus = types.MapUnknown(ebsRegionStatusType)
	} else {
		plan.Regions = setOfStrings(ctx, governed, &resp.Diagnostics)
		plan.RegionStatus = ebsStatusMap(ctx, enabledEverywhere(governed), &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

func (r *EBSEncryptionByDefaultResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createRegional(ctx, req, resp, r.client, func(m *ebsEncryptionByDefaultModel) *types.String { return &m.ID }, r.apply)
}

func (r *EBSEncryptionByDefaultResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state ebsEncryptionByDefaultModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) ||
		!sameAccount(ctx, r.client, state.ID.ValueString(), "EBS encryption by default", &resp.Diagnostics) {
		return
	}
	regions, ok := stateRegions(ctx, r.client, state.Regions, state.ID.ValueString(), &resp.Diagnostics)
	if !ok {
		return
	}
	results := forEachRegion(ctx, regions, func(ctx context.Context, region string) (bool, error) {
		out, err := r.client.EC2().GetEbsEncryptionByDefault(ctx, &ec2.GetEbsEncryptionByDefaultInput{}, inRegion(region))
		if err != nil {
			return false, err
		}
		return aws.ToBool(out.EbsEncryptionByDefault), nil
	})
	if reportRegionErrors(results, &resp.Diagnostics, "ec2:GetEbsEncryptionByDefault", "") > 0 {
		return
	}
	status := make(map[string]bool, len(results))
	for region, res := range results {
		status[region] = res.value
	}
	state.Regions = setOfStrings(ctx, regions, &resp.Diagnostics)
	state.RegionStatus = ebsStatusMap(ctx, status, &resp.Diagnostics)
	if state.RetainOnDestroy.IsNull() { // after import
		state.RetainOnDestroy = types.BoolValue(true)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *EBSEncryptionByDefaultResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateRegional(ctx, req, resp, r.client, "EBS encryption by default", func(m *ebsEncryptionByDefaultModel) *types.String { return &m.ID }, r.apply)
}

func (r *EBSEncryptionByDefaultResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state ebsEncryptionByDefaultModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	regions := stringsOf(ctx, state.Regions, &resp.Diagnostics)
	if state.RetainOnDestroy.IsNull() || state.RetainOnDestroy.ValueBool() {
		resp.Diagnostics.AddWarning("EBS encryption by default left on",
			fmt.Sprintf("EBS encryption by default stays on in %d regions of account %s (%s): the resource was "+
				"removed from Terraform state only, because turning it off would let unencrypted volumes be created "+
				"again. To turn it off, set retain_on_destroy = false and apply before destroying.",
				len(regions), state.ID.ValueString(), strings.Join(regions, ", ")))
		return
	}
	if !requireClient(r.client, &resp.Diagnostics) ||
		!sameAccount(ctx, r.client, state.ID.ValueString(), "EBS encryption by default", &resp.Diagnostics) {
		return
	}
	results := r.disable(ctx, regions)
	reportRegionErrors(results, &resp.Diagnostics, "ec2:DisableEbsEncryptionByDefault",
		"The resource stays in state; run terraform destroy again to finish the remaining regions.")
}

// ImportState takes the account ID; another account's setting is refused.
func (r *EBSEncryptionByDefaultResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !importAccountID(ctx, r.client, req.ID, "hardened_ebs_encryption_by_default", "EBS encryption by default", &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("retain_on_destroy"), true)...)
}

// apply turns encryption on in the governed regions not known to have it (every
// one on create) and, without retain_on_destroy, off in regions no longer
// governed. plan.RegionStatus ends as what was done: a region that failed keeps
// its prior status, or none, so the next plan retries it.
func (r *EBSEncryptionByDefaultResource) apply(ctx context.Context, plan, prior *ebsEncryptionByDefaultModel, diags *diag.Diagnostics) {
	governed := stringsOf(ctx, plan.Regions, diags)
	before := map[string]bool{}
	if prior != nil {
		before = ebsStatusOf(ctx, prior.RegionStatus, diags)
	}
	var todo []string
	status := map[string]bool{}
	for _, region := range governed {
		if on, known := before[region]; known && on {
			status[region] = true
		} else {
			todo = append(todo, region)
		}
	}
	results := forEachRegion(ctx, todo, func(ctx context.Context, region string) (struct{}, error) {
		_, err := r.client.EC2().EnableEbsEncryptionByDefault(ctx, &ec2.EnableEbsEncryptionByDefaultInput{}, inRegion(region))
		return struct{}{}, err
	})
	for region, res := range results {
		if res.err == nil {
			status[region] = true
		} else if on, known := before[region]; known {
			status[region] = on
		}
	}
	reportRegionErrors(results, diags, "ec2:EnableEbsEncryptionByDefault", fmt.Sprintf(
		"EBS encryption by default is on in the other regions (%d of %d); the next apply retries the failed ones.",
		len(status), len(governed)))

	if prior != nil && !plan.RetainOnDestroy.ValueBool() {
		var released []string
		for _, region := range stringsOf(ctx, prior.Regions, diags) {
			if !slices.Contains(governed, region) {
				released = append(released, region)
			}
		}
		reportRegionErrors(r.disable(ctx, released), diags, "ec2:DisableEbsEncryptionByDefault",
			"The region was removed from regions with retain_on_destroy = false.")
	}
	plan.RegionStatus = ebsStatusMap(ctx, status, diags)
}

func (r *EBSEncryptionByDefaultResource) disable(ctx context.Context, regions []string) map[string]regionResult[struct{}] {
	return forEachRegion(ctx, regions, func(ctx context.Context, region string) (struct{}, error) {
		_, err := r.client.EC2().DisableEbsEncryptionByDefault(ctx, &ec2.DisableEbsEncryptionByDefaultInput{}, inRegion(region))
		return struct{}{}, err
	})
}

func enabledEverywhere(regions []string) map[string]bool {
	out := make(map[string]bool, len(regions))
	for _, r := range regions {
		out[r] = true
	}
	return out
}

func ebsStatusMap(ctx context.Context, status map[string]bool, diags *diag.Diagnostics) types.Map {
	m := make(map[string]ebsRegionStatus, len(status))
	for region, on := range status {
		m[region] = ebsRegionStatus{Enabled: types.BoolValue(on)}
	}
	v, d := types.MapValueFrom(ctx, ebsRegionStatusType, m)
	diags.Append(d...)
	return v
}

func ebsStatusOf(ctx context.Context, v types.Map, diags *diag.Diagnostics) map[string]bool {
	out := map[string]bool{}
	if v.IsNull() || v.IsUnknown() {
		return out
	}
	var m map[string]ebsRegionStatus
	diags.Append(v.ElementsAs(ctx, &m, false)...)
	for region, s := range m {
		out[region] = s.Enabled.ValueBool()
	}
	return out
}
