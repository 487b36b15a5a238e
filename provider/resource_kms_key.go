package provider

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/clock"
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

var (
	_ resource.Resource                   = &KMSKeyResource{}
	_ resource.ResourceWithConfigure      = &KMSKeyResource{}
	_ resource.ResourceWithImportState    = &KMSKeyResource{}
	_ resource.ResourceWithValidateConfig = &KMSKeyResource{}
)

const kmsKeyType = "hardened_kms_key"

// NewKMSKeyResource is the factory registered with the provider.
func NewKMSKeyResource() resource.Resource {
	return &KMSKeyResource{
		clock: clock.Real(),
		// KMS refuses a policy naming a role IAM has not propagated yet
		// (MalformedPolicyDocumentException) for seconds after its creation.
		propagation: pacing{Timeout: 2 * time.Minute, Delay: time.Second, MaxDelay: 10 * time.Second},
	}
}

// KMSKeyResource manages a symmetric customer-managed key with rotation and a key
// policy that keeps an administrative path.
type KMSKeyResource struct {
	client *awsclient.Client
	clock  clock.Clock
	// propagation paces the retries of CreateKey and PutKeyPolicy while the
	// principals the policy names propagate.
	propagation pacing
}

// kmsKeyModel maps the resource schema.
type kmsKeyModel struct {
	ID                   types.String `tfsdk:"id"`
	KeyID                types.String `tfsdk:"key_id"`
	ARN                  types.String `tfsdk:"arn"`
	Description          types.String `tfsdk:"description"`
	KeySpec              types.String `tfsdk:"key_spec"`
	RotationPeriodDays   types.Int64  `tfsdk:"rotation_period_days"`
	DeletionWindowDays   types.Int64  `tfsdk:"deletion_window_days"`
	Alias                types.String `tfsdk:"alias"`
	Administrators       types.Set    `tfsdk:"administrators"`
	Users                types.Set    `tfsdk:"users"`
	ServicePrincipals    types.Set    `tfsdk:"service_principals"`
	AdditionalStatements types.String `tfsdk:"additional_statements"`
	Tags                 types.Map    `tfsdk:"tags"`
	AllowDestroy         types.Bool   `tfsdk:"allow_destroy"`
	RotationEnabled      types.Bool   `tfsdk:"rotation_enabled"`
	PolicyCompliant      types.Bool   `tfsdk:"policy_compliant"`
	KeyEnabled           types.Bool   `tfsdk:"key_enabled"`
}

func (m *kmsKeyModel) healthFlags() []*types.Bool {
	return []*types.Bool{&m.RotationEnabled, &m.PolicyCompliant, &m.KeyEnabled}
}

func (r *KMSKeyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_kms_key"
}

func (r *KMSKeyResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req, resp)
	r.clock = clockFrom(req)
}

// desiredPolicy is the key policy m describes.
func (r *KMSKeyResource) desiredPolicy(ctx context.Context, m *kmsKeyModel, diags *diag.Diagnostics) (string, bool) {
	account, err := r.client.AccountID(ctx)
	if err != nil {
		diags.AddError("Cannot determine the AWS account", err.Error())
		return "", false
	}
	spec := keyPolicySpec{Partition: r.client.Partition(), Account: account, Administrators: knownStrings(m.Administrators),
		Users: knownStrings(m.Users), ServicePrincipals: knownStrings(m.ServicePrincipals)}
	if raw, ok := knownString(m.AdditionalStatements); ok {
		stmts, err := parseStatements(raw)
		if err != nil { // ValidateConfig rejected it already
			diags.AddAttributeError(path.Root("additional_statements"), "Invalid additional_statements", err.Error())
			return "", false
		}
		spec.Additional = stmts
	}
	return keyPolicy(spec), true
}

