package provider

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// cloudtrailManagedTag marks storage this resource created; its value is
// "hardened_cloudtrail/<trail name>". Import and a repeated create adopt storage
// carrying it, and destroy never touches storage without it.
const cloudtrailManagedTag = "hardened:managed-by"

// cloudtrailPropagationTimeout bounds the retries of CreateTrail/UpdateTrail while
// a new role, key policy or bucket policy propagates.
var cloudtrailPropagationTimeout = 2 * time.Minute

// cloudtrailPropagationDelay is the first wait between those retries (doubling, at most 10 s).
var cloudtrailPropagationDelay = time.Second

const cloudtrailLifecycleRuleID = "hardened-cloudtrail-retention"

// ctNames are the deterministic names of a trail's managed storage.
type ctNames struct {
	partition, region, account, trail, trailARN string
	bucket, accessBucket                        string
	logGroup, logGroupARN, logGroupTrailARN     string
	role, roleARN, alias, tagValue              string
}

func (r *CloudTrailResource) names(ctx context.Context, trail string, diags *diag.Diagnostics) (ctNames, bool) {
	account, err := r.client.AccountID(ctx)
	if err != nil {
		diags.AddError("Cannot determine the AWS account", err.Error())
		return ctNames{}, false
	}
	p, region := r.client.Partition(), r.client.Region()
	n := ctNames{
		partition: p, region: region, account: account, trail: trail,
		trailARN:     trailARN(p, region, account, trail),
		bucket:       cloudtrailBucketName(account, trail, ""),
		accessBucket: cloudtrailBucketName(account, trail, "-access"),
		logGroup:     cloudtrailLogGroupName(trail),
		role:         cloudtrailRoleName(trail),
		alias:        cloudtrailKeyAlias(trail),
		tagValue:     "hardened_cloudtrail/" + trail,
	}
	n.logGroupARN = fmt.Sprintf("arn:%s:logs:%s:%s:log-group:%s", p, region, account, n.logGroup)
	n.logGroupTrailARN = n.logGroupARN + ":*"
	n.roleARN = fmt.Sprintf("arn:%s:iam::%s:role/%s", p, account, n.role)
	return n, true
}

// isPropagationError reports the errors CloudTrail returns while a just-created
// role or a just-written key or bucket policy is not yet visible to it.
func isPropagationError(err error) bool {
	switch errorCode(err) {
	case "InvalidCloudWatchLogsRoleArnException", "InvalidCloudWatchLogsLogGroupArnException",
		"InsufficientS3BucketPolicyException", "InsufficientEncryptionPolicyException",
		"KmsKeyNotFoundException", "InvalidKmsKeyIdException":
		return true
	}
	return false
}

// retryPropagation calls f until it succeeds, fails with another error, or the deadline passes.
func retryPropagation(ctx context.Context, f func() error) error {
	deadline := time.Now().Add(cloudtrailPropagationTimeout)
	delay := cloudtrailPropagationDelay
	for {
		err := f()
		if err == nil || !isPropagationError(err) || time.Now().Add(delay).After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(delay):
		}
		delay = min(2*delay, 10*time.Second)
	}
}

func knownString(v types.String) (string, bool) {
	if v.IsNull() || v.IsUnknown() || v.ValueString() == "" {
		return "", false
	}
	return v.ValueString(), true
}

// sameLogGroupARN compares log group ARNs with or without CloudTrail's ":*" suffix.
func sameLogGroupARN(a, b string) bool {
	return strings.TrimSuffix(a, ":*") == strings.TrimSuffix(b, ":*")
}

