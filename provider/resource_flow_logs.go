package provider

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/clock"
)

var (
	_ resource.Resource                   = &FlowLogsResource{}
	_ resource.ResourceWithConfigure      = &FlowLogsResource{}
	_ resource.ResourceWithImportState    = &FlowLogsResource{}
	_ resource.ResourceWithModifyPlan     = &FlowLogsResource{}
	_ resource.ResourceWithValidateConfig = &FlowLogsResource{}
)

// NewFlowLogsResource is the factory registered with the provider.
func NewFlowLogsResource() resource.Resource {
	return &FlowLogsResource{}
}

// FlowLogsResource records the traffic of a set of VPCs into a hardened destination.
type FlowLogsResource struct {
	client *awsclient.Client
	clock  clock.Clock
}

func (r *FlowLogsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_flow_logs"
}

func (r *FlowLogsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req, resp)
	r.clock = clockFrom(req)
}

// ValidateConfig refuses the arguments of one destination with the other.
func (r *FlowLogsResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m flowLogsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.Destination.IsUnknown() {
		return
	}
	s3 := m.Destination.ValueString() == destinationS3
	refuse := func(attr string, set bool, why string) {
		if set {
			resp.Diagnostics.AddAttributeError(path.Root(attr), "Argument not used by this destination",
				fmt.Sprintf("%s %s: remove it, or change destination.", attr, why))
		}
	}
	refuse("s3_bucket_name", !s3 && !m.S3BucketName.IsNull(), `is for destination = "s3"`)
	refuse("cloud_watch_logs_group_arn", s3 && !m.LogGroupARN.IsNull(), `is for destination = "cloud-watch-logs"`)
	refuse("kms_key_arn", s3 && !m.KMSKeyARN.IsNull(), "encrypts the managed log group; the S3 destination "+
		"is encrypted by the bucket's default encryption")
	if !s3 && !m.LogGroupARN.IsNull() && !m.KMSKeyARN.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("kms_key_arn"), "Argument not used with a referenced log group",
			"kms_key_arn encrypts the log group this resource creates; a log group given in cloud_watch_logs_group_arn "+
				"keeps its own key. Remove kms_key_arn.")
	}
}

