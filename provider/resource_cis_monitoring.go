package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/clock"
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

var (
	_ resource.Resource                = &CISMonitoringResource{}
	_ resource.ResourceWithConfigure   = &CISMonitoringResource{}
	_ resource.ResourceWithImportState = &CISMonitoringResource{}
	_ resource.ResourceWithModifyPlan  = &CISMonitoringResource{}
)

const (
	cisDefaultNamespace   = "CISBenchmark"
	cisDefaultAlarmPrefix = "CIS-"
)

// logGroupARNRegexp matches a log group ARN, with or without the ":*" CloudTrail
// and the console append: partition, region, account, name.
var logGroupARNRegexp = regexp.MustCompile(`^arn:(aws[a-z-]*):logs:([a-z0-9-]+):(\d{12}):log-group:([\w./#-]{1,512}?)(:\*)?$`)

// cisMonitoringEnforcement is how hardened_cis_monitoring enforces each CIS item:
// dropping one needs a reason, and a filter edited, deleted or an alarm removed
// outside Terraform is drift the next apply repairs.
func cisMonitoringEnforcement() []controlEnforcement {
	out := make([]controlEnforcement, 0, len(controls.MonitoringItems))
	for _, it := range controls.MonitoringItems {
		out = append(out, controlEnforcement{
			Control: it.Control,
			Rejects: fmt.Sprintf(`disabled_items = { %s = "" }`, it.Key),
			Drift:   "filter_patterns",
		})
	}
	return out
}

func cisMonitoringControls() []controls.Control {
	out := make([]controls.Control, 0, len(controls.MonitoringItems))
	for _, it := range controls.MonitoringItems {
		out = append(out, it.Control)
	}
	return out
}

// NewCISMonitoringResource is the factory registered with the provider.
func NewCISMonitoringResource() resource.Resource { return &CISMonitoringResource{} }

// CISMonitoringResource manages the CIS monitoring metric filters and alarms on a
// trail's CloudWatch Logs group, and the SNS topic the alarms notify.
type CISMonitoringResource struct {
	client *awsclient.Client
	clock  clock.Clock
	claims *regionClaims
}

type cisMonitoringModel struct {
	ID              types.String `tfsdk:"id"`
	LogGroupARN     types.String `tfsdk:"log_group_arn"`
	MetricNamespace types.String `tfsdk:"metric_namespace"`
	AlarmNamePrefix types.String `tfsdk:"alarm_name_prefix"`
	AlarmTopicARN   types.String `tfsdk:"alarm_topic_arn"`
	DisabledItems   types.Map    `tfsdk:"disabled_items"`
	Tags            types.Map    `tfsdk:"tags"`
	RetainOnDestroy types.Bool   `tfsdk:"retain_on_destroy"`
	SNSTopicARN     types.String `tfsdk:"sns_topic_arn"`
	TopicKeyARN     types.String `tfsdk:"topic_kms_key_arn"`
	TopicHardened   types.Bool   `tfsdk:"topic_hardened"`
	FilterPatterns  types.Map    `tfsdk:"filter_patterns"`
	AlarmNames      types.Map    `tfsdk:"alarm_names"`
}

func (r *CISMonitoringResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cis_monitoring"
}

func cisItemKeys() string {
	keys := make([]string, 0, len(controls.MonitoringItems))
	for _, it := range controls.MonitoringItems {
		keys = append(keys, "`"+it.Key+"`")
	}
	return strings.Join(keys, ", ")
}

