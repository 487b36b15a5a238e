package provider

// hardened_config_recorder's work in one region (read, converge, tear down), its
// delivery bucket and the AWS Config service-linked role.

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// bucketNameRegexp is S3's naming rule for general purpose buckets.
var bucketNameRegexp = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

const (
	configServicePrincipal = "config.amazonaws.com"
	// configServiceRolePath is where IAM puts the Config service-linked role,
	// AWSServiceRoleForConfig on AWS; it is looked up by path, not by name, since
	// moto 5.2.1 names it AWSServiceRoleForconfig.
	configServiceRolePath = "/aws-service-role/" + configServicePrincipal + "/"
	// defaultConfigName names a recorder or delivery channel the resource creates
	// (AWS Config's own default); existing ones keep their names.
	defaultConfigName = "default"
)

// configRegion is one region's recorder and channel as read (or as wanted).
type configRegion struct {
	Recording, AllSupported, IncludeGlobal, ServiceLinkedRole bool
	Bucket                                                    string
	// recorder and channel name what exists ("" when missing).
	recorder, channel string
}

func wantedConfigRegion(region, global, bucket string) configRegion {
	return configRegion{Recording: true, AllSupported: true, IncludeGlobal: region == global,
		ServiceLinkedRole: true, Bucket: bucket}
}

// configBucketName is the delivery bucket the resource creates.
func configBucketName(account, region string) string {
	return "hardened-config-" + account + "-" + region
}

// sameRole compares role ARNs as IAM does: role names are case-insensitive.
func sameRole(a, b string) bool { return a != "" && strings.EqualFold(a, b) }

func inConfigRegion(region string) func(*configservice.Options) {
	return func(o *configservice.Options) { o.Region = region }
}

// recordsAllSupported is a recording group that records every supported type.
func recordsAllSupported(g *cfgtypes.RecordingGroup) bool {
	if g == nil || !g.AllSupported {
		return false
	}
	return g.RecordingStrategy == nil || g.RecordingStrategy.UseOnly == "" ||
		g.RecordingStrategy.UseOnly == cfgtypes.RecordingStrategyTypeAllSupportedResourceTypes
}

// readRegion reads the region's recorder (AWS allows one), its status and its channel.
func (r *ConfigRecorderResource) readRegion(ctx context.Context, region, role string) (configRegion, error) {
	var out configRegion
	c := r.client.ConfigService()
	recs, err := c.DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{}, inConfigRegion(region))
	if err != nil {
		return out, regionCall("config:DescribeConfigurationRecorders", err)
	}
	if len(recs.ConfigurationRecorders) > 0 {
		rec := recs.ConfigurationRecorders[0]
		out.recorder = aws.ToString(rec.Name)
		out.AllSupported = recordsAllSupported(rec.RecordingGroup)
		out.IncludeGlobal = out.AllSupported && rec.RecordingGroup.IncludeGlobalResourceTypes
		out.ServiceLinkedRole = sameRole(aws.ToString(rec.RoleARN), role)
		st, err := c.DescribeConfigurationRecorderStatus(ctx, &configservice.DescribeConfigurationRecorderStatusInput{
			ConfigurationRecorderNames: []string{out.recorder}}, inConfigRegion(region))
		if err != nil {
			return out, regionCall("config:DescribeConfigurationRecorderStatus", err)
		}
		out.Recording = len(st.ConfigurationRecordersStatus) > 0 && st.ConfigurationRecordersStatus[0].Recording
	}
	chs, err := c.DescribeDeliveryChannels(ctx, &configservice.DescribeDeliveryChannelsInput{}, inConfigRegion(region))
	if err != nil {
		return out, regionCall("config:DescribeDeliveryChannels", err)
	}
	if len(chs.DeliveryChannels) > 0 {
		out.channel = aws.ToString(chs.DeliveryChannels[0].Name)
		out.Bucket = aws.ToString(chs.DeliveryChannels[0].S3BucketName)
	}
	return out, nil
}

