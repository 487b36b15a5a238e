package provider

// hardened_cloudtrail's log buckets: the log bucket and the bucket receiving its
// server access logs, created hardened; or a bucket the user brought, hardened in
// place on request (manage_s3_bucket) or only referenced.

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

const cloudtrailLifecycleRuleID = "hardened-cloudtrail-retention"

// bucketMode is how the resource treats the trail's log bucket.
type bucketMode int

const (
	// bucketCreated: the resource's own bucket (hardened-ct-<account>-<name>), created and hardened.
	bucketCreated bucketMode = iota
	// bucketAdopted: the user's bucket, hardened in place (manage_s3_bucket = true); never deleted.
	bucketAdopted
	// bucketReferenced: the user's bucket, only referenced and checked, never changed.
	bucketReferenced
)

// managed reports whether the resource hardens the log bucket and owns an access-log bucket.
func (b bucketMode) managed() bool { return b != bucketReferenced }

// bucketModeOf decides how the log bucket is treated: none named or the derived
// name is the resource's own; another is the user's.
func (n ctNames) bucketModeOf(bucket string, manage bool) bucketMode {
	switch {
	case bucket == "" || bucket == n.bucket:
		return bucketCreated
	case manage:
		return bucketAdopted
	}
	return bucketReferenced
}

// ctBuckets is the bucket part of a trail's storage.
type ctBuckets struct {
	Log string
	// AccessLog is the managed access-log bucket, "" when the log bucket is only referenced.
	AccessLog string
	Mode      bucketMode
}

// ctBucketStatus is what Read found of the log buckets; nil fields were not
// checked (a bucket only referenced, or lifecycle of an adopted bucket).
type ctBucketStatus struct {
	PublicAccessBlocked, Versioning, Encrypted, PolicyCompliant, AccessLogging, Lifecycle *bool
	// ArchiveDays and RetentionDays are the lifecycle the buckets were checked
	// against: after an import, the created log bucket's own rule.
	ArchiveDays, RetentionDays int64
}

// ensureBuckets creates or adopts the access-log bucket and creates, adopts or
// (manage_s3_bucket) hardens in place the log bucket, applying every hardened
// setting (idempotent: also the repair of drift). saved is told the access-log
// bucket as soon as it exists.
func (r *CloudTrailResource) ensureBuckets(ctx context.Context, n ctNames, want ctBuckets, keyARN string,
	archive, retention int64, tags map[string]string, saved func(ctBuckets), diags *diag.Diagnostics) (ctBuckets, bool) {
	if !want.Mode.managed() {
		return ctBuckets{Log: want.Log, Mode: bucketReferenced}, true
	}
	got := ctBuckets{Log: want.Log, AccessLog: n.accessBucket, Mode: want.Mode}
	if want.Mode == bucketCreated {
		got.Log = n.bucket
	}
	s := r.client.S3()
	owned := []string{n.accessBucket}
	if want.Mode == bucketCreated {
		owned = append(owned, n.bucket)
	}
	for _, b := range owned {
		exists, managed, err := bucketTagged(ctx, s, b, n.tagValue)
		if err != nil {
			addAPIError(diags, "s3:HeadBucket", "bucket "+b, err, "")
			return got, false
		}
		if exists && !managed {
			diags.AddError("Log bucket name in use",
				fmt.Sprintf("Bucket %s already exists in this account but was not created by this provider for trail "+
					"%q (it lacks the tag %s = %s). Delete or rename it, or pass an existing bucket with s3_bucket_name.",
					b, n.trail, managedByTag, n.tagValue))
			return got, false
		}
		if !exists {
			if err := createPrivateBucket(ctx, s, b, n.region); err != nil {
				hint := ""
				if hasErrorCode(err, "BucketAlreadyExists") {
					hint = "S3 bucket names are global and another account owns this one: pass your own bucket with s3_bucket_name."
				}
				addAPIError(diags, "s3:CreateBucket", "bucket "+b, err, hint)
				return got, false
			}
		}
		// Tag first: a bucket whose creation is recorded can always be recognised again.
		if _, err := s.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(b),
			Tagging: &s3types.Tagging{TagSet: s3Tags(tags)}}); err != nil {
			addAPIError(diags, "s3:PutBucketTagging", "bucket "+b, err, "")
			return got, false
		}
		if b == n.accessBucket {
			saved(ctBuckets{AccessLog: b, Mode: want.Mode})
		}
	}
	access := bucketHardening{Bucket: n.accessBucket, Encryption: sseS3(),
		Lifecycle: ptr(cloudtrailLifecycleRule(false, archive, retention))}
	logs := bucketHardening{Bucket: got.Log, Encryption: sseKMS(keyARN)}
	if want.Mode == bucketCreated {
		// Expiring logs is this resource's decision only for a bucket it created:
		// an adopted bucket's lifecycle (its existing audit record) is left alone.
		logs.Lifecycle = ptr(cloudtrailLifecycleRule(true, archive, retention))
	}
	ok := hardenBucket(ctx, s, access, diags) && hardenBucket(ctx, s, logs, diags) &&
		putBucketPolicy(ctx, s, n.accessBucket, accessLogBucketPolicy(n.partition, n.accessBucket, n.account, got.Log), diags) &&
		putBucketPolicy(ctx, s, got.Log, cloudtrailBucketPolicy(n.partition, got.Log, n.account, n.trailARN), diags) &&
		putBucketLogging(ctx, s, got.Log, n.accessBucket, got.Log+"/", diags)
	return got, ok
}