// converge creates (create) or repairs and updates everything the plan describes,
// in dependency order: key, buckets, log group, role, trail, selectors, logging.
// record saves each identifier in state as soon as it exists.
func (r *CloudTrailResource) converge(ctx context.Context, m *cloudTrailModel, create bool,
	record func(string, string), diags *diag.Diagnostics) bool {
	n, ok := r.names(ctx, m.Name.ValueString(), diags)
	if !ok {
		return false
	}
	tags := m.tagMap(ctx, diags)
	if diags.HasError() {
		return false
	}
	managedTags := map[string]string{cloudtrailManagedTag: n.tagValue}
	for k, v := range tags {
		managedTags[k] = v
	}

	groupARN, byoLogs := knownString(m.CloudWatchLogsGroupARN)
	manageLogs := !byoLogs || sameLogGroupARN(groupARN, n.logGroupARN)

	// 1. Key.
	keyARN, byoKey := knownString(m.KMSKeyARN)
	manageKey := !byoKey || r.managedKeyARN(ctx, n) == keyARN
	if manageKey {
		if keyARN, ok = r.ensureKey(ctx, n, manageLogs, managedTags, diags); !ok {
			return false
		}
	}
	record("kms_key_arn", keyARN)

	// 2. Buckets and their policies.
	bucket, byoBucket := knownString(m.S3BucketName)
	manageBucket := !byoBucket || bucket == n.bucket
	if manageBucket {
		bucket = n.bucket
		if !r.ensureBuckets(ctx, n, keyARN, m.ArchiveAfterDays.ValueInt64(), m.RetentionDays.ValueInt64(), managedTags, record, diags) {
			return false
		}
	}
	record("s3_bucket_name", bucket)

	// 3. CloudWatch Logs group and delivery role.
	roleARN, _ := knownString(m.CloudWatchLogsRoleARN)
	if manageLogs {
		groupARN, roleARN = n.logGroupTrailARN, n.roleARN
		if !r.ensureLogGroup(ctx, n, keyARN, m.CloudWatchLogsRetentionDays.ValueInt64(), managedTags, diags) {
			return false
		}
		record("cloud_watch_logs_group_arn", groupARN)
		if !r.ensureRole(ctx, n, managedTags, diags) {
			return false
		}
		record("cloud_watch_logs_role_arn", roleARN)
	}

	// 4. The trail, retried while the new role and policies propagate.
	ct := r.client.CloudTrail()
	apiGroupARN := groupARN
	if !strings.HasSuffix(apiGroupARN, ":*") {
		apiGroupARN += ":*"
	}
	snsARN, _ := knownString(m.SNSTopicARN)
	sns := snsTopicReference(snsARN, n)
	var trailTags []cttypes.Tag
	for _, k := range sortedKeys(tags) {
		trailTags = append(trailTags, cttypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	var arn string
	if create {
		in := &cloudtrail.CreateTrailInput{
			Name: aws.String(n.trail), S3BucketName: aws.String(bucket), KmsKeyId: aws.String(keyARN),
			IsMultiRegionTrail: aws.Bool(true), IncludeGlobalServiceEvents: aws.Bool(true),
			EnableLogFileValidation:   aws.Bool(true),
			CloudWatchLogsLogGroupArn: aws.String(apiGroupARN), CloudWatchLogsRoleArn: aws.String(roleARN),
			TagsList: trailTags,
		}
		if sns != "" {
			in.SnsTopicName = aws.String(sns)
		}
		var out *cloudtrail.CreateTrailOutput
		err := retryPropagation(ctx, func() (err error) { out, err = ct.CreateTrail(ctx, in); return err })
		if err != nil {
			hint := "Fix the cause and apply again: the storage created so far is recorded and reused."
			switch errorCode(err) {
			case "TrailAlreadyExistsException":
				hint = fmt.Sprintf("A trail named %q already exists: import it (terraform import "+
					"hardened_cloudtrail.NAME %s) or choose another name.", n.trail, n.trail)
			case "InsufficientSnsTopicPolicyException":
				hint = "Check that sns_topic_arn names an existing topic whose policy lets cloudtrail.amazonaws.com " +
					"publish, then apply again: the storage created so far is recorded and reused."
			}
			addAPIError(diags, "cloudtrail:CreateTrail", "trail "+n.trail, err, hint)
			return false
		}
		arn = aws.ToString(out.TrailARN)
		record("arn", arn)
	} else {
		in := &cloudtrail.UpdateTrailInput{
			Name: aws.String(n.trail), S3BucketName: aws.String(bucket), KmsKeyId: aws.String(keyARN),
			IsMultiRegionTrail: aws.Bool(true), IncludeGlobalServiceEvents: aws.Bool(true),
			EnableLogFileValidation:   aws.Bool(true),
			CloudWatchLogsLogGroupArn: aws.String(apiGroupARN), CloudWatchLogsRoleArn: aws.String(roleARN),
			SnsTopicName: aws.String(sns), // "" removes the notification
		}
		var out *cloudtrail.UpdateTrailOutput
		err := retryPropagation(ctx, func() (err error) { out, err = ct.UpdateTrail(ctx, in); return err })
		if err != nil {
			addAPIError(diags, "cloudtrail:UpdateTrail", "trail "+n.trail, err, "")
			return false
		}
		arn = aws.ToString(out.TrailARN)
		if !r.syncTrailTags(ctx, arn, tags, diags) {
			return false
		}
	}

	// 5. Event selectors: all management events, and S3 data events as configured.
	if _, err := ct.PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{
		TrailName:              aws.String(n.trail),
		AdvancedEventSelectors: cloudtrailEventSelectors(m.S3DataEvents.ValueString()),
	}); err != nil {
		addAPIError(diags, "cloudtrail:PutEventSelectors", "trail "+n.trail, err, "")
		return false
	}
	insights := []cttypes.InsightSelector{} // empty, not nil: an empty list turns Insights off
	if m.Insights.ValueBool() {
		insights = []cttypes.InsightSelector{{InsightType: cttypes.InsightTypeApiCallRateInsight},
			{InsightType: cttypes.InsightTypeApiErrorRateInsight}}
	}
	if m.Insights.ValueBool() || !create {
		if _, err := ct.PutInsightSelectors(ctx, &cloudtrail.PutInsightSelectorsInput{
			TrailName: aws.String(n.trail), InsightSelectors: insights,
		}); err != nil {
			addAPIError(diags, "cloudtrail:PutInsightSelectors", "trail "+n.trail, err, "")
			return false
		}
	}

	// 6. Logging: a new trail starts stopped. Addressed by name (in its home region).
	if _, err := ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String(n.trail)}); err != nil {
		addAPIError(diags, "cloudtrail:StartLogging", "trail "+n.trail, err, "")
		return false
	}

	m.ID = types.StringValue(n.trail)
	m.ARN = types.StringValue(arn)
	m.HomeRegion = types.StringValue(n.region)
	m.KMSKeyARN = types.StringValue(keyARN)
	m.S3BucketName = types.StringValue(bucket)
	m.AccessLogBucketName = types.StringNull()
	if manageBucket {
		m.AccessLogBucketName = types.StringValue(n.accessBucket)
	}
	if !byoLogs {
		m.CloudWatchLogsGroupARN = types.StringValue(groupARN)
		m.CloudWatchLogsRoleARN = types.StringValue(roleARN)
	}
	for _, f := range m.healthFlags() {
		*f = types.BoolValue(true)
	}
	return true
}

// snsTopicReference is what CloudTrail's SnsTopicName gets: the topic's name when
// it lives in the trail's account and region (AWS accepts the name or the ARN; the
// emulator only the name), the ARN otherwise.
func snsTopicReference(topicARN string, n ctNames) string {
	prefix := fmt.Sprintf("arn:%s:sns:%s:%s:", n.partition, n.region, n.account)
	if name, ok := strings.CutPrefix(topicARN, prefix); ok && name != "" && !strings.Contains(name, ":") {
		return name
	}
	return topicARN
}

// cloudtrailEventSelectors records every management event (read and write) and,
// for "write" or "all", S3 object-level events of every bucket.
func cloudtrailEventSelectors(s3DataEvents string) []cttypes.AdvancedEventSelector {
	sel := []cttypes.AdvancedEventSelector{{
		Name:           aws.String("Management events"),
		FieldSelectors: []cttypes.AdvancedFieldSelector{{Field: aws.String("eventCategory"), Equals: []string{"Management"}}},
	}}
	if s3DataEvents == "write" || s3DataEvents == "all" {
		fs := []cttypes.AdvancedFieldSelector{
			{Field: aws.String("eventCategory"), Equals: []string{"Data"}},
			{Field: aws.String("resources.type"), Equals: []string{"AWS::S3::Object"}},
		}
		if s3DataEvents == "write" {
			fs = append(fs, cttypes.AdvancedFieldSelector{Field: aws.String("readOnly"), Equals: []string{"false"}})
		}
		sel = append(sel, cttypes.AdvancedEventSelector{Name: aws.String("S3 data events"), FieldSelectors: fs})
	}
	return sel
}

