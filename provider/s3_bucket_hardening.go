package provider

// S3 bucket hardening every resource shares: creating a private bucket, applying
// the hardened settings (idempotent: also the repair of drift), reading a bucket's
// settings back to check them, and emptying a bucket to delete it.

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// bucketHardening is what hardenBucket applies to one bucket. Block Public Access
// (all four settings), bucket-owner-enforced ownership (no ACLs) and versioning are
// always applied; the rest when set.
type bucketHardening struct {
	Bucket string
	// Encryption is the default encryption rule (sseKMS or sseS3).
	Encryption s3types.ServerSideEncryptionRule
	// Policy replaces the bucket policy when not "".
	Policy string
	// Lifecycle replaces the lifecycle configuration when not nil.
	Lifecycle *s3types.LifecycleRule
	// LogTo sends server access logs to this bucket (with prefix LogPrefix) when not "".
	LogTo, LogPrefix string
}

// bucketTagged reports whether a bucket exists and carries the managed-by tag with value.
func bucketTagged(ctx context.Context, s *s3.Client, bucket, value string) (exists, managed bool, err error) {
	if _, err := s.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)}); err != nil {
		if isBucketNotFound(err) {
			return false, false, nil
		}
		return false, false, err
	}
	out, err := s.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String(bucket)})
	if err != nil {
		if hasErrorCode(err, errNoBucketTags, errNoBucketTagsVariant) {
			return true, false, nil
		}
		return true, false, err
	}
	for _, t := range out.TagSet {
		if aws.ToString(t.Key) == managedByTag && aws.ToString(t.Value) == value {
			return true, true, nil
		}
	}
	return true, false, nil
}

// createPrivateBucket creates a bucket without ACLs in region.
func createPrivateBucket(ctx context.Context, s *s3.Client, bucket, region string) error {
	return createPrivateBucketWith(ctx, s, bucket, region, false)
}

// createPrivateBucketWith creates a bucket without ACLs in region, with Object
// Lock when objectLock (which S3 allows only at creation on older APIs, and which
// cannot be turned off).
func createPrivateBucketWith(ctx context.Context, s *s3.Client, bucket, region string, objectLock bool) error {
	in := &s3.CreateBucketInput{Bucket: aws.String(bucket), ObjectOwnership: s3types.ObjectOwnershipBucketOwnerEnforced}
	if objectLock {
		in.ObjectLockEnabledForBucket = aws.Bool(true)
	}
	if region != "us-east-1" {
		in.CreateBucketConfiguration = &s3types.CreateBucketConfiguration{
			LocationConstraint: s3types.BucketLocationConstraint(region)}
	}
	_, err := s.CreateBucket(ctx, in)
	return err
}

// hardenBucket applies h to its bucket. It never deletes an object.
func hardenBucket(ctx context.Context, s *s3.Client, h bucketHardening, diags *diag.Diagnostics) bool {
	b := aws.String(h.Bucket)
	steps := []struct {
		action string
		call   func() error
	}{
		{"s3:PutPublicAccessBlock", func() error {
			_, err := s.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: b,
				PublicAccessBlockConfiguration: &s3types.PublicAccessBlockConfiguration{
					BlockPublicAcls: aws.Bool(true), IgnorePublicAcls: aws.Bool(true),
					BlockPublicPolicy: aws.Bool(true), RestrictPublicBuckets: aws.Bool(true)}})
			return err
		}},
		{"s3:PutBucketOwnershipControls", func() error {
			_, err := s.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: b,
				OwnershipControls: &s3types.OwnershipControls{Rules: []s3types.OwnershipControlsRule{
					{ObjectOwnership: s3types.ObjectOwnershipBucketOwnerEnforced}}}})
			return err
		}},
		{"s3:PutBucketVersioning", func() error {
			_, err := s.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: b,
				VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled}})
			return err
		}},
		{"s3:PutBucketEncryption", func() error {
			_, err := s.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: b,
				ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{
					Rules: []s3types.ServerSideEncryptionRule{h.Encryption}}})
			return err
		}},
	}
	if h.Lifecycle != nil {
		steps = append(steps, struct {
			action string
			call   func() error
		}{"s3:PutBucketLifecycleConfiguration", func() error {
			_, err := s.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: b,
				LifecycleConfiguration: &s3types.BucketLifecycleConfiguration{Rules: []s3types.LifecycleRule{*h.Lifecycle}}})
			return err
		}})
	}
	for _, st := range steps {
		if err := st.call(); err != nil {
			addAPIError(diags, st.action, "bucket "+h.Bucket, err, "")
			return false
		}
	}
	return true
}

