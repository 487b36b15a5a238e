package provider

// hardened_flow_logs' schema, model and the names it derives from `name`.

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// flowLogsEnforcement is every control the resource enforces, and how: the docs
// table is rendered from it, and TestAccFlowLogs_controlsEnforced walks it.
var flowLogsEnforcement = []controlEnforcement{
	{Control: controls.VPCFlowLogs, Drift: "vpc_status", Scope: "on every VPC of `vpc_ids`"},
	{Control: controls.VPCFlowLogsAllTraffic, Rejects: `traffic_type = "REJECT"`, Drift: "vpc_status"},
	{Control: controls.VPCFlowLogRetention, Rejects: "cloud_watch_logs_retention_days = 30",
		Drift: "cloud_watch_logs_retention_days", Scope: "on the log group it creates; a referenced log group with " +
			"less fails at plan; an S3 destination expires nothing"},
	{Control: controls.LogGroupRetention, Drift: "cloud_watch_logs_retention_days", Scope: "on the log group it " +
		"creates; a referenced log group without retention fails at plan"},
	{Control: controls.LogGroupKMS, Drift: "log_group_encrypted", Scope: "on the log group it creates; a referenced " +
		"log group without a KMS key fails at plan"},
}

const (
	flowLogsType = "hardened_flow_logs"
	// Flow log destinations, as the EC2 API names them.
	destinationCloudWatchLogs = "cloud-watch-logs"
	destinationS3             = "s3"
	flowLogsTrafficAll        = "ALL"
)

