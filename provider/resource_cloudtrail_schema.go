package provider

// hardened_cloudtrail's schema and the checks of its configuration.

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
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

// cloudTrailEnforcement is every control the resource enforces, and how: the docs
// table is rendered from it, and TestAccCloudTrail_controlsEnforced walks it.
var cloudTrailEnforcement = []controlEnforcement{
	{Control: controls.CloudTrailMultiRegion, Rejects: "is_multi_region_trail = false", Drift: "is_multi_region_trail"},
	{Control: controls.CloudTrailGlobalServiceEvents, Rejects: "include_global_service_events = false", Drift: "include_global_service_events"},
	{Control: controls.CloudTrailLogFileValidation, Rejects: "enable_log_file_validation = false", Drift: "enable_log_file_validation"},
	{Control: controls.CloudTrailKMSEncryption, Drift: "trail_destinations_compliant",
		Scope: "encryption cannot be turned off; an AWS managed key as `kms_key_arn` fails at plan"},
	{Control: controls.CloudTrailCloudWatchLogs, Drift: "cloud_watch_logs_compliant"},
	{Control: controls.CloudTrailLogging, Rejects: "enable_logging = false", Drift: "is_logging"},
	{Control: controls.CloudTrailBucketNotPublic, Drift: "bucket_public_access_blocked", Scope: cloudTrailBucketScope},
	{Control: controls.CloudTrailBucketAccessLogging, Drift: "bucket_access_logging_enabled", Scope: cloudTrailBucketScope},
	{Control: controls.CloudTrailKeyRotation, Drift: "key_rotation_enabled", Scope: "on the key it creates; a key brought with `kms_key_arn` is only referenced"},
	{Control: controls.CloudTrailBucketTLSOnly, Drift: "bucket_policy_compliant", Scope: cloudTrailBucketScope},
	{Control: controls.CloudTrailLogRetention, Rejects: "retention_days = 30", Drift: "bucket_lifecycle_compliant",
		Scope: "expiry never before `retention_days`, on the bucket it creates"},
}

// cloudTrailBucketScope: bucket controls hold on the buckets the resource hardens.
const cloudTrailBucketScope = "on the buckets it creates and a bucket hardened with `manage_s3_bucket`; a bucket " +
	"only referenced gets null status and a plan warning naming what it lacks"

// cloudTrailOptionalControls are met only when configured (s3_data_events).
var cloudTrailOptionalControls = []controls.Control{controls.CloudTrailS3WriteDataEvents, controls.CloudTrailS3ReadDataEvents}

// CloudWatch Logs accepts only these retention periods (days).
var cloudWatchLogsRetentionValues = []int64{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
	1827, 2192, 2557, 2922, 3288, 3653}