// ModifyPlan plans the derived names, the destination's status and each VPC's
// flow log, and checks at plan what can be checked cheaply: the VPCs exist, a
// referenced log group is encrypted and kept long enough.
func (r *FlowLogsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	var cfg, plan flowLogsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.Name.IsUnknown() || plan.Destination.IsUnknown() {
		return
	}
	var state *flowLogsModel
	if !req.State.Raw.IsNull() {
		state = &flowLogsModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	}
	account, err := r.client.AccountID(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot determine the AWS account", err.Error())
		return
	}
	n := newFlowLogsNames(plan.Name.ValueString(), account, r.client.Region(), r.client.Partition())
	plan.ID = plan.Name
	r.planDestination(ctx, n, &cfg, &plan, state, resp)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, attr := range []string{"cloud_watch_logs_group_arn", "kms_key_arn", "s3_bucket_name"} {
		if state != nil && changedKnown(ctx, req, resp, attr) {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root(attr))
		}
	}
	vpcs, known := allKnownStrings(ctx, cfg.VPCIDs, &resp.Diagnostics)
	dest, destKnown := plan.destinationARN(n.partition)
	if !known || !destKnown {
		plan.VPCStatus = types.MapUnknown(flowLogStatusType)
	} else {
		if missing, err := r.missingVPCs(ctx, vpcs); err != nil {
			addAPIError(&resp.Diagnostics, "ec2:DescribeVpcs", "VPCs "+strings.Join(vpcs, ", "), err, "")
			return
		} else if len(missing) > 0 {
			addMissingVPCsError(&resp.Diagnostics, missing)
			return
		}
		before := map[string]flowLogRead{}
		if state != nil {
			before = flowLogStatusOf(ctx, state.VPCStatus, &resp.Diagnostics)
		}
		want := make(map[string]flowLogRead, len(vpcs))
		for _, vpc := range vpcs {
			fl := flowLogRead{TrafficType: flowLogsTrafficAll, Destination: dest}
			if b := before[vpc]; b.TrafficType == fl.TrafficType && b.Destination == dest && b.ID != "" {
				fl.ID = b.ID
			} else {
				fl.ID = "" // planned unknown below
			}
			want[vpc] = fl
		}
		plan.VPCStatus = flowLogStatusMap(ctx, want, true, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// planDestination fills the destination's computed attributes for the plan.
func (r *FlowLogsResource) planDestination(ctx context.Context, n flowLogsNames, cfg, plan, state *flowLogsModel,
	resp *resource.ModifyPlanResponse) {
	null := types.StringNull()
	if plan.Destination.ValueString() == destinationS3 {
		plan.LogGroupARN, plan.KMSKeyARN, plan.RoleARN = null, null, null
		plan.RoleCompliant, plan.LogGroupEncrypted = types.BoolNull(), types.BoolNull()
		if cfg.S3BucketName.IsNull() {
			plan.S3BucketName = types.StringValue(n.bucket)
			plan.DestinationManaged, plan.BucketHardened = types.BoolValue(true), types.BoolValue(true)
		} else if !cfg.S3BucketName.IsUnknown() {
			plan.DestinationManaged, plan.BucketHardened = types.BoolValue(false), types.BoolNull()
		}
		return
	}
	plan.S3BucketName, plan.BucketHardened = null, types.BoolNull()
	plan.RoleARN, plan.RoleCompliant = types.StringValue(n.roleARN), types.BoolValue(true)
	switch {
	case cfg.LogGroupARN.IsNull():
		plan.LogGroupARN = types.StringValue(n.logGroupARN)
		plan.DestinationManaged, plan.LogGroupEncrypted = types.BoolValue(true), types.BoolValue(true)
		if cfg.KMSKeyARN.IsNull() {
			// The managed key: the one in state while it is still the resource's own.
			plan.KMSKeyARN = types.StringUnknown()
			if state != nil && state.KMSKeyARN.ValueString() != "" &&
				keyTagged(ctx, r.client.KMS(), state.KMSKeyARN.ValueString(), n.tagValue) {
				plan.KMSKeyARN = state.KMSKeyARN
			}
		}
	case !cfg.LogGroupARN.IsUnknown():
		plan.DestinationManaged, plan.LogGroupEncrypted = types.BoolValue(false), types.BoolNull()
		plan.KMSKeyARN = null
		r.checkReferencedLogGroup(ctx, n, cfg.LogGroupARN.ValueString(), true, &resp.Diagnostics)
	default:
		plan.DestinationManaged, plan.LogGroupEncrypted = types.BoolUnknown(), types.BoolUnknown()
		plan.KMSKeyARN = null
	}
}

// changedKnown reports whether a known planned value differs from state.
func changedKnown(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, attr string) bool {
	var planned, prior types.String
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root(attr), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(attr), &prior)...)
	return !planned.IsUnknown() && !prior.IsUnknown() && !planned.Equal(prior)
}

// allKnownStrings reads a set whose every element is known; false when it or one of them is not.
func allKnownStrings(ctx context.Context, s types.Set, diags *diag.Diagnostics) ([]string, bool) {
	if s.IsNull() || s.IsUnknown() {
		return nil, false
	}
	for _, e := range s.Elements() {
		if e.IsUnknown() {
			return nil, false
		}
	}
	out := stringsOf(ctx, s, diags)
	sort.Strings(out)
	return out, true
}

// destinationARN is the ARN flow logs deliver to, when known.
func (m flowLogsModel) destinationARN(partition string) (string, bool) {
	if m.Destination.ValueString() == destinationS3 {
		if m.S3BucketName.IsUnknown() {
			return "", false
		}
		return bucketARN(partition, m.S3BucketName.ValueString()), true
	}
	if m.LogGroupARN.IsUnknown() {
		return "", false
	}
	return strings.TrimSuffix(m.LogGroupARN.ValueString(), ":*"), true
}

