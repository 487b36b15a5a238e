package provider

// hardened_kms_key's schema, the controls it enforces and the checks of its
// configuration at plan.

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
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

// kmsKeyEnforcement is every control the resource enforces, and how: the docs
// table is rendered from it, and TestAccKMSKey_controlsEnforced walks it.
var kmsKeyEnforcement = []controlEnforcement{
	{Control: controls.KMSKeyRotation, Rejects: "rotation_period_days = 400", Drift: "rotation_enabled",
		Scope: "rotation cannot be turned off; its period is 90 to 365 days"},
	{Control: controls.KMSKeyAdministrativePath, Rejects: "administrators = []", Drift: "policy_compliant",
		Scope: "the account root, or the named `administrators`, always administer the key; a Deny of kms:PutKeyPolicy to them fails at plan"},
	{Control: controls.KMSKeyNoPublicPrincipal, Rejects: `additional_statements = jsonencode([{ Effect = "Allow", Principal = "*", Action = "kms:Decrypt", Resource = "*" }])`,
		Drift: "policy_compliant"},
	{Control: controls.KMSKeyAdminOnlyFullAccess, Rejects: `additional_statements = jsonencode([{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:role/app" }, Action = "kms:*", Resource = "*" }])`,
		Drift: "policy_compliant"},
	{Control: controls.KMSKeyDeletionProtected, Rejects: "deletion_window_days = 6", Drift: "key_enabled",
		Scope: "destroy needs `allow_destroy = true`; a deletion scheduled or a key disabled outside Terraform is cancelled"},
}

// IAM principals a key policy may name: an account root, a role or a user.
var iamPrincipalARN = regexp.MustCompile(`^arn:aws[a-z-]*:iam::[0-9]{12}:(root|role/.+|user/.+)$`)

// kmsAliasName is KMS's alias rule; alias/aws/ is reserved for AWS managed keys.
var kmsAliasName = regexp.MustCompile(`^alias/[A-Za-z0-9/_-]{1,250}$`)

func (r *KMSKeyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	health := func(what string) schema.BoolAttribute {
		return schema.BoolAttribute{
			Computed: true,
			Default:  booldefault.StaticBool(true),
			MarkdownDescription: "`true` when " + what + ". Read sets it to `false` when the property was weakened " +
				"outside Terraform (or, after an import, is not hardened yet), so `terraform plan` shows the drift and " +
				"the next apply repairs it.",
		}
	}
	principals := func(what string) schema.SetAttribute {
		return schema.SetAttribute{
			Optional:            true,
			ElementType:         types.StringType,
			MarkdownDescription: what,
			Validators: []validator.Set{setvalidator.ValueStringsAre(stringvalidator.RegexMatches(iamPrincipalARN,
				"must be an IAM principal ARN: arn:aws:iam::ACCOUNT:root, ...:role/NAME or ...:user/NAME"))},
		}
	}
	keepState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A customer-managed symmetric KMS key that cannot lock you out or leak: rotation always " +
			"on, a key policy built from `administrators`, `users` and `service_principals` that always keeps an " +
			"administrative path (extra statements are checked at plan), deletion only when `allow_destroy = true` " +
			"and never with less than 7 days to cancel it. Out-of-band weakening (rotation off, policy edited, key " +
			"disabled, deletion scheduled) shows as drift and is repaired.\n\n" +
			"Controls enforced:\n\n" + enforcementTable(kmsKeyEnforcement...),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The key ID.",
				PlanModifiers:       keepState,
			},
			"key_id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The key ID (the same as `id`).",
				PlanModifiers:       keepState,
			},
			"arn": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "ARN of the key: pass it to `hardened_s3_bucket.kms_key_arn` or any service's key argument.",
				PlanModifiers:       keepState,
			},
			"description": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString("Managed by Terraform (hardened_kms_key)"),
				MarkdownDescription: "What the key protects (up to 8192 characters).",
				Validators:          []validator.String{stringvalidator.LengthAtMost(8192)},
			},
			"key_spec": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString("SYMMETRIC_DEFAULT"),
				MarkdownDescription: "Always `SYMMETRIC_DEFAULT` (AES-256-GCM encryption keys). Asymmetric and HMAC keys " +
					"fail at plan: AWS rotates only symmetric encryption keys automatically, so they could not meet " +
					controls.KMSKeyRotation.Cite() + ". Changing it replaces the key.",
				Validators:    []validator.String{onlySymmetricKeys{}},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"rotation_period_days": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				Default:  int64default.StaticInt64(365),
				MarkdownDescription: "Days between automatic rotations, 90 to 365 (default 365: " +
					controls.KMSKeyRotation.Cite() + "). Rotation itself cannot be turned off.",
				Validators: []validator.Int64{atLeastAPI(90, "KMS's shortest rotation period"),
					atMostForControl(365, controls.KMSKeyRotation)},
			},
			"deletion_window_days": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				Default:  int64default.StaticInt64(30),
				MarkdownDescription: "Days between a destroy and the key's deletion, during which the deletion can be " +
					"cancelled: 7 to 30, default 30 (" + controls.KMSKeyDeletionProtected.Cite() + ").",
				Validators: []validator.Int64{controlLimit(controls.KMSKeyDeletionProtected),
					atMostAPI(30, "KMS's longest waiting period")},
			},
			"alias": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "An alias for the key, `alias/NAME` (not `alias/aws/...`, reserved for AWS). " +
					"Removed with the key; an alias taken by another key fails the apply.",
				Validators: []validator.String{
					stringvalidator.RegexMatches(kmsAliasName, "must be alias/ followed by letters, digits, '/', '_' or '-'"),
					stringvalidator.RegexMatches(regexp.MustCompile(`^alias/(?:[^a]|a[^w]|aw[^s]|aws[^/])`),
						"must not start with alias/aws/ (reserved for AWS managed keys)"),
				},
			},
			"administrators": principals("IAM principal ARNs allowed to administer the key (`kms:*`). Unset: the " +
				"account root administers it, so IAM policies in the account decide who does. An empty set fails " +
				"at plan: a key nobody can administer is locked out for good (" + controls.KMSKeyAdministrativePath.ID + ")."),
			"users": principals("IAM principal ARNs allowed to use the key: `kms:Encrypt`, `kms:Decrypt`, " +
				"`kms:ReEncrypt*`, `kms:GenerateDataKey*` and `kms:DescribeKey`."),
			"service_principals": schema.SetAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "AWS service principals (such as `logs.us-east-1.amazonaws.com`) allowed to use " +
					"the key like `users`, only on behalf of this account (condition `aws:SourceAccount`).",
				Validators: []validator.Set{setvalidator.ValueStringsAre(stringvalidator.RegexMatches(
					regexp.MustCompile(`^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$`), "must be a service principal such as logs.amazonaws.com"))},
			},
			"additional_statements": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "More key policy statements, as a JSON list (`jsonencode([{...}])`), appended " +
					"to the policy. Checked at plan; an error names the statement and the control: no `Principal \"*\"` " +
					"(or Allow with `NotPrincipal`) without a condition restricting the principal (`aws:PrincipalOrgID`, " +
					"`aws:SourceAccount`, `kms:CallerAccount`, ...; " + controls.KMSKeyNoPublicPrincipal.ID + "), no " +
					"`kms:*` for anyone but `administrators` (" + controls.KMSKeyAdminOnlyFullAccess.ID + "), no Deny " +
					"of `kms:PutKeyPolicy` to the administrative path (" + controls.KMSKeyAdministrativePath.ID + ").",
			},
			"tags": schema.MapAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Tags of the key. The provider adds `" + managedByTag + "` to the key it creates, " +
					"outside this map.",
			},
			"allow_destroy": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
				MarkdownDescription: "Whether `terraform destroy` (or a replacement) may schedule the key's deletion. " +
					"Default `false`: destroy fails with a message saying so, since deleting a key makes everything " +
					"it encrypted unreadable. Set it to `true` and apply first.",
			},
			"rotation_enabled": health("automatic rotation is on with the configured period"),
			"policy_compliant": health("the key policy is the one this resource builds"),
			"key_enabled":      health("the key is enabled and not scheduled for deletion"),
		},
	}
}