func ptr[T any](v T) *T { return &v }

// observeBuckets checks every hardened setting of the managed buckets; a bucket
// only referenced is not checked (nil flags). After an import (imported), the
// lifecycle is taken from the created log bucket's rule.
func (r *CloudTrailResource) observeBuckets(ctx context.Context, n ctNames, b ctBuckets, keyARN string,
	archive, retention int64, imported bool, diags *diag.Diagnostics) (ctBucketStatus, bool) {
	s := r.client.S3()
	st := ctBucketStatus{ArchiveDays: archive, RetentionDays: retention}
	if !b.Mode.managed() {
		return st, true
	}
	t, f := true, false
	st.PublicAccessBlocked, st.Versioning, st.Encrypted, st.PolicyCompliant, st.AccessLogging = &t, &t, &t, &t, &t
	st.Lifecycle = &t
	unset := func(p **bool) {
		if *p != nil {
			*p = &f
		}
	}
	for _, bucket := range []string{b.Log, n.accessBucket} {
		got, action, err := readBucketSettings(ctx, s, bucket)
		if err != nil {
			addAPIError(diags, action, "bucket "+bucket, err, "")
			return st, false
		}
		isLog := bucket == b.Log
		if !got.Exists {
			// Deleted out of band: every property is missing; apply recreates it.
			for _, p := range []**bool{&st.PublicAccessBlocked, &st.Versioning, &st.Encrypted, &st.PolicyCompliant,
				&st.AccessLogging, &st.Lifecycle} {
				unset(p)
			}
			continue
		}
		if !got.PublicAccessBlocked || !got.ACLsDisabled {
			unset(&st.PublicAccessBlocked)
		}
		if !got.Versioning {
			unset(&st.Versioning)
		}
		wantKey, wantPolicy := "", accessLogBucketPolicy(n.partition, n.accessBucket, n.account, b.Log)
		if isLog {
			wantKey, wantPolicy = keyARN, cloudtrailBucketPolicy(n.partition, b.Log, n.account, n.trailARN)
		}
		if !got.encryptedWith(wantKey) {
			unset(&st.Encrypted)
		}
		if got.Policy == "" || !policiesEquivalent(got.Policy, wantPolicy) {
			unset(&st.PolicyCompliant)
		}
		if isLog && b.Mode == bucketCreated && imported {
			if a, r, ok := lifecycleDays(got.Lifecycle); ok {
				st.ArchiveDays, st.RetentionDays = a, r
			}
		}
		if (!isLog || b.Mode == bucketCreated) && !lifecycleMatches(got.Lifecycle, isLog, st.ArchiveDays, st.RetentionDays) {
			unset(&st.Lifecycle)
		}
		if isLog && got.LogTarget != n.accessBucket {
			unset(&st.AccessLogging)
		}
	}
	return st, true
}

