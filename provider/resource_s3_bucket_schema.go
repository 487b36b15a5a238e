package provider

// hardened_s3_bucket's schema, the controls it enforces and the checks of its
// configuration at plan.

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
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// s3BucketEnforcement is every control the resource enforces, and how: the docs
// table is rendered from it, and TestAccS3Bucket_controlsEnforced walks it.
var s3BucketEnforcement = []controlEnforcement{
	{Control: controls.S3BlockPublicAccess, Drift: "public_access_blocked"},
	{Control: controls.S3NoPublicACL, Drift: "acls_disabled", Scope: "ACLs are disabled (BucketOwnerEnforced)"},
	{Control: controls.S3NoPublicPolicy, Rejects: `policy_statements = jsonencode([{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::data/*" }])`,
		Drift: "policy_compliant"},
	{Control: controls.S3NoCrossAccountFullAccess, Rejects: `policy_statements = jsonencode([{ Effect = "Allow", Principal = { AWS = "444455556666" }, Action = "s3:*", Resource = "*" }])`,
		Drift: "policy_compliant"},
	{Control: controls.S3TLSOnly, Rejects: `policy_statements = jsonencode([{ Sid = "DenyInsecureTransport", Effect = "Deny", Principal = "*", Action = "s3:DeleteObject", Resource = "*" }])`,
		Drift: "policy_compliant", Scope: "requests below TLS 1.2 are denied too"},
	{Control: controls.S3Versioning, Drift: "versioning_enabled"},
	{Control: controls.S3KMSEncryption, Drift: "encryption_compliant",
		Scope: "SSE-KMS with `kms_key_arn` (the AWS managed aws/s3 key without it); `sse = \"s3\"` chosen explicitly uses SSE-S3 instead"},
	{Control: controls.S3AccessLogging, Drift: "access_logging_enabled", Scope: "with `access_log_target` or `access_log_bucket = true`; otherwise a plan warning"},
	{Control: controls.S3Lifecycle, Rejects: "noncurrent_version_days = 0", Drift: "lifecycle_compliant"},
}

// s3BucketName is S3's naming rule for general purpose buckets.
var s3BucketName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

