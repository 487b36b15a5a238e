package provider

// hardened_s3_bucket's hardening and reading, on the shared bucket code: what
// apply sets (also the repair of drift) and what Read checks through the S3 API.

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// encryptionRule is the default encryption m asks for.
func (m *s3BucketModel) encryptionRule() s3types.ServerSideEncryptionRule {
	if m.SSE.ValueString() == "s3" {
		return sseS3()
	}
	key, _ := knownString(m.KMSKeyARN)
	return sseKMS(key)
}

// desiredPolicy is the bucket policy m describes.
func (r *S3BucketResource) desiredPolicy(m *s3BucketModel, diags *diag.Diagnostics) (string, bool) {
	var extra []map[string]any
	if raw, ok := knownString(m.PolicyStatements); ok {
		stmts, err := parseStatements(raw)
		if err != nil { // ValidateConfig rejected it already
			diags.AddAttributeError(path.Root("policy_statements"), "Invalid policy_statements", err.Error())
			return "", false
		}
		extra = stmts
	}
	return dataBucketPolicy(r.client.Partition(), m.Bucket.ValueString(), extra), true
}

// converge hardens the bucket (and the access-log bucket it manages) as plan
// describes; state is nil on create.
func (r *S3BucketResource) converge(ctx context.Context, plan, state *s3BucketModel, diags *diag.Diagnostics) bool {
	s := r.client.S3()
	bucket := plan.Bucket.ValueString()
	account, err := r.client.AccountID(ctx)
	if err != nil {
		diags.AddError("Cannot determine the AWS account", err.Error())
		return false
	}
	userTags, d := tagMap(ctx, plan.Tags)
	diags.Append(d...)
	policy, ok := r.desiredPolicy(plan, diags)
	if diags.HasError() || !ok {
		return false
	}
	tags := withManagedBy(userTags, managedBy(s3BucketType, bucket))
	if _, err := s.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(bucket),
		Tagging: &s3types.Tagging{TagSet: s3Tags(tags)}}); err != nil {
		addAPIError(diags, "s3:PutBucketTagging", "bucket "+bucket, err, "")
		return false
	}
	target, logging := plannedLogTarget(plan)
	if plan.AccessLogBucket.ValueBool() && !r.ensureAccessLogBucket(ctx, bucket, account, tags, diags) {
		return false
	}
	if state != nil && state.AccessLogBucket.ValueBool() && !plan.AccessLogBucket.ValueBool() {
		diags.AddWarning("Access-log bucket kept",
			fmt.Sprintf("access_log_bucket was turned off: %s%s, with the access logs it holds, is kept and no longer "+
				"managed. Delete it by hand when its logs are no longer needed.", bucket, accessLogBucketSuffix))
	}
	prefix := bucket + "/"
	if p, ok := knownString(plan.AccessLogPrefix); ok {
		prefix = p
	}
	data := bucketHardening{Bucket: bucket, Encryption: plan.encryptionRule(),
		Lifecycle: ptr(dataLifecycleRule(plan.NoncurrentVersionDays.ValueInt64(), plan.AbortIncompleteMultipartDays.ValueInt64()))}
	if !hardenBucket(ctx, s, data, diags) || !putBucketPolicy(ctx, s, bucket, policy, diags) {
		return false
	}
	switch {
	case logging && !putBucketLogging(ctx, s, bucket, target.ValueString(), prefix, diags):
		return false
	case !logging && state != nil && !state.AccessLogBucketName.IsNull():
		// Logging removed from the configuration: turned off, as configured.
		if _, err := s.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(bucket),
			BucketLoggingStatus: &s3types.BucketLoggingStatus{}}); err != nil {
			addAPIError(diags, "s3:PutBucketLogging", "bucket "+bucket, err, "")
			return false
		}
	}
	plan.ID, plan.ARN = types.StringValue(bucket), types.StringValue(r.bucketARN(bucket))
	plan.AccessLogPrefix = types.StringValue(prefix)
	for _, f := range plan.healthFlags() {
		*f = types.BoolValue(true)
	}
	plan.AccessLoggingEnabled, plan.AccessLogBucketName = types.BoolNull(), types.StringNull()
	if logging {
		plan.AccessLoggingEnabled, plan.AccessLogBucketName = types.BoolValue(true), target
	}
	return true
}