// s3DataEventsOf reads back what cloudtrailEventSelectors wrote.
func s3DataEventsOf(sel []cttypes.AdvancedEventSelector) string {
	out := "none"
	for _, s := range sel {
		isS3, readOnly := false, ""
		for _, f := range s.FieldSelectors {
			switch aws.ToString(f.Field) {
			case "resources.type":
				isS3 = len(f.Equals) == 1 && f.Equals[0] == "AWS::S3::Object"
			case "readOnly":
				if len(f.Equals) == 1 {
					readOnly = f.Equals[0]
				}
			}
		}
		if isS3 && readOnly == "" {
			return "all"
		}
		if isS3 && readOnly == "false" {
			out = "write"
		}
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (r *CloudTrailResource) syncTrailTags(ctx context.Context, arn string, want map[string]string, diags *diag.Diagnostics) bool {
	ct := r.client.CloudTrail()
	have, ok := r.trailTags(ctx, arn, diags)
	if !ok {
		return false
	}
	var add, remove []cttypes.Tag
	for _, k := range sortedKeys(want) {
		if v, ok := have[k]; !ok || v != want[k] {
			add = append(add, cttypes.Tag{Key: aws.String(k), Value: aws.String(want[k])})
		}
	}
	for _, k := range sortedKeys(have) {
		if _, ok := want[k]; !ok {
			remove = append(remove, cttypes.Tag{Key: aws.String(k)})
		}
	}
	if len(remove) > 0 {
		if _, err := ct.RemoveTags(ctx, &cloudtrail.RemoveTagsInput{ResourceId: aws.String(arn), TagsList: remove}); err != nil {
			addAPIError(diags, "cloudtrail:RemoveTags", "trail "+arn, err, "")
			return false
		}
	}
	if len(add) > 0 {
		if _, err := ct.AddTags(ctx, &cloudtrail.AddTagsInput{ResourceId: aws.String(arn), TagsList: add}); err != nil {
			addAPIError(diags, "cloudtrail:AddTags", "trail "+arn, err, "")
			return false
		}
	}
	return true
}

func (r *CloudTrailResource) trailTags(ctx context.Context, arn string, diags *diag.Diagnostics) (map[string]string, bool) {
	out, err := r.client.CloudTrail().ListTags(ctx, &cloudtrail.ListTagsInput{ResourceIdList: []string{arn}})
	if err != nil {
		addAPIError(diags, "cloudtrail:ListTags", "trail "+arn, err, "")
		return nil, false
	}
	tags := map[string]string{}
	for _, rt := range out.ResourceTagList {
		for _, t := range rt.TagsList {
			tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
	}
	return tags, true
}

// managedKeyARN returns the ARN of the key behind the trail's alias when it carries
// the managed-by tag, or "".
func (r *CloudTrailResource) managedKeyARN(ctx context.Context, n ctNames) string {
	k := r.client.KMS()
	out, err := k.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(n.alias)})
	if err != nil {
		return ""
	}
	keyARN := aws.ToString(out.KeyMetadata.Arn)
	tags, err := k.ListResourceTags(ctx, &kms.ListResourceTagsInput{KeyId: aws.String(keyARN)})
	if err != nil {
		return ""
	}
	for _, t := range tags.Tags {
		if aws.ToString(t.TagKey) == cloudtrailManagedTag && aws.ToString(t.TagValue) == n.tagValue {
			return keyARN
		}
	}
	return ""
}

// ensureKey adopts the trail's managed key (found by alias and tag) or creates it,
// then sets its policy, rotation and tags.
func (r *CloudTrailResource) ensureKey(ctx context.Context, n ctNames, manageLogs bool, tags map[string]string,
	diags *diag.Diagnostics) (string, bool) {
	k := r.client.KMS()
	logGroupARN := ""
	if manageLogs {
		logGroupARN = n.logGroupARN
	}
	policy := cloudtrailKeyPolicy(n.partition, n.region, n.account, logGroupARN)
	var kmsTags []kmstypes.Tag
	for _, key := range sortedKeys(tags) {
		kmsTags = append(kmsTags, kmstypes.Tag{TagKey: aws.String(key), TagValue: aws.String(tags[key])})
	}
	keyARN := r.managedKeyARN(ctx, n)
	if keyARN == "" {
		if _, err := k.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(n.alias)}); err == nil {
			diags.AddError("KMS alias in use",
				fmt.Sprintf("The alias %s already names a key that was not created by this provider for trail %q "+
					"(it lacks the tag %s = %s). Delete the alias, or pass the key with kms_key_arn.",
					n.alias, n.trail, cloudtrailManagedTag, n.tagValue))
			return "", false
		}
		var err error
		keyARN, err = r.createKey(ctx, n, &kms.CreateKeyInput{
			Description: aws.String("CloudTrail logs of trail " + n.trail + " (hardened_cloudtrail)"),
			Policy:      aws.String(policy),
			Tags:        kmsTags,
		})
		if err != nil {
			addAPIError(diags, "kms:CreateKey", "trail "+n.trail, err, "")
			return "", false
		}
		if _, err := k.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(n.alias), TargetKeyId: aws.String(keyARN)}); err != nil {
			addAPIError(diags, "kms:CreateAlias", "key "+keyARN, err, "")
			return "", false
		}
	} else {
		d, err := k.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(keyARN)})
		if err != nil {
			addAPIError(diags, "kms:DescribeKey", "key "+keyARN, err, "")
			return "", false
		}
		if d.KeyMetadata.KeyState == kmstypes.KeyStatePendingDeletion {
			if _, err := k.CancelKeyDeletion(ctx, &kms.CancelKeyDeletionInput{KeyId: aws.String(keyARN)}); err != nil {
				addAPIError(diags, "kms:CancelKeyDeletion", "key "+keyARN, err, "")
				return "", false
			}
		}
		if d.KeyMetadata.KeyState != kmstypes.KeyStateEnabled {
			if _, err := k.EnableKey(ctx, &kms.EnableKeyInput{KeyId: aws.String(keyARN)}); err != nil {
				addAPIError(diags, "kms:EnableKey", "key "+keyARN, err, "")
				return "", false
			}
		}
		if _, err := k.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: aws.String(keyARN), PolicyName: aws.String("default"),
			Policy: aws.String(policy)}); err != nil {
			addAPIError(diags, "kms:PutKeyPolicy", "key "+keyARN, err, "")
			return "", false
		}
		if _, err := k.TagResource(ctx, &kms.TagResourceInput{KeyId: aws.String(keyARN), Tags: kmsTags}); err != nil {
			addAPIError(diags, "kms:TagResource", "key "+keyARN, err, "")
			return "", false
		}
	}
	if _, err := k.EnableKeyRotation(ctx, &kms.EnableKeyRotationInput{KeyId: aws.String(keyARN)}); err != nil {
		addAPIError(diags, "kms:EnableKeyRotation", "key "+keyARN, err, "")
		return "", false
	}
	return keyARN, true
}

// createKey creates the trail's key. CreateKey is not idempotent: when the SDK
// retried a call whose answer was lost, it created a second key and left the
// first enabled and unmanaged. So each attempt here is a single HTTP request and
// the retries are this loop's, with the client's retry policy; after a request
// that got no answer, a key this create may have made (this trail's managed-by
// tag, enabled, created since the create began) is adopted instead of making
// another. Finding it lists the account's keys: that happens only then.
func (r *CloudTrailResource) createKey(ctx context.Context, n ctNames, in *kms.CreateKeyInput) (string, error) {
	k := r.client.KMS()
	retryer := k.Options().Retryer
	since := time.Now().Add(-time.Minute) // clock skew between here and KMS
	for attempt := 1; ; attempt++ {
		out, err := k.CreateKey(ctx, in, func(o *kms.Options) { o.RetryMaxAttempts = 1 })
		if err == nil {
			return aws.ToString(out.KeyMetadata.Arn), nil
		}
		var apiErr smithy.APIError
		if !errors.As(err, &apiErr) { // no answer: the key may exist
			if arn, findErr := r.findCreatedKey(ctx, n, since); findErr == nil && arn != "" {
				return arn, nil
			}
		}
		if retryer == nil || !retryer.IsErrorRetryable(err) {
			return "", err
		}
		if attempt >= retryer.MaxAttempts() {
			return "", attemptsExhausted(err, attempt)
		}
		delay, delayErr := retryer.RetryDelay(attempt, err)
		if delayErr != nil {
			return "", err
		}
		if err := pause(ctx, delay); err != nil {
			return "", err
		}
	}
}

