package provider

// hardened_cloudtrail's Read: the trail and every part of the storage it manages,
// checked against what apply sets.

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// observe reads the trail and the storage it manages into m; false when the trail is gone.
func (r *CloudTrailResource) observe(ctx context.Context, m *cloudTrailModel, diags *diag.Diagnostics) bool {
	n, ok := r.names(ctx, m.Name.ValueString(), diags)
	if !ok || !r.observeTrail(ctx, n, m, diags) {
		return false
	}
	keyARN, _ := knownString(m.KMSKeyARN)
	group, _ := knownString(m.CloudWatchLogsGroupARN)
	logs := ctLogDelivery{GroupARN: group, Managed: sameLogGroupARN(group, n.logGroupARN)}
	key, ok := r.observeKey(ctx, n, keyARN, logs.Managed, diags)
	if !ok {
		return false
	}
	bucket, _ := knownString(m.S3BucketName)
	b := ctBuckets{Log: bucket, Mode: n.bucketModeOf(bucket, m.ManageS3Bucket.ValueBool())}
	if b.Mode == bucketCreated {
		b.Log = n.bucket
	}
	ctManagement{Key: managedIf(key.Managed), Bucket: b.Mode.management(), Logs: managedIf(logs.Managed)}.set(m)
	observed(&m.KeyRotationEnabled, key.RotationEnabled)
	observed(&m.KeyPolicyCompliant, key.PolicyCompliant)

	m.AccessLogBucketName = types.StringNull()
	if b.Mode.managed() {
		m.AccessLogBucketName = types.StringValue(n.accessBucket)
	}
	imported := m.ArchiveAfterDays.IsNull() || m.RetentionDays.IsNull()
	archive, retention := m.ArchiveAfterDays.ValueInt64(), m.RetentionDays.ValueInt64()
	if imported {
		archive, retention = 90, 365
	}
	bs, ok := r.observeBuckets(ctx, n, b, m.KMSKeyARN.ValueString(), archive, retention, imported, diags)
	if !ok {
		return false
	}
	if imported && b.Mode == bucketCreated {
		m.ArchiveAfterDays, m.RetentionDays = types.Int64Value(bs.ArchiveDays), types.Int64Value(bs.RetentionDays)
	}
	observed(&m.BucketPublicAccessBlocked, bs.PublicAccessBlocked)
	observed(&m.BucketVersioningEnabled, bs.Versioning)
	observed(&m.BucketEncrypted, bs.Encrypted)
	observed(&m.BucketPolicyCompliant, bs.PolicyCompliant)
	observed(&m.BucketAccessLoggingEnabled, bs.AccessLogging)
	observed(&m.BucketLifecycleCompliant, bs.Lifecycle)

	lg, ok := r.observeLogGroup(ctx, n, logs, m.KMSKeyARN.ValueString(), diags)
	if !ok {
		return false
	}
	if lg.RetentionDays != nil {
		m.CloudWatchLogsRetentionDays = types.Int64Value(*lg.RetentionDays)
	}
	role, ok := r.observeRole(ctx, n, logs, diags)
	if !ok {
		return false
	}
	observed(&m.CloudWatchLogsCompliant, both(lg.Compliant, role))
	m.setDefaultsIfNull()
	return !diags.HasError()
}

// observed sets a status flag to what Read found; a flag not checked (nil) keeps
// the value ctManagement.set gave it (null for a part only referenced).
func observed(dst *types.Bool, v *bool) {
	if v != nil {
		*dst = types.BoolValue(*v)
	}
}

// both is a and b; nil when neither was checked.
func both(a, b *bool) *bool {
	if a == nil && b == nil {
		return nil
	}
	v := (a == nil || *a) && (b == nil || *b)
	return &v
}

// observeTrail reads the trail's settings, destinations, logging, selectors and tags into m.
func (r *CloudTrailResource) observeTrail(ctx context.Context, n ctNames, m *cloudTrailModel, diags *diag.Diagnostics) bool {
	ct := r.client.CloudTrail()
	// GetTrail by name: moto's DescribeTrails ignores trailNameList.
	got, err := ct.GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String(n.trail)})
	if err != nil {
		if !hasErrorCode(err, errTrailNotFound) {
			addAPIError(diags, "cloudtrail:GetTrail", "trail "+n.trail, err, "")
		}
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
		if err != nil && !hasErrorCode(err, errInsightNotEnabled) {
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
	return true
}