// applyRegion brings the region to want, adopting the recorder and channel that
// exist (under their names), and changing only what differs.
func (r *ConfigRecorderResource) applyRegion(ctx context.Context, region string, want configRegion, role string) (configRegion, error) {
	have, err := r.readRegion(ctx, region, role)
	if err != nil {
		return have, err
	}
	c := r.client.ConfigService()
	recorder := configName(have.recorder)
	if have.recorder == "" || !have.AllSupported || have.IncludeGlobal != want.IncludeGlobal || !have.ServiceLinkedRole {
		if err := r.retryPropagation(ctx, func() error {
			_, err := c.PutConfigurationRecorder(ctx, &configservice.PutConfigurationRecorderInput{
				ConfigurationRecorder: &cfgtypes.ConfigurationRecorder{Name: aws.String(recorder), RoleARN: aws.String(role),
					RecordingGroup: &cfgtypes.RecordingGroup{AllSupported: true, IncludeGlobalResourceTypes: want.IncludeGlobal,
						RecordingStrategy: &cfgtypes.RecordingStrategy{UseOnly: cfgtypes.RecordingStrategyTypeAllSupportedResourceTypes}}},
			}, inConfigRegion(region))
			return err
		}); err != nil {
			return have, regionCall("config:PutConfigurationRecorder", err)
		}
	}
	if have.Bucket != want.Bucket {
		if err := r.retryPropagation(ctx, func() error {
			_, err := c.PutDeliveryChannel(ctx, &configservice.PutDeliveryChannelInput{DeliveryChannel: &cfgtypes.DeliveryChannel{
				Name: aws.String(configName(have.channel)), S3BucketName: aws.String(want.Bucket)}}, inConfigRegion(region))
			return err
		}); err != nil {
			return have, regionCall("config:PutDeliveryChannel", fmt.Errorf("delivering to bucket %s (its policy must let "+
				"config.amazonaws.com check it and write under AWSLogs/): %w", want.Bucket, err))
		}
	}
	if !have.Recording {
		if _, err := c.StartConfigurationRecorder(ctx, &configservice.StartConfigurationRecorderInput{
			ConfigurationRecorderName: aws.String(recorder)}, inConfigRegion(region)); err != nil {
			return have, regionCall("config:StartConfigurationRecorder", err)
		}
	}
	return want, nil
}

// retryPropagation retries while AWS Config does not yet see a new service-linked
// role or bucket policy.
func (r *ConfigRecorderResource) retryPropagation(ctx context.Context, f func() error) error {
	return retryWhile(ctx, r.clock, r.propagation, func(err error) bool {
		return hasErrorCode(err, "InvalidRoleException", "InsufficientDeliveryPolicyException", "NoSuchBucketException")
	}, f)
}

func configName(name string) string {
	if name == "" {
		return defaultConfigName
	}
	return name
}

// teardown stops and deletes the recorder and channel of each region.
func (r *ConfigRecorderResource) teardown(ctx context.Context, regions []string) map[string]regionResult[struct{}] {
	return forEachRegion(ctx, regions, func(ctx context.Context, region string) (struct{}, error) {
		have, err := r.readRegion(ctx, region, "")
		if err != nil {
			return struct{}{}, err
		}
		c := r.client.ConfigService()
		if have.recorder != "" {
			if _, err := c.StopConfigurationRecorder(ctx, &configservice.StopConfigurationRecorderInput{
				ConfigurationRecorderName: aws.String(have.recorder)}, inConfigRegion(region)); err != nil {
				return struct{}{}, regionCall("config:StopConfigurationRecorder", err)
			}
		}
		if have.channel != "" {
			if _, err := c.DeleteDeliveryChannel(ctx, &configservice.DeleteDeliveryChannelInput{
				DeliveryChannelName: aws.String(have.channel)}, inConfigRegion(region)); err != nil {
				return struct{}{}, regionCall("config:DeleteDeliveryChannel", err)
			}
		}
		if have.recorder != "" {
			if _, err := c.DeleteConfigurationRecorder(ctx, &configservice.DeleteConfigurationRecorderInput{
				ConfigurationRecorderName: aws.String(have.recorder)}, inConfigRegion(region)); err != nil {
				return struct{}{}, regionCall("config:DeleteConfigurationRecorder", err)
			}
		}
		return struct{}{}, nil
	})
}