// attemptsExhausted rewrites the single-attempt call's "exceeded maximum number of
// attempts, 1" into the count this loop made, as the SDK's own retries report it.
func attemptsExhausted(err error, attempts int) error {
	var op *smithy.OperationError
	var exhausted *retry.MaxAttemptsError
	if errors.As(err, &op) && errors.As(err, &exhausted) {
		return &smithy.OperationError{ServiceID: op.ServiceID, OperationName: op.OperationName,
			Err: &retry.MaxAttemptsError{Attempt: attempts, Err: exhausted.Err}}
	}
	return err
}

// findCreatedKey returns an enabled key created since the given time that carries
// this trail's managed-by tag, or "".
func (r *CloudTrailResource) findCreatedKey(ctx context.Context, n ctNames, since time.Time) (string, error) {
	k := r.client.KMS()
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
			tags, err := k.ListResourceTags(ctx, &kms.ListResourceTagsInput{KeyId: key.KeyId})
			if err != nil {
				return "", err
			}
			for _, t := range tags.Tags {
				if aws.ToString(t.TagKey) == cloudtrailManagedTag && aws.ToString(t.TagValue) == n.tagValue {
					return aws.ToString(m.Arn), nil
				}
			}
		}
	}
	return "", nil
}

// bucketManaged reports whether a bucket exists and carries this trail's managed-by tag.
func (r *CloudTrailResource) bucketManaged(ctx context.Context, bucket, tagValue string) (exists, managed bool, err error) {
	s := r.client.S3()
	if _, err := s.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)}); err != nil {
		var nf *s3types.NotFound
		if errors.As(err, &nf) || errorCode(err) == "NoSuchBucket" || errorCode(err) == "NotFound" {
			return false, false, nil
		}
		return false, false, err
	}
	out, err := s.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String(bucket)})
	if err != nil {
		if errorCode(err) == "NoSuchTagSet" || errorCode(err) == "NoSuchTagSetError" {
			return true, false, nil
		}
		return true, false, err
	}
	for _, t := range out.TagSet {
		if aws.ToString(t.Key) == cloudtrailManagedTag && aws.ToString(t.Value) == tagValue {
			return true, true, nil
		}
	}
	return true, false, nil
}

// ensureBuckets creates or adopts the access-log bucket and the log bucket and
// applies every hardened setting to both (idempotent: also the repair path).
func (r *CloudTrailResource) ensureBuckets(ctx context.Context, n ctNames, keyARN string, archive, retention int64,
	tags map[string]string, record func(string, string), diags *diag.Diagnostics) bool {
	s := r.client.S3()
	var s3Tags []s3types.Tag
	for _, k := range sortedKeys(tags) {
		s3Tags = append(s3Tags, s3types.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	for _, b := range []string{n.accessBucket, n.bucket} {
		exists, managed, err := r.bucketManaged(ctx, b, n.tagValue)
		if err != nil {
			addAPIError(diags, "s3:HeadBucket", "bucket "+b, err, "")
			return false
		}
		if exists && !managed {
			diags.AddError("Log bucket name in use",
				fmt.Sprintf("Bucket %s already exists in this account but was not created by this provider for trail "+
					"%q (it lacks the tag %s = %s). Delete or rename it, or pass an existing bucket with s3_bucket_name.",
					b, n.trail, cloudtrailManagedTag, n.tagValue))
			return false
		}
		if !exists {
			in := &s3.CreateBucketInput{Bucket: aws.String(b), ObjectOwnership: s3types.ObjectOwnershipBucketOwnerEnforced}
			if n.region != "us-east-1" {
				in.CreateBucketConfiguration = &s3types.CreateBucketConfiguration{
					LocationConstraint: s3types.BucketLocationConstraint(n.region)}
			}
			if _, err := s.CreateBucket(ctx, in); err != nil {
				hint := ""
				if errorCode(err) == "BucketAlreadyExists" {
					hint = "S3 bucket names are global and another account owns this one: pass your own bucket with s3_bucket_name."
				}
				addAPIError(diags, "s3:CreateBucket", "bucket "+b, err, hint)
				return false
			}
		}
		// Tag first: a bucket whose creation is recorded can always be recognised again.
		if _, err := s.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(b),
			Tagging: &s3types.Tagging{TagSet: s3Tags}}); err != nil {
			addAPIError(diags, "s3:PutBucketTagging", "bucket "+b, err, "")
			return false
		}
		if b == n.accessBucket {
			record("access_log_bucket_name", b)
		}
	}
	steps := []struct {
		action, bucket string
		call           func() error
	}{}
	add := func(action, bucket string, call func() error) {
		steps = append(steps, struct {
			action, bucket string
			call           func() error
		}{action, bucket, call})
	}
	for _, b := range []string{n.accessBucket, n.bucket} {
		add("s3:PutPublicAccessBlock", b, func() error {
			_, err := s.PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: aws.String(b),
				PublicAccessBlockConfiguration: &s3types.PublicAccessBlockConfiguration{
					BlockPublicAcls: aws.Bool(true), IgnorePublicAcls: aws.Bool(true),
					BlockPublicPolicy: aws.Bool(true), RestrictPublicBuckets: aws.Bool(true)}})
			return err
		})
		add("s3:PutBucketOwnershipControls", b, func() error {
			_, err := s.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: aws.String(b),
				OwnershipControls: &s3types.OwnershipControls{Rules: []s3types.OwnershipControlsRule{
					{ObjectOwnership: s3types.ObjectOwnershipBucketOwnerEnforced}}}})
			return err
		})
		add("s3:PutBucketVersioning", b, func() error {
			_, err := s.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b),
				VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled}})
			return err
		})
		add("s3:PutBucketEncryption", b, func() error {
			_, err := s.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String(b),
				ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{
					Rules: []s3types.ServerSideEncryptionRule{bucketEncryptionRule(b == n.bucket, keyARN)}}})
			return err
		})
		add("s3:PutBucketLifecycleConfiguration", b, func() error {
			_, err := s.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(b),
				LifecycleConfiguration: &s3types.BucketLifecycleConfiguration{
					Rules: []s3types.LifecycleRule{cloudtrailLifecycleRule(b == n.bucket, archive, retention)}}})
			return err
		})
	}
	add("s3:PutBucketPolicy", n.accessBucket, func() error {
		_, err := s.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(n.accessBucket),
			Policy: aws.String(cloudtrailAccessLogBucketPolicy(n.partition, n.accessBucket, n.account, n.bucket))})
		return err
	})
	add("s3:PutBucketPolicy", n.bucket, func() error {
		_, err := s.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(n.bucket),
			Policy: aws.String(cloudtrailBucketPolicy(n.partition, n.bucket, n.account, n.trailARN))})
		return err
	})
	add("s3:PutBucketLogging", n.bucket, func() error {
		_, err := s.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(n.bucket),
			BucketLoggingStatus: &s3types.BucketLoggingStatus{LoggingEnabled: &s3types.LoggingEnabled{
				TargetBucket: aws.String(n.accessBucket), TargetPrefix: aws.String(n.bucket + "/")}}})
		return err
	})
	for _, st := range steps {
		if err := st.call(); err != nil {
			addAPIError(diags, st.action, "bucket "+st.bucket, err, "")
			return false
		}
	}
	return true
}