func (r *CISMonitoringResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The CIS AWS Foundations monitoring section as one block: a CloudWatch Logs metric filter " +
			"and a CloudWatch alarm for each CIS monitoring item on a trail's log group (`log_group_arn`, such as " +
			"`hardened_cloudtrail`'s `cloud_watch_logs_group_arn`). The filter patterns are the published ones, " +
			"character for character, as Security Hub CloudWatch.1-14 check them. The alarms notify an SNS topic " +
			"this resource creates (encrypted with a customer-managed KMS key, publishable only by CloudWatch alarms " +
			"of this account) or one you give in `alarm_topic_arn`. Filters and alarms are named " +
			"`<alarm_name_prefix><metric>`, so applying again never duplicates them. A pattern edited, a filter or " +
			"an alarm deleted outside Terraform shows as drift in `filter_patterns` or `alarm_names` and the next " +
			"apply repairs it.\n\nControls enforced:\n\n" + enforcementTable(cisMonitoringEnforcement()...),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The log group's name.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"log_group_arn": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "ARN of the CloudWatch Logs group the trail delivers to, in the provider's " +
					"region and account (`arn:aws:logs:REGION:ACCOUNT:log-group:NAME`, with or without a trailing `:*`). " +
					"The group must exist when the resource is applied (the apply fails naming it otherwise). " +
					"Changing it replaces the resource.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{logGroupARNValidator{}},
			},
			"metric_namespace": schema.StringAttribute{
				Optional: true, Computed: true,
				Default:             stringdefault.StaticString(cisDefaultNamespace),
				MarkdownDescription: "CloudWatch namespace of the metrics the filters emit. Defaults to `" + cisDefaultNamespace + "`.",
				Validators:          []validator.String{nameValidator{what: "metric_namespace", re: regexp.MustCompile(`^[^:][^:]{0,254}$`), rule: "1 to 255 characters, no colon"}},
			},
			"alarm_name_prefix": schema.StringAttribute{
				Optional: true, Computed: true,
				Default: stringdefault.StaticString(cisDefaultAlarmPrefix),
				MarkdownDescription: "Prefix of the metric filter and alarm names (`" + cisDefaultAlarmPrefix +
					"RootAccountUsage`, ...). Defaults to `" + cisDefaultAlarmPrefix + "`. Changing it renames them: the " +
					"old filters and alarms are deleted.",
				Validators: []validator.String{nameValidator{what: "alarm_name_prefix", re: regexp.MustCompile(`^[A-Za-z0-9_.#/-]{0,200}$`), rule: "up to 200 letters, digits and _ . # / -"}},
			},
			"alarm_topic_arn": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "ARN of an SNS topic the alarms notify instead of the topic this resource creates. " +
					"Its policy must let `cloudwatch.amazonaws.com` publish (and its key, when encrypted, let CloudWatch " +
					"use it); the topic is referenced, never changed.",
				Validators: []validator.String{nameValidator{what: "alarm_topic_arn", re: regexp.MustCompile(`^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$`), rule: "an SNS topic ARN"}},
			},
			"disabled_items": schema.MapAttribute{
				ElementType: types.StringType,
				Optional:    true,
				MarkdownDescription: "CIS items left without a filter and alarm, each with the reason (shown to auditors), " +
					"such as `{ organizations_changes = \"not an AWS Organizations member\" }`. Items: " + cisItemKeys() +
					". An item without a reason fails at plan: dropping it weakens the control it maps to.",
				Validators: []validator.Map{disabledItemsValidator{}},
			},
			"tags": schema.MapAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: "Tags for the alarms and the created topic and key, beside `" + managedByTag + "`.",
			},
			"retain_on_destroy": schema.BoolAttribute{
				Optional: true, Computed: true,
				Default: booldefault.StaticBool(true),
				MarkdownDescription: "Keep the filters, alarms, topic and key when the resource is destroyed (the default): " +
					"removing them silently ends the monitoring. Set to `false` (and apply) to delete them on destroy; the " +
					"key is then scheduled for deletion after 7 days.",
			},
			"sns_topic_arn": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "ARN of the topic the alarms notify: `alarm_topic_arn`, or the topic this resource created.",
			},
			"topic_kms_key_arn": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "ARN of the KMS key encrypting the created topic; null when `alarm_topic_arn` is given.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"topic_hardened": schema.BoolAttribute{
				Computed: true,
				MarkdownDescription: "Whether the created topic is encrypted with its key and its policy lets only this " +
					"account's CloudWatch alarms publish. `false` is drift the next apply repairs; null when " +
					"`alarm_topic_arn` is given (not checked).",
			},
			"filter_patterns": schema.MapAttribute{
				ElementType: types.StringType,
				Computed:    true,
				MarkdownDescription: "The filter pattern found on the log group for each enabled item, by item key. A " +
					"pattern differing from the CIS text, a missing filter or one emitting another metric is drift the " +
					"next apply repairs.",
			},
			"alarm_names": schema.MapAttribute{
				ElementType: types.StringType,
				Computed:    true,
				MarkdownDescription: "The alarm of each enabled item, by item key, when it watches the item's metric " +
					"and notifies `sns_topic_arn` with actions enabled. A missing entry is drift the next apply repairs.",
			},
		},
	}
}