// ensureServiceLinkedRole finds the Config service-linked role, creating it when
// the account has none, and returns its ARN.
func (r *ConfigRecorderResource) ensureServiceLinkedRole(ctx context.Context, diags *diag.Diagnostics) (string, bool) {
	arn, err := r.findServiceLinkedRole(ctx)
	if err != nil {
		addAPIError(diags, "iam:ListRoles", "path "+configServiceRolePath, err, "")
		return "", false
	}
	if arn != "" {
		return arn, true
	}
	out, err := r.client.IAM().CreateServiceLinkedRole(ctx, &iam.CreateServiceLinkedRoleInput{
		AWSServiceName: aws.String(configServicePrincipal)})
	if err != nil {
		addAPIError(diags, "iam:CreateServiceLinkedRole", configServicePrincipal, err,
			"AWS Config records through its service-linked role AWSServiceRoleForConfig; the caller needs "+
				"iam:CreateServiceLinkedRole for config.amazonaws.com to create it once per account.")
		return "", false
	}
	return aws.ToString(out.Role.Arn), true
}

func (r *ConfigRecorderResource) findServiceLinkedRole(ctx context.Context) (string, error) {
	out, err := r.client.IAM().ListRoles(ctx, &iam.ListRolesInput{PathPrefix: aws.String(configServiceRolePath)})
	if err != nil {
		return "", err
	}
	for _, role := range out.Roles {
		if aws.ToString(role.Path) == configServiceRolePath {
			return aws.ToString(role.Arn), nil
		}
	}
	return "", nil
}

// configBucketPolicy is the managed bucket's policy: TLS only, and AWS Config
// writing for this account only (aws:SourceAccount), as AWS Config documents it.
func configBucketPolicy(partition, account, bucket string) string {
	arn := fmt.Sprintf("arn:%s:s3:::%s", partition, bucket)
	fromAccount := map[string]any{"aws:SourceAccount": account}
	config := map[string]any{"Service": configServicePrincipal}
	return mustJSON(policyDoc{Version: "2012-10-17", Statement: []policyStmt{
		denyInsecureTransport(arn),
		{Sid: "AWSConfigBucketPermissionsCheck", Effect: "Allow", Principal: config, Action: "s3:GetBucketAcl",
			Resource: arn, Condition: map[string]any{"StringEquals": fromAccount}},
		{Sid: "AWSConfigBucketExistenceCheck", Effect: "Allow", Principal: config, Action: "s3:ListBucket",
			Resource: arn, Condition: map[string]any{"StringEquals": fromAccount}},
		{Sid: "AWSConfigBucketDelivery", Effect: "Allow", Principal: config, Action: "s3:PutObject",
			Resource: fmt.Sprintf("%s/AWSLogs/%s/Config/*", arn, account),
			Condition: map[string]any{"StringEquals": map[string]any{
				"s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": account}}},
	}})
}

func (r *ConfigRecorderResource) managedByValue(account string) string {
	return managedBy("hardened_config_recorder", account)
}

// ensureBucket creates the delivery bucket (or finds it by its tag) and hardens it
// (idempotent: also the repair of drift).
func (r *ConfigRecorderResource) ensureBucket(ctx context.Context, bucket, account string, diags *diag.Diagnostics) bool {
	return ensureDeliveryBucket(ctx, r.client.S3(), deliveryBucket{Name: bucket, Region: r.client.Region(),
		ManagedBy: r.managedByValue(account), Policy: configBucketPolicy(r.client.Partition(), account, bucket),
		InUse: "Name it in s3_bucket_name to deliver to it as a referenced bucket, or delete it."}, diags)
}