// bucketEncryptionRule: SSE-KMS with the trail key for the log bucket; SSE-S3 for
// the access-log bucket, the only default encryption server access logging supports.
func bucketEncryptionRule(logBucket bool, keyARN string) s3types.ServerSideEncryptionRule {
	if logBucket {
		return s3types.ServerSideEncryptionRule{
			ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{
				SSEAlgorithm: s3types.ServerSideEncryptionAwsKms, KMSMasterKeyID: aws.String(keyARN)},
			BucketKeyEnabled: aws.Bool(true),
		}
	}
	return s3types.ServerSideEncryptionRule{ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{
		SSEAlgorithm: s3types.ServerSideEncryptionAes256}}
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

// logGroupTagged reports whether a log group exists and carries this trail's managed-by tag.
func (r *CloudTrailResource) logGroupTagged(ctx context.Context, n ctNames) (exists, managed bool, err error) {
	out, err := r.client.CloudWatchLogs().ListTagsForResource(ctx, &cloudwatchlogs.ListTagsForResourceInput{
		ResourceArn: aws.String(n.logGroupARN)})
	if err != nil {
		if errorCode(err) == "ResourceNotFoundException" {
			return false, false, nil
		}
		return false, false, err
	}
	return true, out.Tags[cloudtrailManagedTag] == n.tagValue, nil
}

// managedLogGroup describes the trail's managed log group (nil when it does not
// exist). The name is a prefix filter, so the exact name is matched here.
func (r *CloudTrailResource) managedLogGroup(ctx context.Context, n ctNames) (*logstypes.LogGroup, error) {
	out, err := r.client.CloudWatchLogs().DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{
		LogGroupNamePrefix: aws.String(n.logGroup)})
	if err != nil {
		return nil, err
	}
	for i := range out.LogGroups {
		if aws.ToString(out.LogGroups[i].LogGroupName) == n.logGroup {
			return &out.LogGroups[i], nil
		}
	}
	return nil, nil
}

func (r *CloudTrailResource) ensureLogGroup(ctx context.Context, n ctNames, keyARN string, retention int64,
	tags map[string]string, diags *diag.Diagnostics) bool {
	l := r.client.CloudWatchLogs()
	_, err := l.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{
		LogGroupName: aws.String(n.logGroup), KmsKeyId: aws.String(keyARN), Tags: tags})
	switch {
	case err == nil:
	case errorCode(err) == "ResourceAlreadyExistsException":
		_, managed, terr := r.logGroupTagged(ctx, n)
		if terr != nil {
			addAPIError(diags, "logs:ListTagsForResource", "log group "+n.logGroup, terr, "")
			return false
		}
		if !managed {
			diags.AddError("Log group name in use",
				fmt.Sprintf("Log group %s already exists but was not created by this provider for trail %q (it lacks "+
					"the tag %s = %s). Delete it, or pass it with cloud_watch_logs_group_arn and "+
					"cloud_watch_logs_role_arn, then apply again.", n.logGroup, n.trail, cloudtrailManagedTag, n.tagValue))
			return false
		}
		g, derr := r.managedLogGroup(ctx, n)
		if derr != nil {
			addAPIError(diags, "logs:DescribeLogGroups", "log group "+n.logGroup, derr, "")
			return false
		}
		var current string
		if g != nil {
			current = aws.ToString(g.KmsKeyId)
		}
		// Associate the key only when it differs: the call re-encrypts nothing and
		// is not needed on every repair (the emulator does not implement it either).
		if current != keyARN {
			if _, err := l.AssociateKmsKey(ctx, &cloudwatchlogs.AssociateKmsKeyInput{
				LogGroupName: aws.String(n.logGroup), KmsKeyId: aws.String(keyARN)}); err != nil {
				addAPIError(diags, "logs:AssociateKmsKey", "log group "+n.logGroup, err, "")
				return false
			}
		}
		if _, err := l.TagResource(ctx, &cloudwatchlogs.TagResourceInput{
			ResourceArn: aws.String(n.logGroupARN), Tags: tags}); err != nil {
			addAPIError(diags, "logs:TagResource", "log group "+n.logGroup, err, "")
			return false
		}
	default:
		addAPIError(diags, "logs:CreateLogGroup", "log group "+n.logGroup, err,
			"The trail key's policy must let logs."+n.region+".amazonaws.com use it for this log group.")
		return false
	}
	if _, err := l.PutRetentionPolicy(ctx, &cloudwatchlogs.PutRetentionPolicyInput{
		LogGroupName: aws.String(n.logGroup), RetentionInDays: aws.Int32(int32(retention))}); err != nil {
		addAPIError(diags, "logs:PutRetentionPolicy", "log group "+n.logGroup, err, "")
		return false
	}
	return true
}

// roleTagged reports whether the delivery role exists and carries this trail's managed-by tag.
func (r *CloudTrailResource) roleTagged(ctx context.Context, n ctNames) (role *iamtypes.Role, managed bool, err error) {
	out, err := r.client.IAM().GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(n.role)})
	if err != nil {
		var nf *iamtypes.NoSuchEntityException
		if errors.As(err, &nf) {
			return nil, false, nil
		}
		return nil, false, err
	}
	for _, t := range out.Role.Tags {
		if aws.ToString(t.Key) == cloudtrailManagedTag && aws.ToString(t.Value) == n.tagValue {
			return out.Role, true, nil
		}
	}
	return out.Role, false, nil
}

