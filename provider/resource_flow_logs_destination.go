package provider

// hardened_flow_logs' destinations: the managed log group (with its key and the
// delivery role) or a referenced one, the managed bucket or a referenced one;
// their policies, their read-back and what destroy keeps.

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

const (
	flowLogsServicePrincipal = "vpc-flow-logs.amazonaws.com"
	flowLogsS3Principal      = "delivery.logs.amazonaws.com"
	flowLogsRolePolicyName   = "flow-logs-delivery"
)

// flowLogsRoleTrust lets only VPC Flow Logs assume the delivery role, and only for
// this account's flow logs (aws:SourceAccount, aws:SourceArn), as AWS documents it.
func flowLogsRoleTrust(n flowLogsNames) string {
	return mustJSON(policyDoc{Version: "2012-10-17", Statement: []policyStmt{{
		Effect:    "Allow",
		Principal: map[string]any{"Service": flowLogsServicePrincipal},
		Action:    "sts:AssumeRole",
		Condition: map[string]any{
			"StringEquals": map[string]any{"aws:SourceAccount": n.account},
			"ArnLike": map[string]any{"aws:SourceArn": fmt.Sprintf("arn:%s:ec2:%s:%s:vpc-flow-log/*",
				n.partition, n.region, n.account)},
		},
	}}})
}

// flowLogsRolePolicy lets the delivery role write into one log group and nothing
// else (DescribeLogGroups, which flow logs call, takes no narrower resource).
func flowLogsRolePolicy(groupARN string) string {
	groupARN = strings.TrimSuffix(groupARN, ":*")
	allGroups := groupARN[:strings.Index(groupARN, ":log-group:")] + ":log-group:*"
	return mustJSON(policyDoc{Version: "2012-10-17", Statement: []policyStmt{
		{Sid: "DeliverToFlowLogGroup", Effect: "Allow",
			Action:   []string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"},
			Resource: []string{groupARN, groupARN + ":log-stream:*"}},
		{Sid: "FindFlowLogGroup", Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: allGroups},
	}})
}

// flowLogsKeyPolicy: the account administers the key; CloudWatch Logs uses it for
// the flow logs' group only.
func flowLogsKeyPolicy(n flowLogsNames) string {
	return mustJSON(policyDoc{Version: "2012-10-17", Statement: []policyStmt{
		keyAccountAdministers(n.partition, n.account),
		{Sid: "CloudWatchLogsEncryptsFlowLogGroup", Effect: "Allow",
			Principal: map[string]any{"Service": fmt.Sprintf("logs.%s.amazonaws.com", n.region)},
			Action:    []string{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"},
			Resource:  "*",
			Condition: map[string]any{"ArnEquals": map[string]any{"kms:EncryptionContext:aws:logs:arn": n.logGroupARN}}},
	}})
}

// flowLogsBucketPolicy: TLS only, and log delivery writing for this account's
// flow logs only, as AWS documents it for flow logs to S3.
func flowLogsBucketPolicy(n flowLogsNames, bucket string) string {
	arn := bucketARN(n.partition, bucket)
	service := map[string]any{"Service": flowLogsS3Principal}
	fromLogs := map[string]any{"aws:SourceArn": fmt.Sprintf("arn:%s:logs:%s:%s:*", n.partition, n.region, n.account)}
	return mustJSON(policyDoc{Version: "2012-10-17", Statement: []policyStmt{
		denyInsecureTransport(arn),
		{Sid: "AWSLogDeliveryAclCheck", Effect: "Allow", Principal: service, Action: "s3:GetBucketAcl", Resource: arn,
			Condition: map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": n.account}, "ArnLike": fromLogs}},
		{Sid: "AWSLogDeliveryWrite", Effect: "Allow", Principal: service, Action: "s3:PutObject",
			Resource: fmt.Sprintf("%s/AWSLogs/%s/*", arn, n.account),
			Condition: map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": n.account,
				"s3:x-amz-acl": "bucket-owner-full-control"}, "ArnLike": fromLogs}},
	}})
}