// kmsKeyARNPattern is a KMS key ARN (an alias ARN is not: S3 would resolve it once).
var kmsKeyARNPattern = regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$`)

// accessLogBucketSuffix names the access-log bucket access_log_bucket creates.
const accessLogBucketSuffix = "-access-logs"

func (r *S3BucketResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	health := func(what string) schema.BoolAttribute {
		return schema.BoolAttribute{
			Computed: true,
			Default:  booldefault.StaticBool(true),
			MarkdownDescription: "`true` when " + what + ", checked through the S3 API. Read sets it to `false` when " +
				"the property was weakened outside Terraform (or, after an import, is not hardened yet), so " +
				"`terraform plan` shows the drift and the next apply repairs it.",
		}
	}
	keepState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A private data bucket by construction: all four Block Public Access settings, ACLs " +
			"disabled (BucketOwnerEnforced), versioning, default encryption (SSE-KMS with bucket keys, or SSE-S3 " +
			"when chosen), a policy denying requests without TLS or below TLS 1.2 merged with `policy_statements` " +
			"checked at plan, server access logging, a lifecycle rule expiring noncurrent versions and aborting " +
			"incomplete multipart uploads, optional Object Lock. Out-of-band weakening shows as drift and is " +
			"repaired; destroy refuses a non-empty bucket unless `force_destroy = true`.\n\n" +
			"Controls enforced:\n\n" + enforcementTable(s3BucketEnforcement...),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The bucket name.",
				PlanModifiers:       keepState,
			},
			"bucket": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Name of the bucket: 3 to 63 lower-case letters, digits, `.` or `-`. Changing it " +
					"replaces the bucket (which refuses to delete a non-empty bucket without `force_destroy`).",
				Validators: []validator.String{stringvalidator.RegexMatches(s3BucketName,
					"must be 3-63 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit (S3's naming rule)")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"arn": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "ARN of the bucket.",
				PlanModifiers:       keepState,
			},
			"sse": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString("kms"),
				MarkdownDescription: "Default encryption: `kms` (default: SSE-KMS with `kms_key_arn`, or the AWS managed " +
					"`aws/s3` key without it, bucket keys on) or `s3` (SSE-S3, chosen explicitly: no key policy in front " +
					"of the objects, " + controls.S3KMSEncryption.Cite() + " not met).",
				Validators: []validator.String{stringvalidator.OneOf("kms", "s3")},
			},
			"kms_key_arn": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "ARN of the KMS key that encrypts new objects, such as `hardened_kms_key.data.arn`. " +
					"Only with `sse = \"kms\"`.",
				Validators: []validator.String{stringvalidator.RegexMatches(kmsKeyARNPattern,
					"must be a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)")},
			},
			"access_log_target": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Name of an existing bucket that receives this bucket's server access logs (it must " +
					"let `logging.s3.amazonaws.com` write). Conflicts with `access_log_bucket`.",
				Validators: []validator.String{
					stringvalidator.RegexMatches(s3BucketName, "must be a bucket name"),
					stringvalidator.ConflictsWith(path.MatchRoot("access_log_bucket")),
				},
			},
			"access_log_bucket": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
				MarkdownDescription: "When `true`, the resource also creates and hardens `<bucket>" + accessLogBucketSuffix +
					"` (SSE-S3, the only default encryption server access logging supports; writable only by the S3 " +
					"logging service for this bucket) and logs to it. Deleted with the bucket, under the same " +
					"`force_destroy` rule.",
			},
			"access_log_bucket_name": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The bucket receiving the access logs (`access_log_target`, or the one `access_log_bucket` creates); null without access logging.",
			},
			"access_log_prefix": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "Prefix of the access log objects; default `<bucket>/`.",
			},
			"noncurrent_version_days": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				Default:  int64default.StaticInt64(90),
				MarkdownDescription: "Days after which a noncurrent (overwritten or deleted) object version expires, at " +
					"least 1; default 90 (" + controls.S3Lifecycle.ID + ").",
				Validators: []validator.Int64{atLeastForControl(1, controls.S3Lifecycle)},
			},
			"abort_incomplete_multipart_days": schema.Int64Attribute{
				Optional:            true,
				Computed:            true,
				Default:             int64default.StaticInt64(7),
				MarkdownDescription: "Days after which an incomplete multipart upload is aborted, default 7.",
				Validators:          []validator.Int64{int64validator.Between(1, 365)},
			},
			"object_lock": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
				MarkdownDescription: "Create the bucket with S3 Object Lock enabled (retention is set per object or by a " +
					"default retention outside this resource). Changing it replaces the bucket.",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"policy_statements": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "More bucket policy statements, as a JSON list (`jsonencode([{...}])`), merged after " +
					"the TLS denies. Checked at plan; an error names the statement and the control: no `Principal \"*\"` " +
					"(or Allow with `NotPrincipal`) without a condition restricting the principal (" +
					controls.S3NoPublicPolicy.ID + "), no `s3:*` to another account without a condition (" +
					controls.S3NoCrossAccountFullAccess.ID + "), no statement that reuses the denies' Sids or allows " +
					"requests without TLS (" + controls.S3TLSOnly.ID + ").",
			},
			"tags": schema.MapAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Tags of the bucket. The provider adds `" + managedByTag + "` to the buckets it " +
					"creates, outside this map.",
			},
			"force_destroy": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
				MarkdownDescription: "Whether destroy may delete every object version and delete marker first. Default " +
					"`false`: destroying a non-empty bucket fails with a message saying so.",
			},
			"public_access_blocked": health("all four Block Public Access settings are on"),
			"acls_disabled":         health("object ownership is BucketOwnerEnforced (ACLs disabled)"),
			"versioning_enabled":    health("versioning is enabled"),
			"encryption_compliant":  health("default encryption is the configured one (bucket keys on for SSE-KMS)"),
			"policy_compliant":      health("the bucket policy is the TLS denies merged with `policy_statements`"),
			"lifecycle_compliant":   health("the lifecycle rule expiring noncurrent versions and aborting incomplete multipart uploads is in place"),
			"access_logging_enabled": schema.BoolAttribute{
				Computed: true,
				MarkdownDescription: "`true` when server access logging goes to `access_log_bucket_name`, checked through " +
					"the S3 API; `false` when it was turned off or redirected outside Terraform (repaired by the next " +
					"apply). Null without `access_log_target` or `access_log_bucket`: logging is then not managed.",
			},
		},
	}
}

