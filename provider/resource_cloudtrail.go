package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/clock"
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

var (
	_ resource.Resource                   = &CloudTrailResource{}
	_ resource.ResourceWithConfigure      = &CloudTrailResource{}
	_ resource.ResourceWithImportState    = &CloudTrailResource{}
	_ resource.ResourceWithValidateConfig = &CloudTrailResource{}
	_ resource.ResourceWithModifyPlan     = &CloudTrailResource{}
)

// NewCloudTrailResource is the factory registered with the provider.
func NewCloudTrailResource() resource.Resource {
	return &CloudTrailResource{
		clock: clock.Real(),
		// CloudTrail sees a new role, key policy or bucket policy within seconds,
		// sometimes a minute.
		propagation: pacing{Timeout: 2 * time.Minute, Delay: time.Second, MaxDelay: 10 * time.Second},
	}
}

// CloudTrailResource manages a CIS-grade trail and the hardened storage it delivers to.
type CloudTrailResource struct {
	client *awsclient.Client
	clock  clock.Clock
	// propagation paces the retries of CreateTrail/UpdateTrail while a new role,
	// key policy or bucket policy propagates.
	propagation pacing
}

// cloudTrailModel maps the resource schema.
type cloudTrailModel struct {
	ID                          types.String `tfsdk:"id"`
	Name                        types.String `tfsdk:"name"`
	ARN                         types.String `tfsdk:"arn"`
	HomeRegion                  types.String `tfsdk:"home_region"`
	KMSKeyARN                   types.String `tfsdk:"kms_key_arn"`
	S3BucketName                types.String `tfsdk:"s3_bucket_name"`
	ManageS3Bucket              types.Bool   `tfsdk:"manage_s3_bucket"`
	StorageManagement           types.Map    `tfsdk:"storage_management"`
	AccessLogBucketName         types.String `tfsdk:"access_log_bucket_name"`
	ArchiveAfterDays            types.Int64  `tfsdk:"archive_after_days"`
	RetentionDays               types.Int64  `tfsdk:"retention_days"`
	CloudWatchLogsRetentionDays types.Int64  `tfsdk:"cloud_watch_logs_retention_days"`
	CloudWatchLogsGroupARN      types.String `tfsdk:"cloud_watch_logs_group_arn"`
	CloudWatchLogsRoleARN       types.String `tfsdk:"cloud_watch_logs_role_arn"`
	SNSTopicARN                 types.String `tfsdk:"sns_topic_arn"`
	S3DataEvents                types.String `tfsdk:"s3_data_events"`
	Insights                    types.Bool   `tfsdk:"insights"`
	Tags                        types.Map    `tfsdk:"tags"`
	ForceDestroyLogs            types.Bool   `tfsdk:"force_destroy_logs"`
	IsMultiRegionTrail          types.Bool   `tfsdk:"is_multi_region_trail"`
	IncludeGlobalServiceEvents  types.Bool   `tfsdk:"include_global_service_events"`
	EnableLogFileValidation     types.Bool   `tfsdk:"enable_log_file_validation"`
	EnableLogging               types.Bool   `tfsdk:"enable_logging"`
	IsLogging                   types.Bool   `tfsdk:"is_logging"`
	TrailDestinationsCompliant  types.Bool   `tfsdk:"trail_destinations_compliant"`
	KeyRotationEnabled          types.Bool   `tfsdk:"key_rotation_enabled"`
	KeyPolicyCompliant          types.Bool   `tfsdk:"key_policy_compliant"`
	BucketPublicAccessBlocked   types.Bool   `tfsdk:"bucket_public_access_blocked"`
	BucketVersioningEnabled     types.Bool   `tfsdk:"bucket_versioning_enabled"`
	BucketEncrypted             types.Bool   `tfsdk:"bucket_encrypted"`
	BucketPolicyCompliant       types.Bool   `tfsdk:"bucket_policy_compliant"`
	BucketAccessLoggingEnabled  types.Bool   `tfsdk:"bucket_access_logging_enabled"`
	BucketLifecycleCompliant    types.Bool   `tfsdk:"bucket_lifecycle_compliant"`
	CloudWatchLogsCompliant     types.Bool   `tfsdk:"cloud_watch_logs_compliant"`
}

// healthFlags are the computed booleans about the trail that Read sets to false
// when a hardened property was weakened out of band; each plans back to true and
// the next apply repairs it.
func (m *cloudTrailModel) healthFlags() []*types.Bool {
	return []*types.Bool{&m.IsLogging, &m.TrailDestinationsCompliant,
		&m.IsMultiRegionTrail, &m.IncludeGlobalServiceEvents, &m.EnableLogFileValidation, &m.EnableLogging}
}

// keyFlags, bucketFlags and logsFlags are the same for each part of the storage;
// null when the part is only referenced.
func (m *cloudTrailModel) keyFlags() []*types.Bool {
	return []*types.Bool{&m.KeyRotationEnabled, &m.KeyPolicyCompliant}
}

func (m *cloudTrailModel) bucketFlags() []*types.Bool {
	return []*types.Bool{&m.BucketPublicAccessBlocked, &m.BucketVersioningEnabled, &m.BucketEncrypted,
		&m.BucketPolicyCompliant, &m.BucketAccessLoggingEnabled, &m.BucketLifecycleCompliant}
}

