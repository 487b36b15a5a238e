package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
)

// Checks of hardened_cloudtrail's trail and storage through the AWS API of the emulator.

// checkTrailHardened checks through the AWS API everything the issue asks of the
// trail and, when managed, its storage.
func checkTrailHardened(t *testing.T, c *awsclient.Client, bucket, keyARN string, managed bool) error {
	t.Helper()
	name := trailName
	ctx := context.Background()
	tr := describeTrail(t, c)
	if tr == nil {
		return fmt.Errorf("trail %s does not exist", name)
	}
	switch {
	case !aws.ToBool(tr.IsMultiRegionTrail):
		return errors.New("trail is not multi-region")
	case !aws.ToBool(tr.IncludeGlobalServiceEvents):
		return errors.New("trail does not include global service events")
	case !aws.ToBool(tr.LogFileValidationEnabled):
		return errors.New("log file validation is off")
	case aws.ToString(tr.KmsKeyId) != keyARN:
		return fmt.Errorf("trail encrypts with %q, want %q", aws.ToString(tr.KmsKeyId), keyARN)
	case aws.ToString(tr.S3BucketName) != bucket:
		return fmt.Errorf("trail delivers to bucket %q, want %q", aws.ToString(tr.S3BucketName), bucket)
	case aws.ToString(tr.CloudWatchLogsLogGroupArn) == "" || aws.ToString(tr.CloudWatchLogsRoleArn) == "":
		return errors.New("trail does not deliver to CloudWatch Logs")
	}
	st, err := c.CloudTrail().GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(name)})
	if err != nil {
		return err
	}
	if !aws.ToBool(st.IsLogging) {
		return errors.New("trail is not logging")
	}
	sel, err := c.CloudTrail().GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String(name)})
	if err != nil {
		return err
	}
	if !cloudtrailRecordsAllManagementEvents(sel) {
		return fmt.Errorf("event selectors do not record all management events: %+v", sel.AdvancedEventSelectors)
	}
	if !managed {
		return nil
	}

	// The key: customer managed, rotated, CloudTrail may encrypt only for this account's trails.
	k, err := c.KMS().DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(keyARN)})
	if err != nil {
		return err
	}
	if k.KeyMetadata.KeyManager != "CUSTOMER" {
		return fmt.Errorf("trail key is managed by %s, want CUSTOMER", k.KeyMetadata.KeyManager)
	}
	rot, err := c.KMS().GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(keyARN)})
	if err != nil {
		return err
	}
	if !rot.KeyRotationEnabled {
		return errors.New("trail key rotation is off")
	}
	kp, err := c.KMS().GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(keyARN), PolicyName: aws.String("default")})
	if err != nil {
		return err
	}
	if !strings.Contains(aws.ToString(kp.Policy), `"kms:EncryptionContext:aws:cloudtrail:arn":"arn:aws:cloudtrail:*:123456789012:trail/*"`) {
		return fmt.Errorf("key policy lacks the CloudTrail encryption-context condition: %s", aws.ToString(kp.Policy))
	}
	aliases, err := c.KMS().ListAliases(ctx, &kms.ListAliasesInput{KeyId: aws.String(keyARN)})
	if err != nil {
		return err
	}
	if len(aliases.Aliases) != 1 || aws.ToString(aliases.Aliases[0].AliasName) != trailAlias {
		return fmt.Errorf("key aliases %+v, want %s", aliases.Aliases, trailAlias)
	}

	// Both buckets: all four public access blocks, no ACLs, versioning, encryption, TLS only.
	for _, b := range []string{bucket, bucket + "-access"} {
		pab, err := c.S3().GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String(b)})
		if err != nil {
			return fmt.Errorf("bucket %s public access block: %w", b, err)
		}
		p := pab.PublicAccessBlockConfiguration
		if !aws.ToBool(p.BlockPublicAcls) || !aws.ToBool(p.BlockPublicPolicy) || !aws.ToBool(p.IgnorePublicAcls) ||
			!aws.ToBool(p.RestrictPublicBuckets) {
			return fmt.Errorf("bucket %s public access block incomplete: %+v", b, *p)
		}
		own, err := c.S3().GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(b)})
		if err != nil {
			return fmt.Errorf("bucket %s ownership: %w", b, err)
		}
		if len(own.OwnershipControls.Rules) != 1 || own.OwnershipControls.Rules[0].ObjectOwnership != s3types.ObjectOwnershipBucketOwnerEnforced {
			return fmt.Errorf("bucket %s ownership %+v, want BucketOwnerEnforced", b, own.OwnershipControls.Rules)
		}
		ver, err := c.S3().GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(b)})
		if err != nil {
			return err
		}
		if ver.Status != s3types.BucketVersioningStatusEnabled {
			return fmt.Errorf("bucket %s versioning is %q", b, ver.Status)
		}
		pol, err := c.S3().GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b)})
		if err != nil {
			return fmt.Errorf("bucket %s policy: %w", b, err)
		}
		if !strings.Contains(aws.ToString(pol.Policy), `"aws:SecureTransport":"false"`) {
			return fmt.Errorf("bucket %s policy does not deny plain HTTP: %s", b, aws.ToString(pol.Policy))
		}
	}
	enc, err := c.S3().GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(bucket)})
	if err != nil {
		return err
	}
	rule := enc.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault
	if rule.SSEAlgorithm != s3types.ServerSideEncryptionAwsKms || aws.ToString(rule.KMSMasterKeyID) != keyARN {
		return fmt.Errorf("log bucket encryption %s with %q, want aws:kms with the trail key", rule.SSEAlgorithm, aws.ToString(rule.KMSMasterKeyID))
	}
	pol, err := c.S3().GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(bucket)})
	if err != nil {
		return err
	}
	var doc struct{ Statement []map[string]any }
	if err := json.Unmarshal([]byte(aws.ToString(pol.Policy)), &doc); err != nil {
		return err
	}
	writes := 0
	for _, s := range doc.Statement {
		if s["Effect"] == "Allow" && fmt.Sprint(s["Action"]) == "s3:PutObject" {
			writes++
			if !strings.Contains(fmt.Sprint(s["Condition"]), "aws:SourceArn:"+trailARNAcc) {
				return fmt.Errorf("CloudTrail may write without aws:SourceArn = the trail: %v", s)
			}
		}
	}
	if writes != 1 {
		return fmt.Errorf("%d PutObject grants in the log bucket policy, want 1", writes)
	}
	lg, err := c.S3().GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String(bucket)})
	if err != nil {
		return err
	}
	if lg.LoggingEnabled == nil || aws.ToString(lg.LoggingEnabled.TargetBucket) != bucket+"-access" {
		return fmt.Errorf("log bucket access logging %+v, want into %s-access", lg.LoggingEnabled, bucket)
	}

	// The log group: encrypted with the trail key, with a retention; the delivery role is scoped to it.
	groups, err := c.CloudWatchLogs().DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(trailGroup)})
	if err != nil {
		return err
	}
	if len(groups.LogGroups) != 1 || aws.ToString(groups.LogGroups[0].KmsKeyId) != keyARN || groups.LogGroups[0].RetentionInDays == nil {
		return fmt.Errorf("log group %s: %+v, want one encrypted with the trail key and a retention", trailGroup, groups.LogGroups)
	}
	rp, err := c.IAM().GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(trailRole), PolicyName: aws.String("cloudtrail-delivery")})
	if err != nil {
		return err
	}
	if !policiesEquivalent(iamDocument(rp.PolicyDocument), cloudtrailLogsRolePolicy(strings.TrimSuffix(aws.ToString(groups.LogGroups[0].Arn), ":*"))) {
		return fmt.Errorf("delivery role policy is not scoped to the log group: %s", iamDocument(rp.PolicyDocument))
	}
	return expectLifecycleAtLeast(t, c, bucket)
}