// putBucketPolicy and putBucketLogging are separate from hardenBucket: a log
// bucket's access logging needs its target's policy in place first.
func putBucketPolicy(ctx context.Context, s *s3.Client, bucket, policy string, diags *diag.Diagnostics) bool {
	if _, err := s.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(bucket), Policy: aws.String(policy)}); err != nil {
		addAPIError(diags, "s3:PutBucketPolicy", "bucket "+bucket, err, "")
		return false
	}
	return true
}

func putBucketLogging(ctx context.Context, s *s3.Client, bucket, target, prefix string, diags *diag.Diagnostics) bool {
	if _, err := s.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(bucket),
		BucketLoggingStatus: &s3types.BucketLoggingStatus{LoggingEnabled: &s3types.LoggingEnabled{
			TargetBucket: aws.String(target), TargetPrefix: aws.String(prefix)}}}); err != nil {
		addAPIError(diags, "s3:PutBucketLogging", "bucket "+bucket, err, "")
		return false
	}
	return true
}

// sseKMS encrypts with a KMS key (bucket key on, to cut KMS requests).
// An empty keyARN means the AWS managed key aws/s3.
func sseKMS(keyARN string) s3types.ServerSideEncryptionRule {
	rule := s3types.ServerSideEncryptionRule{
		ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{SSEAlgorithm: s3types.ServerSideEncryptionAwsKms},
		BucketKeyEnabled:                   aws.Bool(true),
	}
	if keyARN != "" {
		rule.ApplyServerSideEncryptionByDefault.KMSMasterKeyID = aws.String(keyARN)
	}
	return rule
}

// sseS3 encrypts with S3-managed keys (the only default encryption a target of
// server access logging supports).
func sseS3() s3types.ServerSideEncryptionRule {
	return s3types.ServerSideEncryptionRule{ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{
		SSEAlgorithm: s3types.ServerSideEncryptionAes256}}
}

// dataLifecycleRuleID names the lifecycle rule of data buckets.
const dataLifecycleRuleID = "hardened-noncurrent-versions"

// dataLifecycleRule expires noncurrent versions (and the delete markers left
// without versions) and aborts incomplete multipart uploads; current objects stay.
func dataLifecycleRule(noncurrentDays, abortDays int64) s3types.LifecycleRule {
	return s3types.LifecycleRule{
		ID:                             aws.String(dataLifecycleRuleID),
		Status:                         s3types.ExpirationStatusEnabled,
		Filter:                         &s3types.LifecycleRuleFilter{Prefix: aws.String("")},
		Expiration:                     &s3types.LifecycleExpiration{ExpiredObjectDeleteMarker: aws.Bool(true)},
		NoncurrentVersionExpiration:    &s3types.NoncurrentVersionExpiration{NoncurrentDays: aws.Int32(int32(noncurrentDays))},
		AbortIncompleteMultipartUpload: &s3types.AbortIncompleteMultipartUpload{DaysAfterInitiation: aws.Int32(int32(abortDays))},
	}
}