// inspectReferencedBucket names what a bucket the resource only references lacks,
// read through the S3 API. A bucket that cannot be read (another account's, no
// permission) is reported as such.
func inspectReferencedBucket(ctx context.Context, s *s3.Client, partition, bucket string) []string {
	got, action, err := readBucketSettings(ctx, s, bucket)
	switch {
	case err != nil:
		return []string{fmt.Sprintf("could not be checked (%s failed: %s)", action, err)}
	case !got.Exists:
		return []string{"does not exist"}
	}
	return got.missingControls(partition, bucket)
}

func findLifecycleRule(rules []s3types.LifecycleRule) *s3types.LifecycleRule {
	for i := range rules {
		if aws.ToString(rules[i].ID) == cloudtrailLifecycleRuleID && rules[i].Status == s3types.ExpirationStatusEnabled {
			return &rules[i]
		}
	}
	return nil
}

func lifecycleDays(rules []s3types.LifecycleRule) (archive, retention int64, ok bool) {
	r := findLifecycleRule(rules)
	if r == nil || r.Expiration == nil || len(r.Transitions) != 1 {
		return 0, 0, false
	}
	return int64(aws.ToInt32(r.Transitions[0].Days)), int64(aws.ToInt32(r.Expiration.Days)), true
}

func lifecycleMatches(rules []s3types.LifecycleRule, logBucket bool, archive, retention int64) bool {
	r := findLifecycleRule(rules)
	if r == nil || r.Expiration == nil || int64(aws.ToInt32(r.Expiration.Days)) != retention {
		return false
	}
	if !logBucket {
		return true
	}
	return len(r.Transitions) == 1 && int64(aws.ToInt32(r.Transitions[0].Days)) == archive &&
		r.Transitions[0].StorageClass == s3types.TransitionStorageClassGlacier
}

// cloudtrailLifecycleRule archives log objects to Glacier and expires them (and
// their noncurrent versions); access logs simply expire.
func cloudtrailLifecycleRule(logBucket bool, archive, retention int64) s3types.LifecycleRule {
	rule := s3types.LifecycleRule{
		ID:                             aws.String(cloudtrailLifecycleRuleID),
		Status:                         s3types.ExpirationStatusEnabled,
		Filter:                         &s3types.LifecycleRuleFilter{Prefix: aws.String("")},
		Expiration:                     &s3types.LifecycleExpiration{Days: aws.Int32(int32(retention))},
		NoncurrentVersionExpiration:    &s3types.NoncurrentVersionExpiration{NoncurrentDays: aws.Int32(int32(retention))},
		AbortIncompleteMultipartUpload: &s3types.AbortIncompleteMultipartUpload{DaysAfterInitiation: aws.Int32(7)},
	}
	if logBucket {
		rule.Transitions = []s3types.Transition{{Days: aws.Int32(int32(archive)), StorageClass: s3types.TransitionStorageClassGlacier}}
	}
	return rule
}

// createdBuckets lists the buckets the resource created (tagged) for destroy; an
// adopted or referenced bucket is never among them.
func (r *CloudTrailResource) createdBuckets(ctx context.Context, n ctNames, diags *diag.Diagnostics) ([]string, bool) {
	var out []string
	for _, b := range []string{n.bucket, n.accessBucket} {
		exists, managed, err := bucketTagged(ctx, r.client.S3(), b, n.tagValue)
		if err != nil {
			addAPIError(diags, "s3:HeadBucket", "bucket "+b, err, "")
			return nil, false
		}
		if exists && managed {
			out = append(out, b)
		}
	}
	return out, true
}