// weakenTrail does by hand what an attacker or a careless admin would.
func weakenTrail(t *testing.T, c *awsclient.Client) {
	t.Helper()
	ctx := context.Background()
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(c.CloudTrail().StopLogging(ctx, &cloudtrail.StopLoggingInput{Name: aws.String(trailName)}))
	must(c.CloudTrail().UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String(trailName), EnableLogFileValidation: aws.Bool(false)}))
	must(c.S3().PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(trailBucket),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusSuspended}}))
	must(c.S3().DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String(trailBucket)}))
	must(c.S3().DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(trailBucket)}))
	tr := describeTrail(t, c)
	must(c.KMS().DisableKeyRotation(ctx, &kms.DisableKeyRotationInput{KeyId: tr.KmsKeyId}))
	st, err := c.CloudTrail().GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(trailName)})
	if err != nil || aws.ToBool(st.IsLogging) {
		t.Fatalf("the emulator did not stop logging: %v", err)
	}
}

func expectTrailDestroyedLogsKept(t *testing.T, c *awsclient.Client) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if trailExists(t, c) {
			return errors.New("trail still exists after destroy")
		}
		if logGroupExists(t, c, trailGroup) {
			return fmt.Errorf("log group %s still exists after destroy", trailGroup)
		}
		_, err := c.IAM().GetRole(context.Background(), &iam.GetRoleInput{RoleName: aws.String(trailRole)})
		var nf *iamtypes.NoSuchEntityException
		if !errors.As(err, &nf) {
			return fmt.Errorf("delivery role %s still exists after destroy (%v)", trailRole, err)
		}
		for _, b := range []string{trailBucket, trailAccess} {
			if !bucketExists(t, c, b) {
				return fmt.Errorf("log bucket %s was deleted: logs must be kept", b)
			}
		}
		if n := countKeys(t, c); n != 1 {
			return fmt.Errorf("%d KMS keys after destroy, want the trail key kept", n)
		}
		return nil
	}
}

