package provider

// Customer-managed KMS keys every resource shares: finding the key a resource
// created (by alias and managed-by tag), creating one without leaving a stray key
// behind when a response is lost, keeping it usable with rotation on, and the
// statement every key policy starts with.

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/hardened-tf/terraform-provider-hardened/internal/clock"
)

// keyAccountAdministers is the first statement of every key policy: the account
// (through IAM) administers the key, so it can never become unmanageable.
func keyAccountAdministers(partition, account string) policyStmt {
	return policyStmt{
		Sid:       "AccountAdministers",
		Effect:    "Allow",
		Principal: map[string]any{"AWS": fmt.Sprintf("arn:%s:iam::%s:root", partition, account)},
		Action:    "kms:*",
		Resource:  "*",
	}
}

// taggedKeyByAlias returns the ARN of the key behind alias when it carries the
// managed-by tag with value, or "" (no such alias, or someone else's key).
func taggedKeyByAlias(ctx context.Context, k *kms.Client, alias, value string) string {
	out, err := k.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(alias)})
	if err != nil {
		return ""
	}
	keyARN := aws.ToString(out.KeyMetadata.Arn)
	if keyTagged(ctx, k, keyARN, value) {
		return keyARN
	}
	return ""
}

func keyTagged(ctx context.Context, k *kms.Client, keyID, value string) bool {
	tags, err := k.ListResourceTags(ctx, &kms.ListResourceTagsInput{KeyId: aws.String(keyID)})
	if err != nil {
		return false
	}
	for _, t := range tags.Tags {
		if aws.ToString(t.TagKey) == managedByTag && aws.ToString(t.TagValue) == value {
			return true
		}
	}
	return false
}

// createTaggedKey creates a key carrying the managed-by tag value (in in.Tags).
// CreateKey is not idempotent: each attempt is a single HTTP request, and after
// one that got no answer, a key that attempt may have made (the tag, enabled,
// created since the create began) is adopted instead of making another. Finding
// it lists the account's keys: that happens only then.
func createTaggedKey(ctx context.Context, clk clock.Clock, k *kms.Client, in *kms.CreateKeyInput, value string) (string, error) {
	since := clk.Now().Add(-time.Minute) // clock skew between here and KMS
	var arn string
	err := createOnce(ctx, clk, k.Options().Retryer, func() error {
		out, err := k.CreateKey(ctx, in, func(o *kms.Options) { o.RetryMaxAttempts = 1 })
		if err == nil {
			arn = aws.ToString(out.KeyMetadata.Arn)
		}
		return err
	}, func() bool {
		found, err := findCreatedKey(ctx, k, value, since)
		arn = found
		return err == nil && found != ""
	})
	return arn, err
}

// findCreatedKey returns an enabled customer key created since the given time that
// carries the managed-by tag value, or "".
func findCreatedKey(ctx context.Context, k *kms.Client, value string, since time.Time) (string, error) {
	pages := kms.NewListKeysPaginator(k, &kms.ListKeysInput{})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return "", err
		}
		for _, key := range page.Keys {
			d, err := k.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: key.KeyId})
			if err != nil {
				return "", err
			}
			m := d.KeyMetadata
			if m.KeyState != kmstypes.KeyStateEnabled || m.CreationDate == nil || m.CreationDate.Before(since) ||
				m.KeyManager != kmstypes.KeyManagerTypeCustomer {
				continue
			}
			if keyTagged(ctx, k, aws.ToString(key.KeyId), value) {
				return aws.ToString(m.Arn), nil
			}
		}
	}
	return "", nil
}

// reviveKey makes a key found again usable: a key pending deletion (a destroy
// with force) is kept, a disabled one enabled.
func reviveKey(ctx context.Context, k *kms.Client, keyARN string, diags *diag.Diagnostics) bool {
	d, err := k.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(keyARN)})
	if err != nil {
		addAPIError(diags, "kms:DescribeKey", "key "+keyARN, err, "")
		return false
	}
	if d.KeyMetadata.KeyState == kmstypes.KeyStatePendingDeletion {
		if _, err := k.CancelKeyDeletion(ctx, &kms.CancelKeyDeletionInput{KeyId: aws.String(keyARN)}); err != nil {
			addAPIError(diags, "kms:CancelKeyDeletion", "key "+keyARN, err, "")
			return false
		}
	}
	if d.KeyMetadata.KeyState != kmstypes.KeyStateEnabled {
		if _, err := k.EnableKey(ctx, &kms.EnableKeyInput{KeyId: aws.String(keyARN)}); err != nil {
			addAPIError(diags, "kms:EnableKey", "key "+keyARN, err, "")
			return false
		}
	}
	return true
}

// keyRotationAndPolicy reads whether a key rotates and its default policy.
func keyRotationAndPolicy(ctx context.Context, k *kms.Client, keyARN string, diags *diag.Diagnostics) (bool, string, bool) {
	rot, err := k.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(keyARN)})
	if err != nil {
		addAPIError(diags, "kms:GetKeyRotationStatus", "key "+keyARN, err, "")
		return false, "", false
	}
	pol, err := k.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(keyARN), PolicyName: aws.String("default")})
	if err != nil {
		addAPIError(diags, "kms:GetKeyPolicy", "key "+keyARN, err, "")
		return false, "", false
	}
	return rot.KeyRotationEnabled, aws.ToString(pol.Policy), true
}

// retireKey deletes a key's alias and schedules the key's deletion (7 days).
func retireKey(ctx context.Context, k *kms.Client, alias, keyARN string, diags *diag.Diagnostics) {
	if _, err := k.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String(alias)}); err != nil {
		addAPIError(diags, "kms:DeleteAlias", alias, err, "")
		return
	}
	// Addressed by key ID: same-account either form works on AWS, and the
	// emulator's ScheduleKeyDeletion fails with an ARN.
	keyID := keyARN[strings.LastIndex(keyARN, "/")+1:]
	if _, err := k.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: aws.String(keyID),
		PendingWindowInDays: aws.Int32(7)}); err != nil {
		addAPIError(diags, "kms:ScheduleKeyDeletion", "key "+keyARN, err, "")
	}
}