// onlySymmetricKeys rejects key specs other than SYMMETRIC_DEFAULT, with the reason.
type onlySymmetricKeys struct{}

var _ validator.String = onlySymmetricKeys{}

func (onlySymmetricKeys) Description(context.Context) string {
	return "must be SYMMETRIC_DEFAULT (" + controls.KMSKeyRotation.Cite() + ")"
}

func (v onlySymmetricKeys) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (onlySymmetricKeys) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() == "SYMMETRIC_DEFAULT" {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Unsupported key_spec",
		fmt.Sprintf("key_spec %q is not supported: hardened_kms_key makes symmetric encryption keys only, because AWS "+
			"rotates only those automatically (%s) [%s]. Remove key_spec, or use aws_kms_key for signing, asymmetric "+
			"or HMAC keys.", req.ConfigValue.ValueString(), controls.KMSKeyRotation.Cite(), controls.KMSKeyRotation.ID))
}

// ValidateConfig checks what the attribute validators cannot: an empty
// administrators set and the additional statements.
func (r *KMSKeyResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m kmsKeyModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := controls.KMSKeyAdministrativePath
	if !m.Administrators.IsNull() && !m.Administrators.IsUnknown() && len(m.Administrators.Elements()) == 0 {
		resp.Diagnostics.AddAttributeError(path.Root("administrators"), "Insecure administrators",
			fmt.Sprintf("administrators is empty: the key policy would name nobody who can administer the key, locking "+
				"the account out of it. Remove administrators (the account root then administers the key) or name at "+
				"least one IAM role. [%s]", c.ID))
	}
	raw, ok := knownString(m.AdditionalStatements)
	if !ok || m.Administrators.IsUnknown() {
		return
	}
	stmts, err := parseStatements(raw)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("additional_statements"), "Invalid additional_statements",
			fmt.Sprintf("additional_statements is %s. Write it as jsonencode([{ Effect = ..., Principal = ..., Action = ..., Resource = \"*\" }]).", err))
		return
	}
	for _, p := range checkKeyStatements(stmts, knownStrings(m.Administrators)) {
		resp.Diagnostics.AddAttributeError(path.Root("additional_statements"), "Insecure additional_statements", p.detail())
	}
}

// keyIDOf is the key ID in a key ARN (or the ID itself).
func keyIDOf(idOrARN string) string {
	if i := strings.LastIndex(idOrARN, ":key/"); i >= 0 {
		return idOrARN[i+len(":key/"):]
	}
	return idOrARN
}