func (r *CloudTrailResource) ensureRole(ctx context.Context, n ctNames, tags map[string]string, diags *diag.Diagnostics) bool {
	c := r.client.IAM()
	var iamTags []iamtypes.Tag
	for _, k := range sortedKeys(tags) {
		iamTags = append(iamTags, iamtypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	trust := cloudtrailLogsRoleTrust(n.account, n.trailARN)
	role, managed, err := r.roleTagged(ctx, n)
	if err != nil {
		addAPIError(diags, "iam:GetRole", "role "+n.role, err, "")
		return false
	}
	switch {
	case role == nil:
		if _, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(n.role),
			AssumeRolePolicyDocument: aws.String(trust),
			Description:              aws.String("CloudTrail delivery of trail " + n.trail + " into CloudWatch Logs (hardened_cloudtrail)"),
			Tags:                     iamTags}); err != nil {
			addAPIError(diags, "iam:CreateRole", "role "+n.role, err, "")
			return false
		}
	case !managed:
		diags.AddError("IAM role name in use",
			fmt.Sprintf("Role %s already exists but was not created by this provider for trail %q (it lacks the tag "+
				"%s = %s). Delete it, or pass your own log group and role with cloud_watch_logs_group_arn and "+
				"cloud_watch_logs_role_arn.", n.role, n.trail, cloudtrailManagedTag, n.tagValue))
		return false
	default:
		if _, err := c.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String(n.role),
			PolicyDocument: aws.String(trust)}); err != nil {
			addAPIError(diags, "iam:UpdateAssumeRolePolicy", "role "+n.role, err, "")
			return false
		}
		if _, err := c.TagRole(ctx, &iam.TagRoleInput{RoleName: aws.String(n.role), Tags: iamTags}); err != nil {
			addAPIError(diags, "iam:TagRole", "role "+n.role, err, "")
			return false
		}
	}
	if _, err := c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(n.role),
		PolicyName: aws.String("cloudtrail-delivery"), PolicyDocument: aws.String(cloudtrailLogsRolePolicy(n.logGroupARN))}); err != nil {
		addAPIError(diags, "iam:PutRolePolicy", "role "+n.role, err, "")
		return false
	}
	return true
}

// iamDocument decodes a policy document as IAM returns it (URL-encoded JSON).
func iamDocument(doc *string) string {
	s := aws.ToString(doc)
	if d, err := url.QueryUnescape(s); err == nil {
		return d
	}
	return s
}

// observe reads the trail and the storage it manages into m; false when the trail is gone.
func (r *CloudTrailResource) observe(ctx context.Context, m *cloudTrailModel, diags *diag.Diagnostics) bool {
	n, ok := r.names(ctx, m.Name.ValueString(), diags)
	if !ok {
		return false
	}
	ct := r.client.CloudTrail()
	// GetTrail by name: moto's DescribeTrails ignores trailNameList.
	got, err := ct.GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String(n.trail)})
	if err != nil {
		if errorCode(err) == "TrailNotFoundException" {
			return false
		}
		addAPIError(diags, "cloudtrail:GetTrail", "trail "+n.trail, err, "")
		return false
	}
	t := got.Trail
	m.ID = types.StringValue(n.trail)
	m.ARN = types.StringValue(aws.ToString(t.TrailARN))
	m.HomeRegion = types.StringValue(aws.ToString(t.HomeRegion))
	if m.HomeRegion.ValueString() == "" {
		m.HomeRegion = types.StringValue(n.region)
	}
	m.IsMultiRegionTrail = types.BoolValue(aws.ToBool(t.IsMultiRegionTrail))
	m.IncludeGlobalServiceEvents = types.BoolValue(aws.ToBool(t.IncludeGlobalServiceEvents))
	m.EnableLogFileValidation = types.BoolValue(aws.ToBool(t.LogFileValidationEnabled))
	if sns := aws.ToString(t.SnsTopicARN); sns != "" {
		m.SNSTopicARN = types.StringValue(sns)
	} else {
		m.SNSTopicARN = types.StringNull()
	}

	// Destinations: state keeps what the configuration chose; a trail pointed
	// elsewhere out of band is reported by trail_destinations_compliant.
	destinationsOK := true
	adopt := func(v *types.String, actual string, same func(a, b string) bool) {
		if cur, ok := knownString(*v); !ok {
			if actual == "" {
				*v = types.StringNull()
			} else {
				*v = types.StringValue(actual)
			}
		} else if !same(cur, actual) {
			destinationsOK = false
		}
	}
	eq := func(a, b string) bool { return a == b }
	adopt(&m.KMSKeyARN, aws.ToString(t.KmsKeyId), eq)
	adopt(&m.S3BucketName, aws.ToString(t.S3BucketName), eq)
	adopt(&m.CloudWatchLogsGroupARN, aws.ToString(t.CloudWatchLogsLogGroupArn), sameLogGroupARN)
	adopt(&m.CloudWatchLogsRoleARN, aws.ToString(t.CloudWatchLogsRoleArn), eq)
	if aws.ToString(t.KmsKeyId) == "" || aws.ToString(t.CloudWatchLogsLogGroupArn) == "" {
		destinationsOK = false
	}
	m.TrailDestinationsCompliant = types.BoolValue(destinationsOK)

	status, err := ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(n.trail)})
	if err != nil {
		addAPIError(diags, "cloudtrail:GetTrailStatus", "trail "+n.trail, err, "")
		return false
	}
	m.IsLogging = types.BoolValue(aws.ToBool(status.IsLogging))
	m.EnableLogging = m.IsLogging

	sel, err := ct.GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String(n.trail)})
	if err != nil {
		addAPIError(diags, "cloudtrail:GetEventSelectors", "trail "+n.trail, err, "")
		return false
	}
	m.S3DataEvents = types.StringValue(s3DataEventsOf(sel.AdvancedEventSelectors))
	if !cloudtrailRecordsAllManagementEvents(sel) {
		// A trail that no longer records every management event breaks CIS 3.1.
		m.IsMultiRegionTrail = types.BoolValue(false)
	}

	hadInsights := m.Insights.ValueBool()
	m.Insights = types.BoolValue(false)
	// HasInsightSelectors is only a hint (the emulator never sets it): when Insights
	// are wanted, or the hint says some exist, ask.
	if aws.ToBool(t.HasInsightSelectors) || hadInsights {
		ins, err := ct.GetInsightSelectors(ctx, &cloudtrail.GetInsightSelectorsInput{TrailName: aws.String(n.trail)})
		if err != nil && errorCode(err) != "InsightNotEnabledException" {
			addAPIError(diags, "cloudtrail:GetInsightSelectors", "trail "+n.trail, err, "")
			return false
		}
		m.Insights = types.BoolValue(err == nil && len(ins.InsightSelectors) > 0)
	}

	tags, ok := r.trailTags(ctx, m.ARN.ValueString(), diags)
	if !ok {
		return false
	}
	if len(tags) > 0 || !m.Tags.IsNull() {
		tv, d := types.MapValueFrom(ctx, types.StringType, tags)
		diags.Append(d...)
		m.Tags = tv
	}

	if !r.observeKey(ctx, n, m, diags) || !r.observeBuckets(ctx, n, m, diags) || !r.observeLogs(ctx, n, m, diags) {
		return false
	}
	m.setDefaultsIfNull()
	return !diags.HasError()
}

