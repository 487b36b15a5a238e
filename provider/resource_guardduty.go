package provider

import (
	"context"
	"fmt"
	"strings"

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
	_ resource.Resource                = &GuardDutyResource{}
	_ resource.ResourceWithConfigure   = &GuardDutyResource{}
	_ resource.ResourceWithImportState = &GuardDutyResource{}
	_ resource.ResourceWithModifyPlan  = &GuardDutyResource{}
)

// guardDutyEnforcement is every control the resource enforces, and how: the docs
// table is rendered from it, and TestAccGuardDuty_controlsEnforced walks it. The
// protection plans can be turned off only with a reason in disabled_features.
func guardDutyEnforcement() []controlEnforcement {
	out := []controlEnforcement{{Control: controls.GuardDutyEnabled, Drift: "region_status",
		Scope: "in every governed region, findings published every 15 minutes"}}
	for _, f := range controls.GuardDutyFeatures {
		out = append(out, controlEnforcement{Control: f.Control, Drift: "region_status",
			Rejects: fmt.Sprintf(`disabled_features = { %s = "" }`, f.Name),
			Scope:   "unless named in `disabled_features` with a reason"})
	}
	return out
}

// NewGuardDutyResource is the factory registered with the provider.
func NewGuardDutyResource() resource.Resource { return &GuardDutyResource{} }

// GuardDutyResource runs a GuardDuty detector, every protection plan on, in every
// governed region.
type GuardDutyResource struct {
	client *awsclient.Client
	clock  clock.Clock
	claims *regionClaims
}

type guardDutyModel struct {
	ID               types.String `tfsdk:"id"`
	Regions          types.Set    `tfsdk:"regions"`
	DisabledFeatures types.Map    `tfsdk:"disabled_features"`
	RegionStatus     types.Map    `tfsdk:"region_status"`
	RetainOnDestroy  types.Bool   `tfsdk:"retain_on_destroy"`
}

func (r *GuardDutyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_guardduty"
}

func (r *GuardDutyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Amazon GuardDuty in every governed region from one block: a detector enabled, " +
			"publishing findings every 15 minutes (`FIFTEEN_MINUTES`), with every protection plan on: S3 " +
			"Protection (`S3_DATA_EVENTS`), EKS Audit Log Monitoring (`EKS_AUDIT_LOGS`), Malware Protection for " +
			"EC2 (`EBS_MALWARE_PROTECTION`), RDS Protection (`RDS_LOGIN_EVENTS`), Lambda Protection " +
			"(`LAMBDA_NETWORK_LOGS`) and Runtime Monitoring (`RUNTIME_MONITORING`) with GuardDuty managing its " +
			"agent on EKS (`EKS_ADDON_MANAGEMENT`), ECS Fargate (`ECS_FARGATE_AGENT_MANAGEMENT`) and EC2 " +
			"(`EC2_AGENT_MANAGEMENT`). A plan is turned off only by naming it in `disabled_features` with a " +
			"reason, which weakens its control below.\n\n" +
			"GuardDuty allows one detector per account and region: an existing one is adopted (brought to this " +
			"configuration under its ID), never duplicated; a second `hardened_guardduty` governing a region this " +
			"one governs fails at plan. A detector suspended, a plan turned off or the " +
			"publishing frequency changed by hand shows as drift in that region's `region_status` and the next " +
			"apply repairs it. Regions are worked on in parallel; one failing region does not lose the others. " +
			"Destroy leaves every detector enabled unless `retain_on_destroy = false`.\n\n" +
			"Controls enforced:\n\n" + enforcementTable(guardDutyEnforcement()...),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The AWS account ID.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"regions": regionsAttribute("Each governed region gets a detector."),
			"disabled_features": schema.MapAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "Protection plans turned off in every governed region, each with the reason " +
					"(shown to auditors), keyed by the GuardDuty API's name: " + "`" +
					strings.ReplaceAll(guardDutyFeatureNames(), ", ", "`, `") + "`" + ", such as " +
					"`{ LAMBDA_NETWORK_LOGS = \"no Lambda functions in this account\" }`. Naming " +
					"`RUNTIME_MONITORING` turns its agent management off too. An unknown name or an empty reason " +
					"fails at plan: each entry weakens the control the plan maps to (Security Hub GuardDuty.5-13).",
				Validators: []validator.Map{disabledFeaturesValidator{}},
			},
			"region_status": schema.MapNestedAttribute{
				Computed: true,
				MarkdownDescription: "What each governed region's detector reports, keyed by region, as last read. " +
					"A detector suspended by hand shows in the plan as `enabled = false -> true`, a plan turned off as " +
					"`features[\"S3_DATA_EVENTS\"] = \"DISABLED\" -> \"ENABLED\"`. A region whose last apply failed " +
					"is absent until an apply succeeds there.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"detector_id": schema.StringAttribute{Computed: true,
						MarkdownDescription: "The region's detector ID; `\"\"` when the region has no detector."},
					"enabled": schema.BoolAttribute{Computed: true,
						MarkdownDescription: "Whether the detector is enabled (not suspended)."},
					"finding_publishing_frequency": schema.StringAttribute{Computed: true,
						MarkdownDescription: "How often the detector publishes updated findings: `FIFTEEN_MINUTES`."},
					"features": schema.MapAttribute{Computed: true, ElementType: types.StringType,
						MarkdownDescription: "Each protection plan's status, `ENABLED` or `DISABLED`, keyed by " +
							"its API name (agent management under its own name); `\"\"` when GuardDuty does not " +
							"report the plan in the region."},
				}},
			},
			"retain_on_destroy": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
				MarkdownDescription: "Leave every detector enabled when the resource is destroyed or a region is " +
					"removed from `regions` (the default), with a warning. Set to `false` to delete the detectors " +
					"this resource created there (they carry the tag `hardened:managed-by`) and suspend, without " +
					"deleting, the ones it adopted: deleting a detector deletes its findings.",
			},
		},
	}
}