// ensureDestination creates or repairs what the flow logs deliver into, and fills
// the plan's destination attributes with what was done.
func (r *FlowLogsResource) ensureDestination(ctx context.Context, n flowLogsNames, plan *flowLogsModel,
	tags map[string]string, diags *diag.Diagnostics) bool {
	if plan.Destination.ValueString() == destinationS3 {
		if !plan.DestinationManaged.ValueBool() {
			return true
		}
		if !ensureDeliveryBucket(ctx, r.client.S3(), deliveryBucket{Name: n.bucket, Region: n.region,
			ManagedBy: n.tagValue, Policy: flowLogsBucketPolicy(n, n.bucket),
			InUse: "Name it in s3_bucket_name to deliver to it as a referenced bucket, or delete it."}, diags) {
			return false
		}
		plan.BucketHardened = types.BoolValue(true)
		return true
	}
	groupARN := plan.LogGroupARN.ValueString()
	if plan.DestinationManaged.ValueBool() {
		key := plan.KMSKeyARN.ValueString()
		if plan.KMSKeyARN.IsUnknown() || key == "" || taggedKeyByAlias(ctx, r.client.KMS(), n.alias, n.tagValue) == key {
			var ok bool
			if key, ok = r.ensureKey(ctx, n, tags, diags); !ok {
				return false
			}
		}
		if !ensureLogGroup(ctx, r.client.CloudWatchLogs(), encryptedLogGroup{Name: n.logGroup, ARN: n.logGroupARN,
			KeyARN: key, RetentionDays: plan.RetentionDays.ValueInt64(), Tags: tags, ManagedBy: n.tagValue,
			InUse:      "Pass it in cloud_watch_logs_group_arn to deliver to it as a referenced log group, or delete it.",
			CreateHint: "The key's policy must let logs." + n.region + ".amazonaws.com use it for this log group.",
		}, diags) {
			return false
		}
		plan.KMSKeyARN, plan.LogGroupEncrypted = types.StringValue(key), types.BoolValue(true)
	} else {
		plan.DestinationManaged, plan.LogGroupEncrypted, plan.KMSKeyARN = types.BoolValue(false), types.BoolNull(), types.StringNull()
		if !r.checkReferencedLogGroup(ctx, n, groupARN, false, diags) {
			return false
		}
	}
	if !ensureServiceRole(ctx, r.client.IAM(), serviceRole{Name: n.role,
		Description: "VPC flow logs of hardened_flow_logs." + n.name + " into " + groupARN,
		Trust:       flowLogsRoleTrust(n), PolicyName: flowLogsRolePolicyName, Policy: flowLogsRolePolicy(groupARN),
		Tags: tags, ManagedBy: n.tagValue,
		InUse: "Delete it, or give this hardened_flow_logs another name."}, diags) {
		return false
	}
	plan.RoleARN, plan.RoleCompliant = types.StringValue(n.roleARN), types.BoolValue(true)
	return true
}