// cloudtrailRecordsAllManagementEvents: an advanced selector on eventCategory
// Management with no readOnly filter, or a basic selector with ReadWriteType All.
func cloudtrailRecordsAllManagementEvents(sel *cloudtrail.GetEventSelectorsOutput) bool {
	for _, s := range sel.AdvancedEventSelectors {
		mgmt, filtered := false, false
		for _, f := range s.FieldSelectors {
			switch aws.ToString(f.Field) {
			case "eventCategory":
				mgmt = len(f.Equals) == 1 && f.Equals[0] == "Management"
			default:
				filtered = true
			}
		}
		if mgmt && !filtered {
			return true
		}
	}
	for _, s := range sel.EventSelectors {
		if aws.ToBool(s.IncludeManagementEvents) && s.ReadWriteType == cttypes.ReadWriteTypeAll {
			return true
		}
	}
	return false
}

func (r *CloudTrailResource) observeKey(ctx context.Context, n ctNames, m *cloudTrailModel, diags *diag.Diagnostics) bool {
	m.KeyRotationEnabled, m.KeyPolicyCompliant = types.BoolValue(true), types.BoolValue(true)
	keyARN, ok := knownString(m.KMSKeyARN)
	if !ok || r.managedKeyARN(ctx, n) != keyARN {
		return true // not managed here: a key brought by the user is only referenced
	}
	k := r.client.KMS()
	rot, err := k.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(keyARN)})
	if err != nil {
		addAPIError(diags, "kms:GetKeyRotationStatus", "key "+keyARN, err, "")
		return false
	}
	m.KeyRotationEnabled = types.BoolValue(rot.KeyRotationEnabled)
	pol, err := k.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(keyARN), PolicyName: aws.String("default")})
	if err != nil {
		addAPIError(diags, "kms:GetKeyPolicy", "key "+keyARN, err, "")
		return false
	}
	group, _ := knownString(m.CloudWatchLogsGroupARN)
	logGroupARN := ""
	if sameLogGroupARN(group, n.logGroupARN) {
		logGroupARN = n.logGroupARN
	}
	want := cloudtrailKeyPolicy(n.partition, n.region, n.account, logGroupARN)
	m.KeyPolicyCompliant = types.BoolValue(policiesEquivalent(aws.ToString(pol.Policy), want))
	return true
}

func (r *CloudTrailResource) observeBuckets(ctx context.Context, n ctNames, m *cloudTrailModel, diags *diag.Diagnostics) bool {
	for _, f := range []*types.Bool{&m.BucketPublicAccessBlocked, &m.BucketVersioningEnabled, &m.BucketEncrypted,
		&m.BucketPolicyCompliant, &m.BucketAccessLoggingEnabled, &m.BucketLifecycleCompliant} {
		*f = types.BoolValue(true)
	}
	if m.S3BucketName.ValueString() != n.bucket {
		m.AccessLogBucketName = types.StringNull()
		return true // a bucket brought by the user is only referenced
	}
	m.AccessLogBucketName = types.StringValue(n.accessBucket)
	s := r.client.S3()
	fail := func(action, b string, err error) bool {
		addAPIError(diags, action, "bucket "+b, err, "")
		return false
	}
	keyARN := m.KMSKeyARN.ValueString()
	for _, b := range []string{n.accessBucket, n.bucket} {
		exists, _, err := r.bucketManaged(ctx, b, n.tagValue)
		if err != nil {
			return fail("s3:HeadBucket", b, err)
		}
		if !exists {
			// Deleted out of band: every property is missing; apply recreates it.
			m.BucketPublicAccessBlocked, m.BucketVersioningEnabled, m.BucketEncrypted = types.BoolValue(false), types.BoolValue(false), types.BoolValue(false)
			m.BucketPolicyCompliant, m.BucketLifecycleCompliant = types.BoolValue(false), types.BoolValue(false)
			m.BucketAccessLoggingEnabled = types.BoolValue(false)
			continue
		}
		pab, err := s.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String(b)})
		blocked := err == nil && pab.PublicAccessBlockConfiguration != nil &&
			aws.ToBool(pab.PublicAccessBlockConfiguration.BlockPublicAcls) && aws.ToBool(pab.PublicAccessBlockConfiguration.IgnorePublicAcls) &&
			aws.ToBool(pab.PublicAccessBlockConfiguration.BlockPublicPolicy) && aws.ToBool(pab.PublicAccessBlockConfiguration.RestrictPublicBuckets)
		if err != nil && errorCode(err) != "NoSuchPublicAccessBlockConfiguration" {
			return fail("s3:GetPublicAccessBlock", b, err)
		}
		own, err := s.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(b)})
		if err != nil && errorCode(err) != "OwnershipControlsNotFoundError" {
			return fail("s3:GetBucketOwnershipControls", b, err)
		}
		enforced := err == nil && own.OwnershipControls != nil && len(own.OwnershipControls.Rules) == 1 &&
			own.OwnershipControls.Rules[0].ObjectOwnership == s3types.ObjectOwnershipBucketOwnerEnforced
		if !blocked || !enforced {
			m.BucketPublicAccessBlocked = types.BoolValue(false)
		}
		ver, err := s.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(b)})
		if err != nil {
			return fail("s3:GetBucketVersioning", b, err)
		}
		if ver.Status != s3types.BucketVersioningStatusEnabled {
			m.BucketVersioningEnabled = types.BoolValue(false)
		}
		enc, err := s.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(b)})
		if err != nil && errorCode(err) != "ServerSideEncryptionConfigurationNotFoundError" {
			return fail("s3:GetBucketEncryption", b, err)
		}
		if err != nil || !encryptionMatches(enc.ServerSideEncryptionConfiguration, b == n.bucket, keyARN) {
			m.BucketEncrypted = types.BoolValue(false)
		}
		want := cloudtrailAccessLogBucketPolicy(n.partition, n.accessBucket, n.account, n.bucket)
		if b == n.bucket {
			want = cloudtrailBucketPolicy(n.partition, n.bucket, n.account, n.trailARN)
		}
		pol, err := s.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b)})
		if err != nil && errorCode(err) != "NoSuchBucketPolicy" {
			return fail("s3:GetBucketPolicy", b, err)
		}
		if err != nil || !policiesEquivalent(aws.ToString(pol.Policy), want) {
			m.BucketPolicyCompliant = types.BoolValue(false)
		}
		lc, err := s.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(b)})
		if err != nil && errorCode(err) != "NoSuchLifecycleConfiguration" {
			return fail("s3:GetBucketLifecycleConfiguration", b, err)
		}
		var rules []s3types.LifecycleRule
		if err == nil {
			rules = lc.Rules
		}
		if b == n.bucket && (m.ArchiveAfterDays.IsNull() || m.RetentionDays.IsNull()) {
			// After import: take the values the rule has.
			if a, r, ok := lifecycleDays(rules); ok {
				m.ArchiveAfterDays, m.RetentionDays = types.Int64Value(a), types.Int64Value(r)
			}
		}
		archive, retention := m.ArchiveAfterDays.ValueInt64(), m.RetentionDays.ValueInt64()
		if m.ArchiveAfterDays.IsNull() || m.RetentionDays.IsNull() {
			archive, retention = 90, 365
		}
		if !lifecycleMatches(rules, b == n.bucket, archive, retention) {
			m.BucketLifecycleCompliant = types.BoolValue(false)
		}
		if b == n.bucket {
			lg, err := s.GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String(b)})
			if err != nil {
				return fail("s3:GetBucketLogging", b, err)
			}
			if lg.LoggingEnabled == nil || aws.ToString(lg.LoggingEnabled.TargetBucket) != n.accessBucket {
				m.BucketAccessLoggingEnabled = types.BoolValue(false)
			}
		}
	}
	return true
}

