package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

var (
	_ resource.Resource                = &PasswordPolicyResource{}
	_ resource.ResourceWithConfigure   = &PasswordPolicyResource{}
	_ resource.ResourceWithImportState = &PasswordPolicyResource{}
)

// IAM API limits, not security controls.
const (
	iamMaxPasswordLength  = 128
	iamMaxReusePrevention = 24
)

// passwordPolicyControls are the catalog entries this resource enforces.
var passwordPolicyControls = []controls.Control{
	controls.PasswordPolicyExists,
	controls.PasswordMinimumLength,
	controls.PasswordReusePrevention,
	controls.PasswordMaxAge,
	controls.PasswordRequireUppercase,
	controls.PasswordRequireLowercase,
	controls.PasswordRequireSymbols,
	controls.PasswordRequireNumbers,
	controls.PasswordAllowUsersToChange,
}

// NewPasswordPolicyResource is the factory registered with the provider.
func NewPasswordPolicyResource() resource.Resource {
	return &PasswordPolicyResource{}
}

// PasswordPolicyResource manages the account's IAM password policy, strict by construction.
type PasswordPolicyResource struct {
	client *awsclient.Client
}

// passwordPolicyModel maps the resource schema.
type passwordPolicyModel struct {
	ID                 types.String `tfsdk:"id"`
	MinimumLength      types.Int64  `tfsdk:"minimum_length"`
	MaxAgeDays         types.Int64  `tfsdk:"max_age_days"`
	ReusePrevention    types.Int64  `tfsdk:"reuse_prevention"`
	HardExpiry         types.Bool   `tfsdk:"hard_expiry"`
	RequireUppercase   types.Bool   `tfsdk:"require_uppercase"`
	RequireLowercase   types.Bool   `tfsdk:"require_lowercase"`
	RequireNumbers     types.Bool   `tfsdk:"require_numbers"`
	RequireSymbols     types.Bool   `tfsdk:"require_symbols"`
	AllowUsersToChange types.Bool   `tfsdk:"allow_users_to_change"`
	ExpirePasswords    types.Bool   `tfsdk:"expire_passwords"`
	RetainOnDestroy    types.Bool   `tfsdk:"retain_on_destroy"`
}

func (r *PasswordPolicyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_password_policy"
}