// ensureKey finds the managed key by its alias and tag or creates it, then keeps
// its policy and rotation.
func (r *FlowLogsResource) ensureKey(ctx context.Context, n flowLogsNames, tags map[string]string, diags *diag.Diagnostics) (string, bool) {
	k := r.client.KMS()
	policy := flowLogsKeyPolicy(n)
	keyARN := taggedKeyByAlias(ctx, k, n.alias, n.tagValue)
	if keyARN == "" {
		if _, err := k.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(n.alias)}); err == nil {
			diags.AddError("KMS alias in use",
				fmt.Sprintf("The alias %s already names a key that was not created by this provider (it lacks the tag "+
					"%s = %s). Delete the alias, or pass the key with kms_key_arn.", n.alias, managedByTag, n.tagValue))
			return "", false
		}
		var err error
		keyARN, err = createTaggedKey(ctx, r.clock, k, &kms.CreateKeyInput{
			Description: aws.String("VPC flow logs of hardened_flow_logs." + n.name),
			Policy:      aws.String(policy), Tags: kmsTags(tags)}, n.tagValue)
		if err != nil {
			addAPIError(diags, "kms:CreateKey", "flow logs "+n.name, err, "")
			return "", false
		}
		if _, err := k.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(n.alias), TargetKeyId: aws.String(keyARN)}); err != nil {
			addAPIError(diags, "kms:CreateAlias", "key "+keyARN, err, "")
			return "", false
		}
	} else {
		if !reviveKey(ctx, k, keyARN, diags) {
			return "", false
		}
		if _, err := k.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: aws.String(keyARN), PolicyName: aws.String("default"),
			Policy: aws.String(policy)}); err != nil {
			addAPIError(diags, "kms:PutKeyPolicy", "key "+keyARN, err, "")
			return "", false
		}
		if _, err := k.TagResource(ctx, &kms.TagResourceInput{KeyId: aws.String(keyARN), Tags: kmsTags(tags)}); err != nil {
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

// checkReferencedLogGroup checks a log group the user gave: in the provider's
// region, encrypted with a KMS key, with a retention of at least the floor. At
// plan a group that does not exist yet passes (it may be made by the same apply).
func (r *FlowLogsResource) checkReferencedLogGroup(ctx context.Context, n flowLogsNames, arn string, atPlan bool, diags *diag.Diagnostics) bool {
	attr := path.Root("cloud_watch_logs_group_arn")
	ref, ok := parseLogGroupARN(arn)
	if !ok {
		return true // the attribute's validator reports it
	}
	if ref.Region != n.region || ref.Account != n.account {
		diags.AddAttributeError(attr, "Log group in another region or account",
			fmt.Sprintf("Log group %s is in %s/%s; flow logs deliver only to a log group of their own account and "+
				"region (%s/%s). Give a log group of that region, or leave cloud_watch_logs_group_arn unset.",
				ref.Name, ref.Account, ref.Region, n.account, n.region))
		return false
	}
	g, err := describeLogGroup(ctx, r.client.CloudWatchLogs(), ref.Name)
	if err != nil {
		addAPIError(diags, "logs:DescribeLogGroups", "log group "+ref.Name, err, "")
		return false
	}
	if g == nil {
		if !atPlan {
			diags.AddAttributeError(attr, "Log group not found",
				fmt.Sprintf("Log group %s does not exist in %s. Create it first (encrypted, with a retention), or leave "+
					"cloud_watch_logs_group_arn unset to have one created.", ref.Name, n.region))
		}
		return atPlan
	}
	weak := func(c controls.Control, what string) {
		diags.AddAttributeError(attr, "Insecure log group",
			fmt.Sprintf("Log group %s %s (%s): %s Fix the log group, or leave cloud_watch_logs_group_arn unset to "+
				"have a hardened one created. [%s]", ref.Name, what, c.Cite(), c.Title, c.ID))
	}
	floor := controls.VPCFlowLogRetention.Threshold
	switch days := int64(aws.ToInt32(g.RetentionInDays)); {
	case aws.ToString(g.KmsKeyId) == "":
		weak(controls.LogGroupKMS, "is not encrypted with a KMS key")
	case g.RetentionInDays == nil:
		weak(controls.LogGroupRetention, "has no retention period (events never expire)")
	case floor.Violated(days):
		weak(controls.VPCFlowLogRetention, fmt.Sprintf("keeps events %d days; it must be %s %d", days, floor.Bound(), floor.Value))
	}
	return !diags.HasError()
}

// readDestination reads the managed destination back into the state's status
// attributes (a referenced destination is not checked: its status is null).
func (r *FlowLogsResource) readDestination(ctx context.Context, n flowLogsNames, state *flowLogsModel, diags *diag.Diagnostics) bool {
	if state.Destination.ValueString() == destinationS3 {
		if !state.DestinationManaged.ValueBool() {
			return true
		}
		hardened, ok := deliveryBucketHardened(ctx, r.client.S3(), n.partition, n.bucket, flowLogsBucketPolicy(n, n.bucket), diags)
		state.BucketHardened = types.BoolValue(hardened)
		return ok
	}
	groupARN := state.LogGroupARN.ValueString()
	compliant, ok := serviceRoleCompliant(ctx, r.client.IAM(), n.role, flowLogsRoleTrust(n), flowLogsRolePolicyName,
		flowLogsRolePolicy(groupARN), diags)
	if !ok {
		return false
	}
	state.RoleARN, state.RoleCompliant = types.StringValue(n.roleARN), types.BoolValue(compliant)
	if !state.DestinationManaged.ValueBool() {
		return true
	}
	g, err := describeLogGroup(ctx, r.client.CloudWatchLogs(), n.logGroup)
	if err != nil {
		addAPIError(diags, "logs:DescribeLogGroups", "log group "+n.logGroup, err, "")
		return false
	}
	state.LogGroupEncrypted = types.BoolValue(logGroupEncryptedWith(g, state.KMSKeyARN.ValueString()))
	retention := int64(0) // gone, or never expires: shows as a change to the configured days
	if g != nil {
		retention = int64(aws.ToInt32(g.RetentionInDays))
	}
	state.RetentionDays = types.Int64Value(retention)
	return true
}

// logGroupEncryptedWith reports whether a log group (nil: gone) is encrypted with
// keyARN. On AWS a key removed by hand (logs:DisassociateKmsKey) leaves a group
// without kmsKeyId; the emulator cannot remove a key, only the group.
func logGroupEncryptedWith(g *logstypes.LogGroup, keyARN string) bool {
	return g != nil && keyARN != "" && aws.ToString(g.KmsKeyId) == keyARN
}

// importState fills an imported state from the flow logs carrying the tag.
func (r *FlowLogsResource) importState(ctx context.Context, state *flowLogsModel, account string, diags *diag.Diagnostics) bool {
	n := newFlowLogsNames(state.Name.ValueString(), account, r.client.Region(), r.client.Partition())
	tagged, err := r.taggedFlowLogs(ctx, n)
	if err != nil {
		addAPIError(diags, "ec2:DescribeFlowLogs", "flow logs tagged "+n.tagValue, err, "")
		return false
	}
	if len(tagged) == 0 {
		diags.AddError("Nothing to import",
			fmt.Sprintf("No VPC flow log in %s carries the tag %s = %s: there is no hardened_flow_logs named %q to "+
				"import. Check the name and the provider's region.", n.region, managedByTag, n.tagValue, n.name))
		return false
	}
	var vpcs []string
	var first flowLogRead
	for vpc, fls := range tagged {
		vpcs = append(vpcs, vpc)
		if first.ID == "" || fls[0].ID < first.ID {
			first = fls[0]
		}
	}
	state.VPCIDs = setOfStrings(ctx, vpcs, diags)
	state.TrafficType = types.StringValue(flowLogsTrafficAll)
	state.ForceDestroyLogs = types.BoolValue(false)
	state.RetentionDays = types.Int64Value(365)
	state.LogGroupARN, state.KMSKeyARN, state.S3BucketName = types.StringNull(), types.StringNull(), types.StringNull()
	state.RoleARN, state.RoleCompliant = types.StringNull(), types.BoolNull()
	state.LogGroupEncrypted, state.BucketHardened = types.BoolNull(), types.BoolNull()
	if first.DestinationType == destinationS3 {
		state.Destination = types.StringValue(destinationS3)
		bucket := strings.TrimPrefix(first.Destination, bucketARN(n.partition, ""))
		state.S3BucketName = types.StringValue(bucket)
		_, managed, err := bucketTagged(ctx, r.client.S3(), bucket, n.tagValue)
		if err != nil {
			addAPIError(diags, "s3:GetBucketTagging", "bucket "+bucket, err, "")
			return false
		}
		state.DestinationManaged = types.BoolValue(managed && bucket == n.bucket)
		return true
	}
	state.Destination = types.StringValue(destinationCloudWatchLogs)
	state.LogGroupARN = types.StringValue(first.Destination)
	_, managed, err := logGroupTagged(ctx, r.client.CloudWatchLogs(), first.Destination, n.tagValue)
	if err != nil {
		addAPIError(diags, "logs:ListTagsForResource", "log group "+first.Destination, err, "")
		return false
	}
	state.DestinationManaged = types.BoolValue(managed && first.Destination == n.logGroupARN)
	if state.DestinationManaged.ValueBool() {
		g, err := describeLogGroup(ctx, r.client.CloudWatchLogs(), n.logGroup)
		if err != nil {
			addAPIError(diags, "logs:DescribeLogGroups", "log group "+n.logGroup, err, "")
			return false
		}
		if g != nil && aws.ToString(g.KmsKeyId) != "" {
			state.KMSKeyARN = types.StringValue(aws.ToString(g.KmsKeyId))
		}
	}
	return true
}

// destroyLogs deletes the managed log group, key and bucket with
// force_destroy_logs, and otherwise names what it keeps.
func (r *FlowLogsResource) destroyLogs(ctx context.Context, n flowLogsNames, state *flowLogsModel, diags *diag.Diagnostics) {
	if !state.DestinationManaged.ValueBool() {
		return
	}
	s3 := state.Destination.ValueString() == destinationS3
	managedKey := !s3 && state.KMSKeyARN.ValueString() != "" &&
		taggedKeyByAlias(ctx, r.client.KMS(), n.alias, n.tagValue) == state.KMSKeyARN.ValueString()
	if !state.ForceDestroyLogs.ValueBool() {
		kept := "bucket " + n.bucket
		if !s3 {
			kept = "log group " + n.logGroup
			if managedKey {
				kept += " and its key " + n.alias
			}
		}
		diags.AddWarning("Flow logs kept",
			fmt.Sprintf("The flow logs and their delivery role were deleted; the %s, holding the logs already "+
				"delivered, was kept: deleting it destroys the network record. A hardened_flow_logs named %q "+
				"created again adopts it; to delete it, set force_destroy_logs = true and apply before destroying.",
				kept, n.name))
		return
	}
	if s3 {
		if _, managed, err := bucketTagged(ctx, r.client.S3(), n.bucket, n.tagValue); err != nil {
			addAPIError(diags, "s3:GetBucketTagging", "bucket "+n.bucket, err, "")
		} else if managed {
			emptyAndDeleteBucket(ctx, r.client.S3(), n.bucket, diags)
		}
		return
	}
	if deleteTaggedLogGroup(ctx, r.client.CloudWatchLogs(), n.logGroup, n.logGroupARN, n.tagValue, diags) && managedKey {
		retireKey(ctx, r.client.KMS(), n.alias, state.KMSKeyARN.ValueString(), diags)
	}
}