// trailNameRegexp is CloudTrail's naming rule (3-128 characters, no adjacent punctuation).
var trailNameRegexp = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9]|[._-][A-Za-z0-9]){2,127}$`)

func (r *CloudTrailResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	alwaysOn := func(c controls.Control, what string) schema.BoolAttribute {
		return schema.BoolAttribute{
			Optional:   true,
			Computed:   true,
			Default:    booldefault.StaticBool(true),
			Validators: []validator.Bool{mustBeTrue{control: c}},
			MarkdownDescription: fmt.Sprintf("Always `true`: %s (%s). Accepted for configurations ported from "+
				"`aws_cloudtrail`; setting it to `false` fails at plan. An out-of-band change shows as drift and "+
				"is repaired.", what, c.Cite()),
		}
	}
	health := func(what string) schema.BoolAttribute {
		return schema.BoolAttribute{
			Computed: true,
			Default:  booldefault.StaticBool(true),
			MarkdownDescription: "`true` when " + what + ". Read sets it to `false` when the property was weakened " +
				"outside Terraform, so `terraform plan` shows the drift and the next apply repairs it.",
		}
	}
	// storageHealth is a flag about a part of the storage: null (never true) when
	// the resource only references that part, since it neither checks nor repairs it.
	storageHealth := func(what string) schema.BoolAttribute {
		return schema.BoolAttribute{
			Computed: true,
			MarkdownDescription: "`true` when " + what + ". Read sets it to `false` when the property was weakened " +
				"outside Terraform, so `terraform plan` shows the drift and the next apply repairs it. Null when " +
				"that part of the storage is only referenced (brought by the user, see `storage_management`): the " +
				"resource does not check it.",
		}
	}
	keepState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	byo := []planmodifier.String{stringplanmodifier.UseStateForUnknown(), replaceIfChangedFromKnown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A CIS-grade CloudTrail trail and its hardened log storage from one block: a multi-region " +
			"trail with global service events, log file validation and all management events, logging from the " +
			"moment it is created; logs encrypted with a customer-managed KMS key with rotation; a dedicated " +
			"log bucket (Block Public Access, no ACLs, versioning, SSE-KMS, TLS-only policy that lets CloudTrail " +
			"write only for this trail, server access logging to a separate bucket, lifecycle to Glacier and " +
			"expiry); and CloudWatch Logs delivery through a role scoped to the trail's log group. Insecure " +
			"settings cannot be configured; out-of-band weakening shows as drift and is repaired.\n\n" +
			"Controls enforced:\n\n" + enforcementTable(cloudTrailEnforcement...) + "\n" +
			"Controls met on request (`s3_data_events`), and then repaired as drift:\n\n" +
			controlsTable(cloudTrailOptionalControls...),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The trail name.",
				PlanModifiers:       keepState,
			},
			"name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Name of the trail: 3 to 128 letters, digits, `.`, `_` or `-`, starting and " +
					"ending with a letter or digit. Changing it replaces the trail (the old logs stay in their bucket).",
				Validators: []validator.String{stringvalidator.RegexMatches(trailNameRegexp,
					"must be 3-128 letters, digits, '.', '_' or '-', start and end with a letter or digit, with no "+
						"adjacent punctuation (CloudTrail's naming rule)")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"arn": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "ARN of the trail.",
				PlanModifiers:       keepState,
			},
			"home_region": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Region the trail was created in (the provider's region); it records every region.",
				PlanModifiers:       keepState,
			},
			"kms_key_arn": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: fmt.Sprintf("ARN of an existing customer-managed KMS key to encrypt the logs "+
					"with (bring your own: its policy must let CloudTrail encrypt and is not changed). When unset, a "+
					"key with rotation and a least-privilege policy is created (%s, %s). Changing it from one key to another "+
					"replaces the trail; setting it on an imported trail that had no key updates the trail in place.",
					controls.CloudTrailKMSEncryption.Cite(), controls.CloudTrailKeyRotation.Cite()),
				Validators: []validator.String{stringvalidator.RegexMatches(
					regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/.+$`),
					"must be a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID); aliases and key IDs are not accepted")},
				PlanModifiers: byo,
			},
			"s3_bucket_name": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Name of an existing bucket to deliver logs to (bring your own, e.g. in a " +
					"logging account: only referenced and never changed unless `manage_s3_bucket = true`; its policy " +
					"must let CloudTrail write; the plan warns about what it lacks). When unset, a hardened bucket " +
					"named `hardened-ct-<account>-<name>` is created; an imported trail keeps the bucket it has. " +
					"Changing it replaces the trail.",
				Validators:    []validator.String{stringvalidator.LengthBetween(3, 63)},
				PlanModifiers: byo,
			},
			"access_log_bucket_name": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: fmt.Sprintf("Name of the bucket that receives the log bucket's server access "+
					"logs (%s). Null when the log bucket is brought by the user.", controls.CloudTrailBucketAccessLogging.Cite()),
				PlanModifiers: keepState,
			},
			"archive_after_days": schema.Int64Attribute{
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(90),
				Validators: []validator.Int64{int64validator.AtLeast(1)},
				MarkdownDescription: "Days after which log objects in the managed bucket move to S3 Glacier Flexible " +
					"Retrieval. Defaults to 90; must be less than `retention_days`.",
			},
			"retention_days": schema.Int64Attribute{
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(365),
				Validators: []validator.Int64{controlLimit(controls.CloudTrailLogRetention)},
				MarkdownDescription: fmt.Sprintf("Days after which log objects in the managed bucket expire. "+
					"Defaults to 365; %s (%s).", controls.CloudTrailLogRetention.Threshold,
					controls.CloudTrailLogRetention.Cite()),
			},
			"cloud_watch_logs_retention_days": schema.Int64Attribute{
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(365),
				Validators: []validator.Int64{int64validator.OneOf(cloudWatchLogsRetentionValues...)},
				MarkdownDescription: "Retention of the managed CloudWatch Logs log group, in days (one of the values " +
					"CloudWatch Logs accepts). Defaults to 365.",
			},
			"cloud_watch_logs_group_arn": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: fmt.Sprintf("ARN of an existing log group to deliver to, with "+
					"`cloud_watch_logs_role_arn` (bring your own). When unset, a log group `/aws/cloudtrail/<name>` "+
					"encrypted with the trail key is created (%s). Changing it from one log group to another replaces "+
					"the trail.",
					controls.CloudTrailCloudWatchLogs.Cite()),
				Validators: []validator.String{
					stringvalidator.AlsoRequires(path.MatchRoot("cloud_watch_logs_role_arn")),
					stringvalidator.RegexMatches(regexp.MustCompile(`^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:.+$`),
						"must be a log group ARN (arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*)"),
				},
				PlanModifiers: byo,
			},
			"cloud_watch_logs_role_arn": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "ARN of an existing role CloudTrail assumes to write into " +
					"`cloud_watch_logs_group_arn` (bring your own). When unset, a role trusted only by this trail and " +
					"allowed only to write into the trail's log group is created. Changing it from one role to another " +
					"replaces the trail.",
				Validators: []validator.String{
					stringvalidator.AlsoRequires(path.MatchRoot("cloud_watch_logs_group_arn")),
					stringvalidator.RegexMatches(regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/.+$`),
						"must be an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)"),
				},
				PlanModifiers: byo,
			},
			"sns_topic_arn": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "ARN of an SNS topic notified of every log file delivery. Its topic policy must " +
					"let `cloudtrail.amazonaws.com` publish (with `aws:SourceArn` of this trail).",
				Validators: []validator.String{stringvalidator.RegexMatches(
					regexp.MustCompile(`^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:.+$`), "must be an SNS topic ARN")},
			},
			"s3_data_events": schema.StringAttribute{
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString("none"),
				Validators: []validator.String{stringvalidator.OneOf("none", "write", "all")},
				MarkdownDescription: fmt.Sprintf("S3 object-level logging for every bucket: `none` (the default), "+
					"`write` (%s) or `all` (also reads, %s). Data events are charged per event.",
					controls.CloudTrailS3WriteDataEvents.Cite(), controls.CloudTrailS3ReadDataEvents.Cite()),
			},
			"insights": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
				MarkdownDescription: "Enable CloudTrail Insights (`ApiCallRateInsight` and `ApiErrorRateInsight`), " +
					"which flags unusual API activity. Charged per event analysed. Defaults to `false`.",
			},
			"tags": schema.MapAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Tags applied to the trail and to everything this resource creates. The tag " +
					"`" + managedByTag + "` is always added to managed storage (it identifies it on import).",
			},
			"manage_s3_bucket": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
				MarkdownDescription: fmt.Sprintf("Harden the bucket named by `s3_bucket_name` (or the bucket of an "+
					"imported trail) in place: Block Public Access and no ACLs (%s), versioning, SSE-KMS with the trail "+
					"key, a TLS-only policy that lets CloudTrail write only for this trail (%s; it replaces the "+
					"bucket's policy), and server access logging into a managed access-log bucket (%s). Its objects "+
					"and lifecycle are left as they are, it is never deleted, and drift on it is repaired. Defaults "+
					"to `false`: a bucket brought by the user is only referenced, its status attributes are null, "+
					"and the plan warns about what it lacks.", controls.CloudTrailBucketNotPublic.Cite(),
					controls.CloudTrailBucketTLSOnly.Cite(), controls.CloudTrailBucketAccessLogging.Cite()),
			},
			"storage_management": schema.MapAttribute{
				Computed:    true,
				ElementType: types.StringType,
				MarkdownDescription: "What the resource does with each part of the trail's storage, known at plan: " +
					"keys `kms_key`, `s3_bucket` and `cloud_watch_logs` (log group and delivery role); values " +
					"`managed` (created, or found again by its `" + managedByTag + "` tag, hardened, drift repaired), " +
					"`hardened_in_place` (the user's bucket with `manage_s3_bucket = true`) or `referenced` (only " +
					"used, never changed or checked; its status attributes are null).",
			},
			"force_destroy_logs": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
				MarkdownDescription: "On destroy, also empty and delete the managed log buckets and schedule the managed " +
					"key's deletion (7 days). By default (`false`) they are kept, with a warning naming them, because " +
					"deleting them destroys the audit record.",
			},
			"is_multi_region_trail":         alwaysOn(controls.CloudTrailMultiRegion, "the trail records every region"),
			"include_global_service_events": alwaysOn(controls.CloudTrailGlobalServiceEvents, "the trail records IAM, STS and CloudFront"),
			"enable_log_file_validation":    alwaysOn(controls.CloudTrailLogFileValidation, "log file validation digests are written"),
			"enable_logging":                alwaysOn(controls.CloudTrailLogging, "the trail is logging"),
			"is_logging":                    health(fmt.Sprintf("the trail is logging (%s)", controls.CloudTrailLogging.Cite())),
			"trail_destinations_compliant": health(fmt.Sprintf("the trail encrypts its logs with `kms_key_arn` (%s) "+
				"and delivers them to `s3_bucket_name` and `cloud_watch_logs_group_arn`", controls.CloudTrailKMSEncryption.Cite())),
			"key_rotation_enabled": storageHealth(fmt.Sprintf("the managed key rotates automatically (%s)", controls.CloudTrailKeyRotation.Cite())),
			"key_policy_compliant": storageHealth("the managed key's policy is exactly the least-privilege policy this resource sets"),
			"bucket_public_access_blocked": storageHealth(fmt.Sprintf("both managed buckets block all public access and "+
				"disable ACLs (bucket-owner-enforced) (%s)", controls.CloudTrailBucketNotPublic.Cite())),
			"bucket_versioning_enabled": storageHealth("both managed buckets have versioning enabled"),
			"bucket_encrypted": storageHealth("the log bucket encrypts with the trail key (SSE-KMS) and the access-log " +
				"bucket with SSE-S3 (the only encryption S3 server access logging delivers to)"),
			"bucket_policy_compliant": storageHealth(fmt.Sprintf("both managed buckets' policies are exactly the policies "+
				"this resource sets: TLS only (%s), CloudTrail writes only for this trail", controls.CloudTrailBucketTLSOnly.Cite())),
			"bucket_access_logging_enabled": storageHealth(fmt.Sprintf("the log bucket sends server access logs to "+
				"`access_log_bucket_name` (%s)", controls.CloudTrailBucketAccessLogging.Cite())),
			"bucket_lifecycle_compliant": storageHealth("the managed buckets' lifecycle rules match `archive_after_days` " +
				"and `retention_days` (of a bucket hardened in place, only the access-log bucket's: the log bucket's " +
				"own lifecycle is left as it is)"),
			"cloud_watch_logs_compliant": storageHealth("the managed log group exists, is encrypted with the trail key, and " +
				"the delivery role's trust and permissions are exactly those this resource sets"),
		},
	}
}

// ValidateConfig checks the rules that involve more than one attribute.
func (r *CloudTrailResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m cloudTrailModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	archive, retention := int64(90), int64(365)
	if m.ArchiveAfterDays.IsUnknown() || m.RetentionDays.IsUnknown() {
		return
	}
	if !m.ArchiveAfterDays.IsNull() {
		archive = m.ArchiveAfterDays.ValueInt64()
	}
	if !m.RetentionDays.IsNull() {
		retention = m.RetentionDays.ValueInt64()
	}
	if archive >= retention {
		resp.Diagnostics.AddAttributeError(path.Root("archive_after_days"), "Logs archived after they expire",
			fmt.Sprintf("archive_after_days (%d) must be less than retention_days (%d): logs move to Glacier before "+
				"they expire. Lower archive_after_days or raise retention_days.", archive, retention))
	}
}