func (r *PasswordPolicyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	alwaysOn := func(c controls.Control, what string) schema.BoolAttribute {
		return schema.BoolAttribute{
			Optional:   true,
			Computed:   true,
			Default:    booldefault.StaticBool(true),
			Validators: []validator.Bool{mustBeTrue{control: c}},
			MarkdownDescription: fmt.Sprintf("Always `true`: %s (%s). Setting it to `false` fails at plan; "+
				"an out-of-band change shows as drift and is repaired.", what, c.Cite()),
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The account's IAM password policy, strict by construction. Every setting defaults to " +
			"the CIS AWS Foundations and Security Hub values; a weaker value fails at `terraform plan`. " +
			"IAM has one password policy per account: this resource manages it, and `terraform plan` shows any " +
			"out-of-band weakening or deletion as drift that the next apply repairs. " +
			"On destroy the policy is kept in place unless `retain_on_destroy = false`.\n\n" +
			"Controls enforced:\n\n" + controlsTable(passwordPolicyControls...),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The AWS account ID the policy belongs to.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"minimum_length": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				Default:  int64default.StaticInt64(controls.PasswordMinimumLength.Threshold.Limit()),
				Validators: []validator.Int64{
					controlLimit(controls.PasswordMinimumLength),
					atMostAPI(iamMaxPasswordLength, "the IAM limit"),
				},
				MarkdownDescription: fmt.Sprintf("Minimum password length, from %d to %d. Defaults to %d (%s).",
					controls.PasswordMinimumLength.Threshold.Value, iamMaxPasswordLength,
					controls.PasswordMinimumLength.Threshold.Value, controls.PasswordMinimumLength.Cite()),
			},
			"max_age_days": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				Default:  int64default.StaticInt64(controls.PasswordMaxAge.Threshold.Limit()),
				Validators: []validator.Int64{
					atLeastAPI(1, "passwords must expire"),
					controlLimit(controls.PasswordMaxAge),
				},
				MarkdownDescription: fmt.Sprintf("Days a password stays valid, from 1 to %d. Defaults to %d (%s).",
					controls.PasswordMaxAge.Threshold.Value, controls.PasswordMaxAge.Threshold.Value, controls.PasswordMaxAge.Cite()),
			},
			"reuse_prevention": schema.Int64Attribute{
				Optional: true,
				Computed: true,
				Default:  int64default.StaticInt64(controls.PasswordReusePrevention.Threshold.Limit()),
				Validators: []validator.Int64{
					controlLimit(controls.PasswordReusePrevention),
					atMostAPI(iamMaxReusePrevention, "the IAM limit"),
				},
				MarkdownDescription: fmt.Sprintf("How many previous passwords a user cannot reuse. Must be %d, "+
					"the control's value and IAM's maximum (%s).",
					controls.PasswordReusePrevention.Threshold.Value, controls.PasswordReusePrevention.Cite()),
			},
			"hard_expiry": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
				MarkdownDescription: "Whether users whose password has expired are locked out until an administrator " +
					"resets it (`true`), instead of choosing a new one at sign-in. Defaults to `false`.",
			},
			"require_uppercase":     alwaysOn(controls.PasswordRequireUppercase, "passwords need an uppercase letter"),
			"require_lowercase":     alwaysOn(controls.PasswordRequireLowercase, "passwords need a lowercase letter"),
			"require_numbers":       alwaysOn(controls.PasswordRequireNumbers, "passwords need a number"),
			"require_symbols":       alwaysOn(controls.PasswordRequireSymbols, "passwords need a symbol"),
			"allow_users_to_change": alwaysOn(controls.PasswordAllowUsersToChange, "users may change their own password"),
			"expire_passwords": schema.BoolAttribute{
				Computed:            true,
				Default:             booldefault.StaticBool(true),
				MarkdownDescription: "Always `true`: passwords expire after `max_age_days`.",
			},
			"retain_on_destroy": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
				MarkdownDescription: "Keep the policy in place when the resource is destroyed (the default), because " +
					"deleting it silently weakens the account to IAM's defaults. Set to `false` to delete it.",
			},
		},
	}
}

func (r *PasswordPolicyResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req, resp)
}

func (r *PasswordPolicyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan passwordPolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	account, err := r.client.AccountID(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot determine the AWS account", err.Error())
		return
	}
	if !r.put(ctx, plan, account, &resp.Diagnostics) {
		return
	}
	plan.ID = types.StringValue(account)
	plan.ExpirePasswords = types.BoolValue(true)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *PasswordPolicyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state passwordPolicyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	if !r.checkAccount(ctx, state.ID.ValueString(), &resp.Diagnostics) {
		return
	}
	out, err := r.client.IAM().GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	var notFound *iamtypes.NoSuchEntityException
	if errors.As(err, &notFound) {
		// Deleted out of band: drop it from state so the plan shows it will be created again.
		resp.Diagnostics.AddWarning("IAM password policy was deleted outside Terraform",
			fmt.Sprintf("Account %s has no password policy, so IAM's weak defaults apply. The next apply "+
				"restores the strict policy [%s].", state.ID.ValueString(), controls.PasswordPolicyExists.ID))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "iam:GetAccountPasswordPolicy", "account "+state.ID.ValueString(), err, "")
		return
	}
	p := out.PasswordPolicy
	state.MinimumLength = types.Int64Value(int64(aws.ToInt32(p.MinimumPasswordLength)))
	state.MaxAgeDays = types.Int64Value(int64(aws.ToInt32(p.MaxPasswordAge)))
	state.ReusePrevention = types.Int64Value(int64(aws.ToInt32(p.PasswordReusePrevention)))
	state.HardExpiry = types.BoolValue(aws.ToBool(p.HardExpiry))
	state.RequireUppercase = types.BoolValue(p.RequireUppercaseCharacters)
	state.RequireLowercase = types.BoolValue(p.RequireLowercaseCharacters)
	state.RequireNumbers = types.BoolValue(p.RequireNumbers)
	state.RequireSymbols = types.BoolValue(p.RequireSymbols)
	state.AllowUsersToChange = types.BoolValue(p.AllowUsersToChangePassword)
	state.ExpirePasswords = types.BoolValue(p.ExpirePasswords)
	if state.RetainOnDestroy.IsNull() { // after import
		state.RetainOnDestroy = types.BoolValue(true)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *PasswordPolicyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state passwordPolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	if !r.checkAccount(ctx, state.ID.ValueString(), &resp.Diagnostics) {
		return
	}
	if !r.put(ctx, plan, state.ID.ValueString(), &resp.Diagnostics) {
		return
	}
	plan.ID = state.ID
	plan.ExpirePasswords = types.BoolValue(true)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *PasswordPolicyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state passwordPolicyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if state.RetainOnDestroy.IsNull() || state.RetainOnDestroy.ValueBool() {
		resp.Diagnostics.AddWarning("IAM password policy retained",
			fmt.Sprintf("The strict password policy of account %s was removed from Terraform state but left in place, "+
				"because deleting it would silently weaken the account to IAM's defaults. To delete it, set "+
				"retain_on_destroy = false and apply before destroying.", state.ID.ValueString()))
		return
	}
	if !requireClient(r.client, &resp.Diagnostics) || !r.checkAccount(ctx, state.ID.ValueString(), &resp.Diagnostics) {
		return
	}
	_, err := r.client.IAM().DeleteAccountPasswordPolicy(ctx, &iam.DeleteAccountPasswordPolicyInput{})
	var notFound *iamtypes.NoSuchEntityException
	if err != nil && !errors.As(err, &notFound) {
		addAPIError(&resp.Diagnostics, "iam:DeleteAccountPasswordPolicy", "account "+state.ID.ValueString(), err, "")
	}
}