// flowLogsNameRegexp keeps name usable in every name derived from it (the bucket's
// hardened-flow-logs-ACCOUNT-NAME is at most 63 characters).
var flowLogsNameRegexp = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,29}[a-z0-9])?$`)

type flowLogsModel struct {
	ID                 types.String `tfsdk:"id"`
	Name               types.String `tfsdk:"name"`
	VPCIDs             types.Set    `tfsdk:"vpc_ids"`
	TrafficType        types.String `tfsdk:"traffic_type"`
	Destination        types.String `tfsdk:"destination"`
	LogGroupARN        types.String `tfsdk:"cloud_watch_logs_group_arn"`
	RetentionDays      types.Int64  `tfsdk:"cloud_watch_logs_retention_days"`
	KMSKeyARN          types.String `tfsdk:"kms_key_arn"`
	S3BucketName       types.String `tfsdk:"s3_bucket_name"`
	Tags               types.Map    `tfsdk:"tags"`
	ForceDestroyLogs   types.Bool   `tfsdk:"force_destroy_logs"`
	DestinationManaged types.Bool   `tfsdk:"destination_managed"`
	RoleARN            types.String `tfsdk:"delivery_role_arn"`
	RoleCompliant      types.Bool   `tfsdk:"delivery_role_compliant"`
	LogGroupEncrypted  types.Bool   `tfsdk:"log_group_encrypted"`
	BucketHardened     types.Bool   `tfsdk:"bucket_hardened"`
	VPCStatus          types.Map    `tfsdk:"vpc_status"`
}

// flowLogStatus is what one VPC reports.
type flowLogStatus struct {
	FlowLogID      types.String `tfsdk:"flow_log_id"`
	TrafficType    types.String `tfsdk:"traffic_type"`
	LogDestination types.String `tfsdk:"log_destination"`
}

var flowLogStatusType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"flow_log_id": types.StringType, "traffic_type": types.StringType, "log_destination": types.StringType,
}}

// flowLogsNames are the names the resource derives from its name.
type flowLogsNames struct {
	name, account, region, partition string
	logGroup, logGroupARN            string
	alias, role, roleARN, bucket     string
	tagValue                         string
}

func newFlowLogsNames(name, account, region, partition string) flowLogsNames {
	group := "/aws/vpc-flow-logs/" + name
	role := "hardened-flow-logs-" + name
	return flowLogsNames{name: name, account: account, region: region, partition: partition,
		logGroup: group, logGroupARN: logGroupARN(partition, region, account, group),
		alias: "alias/hardened-flow-logs/" + name, role: role,
		roleARN: fmt.Sprintf("arn:%s:iam::%s:role/%s", partition, account, role),
		bucket:  "hardened-flow-logs-" + account + "-" + name, tagValue: managedBy(flowLogsType, name)}
}

func logGroupARN(partition, region, account, group string) string {
	return fmt.Sprintf("arn:%s:logs:%s:%s:log-group:%s", partition, region, account, group)
}

func bucketARN(partition, bucket string) string {
	return fmt.Sprintf("arn:%s:s3:::%s", partition, bucket)
}

func (r *FlowLogsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	status := func(what string) schema.BoolAttribute {
		return schema.BoolAttribute{Computed: true, MarkdownDescription: what}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "VPC flow logs for a set of VPCs from one block: every VPC in `vpc_ids` gets a flow log " +
			"recording ALL traffic, delivered either to a CloudWatch Logs log group encrypted with a KMS key and kept " +
			"for `cloud_watch_logs_retention_days`, through a delivery role only `vpc-flow-logs.amazonaws.com` of this " +
			"account may assume and that may only write into that group; or to an S3 bucket hardened like the " +
			"trail's (`destination = \"s3\"`).\n\n" +
			"A flow log deleted by hand, or replaced by one recording less than ALL, shows as drift in `vpc_status` " +
			"and the next apply repairs it; so do the managed log group's key or retention removed, and the delivery " +
			"role's trust or permissions changed. A VPC ID that does not exist fails at plan (IDs known then) or " +
			"at apply, naming the ID. Adding or removing a VPC updates in place. Destroy deletes the flow logs and " +
			"the delivery role and keeps the logs (log group, key, bucket) unless `force_destroy_logs = true`.\n\n" +
			"Controls enforced:\n\n" + enforcementTable(flowLogsEnforcement...),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The resource's `name`, also its import ID.",
				PlanModifiers:       keep,
			},
			"name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Names what the resource creates, unique in the account: the log group " +
					"`/aws/vpc-flow-logs/NAME`, the key alias `alias/hardened-flow-logs/NAME`, the role " +
					"`hardened-flow-logs-NAME`, the bucket `hardened-flow-logs-ACCOUNT-NAME`, and the tag " +
					"`" + managedByTag + " = hardened_flow_logs/NAME` on each of them and on the flow logs. 1-31 " +
					"lowercase letters, digits and hyphens. Changing it replaces the resource.",
				Validators: []validator.String{stringvalidator.RegexMatches(flowLogsNameRegexp,
					"must be 1-31 lowercase letters, digits or hyphens, starting and ending with a letter or digit")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"vpc_ids": schema.SetAttribute{
				Required:    true,
				ElementType: types.StringType,
				MarkdownDescription: fmt.Sprintf("The VPCs to record (%s). IDs not known until apply (a VPC "+
					"created in the same plan) are fine. Adding or removing one updates in place: a removed VPC's "+
					"flow log is deleted.", controls.VPCFlowLogs.Cite()),
				Validators: []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(
					stringvalidator.RegexMatches(regexp.MustCompile(`^vpc-[0-9a-f]{8,17}$`), "must be a VPC ID (vpc-...)"))},
			},
			"traffic_type": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(flowLogsTrafficAll),
				MarkdownDescription: fmt.Sprintf("Always `ALL` (%s): `ACCEPT` or `REJECT` fail at plan. The argument "+
					"exists so that a configuration ported from `aws_flow_log` is told why.", controls.VPCFlowLogsAllTraffic.ID),
				Validators: []validator.String{mustBeValue{value: flowLogsTrafficAll, control: controls.VPCFlowLogsAllTraffic}},
			},
			"destination": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(destinationCloudWatchLogs),
				MarkdownDescription: "Where the flow logs go: `cloud-watch-logs` (the default: a KMS-encrypted log " +
					"group, see `cloud_watch_logs_group_arn`) or `s3` (a hardened bucket, see `s3_bucket_name`). " +
					"Changing it replaces the resource.",
				Validators:    []validator.String{stringvalidator.OneOf(destinationCloudWatchLogs, destinationS3)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"cloud_watch_logs_group_arn": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: fmt.Sprintf("With `cloud-watch-logs`: an existing log group of the provider's "+
					"region to deliver to, only referenced (never changed; not deleted on destroy). It must be "+
					"encrypted with a KMS key (%s) and keep events at least %d days (%s, %s): checked at plan when it "+
					"exists then, and at apply. When unset, the log group `/aws/vpc-flow-logs/NAME` is created, "+
					"encrypted with `kms_key_arn`, kept `cloud_watch_logs_retention_days`. Changing it replaces the "+
					"resource.", controls.LogGroupKMS.ID, controls.VPCFlowLogRetention.Threshold.Value,
					controls.LogGroupRetention.ID, controls.VPCFlowLogRetention.ID),
				Validators: []validator.String{stringvalidator.RegexMatches(logGroupARNRegexp,
					"must be a log group ARN (arn:aws:logs:REGION:ACCOUNT:log-group:NAME)")},
				PlanModifiers: keep,
			},
			"cloud_watch_logs_retention_days": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				Default:  int64default.StaticInt64(365),
				MarkdownDescription: fmt.Sprintf("Retention of the managed log group, in days: one of the values "+
					"CloudWatch Logs accepts, %s %d (%s). Defaults to 365. Read back from the group: a retention "+
					"removed or shortened by hand shows in the plan and is repaired. Not used by a referenced log "+
					"group or the S3 destination.", controls.VPCFlowLogRetention.Threshold.Bound(),
					controls.VPCFlowLogRetention.Threshold.Value, controls.VPCFlowLogRetention.ID),
				Validators: []validator.Int64{controlLimit(controls.VPCFlowLogRetention),
					int64validator.OneOf(cloudWatchLogsRetentionValues...)},
			},
			"kms_key_arn": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "With the managed log group: the customer-managed KMS key that encrypts it. " +
					"When unset, a key with rotation on and a policy letting only CloudWatch Logs use it for this " +
					"group is created (alias `alias/hardened-flow-logs/NAME`). A key you give is only referenced: " +
					"its policy must let `logs.REGION.amazonaws.com` use it. Changing it replaces the resource.",
				Validators: []validator.String{stringvalidator.RegexMatches(
					regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/.+$`),
					"must be a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID); aliases and key IDs are not accepted")},
				PlanModifiers: keep,
			},
			"s3_bucket_name": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "With `s3`: an existing bucket to deliver to, only referenced (never changed " +
					"or checked: `bucket_hardened` is null); its policy must let `delivery.logs.amazonaws.com` write. " +
					"When unset, the bucket `hardened-flow-logs-ACCOUNT-NAME` is created and hardened. Changing it " +
					"replaces the resource.",
				Validators: []validator.String{stringvalidator.RegexMatches(bucketNameRegexp,
					"must be an S3 bucket name: 3-63 lowercase letters, digits, '.' or '-'")},
				PlanModifiers: keep,
			},
			"tags": schema.MapAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Tags for the flow logs, the log group, the key and the delivery role, besides `" +
					managedByTag + "` (the managed bucket carries only that one).",
			},
			"force_destroy_logs": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
				MarkdownDescription: "On destroy, also delete the managed log group (its events with it), schedule the " +
					"managed key's deletion (7 days) and empty and delete the managed bucket. By default (`false`) they " +
					"are kept, with a warning naming them, as `hardened_cloudtrail` keeps its logs: deleting them " +
					"destroys the network record. The flow logs and the delivery role are always deleted.",
			},
			"destination_managed": status("`true` when the log group (and, without `kms_key_arn`, its key) or the " +
				"bucket was created by this resource (or found again by its tag) and is kept hardened; `false` when " +
				"it is referenced through `cloud_watch_logs_group_arn` or `s3_bucket_name`."),
			"delivery_role_arn": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "ARN of the role flow logs deliver to CloudWatch Logs through (`hardened-flow-logs-NAME`); null with `s3`.",
			},
			"delivery_role_compliant": status("With `cloud-watch-logs`: `true` when the delivery role's trust (only " +
				"`vpc-flow-logs.amazonaws.com`, with `aws:SourceAccount` and `aws:SourceArn` of this account's flow " +
				"logs) and its only inline policy (write into the log group, nothing else) are exactly those the " +
				"resource sets; read sets it `false` when they were changed or removed, and the next apply repairs them."),
			"log_group_encrypted": status(fmt.Sprintf("For the managed log group: `true` when it exists encrypted "+
				"with `kms_key_arn` (%s); read sets it `false` when it is gone or its key was removed, and the next "+
				"apply repairs it. Null for a referenced group or the S3 destination.", controls.LogGroupKMS.ID)),
			"bucket_hardened": status("For the managed bucket: `true` when it has all its hardening (public access " +
				"block with ACLs disabled, versioning, default encryption, the TLS-only policy letting " +
				"`delivery.logs.amazonaws.com` write for this account only); read sets it `false` when any of it was " +
				"weakened, and the next apply repairs it. Null for a referenced bucket or the CloudWatch Logs destination."),
			"vpc_status": schema.MapNestedAttribute{
				Computed: true,
				MarkdownDescription: "What each VPC of `vpc_ids` reports, keyed by VPC ID, as last read: its flow log " +
					"into this resource's destination. A flow log deleted by hand shows in the plan as " +
					"`traffic_type = \"\" -> \"ALL\"`, one replaced by a REJECT-only flow log as " +
					"`\"REJECT\" -> \"ALL\"`.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"flow_log_id": schema.StringAttribute{Computed: true,
						MarkdownDescription: "The flow log's ID (`fl-...`); `\"\"` when the VPC has none into the destination."},
					"traffic_type": schema.StringAttribute{Computed: true,
						MarkdownDescription: "The traffic it records: `ALL`, or what a flow log made by hand records; `\"\"` when none."},
					"log_destination": schema.StringAttribute{Computed: true,
						MarkdownDescription: "The ARN of the log group or bucket it delivers to; `\"\"` when none."},
				}},
			},
		},
	}
}
