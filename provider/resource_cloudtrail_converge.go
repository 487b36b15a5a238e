package provider

// hardened_cloudtrail's apply: the storage part by part in dependency order (key,
// buckets, log group, role), then the trail; and destroy.

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// ctStorage is a trail's storage as far as apply got, part by part.
type ctStorage struct {
	Key     ctKey
	Buckets ctBuckets
	Logs    ctLogDelivery
	Role    ctRole
}

// names derives the trail's managed storage names in the provider's account and region.
func (r *CloudTrailResource) names(ctx context.Context, trail string, diags *diag.Diagnostics) (ctNames, bool) {
	account, err := r.client.AccountID(ctx)
	if err != nil {
		diags.AddError("Cannot determine the AWS account", err.Error())
		return ctNames{}, false
	}
	return newCTNames(r.client.Partition(), r.client.Region(), account, trail), true
}

// ensureStorage creates or repairs every part of the storage m describes; save is
// told each part as soon as it exists (Create records it in state, so a failed
// create is completed by the next apply instead of building everything twice).
func (r *CloudTrailResource) ensureStorage(ctx context.Context, n ctNames, m *cloudTrailModel, save func(ctStorage),
	diags *diag.Diagnostics) (ctStorage, bool) {
	var s ctStorage
	userTags, d := tagMap(ctx, m.Tags)
	diags.Append(d...)
	if diags.HasError() {
		return s, false
	}
	tags := withManagedBy(userTags, n.tagValue)
	group, _ := knownString(m.CloudWatchLogsGroupARN)
	s.Logs = n.logDeliveryOf(group)

	keyARN, _ := knownString(m.KMSKeyARN)
	var ok bool
	if s.Key, ok = r.ensureKey(ctx, n, keyARN, s.Logs.Managed, tags, diags); !ok {
		return s, false
	}
	save(s)

	bucket, _ := knownString(m.S3BucketName)
	want := ctBuckets{Log: bucket, Mode: n.bucketModeOf(bucket, m.ManageS3Bucket.ValueBool())}
	if s.Buckets, ok = r.ensureBuckets(ctx, n, want, s.Key.ARN, m.ArchiveAfterDays.ValueInt64(),
		m.RetentionDays.ValueInt64(), tags, func(b ctBuckets) { s.Buckets = b; save(s) }, diags); !ok {
		return s, false
	}
	save(s)

	if !r.ensureLogGroup(ctx, n, s.Logs, s.Key.ARN, m.CloudWatchLogsRetentionDays.ValueInt64(), tags, diags) {
		return s, false
	}
	if s.Logs.Managed {
		save(s)
	}
	roleARN, _ := knownString(m.CloudWatchLogsRoleARN)
	if s.Role, ok = r.ensureRole(ctx, n, s.Logs, roleARN, tags, diags); !ok {
		return s, false
	}
	if s.Role.Managed {
		save(s)
	}
	return s, true
}

// record writes the identifiers of what exists so far into m.
func (s ctStorage) record(m *cloudTrailModel) {
	if s.Key.ARN != "" {
		m.KMSKeyARN = types.StringValue(s.Key.ARN)
	}
	if s.Buckets.Log != "" {
		m.S3BucketName = types.StringValue(s.Buckets.Log)
	}
	if s.Buckets.AccessLog != "" {
		m.AccessLogBucketName = types.StringValue(s.Buckets.AccessLog)
	}
	// A log group named in the configuration keeps its spelling (with or without ":*").
	if _, named := knownString(m.CloudWatchLogsGroupARN); s.Logs.Managed && !named {
		m.CloudWatchLogsGroupARN = types.StringValue(s.Logs.GroupARN)
	}
	if _, named := knownString(m.CloudWatchLogsRoleARN); s.Role.Managed && !named {
		m.CloudWatchLogsRoleARN = types.StringValue(s.Role.ARN)
	}
}

// settings is what the trail is set to beside its storage.
func (m *cloudTrailModel) settings(ctx context.Context, diags *diag.Diagnostics) ctTrailSettings {
	tags, d := tagMap(ctx, m.Tags)
	diags.Append(d...)
	sns, _ := knownString(m.SNSTopicARN)
	return ctTrailSettings{SNSTopicARN: sns, S3DataEvents: m.S3DataEvents.ValueString(), Insights: m.Insights.ValueBool(), Tags: tags}
}

// converged sets m to what apply made: the storage, the trail, every flag true
// (null for a part only referenced).
func (m *cloudTrailModel) converged(n ctNames, s ctStorage, arn string) {
	m.ID = types.StringValue(n.trail)
	m.ARN = types.StringValue(arn)
	m.HomeRegion = types.StringValue(n.region)
	m.AccessLogBucketName = types.StringNull()
	s.record(m)
	for _, f := range m.healthFlags() {
		*f = types.BoolValue(true)
	}
	s.management().set(m)
}

func knownString(v types.String) (string, bool) {
	if v.IsNull() || v.IsUnknown() || v.ValueString() == "" {
		return "", false
	}
	return v.ValueString(), true
}

// destroy deletes the trail, the delivery role and the log group; the log buckets
// and key are kept (with a warning) unless force_destroy_logs is set. Only what
// carries the managed-by tag is deleted.
func (r *CloudTrailResource) destroy(ctx context.Context, m *cloudTrailModel, diags *diag.Diagnostics) {
	n, ok := r.names(ctx, m.Name.ValueString(), diags)
	if !ok || !r.deleteTrail(ctx, n, diags) || !r.deleteRole(ctx, n, diags) ||
		!deleteTaggedLogGroup(ctx, r.client.CloudWatchLogs(), n.logGroup, n.logGroupARN, n.tagValue, diags) {
		return
	}
	buckets, ok := r.createdBuckets(ctx, n, diags)
	if !ok {
		return
	}
	keyARN := taggedKeyByAlias(ctx, r.client.KMS(), n.alias, n.tagValue)
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
		if !emptyAndDeleteBucket(ctx, r.client.S3(), b, diags) {
			return
		}
	}
	if keyARN != "" {
		retireKey(ctx, r.client.KMS(), n.alias, keyARN, diags)
	}
}