// ImportState takes the account ID; importing another account's policy is refused.
func (r *PasswordPolicyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !accountIDRegexp.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("%q is not an AWS account ID. Import the password policy with the 12-digit ID of the "+
				"provider's account: terraform import hardened_password_policy.NAME 123456789012", req.ID))
		return
	}
	if !requireClient(r.client, &resp.Diagnostics) || !r.checkAccount(ctx, req.ID, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("retain_on_destroy"), true)...)
}

// put writes the whole policy: UpdateAccountPasswordPolicy resets every field it is not sent.
func (r *PasswordPolicyResource) put(ctx context.Context, m passwordPolicyModel, account string, diags *diag.Diagnostics) bool {
	in := &iam.UpdateAccountPasswordPolicyInput{
		MinimumPasswordLength:      aws.Int32(int32(m.MinimumLength.ValueInt64())),
		MaxPasswordAge:             aws.Int32(int32(m.MaxAgeDays.ValueInt64())),
		PasswordReusePrevention:    aws.Int32(int32(m.ReusePrevention.ValueInt64())),
		HardExpiry:                 aws.Bool(m.HardExpiry.ValueBool()),
		RequireUppercaseCharacters: true,
		RequireLowercaseCharacters: true,
		RequireNumbers:             true,
		RequireSymbols:             true,
		AllowUsersToChangePassword: true,
	}
	if _, err := r.client.IAM().UpdateAccountPasswordPolicy(ctx, in); err != nil {
		addAPIError(diags, "iam:UpdateAccountPasswordPolicy", "account "+account, err, "")
		return false
	}
	return true
}

// checkAccount refuses to act when the credentials belong to another account than the resource.
func (r *PasswordPolicyResource) checkAccount(ctx context.Context, want string, diags *diag.Diagnostics) bool {
	got, err := r.client.AccountID(ctx)
	if err != nil {
		diags.AddError("Cannot determine the AWS account", err.Error())
		return false
	}
	if want != "" && want != got {
		diags.AddError("Wrong AWS account",
			fmt.Sprintf("This password policy belongs to account %s, but the provider's credentials are for account "+
				"%s. A password policy can only be managed with credentials of its own account: configure the "+
				"provider for account %s (profile, assume_role), or import the policy of account %s instead.",
				want, got, want, got))
		return false
	}
	return true
}