// ValidateConfig checks the combination of encryption settings and the policy statements.
func (r *S3BucketResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m s3BucketModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if m.SSE.ValueString() == "s3" && !m.KMSKeyARN.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("kms_key_arn"), "Conflicting encryption settings",
			"kms_key_arn is set but sse = \"s3\" encrypts with S3-managed keys. Remove kms_key_arn, or sse to use the key.")
	}
	if b, ok := knownString(m.Bucket); ok && m.AccessLogBucket.ValueBool() && len(b)+len(accessLogBucketSuffix) > 63 {
		resp.Diagnostics.AddAttributeError(path.Root("access_log_bucket"), "Bucket name too long for an access-log bucket",
			fmt.Sprintf("access_log_bucket creates %s%s, longer than S3's 63 characters. Use a shorter bucket name or "+
				"name an existing bucket in access_log_target.", b, accessLogBucketSuffix))
	}
	if raw, ok := knownString(m.PolicyStatements); ok {
		stmts, err := parseStatements(raw)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("policy_statements"), "Invalid policy_statements",
				fmt.Sprintf("policy_statements is %s. Write it as jsonencode([{ Effect = ..., Principal = ..., Action = ..., Resource = ... }]).", err))
			return
		}
		for _, p := range checkBucketStatements(stmts, "") {
			resp.Diagnostics.AddAttributeError(path.Root("policy_statements"), "Insecure policy_statements", p.detail())
		}
	}
}

// ModifyPlan checks the statements that need the account (s3:* to another
// account), and plans access_logging_enabled: true when logging is configured,
// null when it is not managed.
func (r *S3BucketResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan s3BucketModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if raw, ok := knownString(plan.PolicyStatements); ok && r.client != nil {
		if account, err := r.client.AccountID(ctx); err == nil {
			if stmts, err := parseStatements(raw); err == nil {
				for _, p := range checkBucketStatements(stmts, account) {
					if p.Control.ID == controls.S3NoCrossAccountFullAccess.ID {
						resp.Diagnostics.AddAttributeError(path.Root("policy_statements"), "Insecure policy_statements", p.detail())
					}
				}
			}
		}
	}
	target, logging := plannedLogTarget(&plan)
	switch {
	case !logging:
		plan.AccessLoggingEnabled, plan.AccessLogBucketName = types.BoolNull(), types.StringNull()
		resp.Diagnostics.AddAttributeWarning(path.Root("access_log_bucket"), "No server access logging",
			fmt.Sprintf("Bucket %s has no access logs, the record of who read, wrote or deleted objects (%s). Set "+
				"access_log_bucket = true, or access_log_target to a log bucket. [%s]", plan.Bucket.ValueString(),
				controls.S3AccessLogging.Cite(), controls.S3AccessLogging.ID))
	default:
		plan.AccessLoggingEnabled = types.BoolValue(true)
		plan.AccessLogBucketName = target
	}
	if plan.AccessLogPrefix.IsUnknown() && !plan.Bucket.IsUnknown() {
		plan.AccessLogPrefix = types.StringValue(plan.Bucket.ValueString() + "/")
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// plannedLogTarget is the bucket that receives access logs (possibly unknown),
// and whether logging is configured at all.
func plannedLogTarget(m *s3BucketModel) (types.String, bool) {
	switch {
	case !m.AccessLogTarget.IsNull():
		return m.AccessLogTarget, true
	case m.AccessLogBucket.ValueBool():
		if m.Bucket.IsUnknown() {
			return types.StringUnknown(), true
		}
		return types.StringValue(m.Bucket.ValueString() + accessLogBucketSuffix), true
	}
	return types.StringNull(), false
}