func (r *FlowLogsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan flowLogsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	plan.ID = plan.Name
	r.apply(ctx, &plan, nil, &resp.Diagnostics)
	if resp.Diagnostics.HasError() && plan.VPCStatus.IsUnknown() {
		return // nothing was made that state must remember
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *FlowLogsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state flowLogsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	account, err := r.client.AccountID(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot determine the AWS account", err.Error())
		return
	}
	if state.Name.IsNull() { // after import
		state.Name = state.ID
		if !r.importState(ctx, &state, account, &resp.Diagnostics) {
			return
		}
	}
	n := newFlowLogsNames(state.Name.ValueString(), account, r.client.Region(), r.client.Partition())
	if !r.readDestination(ctx, n, &state, &resp.Diagnostics) {
		return
	}
	dest, _ := state.destinationARN(n.partition)
	vpcs := stringsOf(ctx, state.VPCIDs, &resp.Diagnostics)
	found, err := r.readFlowLogs(ctx, n, vpcs, dest)
	if err != nil {
		addAPIError(&resp.Diagnostics, "ec2:DescribeFlowLogs", "VPCs "+strings.Join(vpcs, ", "), err, "")
		return
	}
	status := map[string]flowLogRead{}
	for _, vpc := range vpcs {
		status[vpc] = found[vpc].best()
	}
	state.VPCStatus = flowLogStatusMap(ctx, status, false, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *FlowLogsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state flowLogsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	plan.ID = state.ID
	r.apply(ctx, &plan, &state, &resp.Diagnostics)
	// A failed apply keeps what state knew for what it did not get to.
	if plan.VPCStatus.IsUnknown() {
		plan.VPCStatus = state.VPCStatus
	}
	if plan.KMSKeyARN.IsUnknown() {
		plan.KMSKeyARN = state.KMSKeyARN
	}
	if plan.DestinationManaged.IsUnknown() {
		plan.DestinationManaged, plan.LogGroupEncrypted = state.DestinationManaged, state.LogGroupEncrypted
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *FlowLogsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state flowLogsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	account, err := r.client.AccountID(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot determine the AWS account", err.Error())
		return
	}
	n := newFlowLogsNames(state.Name.ValueString(), account, r.client.Region(), r.client.Partition())
	if !r.deleteFlowLogs(ctx, n, stringsOf(ctx, state.VPCIDs, &resp.Diagnostics), &resp.Diagnostics) {
		return
	}
	if state.Destination.ValueString() == destinationCloudWatchLogs &&
		!deleteServiceRole(ctx, r.client.IAM(), n.role, n.tagValue, flowLogsRolePolicyName, &resp.Diagnostics) {
		return
	}
	r.destroyLogs(ctx, n, &state, &resp.Diagnostics)
}

// ImportState takes the resource's name: its flow logs are found by their
// managed-by tag, and from them the VPCs and the destination.
func (r *FlowLogsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !flowLogsNameRegexp.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("%q is not a hardened_flow_logs name. Import with the name the resource was created with "+
				"(its flow logs carry the tag %s = hardened_flow_logs/NAME): terraform import hardened_flow_logs.this NAME",
				req.ID, managedByTag))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

// apply makes the destination, then brings every VPC of the plan to one flow log
// recording ALL into it, and deletes the flow logs of the VPCs no longer listed.
// plan.VPCStatus ends as what was done (unknown when nothing was).
func (r *FlowLogsResource) apply(ctx context.Context, plan, prior *flowLogsModel, diags *diag.Diagnostics) {
	account, err := r.client.AccountID(ctx)
	if err != nil {
		diags.AddError("Cannot determine the AWS account", err.Error())
		return
	}
	n := newFlowLogsNames(plan.Name.ValueString(), account, r.client.Region(), r.client.Partition())
	vpcs := stringsOf(ctx, plan.VPCIDs, diags)
	sort.Strings(vpcs)
	plan.VPCStatus = types.MapUnknown(flowLogStatusType)
	if missing, err := r.missingVPCs(ctx, vpcs); err != nil {
		addAPIError(diags, "ec2:DescribeVpcs", "VPCs "+strings.Join(vpcs, ", "), err, "")
		return
	} else if len(missing) > 0 {
		addMissingVPCsError(diags, missing)
		return
	}
	tags, d := tagMap(ctx, plan.Tags)
	diags.Append(d...)
	if !r.ensureDestination(ctx, n, plan, withManagedBy(tags, n.tagValue), diags) {
		return
	}
	dest, _ := plan.destinationARN(n.partition)
	status, ok := r.ensureFlowLogs(ctx, n, plan, vpcs, dest, withManagedBy(tags, n.tagValue), diags)
	if !ok {
		return
	}
	plan.VPCStatus = flowLogStatusMap(ctx, status, false, diags)
	if prior != nil && !plan.Tags.Equal(prior.Tags) {
		before, d := tagMap(ctx, prior.Tags)
		diags.Append(d...)
		r.retagFlowLogs(ctx, status, withManagedBy(before, n.tagValue), withManagedBy(tags, n.tagValue), diags)
	}
	if prior != nil {
		var released []string
		for _, vpc := range stringsOf(ctx, prior.VPCIDs, diags) {
			if !slices.Contains(vpcs, vpc) {
				released = append(released, vpc)
			}
		}
		r.deleteFlowLogs(ctx, n, released, diags)
	}
}