// ensureAccessLogBucket creates (or finds again) and hardens the access-log
// bucket: SSE-S3, the noncurrent-version lifecycle, writable only by the S3
// logging service for bucket.
func (r *S3BucketResource) ensureAccessLogBucket(ctx context.Context, bucket, account string, tags map[string]string, diags *diag.Diagnostics) bool {
	s := r.client.S3()
	logs := bucket + accessLogBucketSuffix
	exists, managed, err := bucketTagged(ctx, s, logs, managedBy(s3BucketType, bucket))
	if err != nil {
		addAPIError(diags, "s3:HeadBucket", "bucket "+logs, err, "")
		return false
	}
	if exists && !managed {
		diags.AddError("Access-log bucket name in use",
			fmt.Sprintf("Bucket %s already exists but was not created by this provider for bucket %s (it lacks the tag "+
				"%s = %s). Delete or rename it, or name it in access_log_target instead of access_log_bucket = true.",
				logs, bucket, managedByTag, managedBy(s3BucketType, bucket)))
		return false
	}
	if !exists && !r.createBucket(ctx, logs, false, diags) {
		return false
	}
	if _, err := s.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(logs),
		Tagging: &s3types.Tagging{TagSet: s3Tags(tags)}}); err != nil {
		addAPIError(diags, "s3:PutBucketTagging", "bucket "+logs, err, "")
		return false
	}
	h := bucketHardening{Bucket: logs, Encryption: sseS3(), Lifecycle: ptr(dataLifecycleRule(90, 7))}
	return hardenBucket(ctx, s, h, diags) &&
		putBucketPolicy(ctx, s, logs, accessLogBucketPolicy(r.client.Partition(), logs, account, bucket), diags)
}

// observe reads the bucket into m; false when it no longer exists. After an
// import (no ARN yet), what only the configuration knows takes the bucket's
// actual encryption and Object Lock, or the defaults.
func (r *S3BucketResource) observe(ctx context.Context, m *s3BucketModel, diags *diag.Diagnostics) bool {
	s := r.client.S3()
	bucket := m.ID.ValueString()
	got, action, err := readBucketSettings(ctx, s, bucket)
	if err != nil {
		addAPIError(diags, action, "bucket "+bucket, err, "")
		return false
	}
	if !got.Exists {
		return false
	}
	if m.ARN.IsNull() && !r.importedSettings(ctx, bucket, got, m, diags) {
		return false
	}
	m.ID, m.Bucket, m.ARN = types.StringValue(bucket), types.StringValue(bucket), types.StringValue(r.bucketARN(bucket))
	policy, ok := r.desiredPolicy(m, diags)
	if !ok {
		return false
	}
	m.PublicAccessBlocked = types.BoolValue(got.PublicAccessBlocked)
	m.ACLsDisabled = types.BoolValue(got.ACLsDisabled)
	m.VersioningEnabled = types.BoolValue(got.Versioning)
	m.EncryptionCompliant = types.BoolValue(got.encryptedAs(m.encryptionRule()))
	m.PolicyCompliant = types.BoolValue(got.Policy != "" && policiesEquivalent(got.Policy, policy))
	m.LifecycleCompliant = types.BoolValue(got.hasDataLifecycle(m.NoncurrentVersionDays.ValueInt64(), m.AbortIncompleteMultipartDays.ValueInt64()))
	m.AccessLoggingEnabled = types.BoolNull()
	if target, ok := knownString(m.AccessLogBucketName); ok {
		enabled := got.LogTarget == target
		if enabled && m.AccessLogBucket.ValueBool() {
			enabled, ok = r.accessLogBucketHardened(ctx, bucket, diags)
			if !ok {
				return false
			}
		}
		m.AccessLoggingEnabled = types.BoolValue(enabled)
	}
	return r.readTags(ctx, bucket, m, diags)
}