func (m *cloudTrailModel) logsFlags() []*types.Bool {
	return []*types.Bool{&m.CloudWatchLogsCompliant}
}

func (r *CloudTrailResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cloudtrail"
}

func (r *CloudTrailResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req, resp)
	r.clock = clockFrom(req)
}

func (r *CloudTrailResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan cloudTrailModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	n, ok := r.names(ctx, plan.Name.ValueString(), &resp.Diagnostics)
	if !ok {
		return
	}
	// Record the trail's identity first, then each part as soon as it exists: if a
	// later step fails, the state saved with the error names what exists, and the
	// next apply (or destroy) finds it by name.
	partial := plan.identity()
	save := func(s ctStorage) {
		s.record(&partial)
		resp.Diagnostics.Append(resp.State.Set(ctx, &partial)...)
	}
	save(ctStorage{})
	if resp.Diagnostics.HasError() {
		return
	}
	s, ok := r.ensureStorage(ctx, n, &plan, save, &resp.Diagnostics)
	if !ok {
		return
	}
	set := plan.settings(ctx, &resp.Diagnostics)
	arn, ok := r.createTrail(ctx, n, s, set, &resp.Diagnostics)
	if !ok {
		return
	}
	partial.ARN = types.StringValue(arn)
	save(s)
	if !r.configureTrail(ctx, n, set, true, &resp.Diagnostics) {
		return
	}
	plan.converged(n, s, arn)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *CloudTrailResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state cloudTrailModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	found := r.observe(ctx, &state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if !found {
		resp.Diagnostics.AddWarning("CloudTrail trail was deleted outside Terraform",
			fmt.Sprintf("Trail %q no longer exists, so API activity is not recorded. The next apply creates it again "+
				"and reuses the storage this provider created for it [%s].", state.Name.ValueString(),
				controls.CloudTrailMultiRegion.ID))
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *CloudTrailResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan cloudTrailModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	n, ok := r.names(ctx, plan.Name.ValueString(), &resp.Diagnostics)
	if !ok {
		return
	}
	s, ok := r.ensureStorage(ctx, n, &plan, func(ctStorage) {}, &resp.Diagnostics)
	if !ok {
		return
	}
	set := plan.settings(ctx, &resp.Diagnostics)
	arn, ok := r.updateTrail(ctx, n, s, set, &resp.Diagnostics)
	if !ok || !r.configureTrail(ctx, n, set, false, &resp.Diagnostics) {
		return
	}
	plan.converged(n, s, arn)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *CloudTrailResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state cloudTrailModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	r.destroy(ctx, &state, &resp.Diagnostics)
}

// ImportState takes the trail name. Storage this provider created for the trail
// (identified by its derived names and the managed-by tag) is adopted by Read.
func (r *CloudTrailResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	name := req.ID
	if strings.HasPrefix(name, "arn:") {
		if i := strings.LastIndex(name, "trail/"); i >= 0 {
			name = name[i+len("trail/"):]
		}
	}
	if !trailNameRegexp.MatchString(name) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("%q is not a trail name. Import with the trail's name: "+
				"terraform import hardened_cloudtrail.NAME my-trail", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
}

// setDefaultsIfNull fills attributes that only the configuration knows (after an
// import or a partial create) with their defaults, so the state is complete.
func (m *cloudTrailModel) setDefaultsIfNull() {
	if m.ForceDestroyLogs.IsNull() || m.ForceDestroyLogs.IsUnknown() {
		m.ForceDestroyLogs = types.BoolValue(false)
	}
	if m.ArchiveAfterDays.IsNull() || m.ArchiveAfterDays.IsUnknown() {
		m.ArchiveAfterDays = types.Int64Value(90)
	}
	if m.RetentionDays.IsNull() || m.RetentionDays.IsUnknown() {
		m.RetentionDays = types.Int64Value(365)
	}
	if m.CloudWatchLogsRetentionDays.IsNull() || m.CloudWatchLogsRetentionDays.IsUnknown() {
		m.CloudWatchLogsRetentionDays = types.Int64Value(365)
	}
	if m.S3DataEvents.IsNull() || m.S3DataEvents.IsUnknown() {
		m.S3DataEvents = types.StringValue("none")
	}
	if m.Insights.IsNull() || m.Insights.IsUnknown() {
		m.Insights = types.BoolValue(false)
	}
	if m.ManageS3Bucket.IsNull() || m.ManageS3Bucket.IsUnknown() {
		m.ManageS3Bucket = types.BoolValue(false)
	}
	for _, f := range m.healthFlags() {
		if f.IsNull() || f.IsUnknown() {
			*f = types.BoolValue(true)
		}
	}
}

// identity is the state a create starts from: the trail's name, and nothing else
// known yet.
func (m *cloudTrailModel) identity() cloudTrailModel {
	return cloudTrailModel{
		ID: types.StringValue(m.Name.ValueString()), Name: m.Name, ForceDestroyLogs: m.ForceDestroyLogs,
		Tags: types.MapNull(types.StringType), StorageManagement: types.MapNull(types.StringType),
	}
}
