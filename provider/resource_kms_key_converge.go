package provider

// hardened_kms_key's reading and repair: what Read checks of the key (status
// attributes false when weakened, or not hardened yet after an import) and how
// Update brings it back.

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// observe reads the key into m; false when it no longer exists (or is deleted).
func (r *KMSKeyResource) observe(ctx context.Context, m *kmsKeyModel, diags *diag.Diagnostics) bool {
	k := r.client.KMS()
	importing := m.ARN.IsNull()
	d, err := k.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(m.ID.ValueString())})
	if isKMSNotFound(err) {
		return false
	}
	if err != nil {
		addAPIError(diags, "kms:DescribeKey", "key "+m.ID.ValueString(), err, "")
		return false
	}
	meta := d.KeyMetadata
	if meta.KeyManager != kmstypes.KeyManagerTypeCustomer {
		diags.AddError("Not a customer-managed key",
			fmt.Sprintf("Key %s is managed by AWS: its policy and rotation cannot be changed. Import a customer-managed key.",
				aws.ToString(meta.Arn)))
		return false
	}
	keyID := aws.ToString(meta.KeyId)
	m.ID, m.KeyID, m.ARN = types.StringValue(keyID), types.StringValue(keyID), types.StringValue(aws.ToString(meta.Arn))
	m.Description = types.StringValue(aws.ToString(meta.Description))
	m.KeySpec = types.StringValue(string(meta.KeySpec))
	m.setDefaultsIfNull()
	m.KeyEnabled = types.BoolValue(meta.KeyState == kmstypes.KeyStateEnabled)

	m.RotationEnabled = types.BoolValue(false)
	rot, err := k.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(keyID)})
	switch {
	case hasErrorCode(err, "KMSInvalidStateException", "UnsupportedOperationException"):
		// pending deletion, or a key spec that cannot rotate: not rotating.
	case err != nil:
		addAPIError(diags, "kms:GetKeyRotationStatus", "key "+keyID, err, "")
		return false
	default:
		m.RotationEnabled = types.BoolValue(rotatesEvery(rot, m.RotationPeriodDays.ValueInt64()))
	}

	pol, err := k.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(keyID), PolicyName: aws.String("default")})
	if err != nil {
		addAPIError(diags, "kms:GetKeyPolicy", "key "+keyID, err, "")
		return false
	}
	want, ok := r.desiredPolicy(ctx, m, diags)
	if !ok {
		return false
	}
	m.PolicyCompliant = types.BoolValue(policiesEquivalent(aws.ToString(pol.Policy), want))

	if !r.readTags(ctx, keyID, m, diags) || !r.readAlias(ctx, keyID, importing, m, diags) {
		return false
	}
	return true
}

// rotatesEvery reports whether rotation is on with the given period. KMS reports
// the period of every rotating key; an emulator that does not (moto 5.2.1) is
// trusted with the period this resource set.
func rotatesEvery(rot *kms.GetKeyRotationStatusOutput, days int64) bool {
	if !rot.KeyRotationEnabled {
		return false
	}
	return rot.RotationPeriodInDays == nil || int64(aws.ToInt32(rot.RotationPeriodInDays)) == days
}

// setDefaultsIfNull fills what only the configuration knows (after an import)
// with the defaults.
func (m *kmsKeyModel) setDefaultsIfNull() {
	if m.RotationPeriodDays.IsNull() || m.RotationPeriodDays.IsUnknown() {
		m.RotationPeriodDays = types.Int64Value(365)
	}
	if m.DeletionWindowDays.IsNull() || m.DeletionWindowDays.IsUnknown() {
		m.DeletionWindowDays = types.Int64Value(30)
	}
	if m.AllowDestroy.IsNull() || m.AllowDestroy.IsUnknown() {
		m.AllowDestroy = types.BoolValue(false)
	}
}

// readTags sets the user's tags (all but the managed-by tag) as KMS has them.
func (r *KMSKeyResource) readTags(ctx context.Context, keyID string, m *kmsKeyModel, diags *diag.Diagnostics) bool {
	out, err := r.client.KMS().ListResourceTags(ctx, &kms.ListResourceTagsInput{KeyId: aws.String(keyID)})
	if err != nil {
		addAPIError(diags, "kms:ListResourceTags", "key "+keyID, err, "")
		return false
	}
	tags := map[string]string{}
	for _, t := range out.Tags {
		if k := aws.ToString(t.TagKey); k != managedByTag {
			tags[k] = aws.ToString(t.TagValue)
		}
	}
	if len(tags) == 0 && m.Tags.IsNull() {
		return true
	}
	v, d := types.MapValueFrom(ctx, types.StringType, tags)
	diags.Append(d...)
	m.Tags = v
	return !diags.HasError()
}

// readAlias keeps the alias while it names the key (null otherwise, so the plan
// recreates it); an import takes the key's alias, if it has one.
func (r *KMSKeyResource) readAlias(ctx context.Context, keyID string, importing bool, m *kmsKeyModel, diags *diag.Diagnostics) bool {
	k := r.client.KMS()
	if alias, ok := knownString(m.Alias); ok {
		d, err := k.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(alias)})
		if err != nil && !isKMSNotFound(err) {
			addAPIError(diags, "kms:DescribeKey", alias, err, "")
			return false
		}
		if err != nil || aws.ToString(d.KeyMetadata.KeyId) != keyID {
			m.Alias = types.StringNull()
		}
		return true
	}
	if !importing {
		return true
	}
	out, err := k.ListAliases(ctx, &kms.ListAliasesInput{KeyId: aws.String(keyID)})
	if err != nil {
		addAPIError(diags, "kms:ListAliases", "key "+keyID, err, "")
		return false
	}
	for _, a := range out.Aliases {
		if name := aws.ToString(a.AliasName); !strings.HasPrefix(name, "alias/aws/") {
			m.Alias = types.StringValue(name)
			break
		}
	}
	return true
}