func (r *CISMonitoringResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req, resp)
	r.clock = clockFrom(req)
	r.claims = claimsFrom(req)
}

func (r *CISMonitoringResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan cisMonitoringModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.LogGroupARN.IsUnknown() || plan.DisabledItems.IsUnknown() ||
		plan.AlarmNamePrefix.IsUnknown() || plan.AlarmTopicARN.IsUnknown() {
		return
	}
	s, ok := r.settings(ctx, plan, &resp.Diagnostics)
	if !ok {
		return
	}
	if r.client != nil && s.LogGroup.Region != r.client.Region() {
		resp.Diagnostics.AddAttributeError(path.Root("log_group_arn"), "Log group in another region",
			fmt.Sprintf("Log group %s is in %s, but this provider works in %s: metric filters live in their log "+
				"group's region. Use a provider configuration (alias) for %s.", s.LogGroup.Name, s.LogGroup.Region,
				r.client.Region(), s.LogGroup.Region))
		return
	}
	// The created topic and key are named after the log group, and the filters after
	// the prefix: two resources on one group would share (and delete) them.
	if r.claims != nil && len(r.claims.claim("hardened_cis_monitoring", []string{s.LogGroup.Name})) > 0 {
		resp.Diagnostics.AddAttributeError(path.Root("log_group_arn"), "Log group monitored by two hardened_cis_monitoring resources",
			fmt.Sprintf("Another hardened_cis_monitoring resource of this configuration already monitors log group "+
				"%s. Its topic, key and (with the same alarm_name_prefix) filters and alarms would be shared, each "+
				"resource rewriting the other's settings at every apply. Keep one hardened_cis_monitoring per log "+
				"group.", s.LogGroup.Name))
		return
	}
	patterns, alarms := s.expected()
	plan.ID = types.StringValue(s.LogGroup.Name)
	plan.FilterPatterns = stringMapValue(patterns)
	plan.AlarmNames = stringMapValue(alarms)
	plan.SNSTopicARN = types.StringValue(s.topicARN())
	if s.UserTopic != "" {
		plan.TopicHardened = types.BoolNull()
		plan.TopicKeyARN = types.StringNull()
	} else {
		plan.TopicHardened = types.BoolValue(true)
		var prior cisMonitoringModel
		if !req.State.Raw.IsNull() {
			resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
		}
		if prior.TopicKeyARN.IsNull() || prior.TopicKeyARN.IsUnknown() || prior.TopicKeyARN.ValueString() == "" {
			plan.TopicKeyARN = types.StringUnknown()
		} else {
			plan.TopicKeyARN = prior.TopicKeyARN
		}
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

func (r *CISMonitoringResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan cisMonitoringModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	r.apply(ctx, &plan, nil, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *CISMonitoringResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state cisMonitoringModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	r.apply(ctx, &plan, &state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// apply converges AWS on the plan (also the repair of drift), removes what the
// prior state had that the plan no longer wants, and records the result in m.
func (r *CISMonitoringResource) apply(ctx context.Context, m, prior *cisMonitoringModel, diags *diag.Diagnostics) {
	s, ok := r.settings(ctx, *m, diags)
	if !ok {
		return
	}
	// AWS refuses a metric filter on a missing log group (ResourceNotFoundException);
	// the emulator accepts it. Checked first, so nothing is created for nothing.
	exists, ok := r.logGroupExists(ctx, s, diags)
	if !ok {
		return
	}
	if !exists {
		diags.AddAttributeError(path.Root("log_group_arn"), "CIS monitoring log group not found",
			fmt.Sprintf("Log group %s does not exist in %s: the metric filters watch the log group the trail "+
				"delivers to, which must exist first. Use hardened_cloudtrail's cloud_watch_logs_group_arn (which "+
				"also orders the apply), or create the log group before this resource.", s.LogGroup.Name,
				s.LogGroup.Region))
		return
	}
	keyARN := ""
	if s.UserTopic == "" {
		if keyARN, ok = r.ensureTopic(ctx, s, diags); !ok {
			return
		}
	}
	if !r.converge(ctx, s, diags) {
		return
	}
	if prior != nil {
		if old, ok := r.settings(ctx, *prior, diags); ok {
			r.removeStale(ctx, old, s, diags)
			if old.UserTopic == "" && s.UserTopic != "" && !prior.RetainOnDestroy.ValueBool() {
				r.deleteTopic(ctx, old, diags)
			}
		}
	}
	patterns, alarms := s.expected()
	m.ID = types.StringValue(s.LogGroup.Name)
	m.SNSTopicARN = types.StringValue(s.topicARN())
	m.FilterPatterns = stringMapValue(patterns)
	m.AlarmNames = stringMapValue(alarms)
	if s.UserTopic == "" {
		m.TopicKeyARN = types.StringValue(keyARN)
		m.TopicHardened = types.BoolValue(true)
	} else {
		m.TopicKeyARN = types.StringNull()
		m.TopicHardened = types.BoolNull()
	}
}

func (r *CISMonitoringResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state cisMonitoringModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	if state.RetainOnDestroy.IsNull() { // after import
		state.RetainOnDestroy = types.BoolValue(true)
	}
	if state.MetricNamespace.IsNull() {
		state.MetricNamespace = types.StringValue(cisDefaultNamespace)
	}
	if state.AlarmNamePrefix.IsNull() {
		state.AlarmNamePrefix = types.StringValue(cisDefaultAlarmPrefix)
	}
	s, ok := r.settings(ctx, state, &resp.Diagnostics)
	if !ok {
		return
	}
	exists, ok := r.logGroupExists(ctx, s, &resp.Diagnostics)
	if !ok {
		return
	}
	if !exists {
		resp.Diagnostics.AddWarning("CIS monitoring log group deleted",
			fmt.Sprintf("Log group %s no longer exists, and its metric filters with it. The next apply creates them "+
				"again once the group exists.", s.LogGroup.Name))
		resp.State.RemoveResource(ctx)
		return
	}
	patterns, ok := r.readFilters(ctx, s, &resp.Diagnostics)
	if !ok {
		return
	}
	alarms, ok := r.readAlarms(ctx, s, &resp.Diagnostics)
	if !ok {
		return
	}
	state.ID = types.StringValue(s.LogGroup.Name)
	state.SNSTopicARN = types.StringValue(s.topicARN())
	state.FilterPatterns = stringMapValue(patterns)
	state.AlarmNames = stringMapValue(alarms)
	if s.UserTopic == "" {
		hardened, keyARN, ok := r.readTopic(ctx, s, &resp.Diagnostics)
		if !ok {
			return
		}
		state.TopicHardened = types.BoolValue(hardened)
		if keyARN != "" || state.TopicKeyARN.IsNull() {
			state.TopicKeyARN = types.StringValue(keyARN)
		}
	} else {
		state.TopicHardened = types.BoolNull()
		state.TopicKeyARN = types.StringNull()
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *CISMonitoringResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state cisMonitoringModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if state.RetainOnDestroy.IsNull() || state.RetainOnDestroy.ValueBool() {
		resp.Diagnostics.AddWarning("CIS monitoring retained",
			fmt.Sprintf("The CIS metric filters and alarms on log group %s (and the topic this resource created) were "+
				"removed from Terraform state but left in place, because deleting them silently ends the monitoring. "+
				"To delete them, set retain_on_destroy = false and apply before destroying.", state.ID.ValueString()))
		return
	}
	if !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	s, ok := r.settings(ctx, state, &resp.Diagnostics)
	if !ok {
		return
	}
	none := s
	none.Enabled = nil
	r.removeStale(ctx, s, none, &resp.Diagnostics)
	if s.UserTopic == "" && !resp.Diagnostics.HasError() {
		r.deleteTopic(ctx, s, &resp.Diagnostics)
	}
}

// ImportState takes the log group's ARN; the filters and alarms are then read
// under the default names (alarm_name_prefix "CIS-").
func (r *CISMonitoringResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if _, ok := parseLogGroupARN(req.ID); !ok {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("%q is not a CloudWatch Logs log group ARN. Import with the ARN of the trail's log group: "+
				"terraform import hardened_cis_monitoring.NAME arn:aws:logs:REGION:ACCOUNT:log-group:NAME", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("log_group_arn"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("retain_on_destroy"), true)...)
}
