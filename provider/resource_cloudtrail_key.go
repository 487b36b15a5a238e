package provider

// hardened_cloudtrail's KMS key: created with rotation and a least-privilege
// policy (and found again by alias and managed-by tag), or brought by the user and
// only referenced.

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// ctKey is the key part of a trail's storage.
type ctKey struct {
	ARN string
	// Managed: created (or adopted) by this resource; otherwise brought by the user.
	Managed bool
}

// ctKeyStatus is what Read found of the key; nil fields were not checked (a key
// the user brought).
type ctKeyStatus struct {
	Managed                          bool
	RotationEnabled, PolicyCompliant *bool
}

// keyManaged reports whether the key the configuration or state names is the
// trail's own: none named, or the one behind the trail's alias with its tag.
func (r *CloudTrailResource) keyManaged(ctx context.Context, n ctNames, keyARN string) bool {
	return keyARN == "" || taggedKeyByAlias(ctx, r.client.KMS(), n.alias, n.tagValue) == keyARN
}

// ensureKey adopts the trail's managed key or creates it, then sets its policy,
// rotation and tags. A key brought by the user is returned as it is.
func (r *CloudTrailResource) ensureKey(ctx context.Context, n ctNames, configured string, manageLogs bool,
	tags map[string]string, diags *diag.Diagnostics) (ctKey, bool) {
	if !r.keyManaged(ctx, n, configured) {
		return ctKey{ARN: configured}, true
	}
	k := r.client.KMS()
	logGroupARN := ""
	if manageLogs {
		logGroupARN = n.logGroupARN
	}
	policy := cloudtrailKeyPolicy(n.partition, n.region, n.account, logGroupARN)
	keyARN := taggedKeyByAlias(ctx, k, n.alias, n.tagValue)
	if keyARN == "" {
		if _, err := k.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(n.alias)}); err == nil {
			diags.AddError("KMS alias in use",
				fmt.Sprintf("The alias %s already names a key that was not created by this provider for trail %q "+
					"(it lacks the tag %s = %s). Delete the alias, or pass the key with kms_key_arn.",
					n.alias, n.trail, managedByTag, n.tagValue))
			return ctKey{}, false
		}
		var err error
		keyARN, err = createTaggedKey(ctx, r.clock, k, &kms.CreateKeyInput{
			Description: aws.String("CloudTrail logs of trail " + n.trail + " (hardened_cloudtrail)"),
			Policy:      aws.String(policy),
			Tags:        kmsTags(tags),
		}, n.tagValue)
		if err != nil {
			addAPIError(diags, "kms:CreateKey", "trail "+n.trail, err, "")
			return ctKey{}, false
		}
		if _, err := k.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(n.alias), TargetKeyId: aws.String(keyARN)}); err != nil {
			addAPIError(diags, "kms:CreateAlias", "key "+keyARN, err, "")
			return ctKey{}, false
		}
	} else {
		if !reviveKey(ctx, k, keyARN, diags) {
			return ctKey{}, false
		}
		if _, err := k.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: aws.String(keyARN), PolicyName: aws.String("default"),
			Policy: aws.String(policy)}); err != nil {
			addAPIError(diags, "kms:PutKeyPolicy", "key "+keyARN, err, "")
			return ctKey{}, false
		}
		if _, err := k.TagResource(ctx, &kms.TagResourceInput{KeyId: aws.String(keyARN), Tags: kmsTags(tags)}); err != nil {
			addAPIError(diags, "kms:TagResource", "key "+keyARN, err, "")
			return ctKey{}, false
		}
	}
	if _, err := k.EnableKeyRotation(ctx, &kms.EnableKeyRotationInput{KeyId: aws.String(keyARN)}); err != nil {
		addAPIError(diags, "kms:EnableKeyRotation", "key "+keyARN, err, "")
		return ctKey{}, false
	}
	return ctKey{ARN: keyARN, Managed: true}, true
}

// observeKey checks the managed key's rotation and policy. A key the user brought
// is not checked (nil flags); a managed key that is gone reads as not rotating
// with a wrong policy, so the next apply creates it.
func (r *CloudTrailResource) observeKey(ctx context.Context, n ctNames, keyARN string, manageLogs bool,
	diags *diag.Diagnostics) (ctKeyStatus, bool) {
	f := false
	managed := taggedKeyByAlias(ctx, r.client.KMS(), n.alias, n.tagValue)
	switch {
	case keyARN != "" && managed != keyARN:
		return ctKeyStatus{}, true
	case managed == "":
		return ctKeyStatus{Managed: true, RotationEnabled: &f, PolicyCompliant: &f}, true
	}
	rotates, policy, ok := keyRotationAndPolicy(ctx, r.client.KMS(), managed, diags)
	if !ok {
		return ctKeyStatus{}, false
	}
	logGroupARN := ""
	if manageLogs {
		logGroupARN = n.logGroupARN
	}
	compliant := policiesEquivalent(policy, cloudtrailKeyPolicy(n.partition, n.region, n.account, logGroupARN))
	return ctKeyStatus{Managed: true, RotationEnabled: &rotates, PolicyCompliant: &compliant}, true
}