// importedSettings fills what an import cannot know from the bucket itself
// (encryption, Object Lock) or from the defaults.
func (r *S3BucketResource) importedSettings(ctx context.Context, bucket string, got bucketSettings, m *s3BucketModel, diags *diag.Diagnostics) bool {
	m.SSE, m.KMSKeyARN = types.StringValue("kms"), types.StringNull()
	if c := got.Encryption; c != nil && len(c.Rules) == 1 && c.Rules[0].ApplyServerSideEncryptionByDefault != nil {
		d := c.Rules[0].ApplyServerSideEncryptionByDefault
		if d.SSEAlgorithm == s3types.ServerSideEncryptionAes256 {
			m.SSE = types.StringValue("s3")
		} else if key := aws.ToString(d.KMSMasterKeyID); kmsKeyARNPattern.MatchString(key) {
			m.KMSKeyARN = types.StringValue(key)
		}
	}
	lock, err := r.client.S3().GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String(bucket)})
	switch {
	case hasErrorCode(err, "ObjectLockConfigurationNotFoundError"):
		m.ObjectLock = types.BoolValue(false)
	case err != nil:
		addAPIError(diags, "s3:GetObjectLockConfiguration", "bucket "+bucket, err, "")
		return false
	default:
		m.ObjectLock = types.BoolValue(lock.ObjectLockConfiguration != nil &&
			lock.ObjectLockConfiguration.ObjectLockEnabled == s3types.ObjectLockEnabledEnabled)
	}
	m.PolicyStatements = types.StringNull()
	if extra := userStatements(got.Policy); extra != "" {
		m.PolicyStatements = types.StringValue(extra)
	}
	m.NoncurrentVersionDays, m.AbortIncompleteMultipartDays = types.Int64Value(90), types.Int64Value(7)
	m.AccessLogBucket, m.ForceDestroy = types.BoolValue(false), types.BoolValue(false)
	m.AccessLogPrefix = types.StringValue(bucket + "/")
	m.AccessLogBucketName = types.StringNull()
	return true
}

// accessLogBucketHardened checks the access-log bucket this resource manages.
func (r *S3BucketResource) accessLogBucketHardened(ctx context.Context, bucket string, diags *diag.Diagnostics) (bool, bool) {
	logs := bucket + accessLogBucketSuffix
	got, action, err := readBucketSettings(ctx, r.client.S3(), logs)
	if err != nil {
		addAPIError(diags, action, "bucket "+logs, err, "")
		return false, false
	}
	account, err := r.client.AccountID(ctx)
	if err != nil {
		diags.AddError("Cannot determine the AWS account", err.Error())
		return false, false
	}
	return got.Exists && got.PublicAccessBlocked && got.ACLsDisabled && got.Versioning && got.encryptedAs(sseS3()) &&
		policiesEquivalent(got.Policy, accessLogBucketPolicy(r.client.Partition(), logs, account, bucket)), true
}

// readTags sets the user's tags (all but the managed-by tag) as S3 has them.
func (r *S3BucketResource) readTags(ctx context.Context, bucket string, m *s3BucketModel, diags *diag.Diagnostics) bool {
	set, err := s3TagSet(ctx, r.client.S3(), bucket)
	if err != nil {
		addAPIError(diags, "s3:GetBucketTagging", "bucket "+bucket, err, "")
		return false
	}
	tags := map[string]string{}
	for _, t := range set {
		if k := aws.ToString(t.Key); k != managedByTag {
			tags[k] = aws.ToString(t.Value)
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

// userStatements is a bucket policy's statements other than the denies this
// resource writes, as policy_statements JSON ("" when none): what an import keeps.
func userStatements(policy string) string {
	var doc struct {
		Statement json.RawMessage `json:"Statement"`
	}
	if json.Unmarshal([]byte(policy), &doc) != nil {
		return ""
	}
	stmts, err := parseStatements(string(doc.Statement))
	if err != nil {
		return ""
	}
	var extra []map[string]any
	for _, s := range stmts {
		if sid, _ := s["Sid"].(string); !containsStr(managedBucketSids, sid) {
			extra = append(extra, s)
		}
	}
	if len(extra) == 0 {
		return ""
	}
	b, err := json.Marshal(extra)
	if err != nil {
		return ""
	}
	return string(b)
}