func describeTrail(t *testing.T, c *awsclient.Client) *cttypes.Trail {
	t.Helper()
	// The emulator ignores trailNameList: filter here.
	out, err := c.CloudTrail().DescribeTrails(context.Background(), &cloudtrail.DescribeTrailsInput{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range out.TrailList {
		if aws.ToString(out.TrailList[i].Name) == trailName {
			return &out.TrailList[i]
		}
	}
	return nil
}

func trailExists(t *testing.T, c *awsclient.Client) bool {
	return describeTrail(t, c) != nil
}

func countTrails(t *testing.T, c *awsclient.Client) int {
	t.Helper()
	out, err := c.CloudTrail().DescribeTrails(context.Background(), &cloudtrail.DescribeTrailsInput{})
	if err != nil {
		t.Fatal(err)
	}
	return len(out.TrailList)
}

func bucketExists(t *testing.T, c *awsclient.Client, b string) bool {
	t.Helper()
	_, err := c.S3().HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String(b)})
	return err == nil
}

func logGroupExists(t *testing.T, c *awsclient.Client, group string) bool {
	t.Helper()
	out, err := c.CloudWatchLogs().DescribeLogGroups(context.Background(), &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(group)})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range out.LogGroups {
		if aws.ToString(g.LogGroupName) == group {
			return true
		}
	}
	return false
}

// countKeys counts KMS keys that are not pending deletion.
func countKeys(t *testing.T, c *awsclient.Client) int {
	t.Helper()
	ctx := context.Background()
	out, err := c.KMS().ListKeys(ctx, &kms.ListKeysInput{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, k := range out.Keys {
		d, err := c.KMS().DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: k.KeyId})
		if err != nil {
			t.Fatal(err)
		}
		if d.KeyMetadata.KeyState != "PendingDeletion" {
			n++
		}
	}
	return n
}

func expectS3WriteDataEvents(t *testing.T, c *awsclient.Client) error {
	t.Helper()
	sel, err := c.CloudTrail().GetEventSelectors(context.Background(), &cloudtrail.GetEventSelectorsInput{TrailName: aws.String(trailName)})
	if err != nil {
		return err
	}
	if got := s3DataEventsOf(sel.AdvancedEventSelectors); got != "write" {
		return fmt.Errorf("S3 data events recorded: %q, want write (selectors %+v)", got, sel.AdvancedEventSelectors)
	}
	return nil
}