func (r *KMSKeyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan kmsKeyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	policy, ok := r.desiredPolicy(ctx, &plan, &resp.Diagnostics)
	if !ok {
		return
	}
	userTags, d := tagMap(ctx, plan.Tags)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	alias, hasAlias := knownString(plan.Alias)
	if hasAlias && !r.aliasFree(ctx, alias, "", &resp.Diagnostics) {
		return
	}
	k := r.client.KMS()
	tagValue := managedBy(kmsKeyType, alias)
	if !hasAlias {
		tagValue = managedBy(kmsKeyType, "create-"+randomToken())
	}
	var keyARN string
	err := retryWhile(ctx, r.clock, r.propagation, isMalformedPolicy, func() error {
		var err error
		keyARN, err = createTaggedKey(ctx, r.clock, k, &kms.CreateKeyInput{
			Description: aws.String(plan.Description.ValueString()),
			KeySpec:     kmstypes.KeySpecSymmetricDefault,
			KeyUsage:    kmstypes.KeyUsageTypeEncryptDecrypt,
			Policy:      aws.String(policy),
			Tags:        kmsTags(withManagedBy(userTags, tagValue)),
		}, tagValue)
		return err
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, "kms:CreateKey", "hardened_kms_key", err, policyHint(err))
		return
	}
	keyID := keyIDOf(keyARN)
	// Record the key at once: if a later step fails, the next apply repairs this
	// key instead of creating another.
	plan.ID, plan.KeyID, plan.ARN = types.StringValue(keyID), types.StringValue(keyID), types.StringValue(keyARN)
	partial := plan
	for _, f := range partial.healthFlags() {
		*f = types.BoolValue(false)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &partial)...)
	if resp.Diagnostics.HasError() || !r.enableRotation(ctx, keyID, plan.RotationPeriodDays.ValueInt64(), &resp.Diagnostics) {
		return
	}
	if hasAlias && !r.ensureAlias(ctx, alias, keyID, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *KMSKeyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state kmsKeyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	found := r.observe(ctx, &state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if !found {
		resp.Diagnostics.AddWarning("KMS key was deleted outside Terraform",
			fmt.Sprintf("Key %s no longer exists; the next apply creates a new key. Data encrypted with the old key "+
				"cannot be decrypted any more [%s].", state.ID.ValueString(), controls.KMSKeyDeletionProtected.ID))
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *KMSKeyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state kmsKeyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	if !r.converge(ctx, &plan, &state, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *KMSKeyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state kmsKeyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	keyID := state.ID.ValueString()
	if !state.AllowDestroy.ValueBool() {
		resp.Diagnostics.AddError("KMS key is protected from destroy",
			fmt.Sprintf("hardened_kms_key %s has allow_destroy = false: deleting a key makes everything it encrypted "+
				"unreadable. To delete it, set allow_destroy = true, run terraform apply, then destroy again (the key "+
				"is deleted after deletion_window_days, and the deletion can be cancelled until then). To stop "+
				"managing the key without deleting it, use terraform state rm. [%s]", keyID, controls.KMSKeyDeletionProtected.ID))
		return
	}
	k := r.client.KMS()
	if alias, ok := knownString(state.Alias); ok {
		if _, err := k.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String(alias)}); err != nil && !isKMSNotFound(err) {
			addAPIError(&resp.Diagnostics, "kms:DeleteAlias", alias, err, "")
			return
		}
	}
	_, err := k.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: aws.String(keyID),
		PendingWindowInDays: aws.Int32(int32(state.DeletionWindowDays.ValueInt64()))})
	if err != nil && !isKMSNotFound(err) && !hasErrorCode(err, "KMSInvalidStateException") { // gone, or already pending
		addAPIError(&resp.Diagnostics, "kms:ScheduleKeyDeletion", "key "+keyID, err, "")
	}
}

// kmsKeyImportID is a key ID (or multi-Region key ID), a key ARN or an alias.
var kmsKeyImportID = regexp.MustCompile(`^(arn:[^:]+:kms:[^:]+:[0-9]{12}:key/)?(mrk-)?[0-9a-f-]{32,36}$|^alias/.+$`)

// ImportState takes the key ID, its ARN or an alias; Read resolves it to the key ID
// and reports, through the status attributes, what is not hardened yet.
func (r *KMSKeyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !kmsKeyImportID.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("%q is not a KMS key ID, key ARN or alias. Import with one of them: "+
				"terraform import hardened_kms_key.NAME 1234abcd-12ab-34cd-56ef-1234567890ab", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	if len(req.ID) > len("alias/") && req.ID[:len("alias/")] == "alias/" {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("alias"), req.ID)...)
	}
}

// randomToken names one create in the managed-by tag when the key has no alias.
func randomToken() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return hex.EncodeToString(b)
}

func isMalformedPolicy(err error) bool { return hasErrorCode(err, "MalformedPolicyDocumentException") }

func isKMSNotFound(err error) bool { return hasErrorCode(err, "NotFoundException") }

// policyHint explains KMS's refusal of a policy.
func policyHint(err error) string {
	if isMalformedPolicy(err) {
		return "KMS refused the key policy: every principal in administrators, users and additional_statements " +
			"must exist, and the identity the provider uses must keep kms:PutKeyPolicy through it."
	}
	return ""
}