// hasDataLifecycle reports whether the data lifecycle rule is in place, enabled,
// with the given days.
func (b bucketSettings) hasDataLifecycle(noncurrentDays, abortDays int64) bool {
	for _, r := range b.Lifecycle {
		if aws.ToString(r.ID) != dataLifecycleRuleID || r.Status != s3types.ExpirationStatusEnabled {
			continue
		}
		return r.NoncurrentVersionExpiration != nil && r.AbortIncompleteMultipartUpload != nil &&
			int64(aws.ToInt32(r.NoncurrentVersionExpiration.NoncurrentDays)) == noncurrentDays &&
			int64(aws.ToInt32(r.AbortIncompleteMultipartUpload.DaysAfterInitiation)) == abortDays
	}
	return false
}

// encryptedAs reports whether the default encryption is exactly the rule want:
// the same algorithm and key (no key: the AWS managed aws/s3 key), and for
// SSE-KMS bucket keys on.
func (b bucketSettings) encryptedAs(want s3types.ServerSideEncryptionRule) bool {
	c := b.Encryption
	if c == nil || len(c.Rules) != 1 || c.Rules[0].ApplyServerSideEncryptionByDefault == nil {
		return false
	}
	got, w := c.Rules[0].ApplyServerSideEncryptionByDefault, want.ApplyServerSideEncryptionByDefault
	if got.SSEAlgorithm != w.SSEAlgorithm {
		return false
	}
	if w.SSEAlgorithm != s3types.ServerSideEncryptionAwsKms {
		return true
	}
	key := aws.ToString(got.KMSMasterKeyID)
	if aws.ToString(w.KMSMasterKeyID) == "" {
		return (key == "" || key == "alias/aws/s3") && aws.ToBool(c.Rules[0].BucketKeyEnabled)
	}
	return key == aws.ToString(w.KMSMasterKeyID) && aws.ToBool(c.Rules[0].BucketKeyEnabled)
}

// bucketIsEmpty reports whether a bucket holds no object version and no delete marker.
func bucketIsEmpty(ctx context.Context, s *s3.Client, bucket string) (bool, error) {
	out, err := s.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(bucket), MaxKeys: aws.Int32(1)})
	if err != nil {
		return false, err
	}
	return len(out.Versions) == 0 && len(out.DeleteMarkers) == 0, nil
}

// bucketSettings is a bucket's security configuration as S3 reports it.
type bucketSettings struct {
	Exists              bool
	PublicAccessBlocked bool // all four Block Public Access settings on
	ACLsDisabled        bool // bucket-owner-enforced ownership
	Versioning          bool
	Encryption          *s3types.ServerSideEncryptionConfiguration // nil: none
	Policy              string                                     // "": none
	Lifecycle           []s3types.LifecycleRule
	LogTarget           string // "": no server access logging
}

// readBucketSettings reads a bucket's settings; on error it returns the failed action.
func readBucketSettings(ctx context.Context, s *s3.Client, bucket string) (bucketSettings, string, error) {
	var out bucketSettings
	b := aws.String(bucket)
	if _, err := s.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: b}); err != nil {
		if isBucketNotFound(err) {
			return out, "", nil
		}
		return out, "s3:HeadBucket", err
	}
	out.Exists = true
	pab, err := s.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: b})
	if err != nil && !hasErrorCode(err, errNoPublicAccessBlock) {
		return out, "s3:GetPublicAccessBlock", err
	}
	if err == nil && pab.PublicAccessBlockConfiguration != nil {
		c := pab.PublicAccessBlockConfiguration
		out.PublicAccessBlocked = aws.ToBool(c.BlockPublicAcls) && aws.ToBool(c.IgnorePublicAcls) &&
			aws.ToBool(c.BlockPublicPolicy) && aws.ToBool(c.RestrictPublicBuckets)
	}
	own, err := s.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: b})
	if err != nil && !hasErrorCode(err, errNoOwnershipControls) {
		return out, "s3:GetBucketOwnershipControls", err
	}
	out.ACLsDisabled = err == nil && own.OwnershipControls != nil && len(own.OwnershipControls.Rules) == 1 &&
		own.OwnershipControls.Rules[0].ObjectOwnership == s3types.ObjectOwnershipBucketOwnerEnforced
	ver, err := s.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: b})
	if err != nil {
		return out, "s3:GetBucketVersioning", err
	}
	out.Versioning = ver.Status == s3types.BucketVersioningStatusEnabled
	enc, err := s.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: b})
	if err != nil && !hasErrorCode(err, errNoBucketEncryption) {
		return out, "s3:GetBucketEncryption", err
	}
	if err == nil {
		out.Encryption = enc.ServerSideEncryptionConfiguration
	}
	pol, err := s.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: b})
	if err != nil && !hasErrorCode(err, errNoBucketPolicy) {
		return out, "s3:GetBucketPolicy", err
	}
	if err == nil {
		out.Policy = aws.ToString(pol.Policy)
	}
	lc, err := s.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: b})
	if err != nil && !hasErrorCode(err, errNoLifecycle) {
		return out, "s3:GetBucketLifecycleConfiguration", err
	}
	if err == nil {
		out.Lifecycle = lc.Rules
	}
	lg, err := s.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: b})
	if err != nil {
		return out, "s3:GetBucketLogging", err
	}
	if lg.LoggingEnabled != nil {
		out.LogTarget = aws.ToString(lg.LoggingEnabled.TargetBucket)
	}
	return out, "", nil
}