// bucketHardened reads the managed bucket back: every control, and the exact policy.
func (r *ConfigRecorderResource) bucketHardened(ctx context.Context, bucket, account string, diags *diag.Diagnostics) (bool, bool) {
	return deliveryBucketHardened(ctx, r.client.S3(), r.client.Partition(), bucket, configBucketPolicy(r.client.Partition(), account, bucket), diags)
}

// importBucket decides, after import, whether the delivery bucket is this
// resource's (by its tag) or referenced.
func (r *ConfigRecorderResource) importBucket(ctx context.Context, state *configRecorderModel, diags *diag.Diagnostics) bool {
	account := state.ID.ValueString()
	if state.S3BucketName.ValueString() == "" {
		state.S3BucketName = types.StringValue(configBucketName(account, r.client.Region()))
		state.BucketManaged = types.BoolValue(true)
		return true
	}
	_, managed, err := bucketTagged(ctx, r.client.S3(), state.S3BucketName.ValueString(), r.managedByValue(account))
	if err != nil {
		addAPIError(diags, "s3:GetBucketTagging", "bucket "+state.S3BucketName.ValueString(), err, "")
		return false
	}
	state.BucketManaged = types.BoolValue(managed)
	return true
}

// deleteBucketIfEmpty deletes the managed bucket when it holds no object; a
// bucket with configuration history is kept, with a warning.
func (r *ConfigRecorderResource) deleteBucketIfEmpty(ctx context.Context, bucket string, diags *diag.Diagnostics) {
	s := r.client.S3()
	out, err := s.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(bucket), MaxKeys: aws.Int32(1)})
	if err != nil {
		if isBucketNotFound(err) {
			return
		}
		addAPIError(diags, "s3:ListObjectVersions", "bucket "+bucket, err, "")
		return
	}
	if len(out.Versions) > 0 || len(out.DeleteMarkers) > 0 {
		diags.AddWarning("Delivery bucket kept",
			fmt.Sprintf("Bucket %s holds AWS Config history and was kept; delete it by hand when it is no longer needed.", bucket))
		return
	}
	emptyAndDeleteBucket(ctx, s, bucket, diags)
}

func configStatusMap(ctx context.Context, status map[string]configRegion, diags *diag.Diagnostics) types.Map {
	m := make(map[string]configRegionStatus, len(status))
	for region, s := range status {
		m[region] = configRegionStatus{Recording: types.BoolValue(s.Recording), AllSupported: types.BoolValue(s.AllSupported),
			IncludeGlobalResourceTypes: types.BoolValue(s.IncludeGlobal), ServiceLinkedRole: types.BoolValue(s.ServiceLinkedRole),
			DeliveryBucket: types.StringValue(s.Bucket)}
	}
	v, d := types.MapValueFrom(ctx, configRegionStatusType, m)
	diags.Append(d...)
	return v
}

func configStatusOf(ctx context.Context, v types.Map, diags *diag.Diagnostics) map[string]configRegion {
	out := map[string]configRegion{}
	if v.IsNull() || v.IsUnknown() {
		return out
	}
	var m map[string]configRegionStatus
	diags.Append(v.ElementsAs(ctx, &m, false)...)
	for region, s := range m {
		out[region] = configRegion{Recording: s.Recording.ValueBool(), AllSupported: s.AllSupported.ValueBool(),
			IncludeGlobal: s.IncludeGlobalResourceTypes.ValueBool(), ServiceLinkedRole: s.ServiceLinkedRole.ValueBool(),
			Bucket: s.DeliveryBucket.ValueString()}
	}
	return out
}