// converge makes the key what plan describes: usable again (a scheduled deletion
// cancelled, enabled), its policy, rotation, description, tags and alias.
func (r *KMSKeyResource) converge(ctx context.Context, plan, state *kmsKeyModel, diags *diag.Diagnostics) bool {
	k := r.client.KMS()
	keyID := state.ID.ValueString()
	policy, ok := r.desiredPolicy(ctx, plan, diags)
	if !ok || !reviveKey(ctx, k, keyID, diags) {
		return false
	}
	err := retryWhile(ctx, r.clock, r.propagation, isMalformedPolicy, func() error {
		_, err := k.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: aws.String(keyID), PolicyName: aws.String("default"),
			Policy: aws.String(policy)})
		return err
	})
	if err != nil {
		addAPIError(diags, "kms:PutKeyPolicy", "key "+keyID, err, policyHint(err))
		return false
	}
	if !r.enableRotation(ctx, keyID, plan.RotationPeriodDays.ValueInt64(), diags) {
		return false
	}
	if plan.Description.ValueString() != state.Description.ValueString() {
		if _, err := k.UpdateKeyDescription(ctx, &kms.UpdateKeyDescriptionInput{KeyId: aws.String(keyID),
			Description: aws.String(plan.Description.ValueString())}); err != nil {
			addAPIError(diags, "kms:UpdateKeyDescription", "key "+keyID, err, "")
			return false
		}
	}
	if !r.updateTags(ctx, keyID, state.Tags, plan.Tags, diags) {
		return false
	}
	oldAlias, _ := knownString(state.Alias)
	newAlias, hasAlias := knownString(plan.Alias)
	if oldAlias != "" && oldAlias != newAlias {
		if _, err := k.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String(oldAlias)}); err != nil && !isKMSNotFound(err) {
			addAPIError(diags, "kms:DeleteAlias", oldAlias, err, "")
			return false
		}
	}
	if hasAlias && !r.ensureAlias(ctx, newAlias, keyID, diags) {
		return false
	}
	plan.ID, plan.KeyID, plan.ARN, plan.KeySpec = state.ID, state.KeyID, state.ARN, state.KeySpec
	for _, f := range plan.healthFlags() {
		*f = types.BoolValue(true)
	}
	return true
}

func (r *KMSKeyResource) updateTags(ctx context.Context, keyID string, have, want types.Map, diags *diag.Diagnostics) bool {
	h, d := tagMap(ctx, have)
	diags.Append(d...)
	w, d := tagMap(ctx, want)
	diags.Append(d...)
	if diags.HasError() {
		return false
	}
	set, remove := tagDiff(h, w)
	k := r.client.KMS()
	if len(remove) > 0 {
		if _, err := k.UntagResource(ctx, &kms.UntagResourceInput{KeyId: aws.String(keyID), TagKeys: remove}); err != nil {
			addAPIError(diags, "kms:UntagResource", "key "+keyID, err, "")
			return false
		}
	}
	if len(set) > 0 {
		if _, err := k.TagResource(ctx, &kms.TagResourceInput{KeyId: aws.String(keyID), Tags: kmsTags(set)}); err != nil {
			addAPIError(diags, "kms:TagResource", "key "+keyID, err, "")
			return false
		}
	}
	return true
}

func (r *KMSKeyResource) enableRotation(ctx context.Context, keyID string, days int64, diags *diag.Diagnostics) bool {
	if _, err := r.client.KMS().EnableKeyRotation(ctx, &kms.EnableKeyRotationInput{KeyId: aws.String(keyID),
		RotationPeriodInDays: aws.Int32(int32(days))}); err != nil {
		addAPIError(diags, "kms:EnableKeyRotation", "key "+keyID, err, "")
		return false
	}
	return true
}

// aliasFree reports whether alias is unused or already names keyID.
func (r *KMSKeyResource) aliasFree(ctx context.Context, alias, keyID string, diags *diag.Diagnostics) bool {
	d, err := r.client.KMS().DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(alias)})
	switch {
	case isKMSNotFound(err):
		return true
	case err != nil:
		addAPIError(diags, "kms:DescribeKey", alias, err, "")
		return false
	case aws.ToString(d.KeyMetadata.KeyId) == keyID:
		return true
	}
	diags.AddError("KMS alias in use",
		fmt.Sprintf("The alias %s already names another key (%s). Choose another alias, or import that key with "+
			"terraform import hardened_kms_key.NAME %s.", alias, aws.ToString(d.KeyMetadata.Arn), alias))
	return false
}

// ensureAlias makes alias name keyID, creating it when missing.
func (r *KMSKeyResource) ensureAlias(ctx context.Context, alias, keyID string, diags *diag.Diagnostics) bool {
	d, err := r.client.KMS().DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(alias)})
	if err == nil && aws.ToString(d.KeyMetadata.KeyId) == keyID {
		return true
	}
	if !r.aliasFree(ctx, alias, keyID, diags) {
		return false
	}
	if _, err := r.client.KMS().CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(alias),
		TargetKeyId: aws.String(keyID)}); err != nil {
		addAPIError(diags, "kms:CreateAlias", alias, err, "")
		return false
	}
	return true
}