func (r *GuardDutyResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req, resp)
	r.clock = clockFrom(req)
	r.claims = claimsFrom(req)
}

// ModifyPlan reads the account's regions at plan time and plans a detector,
// enabled with its protection plans, in every governed region.
func (r *GuardDutyResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	var cfg, plan guardDutyModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	prior := map[string]guardDutyRegion{}
	if !req.State.Raw.IsNull() {
		var state guardDutyModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		prior = guardDutyStatusOf(ctx, state.RegionStatus, &resp.Diagnostics)
	}
	governed, ok := planRegions(ctx, r.client, cfg.Regions, &resp.Diagnostics)
	if !ok || !claimRegions(r.claims, "hardened_guardduty", "GuardDuty detector", governed, &resp.Diagnostics) {
		return
	}
	disabled, known := disabledFeatures(ctx, plan.DisabledFeatures, &resp.Diagnostics)
	if governed == nil || !known {
		plan.RegionStatus = types.MapUnknown(guardDutyRegionStatusType)
	} else {
		plan.Regions = setOfStrings(ctx, governed, &resp.Diagnostics)
		features := wantedGuardDutyFeatures(disabled)
		want := make(map[string]guardDutyRegion, len(governed))
		for _, region := range governed {
			want[region] = guardDutyRegion{DetectorID: prior[region].DetectorID, Enabled: true,
				Frequency: string(guardDutyFrequency), Features: features}
		}
		plan.RegionStatus = guardDutyStatusMap(ctx, want, true, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

func (r *GuardDutyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	createRegional(ctx, req, resp, r.client, func(m *guardDutyModel) *types.String { return &m.ID }, r.apply)
}

func (r *GuardDutyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state guardDutyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) ||
		!sameAccount(ctx, r.client, state.ID.ValueString(), "GuardDuty detectors", &resp.Diagnostics) {
		return
	}
	regions, ok := stateRegions(ctx, r.client, state.Regions, state.ID.ValueString(), &resp.Diagnostics)
	if !ok {
		return
	}
	tag := r.managedByValue(state.ID.ValueString())
	results := forEachRegion(ctx, regions, func(ctx context.Context, region string) (guardDutyRegion, error) {
		return r.readRegion(ctx, region, tag)
	})
	if reportRegionCallErrors(results, &resp.Diagnostics, "GuardDuty", "") > 0 {
		return
	}
	status := make(map[string]guardDutyRegion, len(results))
	for region, res := range results {
		status[region] = res.value
	}
	if state.RetainOnDestroy.IsNull() { // after import
		state.RetainOnDestroy = types.BoolValue(true)
	}
	state.Regions = setOfStrings(ctx, regions, &resp.Diagnostics)
	state.RegionStatus = guardDutyStatusMap(ctx, status, false, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *GuardDutyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updateRegional(ctx, req, resp, r.client, "GuardDuty detectors", func(m *guardDutyModel) *types.String { return &m.ID }, r.apply)
}

func (r *GuardDutyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state guardDutyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	regions := stringsOf(ctx, state.Regions, &resp.Diagnostics)
	if state.RetainOnDestroy.IsNull() || state.RetainOnDestroy.ValueBool() {
		resp.Diagnostics.AddWarning("GuardDuty left enabled",
			fmt.Sprintf("The GuardDuty detectors stay enabled in %d regions of account %s (%s): the resource was "+
				"removed from Terraform state only, because turning GuardDuty off stops threat detection and "+
				"deleting a detector deletes its findings. To remove them, set retain_on_destroy = false and apply "+
				"before destroying.", len(regions), state.ID.ValueString(), strings.Join(regions, ", ")))
		return
	}
	if !requireClient(r.client, &resp.Diagnostics) ||
		!sameAccount(ctx, r.client, state.ID.ValueString(), "GuardDuty detectors", &resp.Diagnostics) {
		return
	}
	results := r.teardown(ctx, regions, r.managedByValue(state.ID.ValueString()))
	if reportRegionCallErrors(results, &resp.Diagnostics, "GuardDuty",
		"The resource stays in state; run terraform destroy again to finish the remaining regions.") > 0 {
		return
	}
	warnSuspendedAdopted(results, &resp.Diagnostics)
}

// ImportState takes the account ID; another account's detectors are refused.
func (r *GuardDutyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !importAccountID(ctx, r.client, req.ID, "hardened_guardduty", "GuardDuty detectors", &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

func (r *GuardDutyResource) managedByValue(account string) string {
	return managedBy("hardened_guardduty", account)
}

// apply brings every governed region's detector to the plan, and without
// retain_on_destroy tears down the regions no longer governed. plan.RegionStatus
// ends as what was done: a failed region keeps its prior status, or none, so the
// next plan retries it.
func (r *GuardDutyResource) apply(ctx context.Context, plan, prior *guardDutyModel, diags *diag.Diagnostics) {
	governed := stringsOf(ctx, plan.Regions, diags)
	disabled, _ := disabledFeatures(ctx, plan.DisabledFeatures, diags)
	features := wantedGuardDutyFeatures(disabled)
	before := map[string]guardDutyRegion{}
	if prior != nil {
		before = guardDutyStatusOf(ctx, prior.RegionStatus, diags)
	}
	tag := r.managedByValue(plan.ID.ValueString())
	results := forEachRegion(ctx, governed, func(ctx context.Context, region string) (guardDutyRegion, error) {
		return r.applyRegion(ctx, region, features, tag)
	})
	status := map[string]guardDutyRegion{}
	for region, res := range results {
		if res.err == nil {
			status[region] = res.value
		} else if s, known := before[region]; known {
			status[region] = s
		}
	}
	reportRegionCallErrors(results, diags, "GuardDuty", fmt.Sprintf(
		"GuardDuty is enabled in the other regions (%d of %d); the next apply retries the failed ones.",
		countOK(results), len(governed)))
	if prior != nil && plan.RetainOnDestroy.ValueBool() {
		warnRegionsReleased(diags, "GuardDuty left enabled", "GuardDuty stays enabled there",
			releasedRegions(stringsOf(ctx, prior.Regions, diags), governed))
	} else if prior != nil {
		released := releasedRegions(stringsOf(ctx, prior.Regions, diags), governed)
		results := r.teardown(ctx, released, tag)
		reportRegionCallErrors(results, diags, "GuardDuty", "The region was removed from regions with retain_on_destroy = false.")
		warnSuspendedAdopted(results, diags)
	}
	plan.RegionStatus = guardDutyStatusMap(ctx, status, false, diags)
}

// warnSuspendedAdopted says which adopted detectors were suspended, not deleted.
func warnSuspendedAdopted(results map[string]regionResult[guardDutyTeardown], diags *diag.Diagnostics) {
	if kept := suspendedAdopted(results); len(kept) > 0 {
		diags.AddWarning("Adopted GuardDuty detectors suspended, not deleted",
			fmt.Sprintf("The detectors in %s existed before this resource adopted them: they were suspended "+
				"(Enable = false), keeping their findings and settings, not deleted. Delete them with "+
				"aws guardduty delete-detector if they are no longer needed.", strings.Join(kept, ", ")))
	}
}

// disabledFeatures reads disabled_features: the plans' names and reasons; known
// is false while the map (or a value in it) is unknown.
func disabledFeatures(ctx context.Context, m types.Map, diags *diag.Diagnostics) (map[string]string, bool) {
	out := map[string]string{}
	if m.IsNull() {
		return out, true
	}
	if m.IsUnknown() {
		return nil, false
	}
	for _, v := range m.Elements() {
		if v.IsUnknown() {
			return nil, false
		}
	}
	diags.Append(m.ElementsAs(ctx, &out, false)...)
	return out, true
}

// disabledFeaturesValidator requires each disabled protection plan to be a known
// one, with a reason.
type disabledFeaturesValidator struct{}

var _ validator.Map = disabledFeaturesValidator{}

func (disabledFeaturesValidator) Description(context.Context) string {
	return "keys must be GuardDuty protection plans, each with a non-empty reason"
}

func (v disabledFeaturesValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v disabledFeaturesValidator) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for key, val := range req.ConfigValue.Elements() {
		f, ok := controls.GuardDutyFeatureByName(key)
		if !ok {
			resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(key), "Unknown GuardDuty protection plan",
				fmt.Sprintf("%q is not a GuardDuty protection plan this resource manages. The plans are: %s.",
					key, guardDutyFeatureNames()))
			continue
		}
		s, isString := val.(types.String)
		if !isString || s.IsUnknown() {
			continue
		}
		if strings.TrimSpace(s.ValueString()) == "" {
			resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(key), "GuardDuty protection plan disabled without a reason",
				fmt.Sprintf("Disabling %s turns that protection plan off in every governed region and weakens the "+
					"control %q (%s). Give the reason auditors will read, such as %s = \"no such workloads in this "+
					"account (SEC-1234)\", or remove the entry. [%s]",
					key, f.Control.Title, f.Control.Cite(), key, f.Control.ID))
		}
	}
}