func expectLifecycleAtLeast(t *testing.T, c *awsclient.Client, bucket string) error {
	t.Helper()
	out, err := c.S3().GetBucketLifecycleConfiguration(context.Background(), &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(bucket)})
	if err != nil {
		return fmt.Errorf("log bucket lifecycle: %w", err)
	}
	archive, retention, ok := lifecycleDays(out.Rules)
	if !ok || archive <= 0 || retention < 90 {
		return fmt.Errorf("log bucket lifecycle archive %d, expire %d (found %v): want Glacier and an expiry of at least 90 days", archive, retention, ok)
	}
	return nil
}

func expectLifecycle(t *testing.T, c *awsclient.Client, bucket string, archive, retention int64) error {
	t.Helper()
	out, err := c.S3().GetBucketLifecycleConfiguration(context.Background(), &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(bucket)})
	if err != nil {
		return err
	}
	a, r, ok := lifecycleDays(out.Rules)
	if !ok || a != archive || r != retention {
		return fmt.Errorf("log bucket lifecycle archive %d expire %d, want %d and %d", a, r, archive, retention)
	}
	return nil
}

func expectLogGroupRetention(t *testing.T, c *awsclient.Client, days int32) error {
	t.Helper()
	out, err := c.CloudWatchLogs().DescribeLogGroups(context.Background(), &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(trailGroup)})
	if err != nil {
		return err
	}
	if len(out.LogGroups) != 1 || aws.ToInt32(out.LogGroups[0].RetentionInDays) != days {
		return fmt.Errorf("log group retention %+v, want %d days", out.LogGroups, days)
	}
	return nil
}

// expectTrailStorageTagged checks a user tag on the trail, both buckets, the key, the role and the log group.
func expectTrailStorageTagged(t *testing.T, c *awsclient.Client, keyARN, key, value string) error {
	t.Helper()
	ctx := context.Background()
	has := func(what string, tags map[string]string) error {
		if tags[key] != value {
			return fmt.Errorf("%s tags %v, want %s = %s", what, tags, key, value)
		}
		if what != "trail" && tags[managedByTag] != "hardened_cloudtrail/"+trailName {
			return fmt.Errorf("%s lacks the managed-by tag: %v", what, tags)
		}
		return nil
	}
	tt, err := c.CloudTrail().ListTags(ctx, &cloudtrail.ListTagsInput{ResourceIdList: []string{trailARNAcc}})
	if err != nil {
		return err
	}
	m := map[string]string{}
	for _, rt := range tt.ResourceTagList {
		for _, tg := range rt.TagsList {
			m[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
		}
	}
	if err := has("trail", m); err != nil {
		return err
	}
	for _, b := range []string{trailBucket, trailAccess} {
		bt, err := c.S3().GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String(b)})
		if err != nil {
			return err
		}
		m := map[string]string{}
		for _, tg := range bt.TagSet {
			m[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
		}
		if err := has("bucket "+b, m); err != nil {
			return err
		}
	}
	kt, err := c.KMS().ListResourceTags(ctx, &kms.ListResourceTagsInput{KeyId: aws.String(keyARN)})
	if err != nil {
		return err
	}
	m = map[string]string{}
	for _, tg := range kt.Tags {
		m[aws.ToString(tg.TagKey)] = aws.ToString(tg.TagValue)
	}
	if err := has("key", m); err != nil {
		return err
	}
	rt, err := c.IAM().ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: aws.String(trailRole)})
	if err != nil {
		return err
	}
	m = map[string]string{}
	for _, tg := range rt.Tags {
		m[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
	}
	if err := has("role", m); err != nil {
		return err
	}
	lt, err := c.CloudWatchLogs().ListTagsForResource(ctx, &cloudwatchlogs.ListTagsForResourceInput{
		ResourceArn: aws.String("arn:aws:logs:us-east-1:123456789012:log-group:" + trailGroup)})
	if err != nil {
		return err
	}
	return has("log group", lt.Tags)
}