func encryptionMatches(c *s3types.ServerSideEncryptionConfiguration, logBucket bool, keyARN string) bool {
	if c == nil || len(c.Rules) != 1 || c.Rules[0].ApplyServerSideEncryptionByDefault == nil {
		return false
	}
	d := c.Rules[0].ApplyServerSideEncryptionByDefault
	if !logBucket {
		return d.SSEAlgorithm == s3types.ServerSideEncryptionAes256 || d.SSEAlgorithm == s3types.ServerSideEncryptionAwsKms
	}
	return d.SSEAlgorithm == s3types.ServerSideEncryptionAwsKms && aws.ToString(d.KMSMasterKeyID) == keyARN
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

func (r *CloudTrailResource) observeLogs(ctx context.Context, n ctNames, m *cloudTrailModel, diags *diag.Diagnostics) bool {
	m.CloudWatchLogsCompliant = types.BoolValue(true)
	group, _ := knownString(m.CloudWatchLogsGroupARN)
	if !sameLogGroupARN(group, n.logGroupARN) {
		return true // a log group brought by the user is only referenced
	}
	g, err := r.managedLogGroup(ctx, n)
	if err != nil {
		addAPIError(diags, "logs:DescribeLogGroups", "log group "+n.logGroup, err, "")
		return false
	}
	ok := g != nil
	if g != nil {
		if aws.ToString(g.KmsKeyId) != m.KMSKeyARN.ValueString() {
			ok = false
		}
		if g.RetentionInDays != nil {
			m.CloudWatchLogsRetentionDays = types.Int64Value(int64(*g.RetentionInDays))
		} else {
			m.CloudWatchLogsRetentionDays = types.Int64Value(0) // never expires: shows as a change
		}
	}
	c := r.client.IAM()
	role, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(n.role)})
	if err != nil {
		var nf *iamtypes.NoSuchEntityException
		if !errors.As(err, &nf) {
			addAPIError(diags, "iam:GetRole", "role "+n.role, err, "")
			return false
		}
		ok = false
	} else {
		if !policiesEquivalent(iamDocument(role.Role.AssumeRolePolicyDocument), cloudtrailLogsRoleTrust(n.account, n.trailARN)) {
			ok = false
		}
		pol, err := c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(n.role), PolicyName: aws.String("cloudtrail-delivery")})
		if err != nil || !policiesEquivalent(iamDocument(pol.PolicyDocument), cloudtrailLogsRolePolicy(n.logGroupARN)) {
			ok = false
		}
	}
	m.CloudWatchLogsCompliant = types.BoolValue(ok)
	return true
}

// destroy deletes the trail, the delivery role and the log group; the log buckets
// and key are kept (with a warning) unless force_destroy_logs is set.
func (r *CloudTrailResource) destroy(ctx context.Context, m *cloudTrailModel, diags *diag.Diagnostics) {
	n, ok := r.names(ctx, m.Name.ValueString(), diags)
	if !ok {
		return
	}
	// By name in the home region: moto ignores DeleteTrail with an ARN.
	if _, err := r.client.CloudTrail().DeleteTrail(ctx, &cloudtrail.DeleteTrailInput{Name: aws.String(n.trail)}); err != nil &&
		errorCode(err) != "TrailNotFoundException" {
		addAPIError(diags, "cloudtrail:DeleteTrail", "trail "+n.trail, err, "")
		return
	}
	c := r.client.IAM()
	role, managed, err := r.roleTagged(ctx, n)
	if err != nil {
		addAPIError(diags, "iam:GetRole", "role "+n.role, err, "")
		return
	}
	if role != nil && managed {
		if _, err := c.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String(n.role),
			PolicyName: aws.String("cloudtrail-delivery")}); err != nil && errorCode(err) != "NoSuchEntity" {
			addAPIError(diags, "iam:DeleteRolePolicy", "role "+n.role, err, "")
			return
		}
		if _, err := c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String(n.role)}); err != nil && errorCode(err) != "NoSuchEntity" {
			addAPIError(diags, "iam:DeleteRole", "role "+n.role, err, "")
			return
		}
	}
	exists, managed, err := r.logGroupTagged(ctx, n)
	if err != nil {
		addAPIError(diags, "logs:ListTagsForResource", "log group "+n.logGroup, err, "")
		return
	}
	if exists && managed {
		if _, err := r.client.CloudWatchLogs().DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{
			LogGroupName: aws.String(n.logGroup)}); err != nil && errorCode(err) != "ResourceNotFoundException" {
			addAPIError(diags, "logs:DeleteLogGroup", "log group "+n.logGroup, err, "")
			return
		}
	}

	var buckets []string
	for _, b := range []string{n.bucket, n.accessBucket} {
		exists, managed, err := r.bucketManaged(ctx, b, n.tagValue)
		if err != nil {
			addAPIError(diags, "s3:HeadBucket", "bucket "+b, err, "")
			return
		}
		if exists && managed {
			buckets = append(buckets, b)
		}
	}
	keyARN := r.managedKeyARN(ctx, n)
	if !m.ForceDestroyLogs.ValueBool() {
		var kept []string
		for _, b := range buckets {
			kept = append(kept, "bucket "+b)
		}
		if keyARN != "" {
			kept = append(kept, "KMS key "+keyARN+" ("+n.alias+")")
		}
		if len(kept) > 0 {
			diags.AddWarning("CloudTrail logs retained",
				fmt.Sprintf("Trail %q was deleted, but its logs and their key were kept: %s. They are the audit "+
					"record [%s]. Applying the same trail again reuses them; to delete them, set "+
					"force_destroy_logs = true and apply before destroying, or delete them by hand.",
					n.trail, strings.Join(kept, ", "), controls.CloudTrailKMSEncryption.ID))
		}
		return
	}
	for _, b := range buckets {
		if !r.emptyAndDeleteBucket(ctx, b, diags) {
			return
		}
	}
	if keyARN != "" {
		k := r.client.KMS()
		if _, err := k.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String(n.alias)}); err != nil {
			addAPIError(diags, "kms:DeleteAlias", n.alias, err, "")
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
}

func (r *CloudTrailResource) emptyAndDeleteBucket(ctx context.Context, b string, diags *diag.Diagnostics) bool {
	s := r.client.S3()
	// The bucket is going away: drop its policy first, so that its own statements
	// (the TLS-only deny, say) cannot block the deletion of its objects.
	if _, err := s.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(b)}); err != nil &&
		errorCode(err) != "NoSuchBucketPolicy" {
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