// encryptedWith reports whether the default encryption is exactly one rule of
// SSE-KMS with keyARN, or (keyARN "") of SSE-S3 or SSE-KMS.
func (b bucketSettings) encryptedWith(keyARN string) bool {
	c := b.Encryption
	if c == nil || len(c.Rules) != 1 || c.Rules[0].ApplyServerSideEncryptionByDefault == nil {
		return false
	}
	d := c.Rules[0].ApplyServerSideEncryptionByDefault
	if keyARN == "" {
		return d.SSEAlgorithm == s3types.ServerSideEncryptionAes256 || d.SSEAlgorithm == s3types.ServerSideEncryptionAwsKms
	}
	return d.SSEAlgorithm == s3types.ServerSideEncryptionAwsKms && aws.ToString(d.KMSMasterKeyID) == keyARN
}

// missingControls names what a bucket lacks of the hardening every log bucket
// needs, as a user reads it: public access block, TLS-only policy, versioning,
// encryption, access logging.
func (b bucketSettings) missingControls(partition, bucket string) []string {
	var out []string
	if !b.PublicAccessBlocked || !b.ACLsDisabled {
		out = append(out, "public access block (all four settings, ACLs disabled)")
	}
	if !deniesInsecureTransport(b.Policy, fmt.Sprintf("arn:%s:s3:::%s", partition, bucket)) {
		out = append(out, "TLS-only bucket policy")
	}
	if !b.Versioning {
		out = append(out, "versioning")
	}
	if !b.encryptedWith("") {
		out = append(out, "default encryption")
	}
	if b.LogTarget == "" {
		out = append(out, "server access logging")
	}
	return out
}

// emptyAndDeleteBucket deletes every object version and delete marker, then the bucket.
func emptyAndDeleteBucket(ctx context.Context, s *s3.Client, b string, diags *diag.Diagnostics) bool {
	// The bucket is going away: drop its policy first, so that its own statements
	// (the TLS-only deny, say) cannot block the deletion of its objects.
	if _, err := s.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(b)}); err != nil &&
		!hasErrorCode(err, errNoBucketPolicy) {
		addAPIError(diags, "s3:DeleteBucketPolicy", "bucket "+b, err, "")
		return false
	}
	p := s3.NewListObjectVersionsPaginator(s, &s3.ListObjectVersionsInput{Bucket: aws.String(b)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			addAPIError(diags, "s3:ListObjectVersions", "bucket "+b, err, "")
			return false
		}
		var ids []s3types.ObjectIdentifier
		for _, v := range page.Versions {
			ids = append(ids, s3types.ObjectIdentifier{Key: v.Key, VersionId: v.VersionId})
		}
		for _, d := range page.DeleteMarkers {
			ids = append(ids, s3types.ObjectIdentifier{Key: d.Key, VersionId: d.VersionId})
		}
		if len(ids) == 0 {
			continue
		}
		out, err := s.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(b),
			Delete: &s3types.Delete{Objects: ids, Quiet: aws.Bool(true)}})
		if err != nil {
			addAPIError(diags, "s3:DeleteObjects", "bucket "+b, err, "")
			return false
		}
		if len(out.Errors) > 0 { // a quiet delete reports only the objects it could not delete
			e := out.Errors[0]
			diags.AddError("AWS s3:DeleteObjects failed",
				fmt.Sprintf("%d objects of bucket %s could not be deleted; the first, %s, failed with %s: %s. "+
					"Fix the cause (object lock, policy) and destroy again.", len(out.Errors), b,
					aws.ToString(e.Key), aws.ToString(e.Code), aws.ToString(e.Message)))
			return false
		}
	}
	if _, err := s.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(b)}); err != nil {
		addAPIError(diags, "s3:DeleteBucket", "bucket "+b, err, "")
		return false
	}
	return true
}

// deliveryBucket is a bucket an AWS service delivers logs or history into,
// created and hardened by a resource (hardened_config_recorder, hardened_flow_logs).
type deliveryBucket struct {
	Name, Region string
	// ManagedBy is the managed-by tag's value; Policy the bucket's whole policy.
	ManagedBy, Policy string
	// InUse is the error hint when a bucket of that name exists without the tag.
	InUse string
}

// ensureDeliveryBucket creates the bucket (or finds it by its tag) and hardens it:
// Block Public Access, no ACLs, versioning, SSE-S3, the policy (idempotent: also
// the repair of drift).
func ensureDeliveryBucket(ctx context.Context, s *s3.Client, b deliveryBucket, diags *diag.Diagnostics) bool {
	exists, managed, err := bucketTagged(ctx, s, b.Name, b.ManagedBy)
	if err != nil {
		addAPIError(diags, "s3:GetBucketTagging", "bucket "+b.Name, err, "")
		return false
	}
	if exists && !managed {
		diags.AddError("Delivery bucket name in use",
			fmt.Sprintf("Bucket %s exists but was not created by this resource (it lacks the tag %s = %s). %s",
				b.Name, managedByTag, b.ManagedBy, b.InUse))
		return false
	}
	if !exists {
		if err := createPrivateBucket(ctx, s, b.Name, b.Region); err != nil {
			addAPIError(diags, "s3:CreateBucket", "bucket "+b.Name, err, "")
			return false
		}
		if _, err := s.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(b.Name),
			Tagging: &s3types.Tagging{TagSet: s3Tags(withManagedBy(nil, b.ManagedBy))}}); err != nil {
			addAPIError(diags, "s3:PutBucketTagging", "bucket "+b.Name, err, "")
			return false
		}
	}
	return hardenBucket(ctx, s, bucketHardening{Bucket: b.Name, Encryption: sseS3()}, diags) &&
		putBucketPolicy(ctx, s, b.Name, b.Policy, diags)
}

// deliveryBucketHardened reads a delivery bucket back: every control, and exactly policy.
func deliveryBucketHardened(ctx context.Context, s *s3.Client, partition, bucket, policy string, diags *diag.Diagnostics) (bool, bool) {
	b, action, err := readBucketSettings(ctx, s, bucket)
	if err != nil {
		addAPIError(diags, action, "bucket "+bucket, err, "")
		return false, false
	}
	return b.deliveryBucketCompliant(partition, bucket, policy), true
}

// deliveryBucketCompliant: the trail bucket's controls but server access logging
// (not asked of a delivery bucket), and exactly policy.
func (b bucketSettings) deliveryBucketCompliant(partition, bucket, policy string) bool {
	if !b.Exists {
		return false
	}
	for _, m := range b.missingControls(partition, bucket) {
		if m != "server access logging" {
			return false
		}
	}
	return policiesEquivalent(b.Policy, policy)
}
