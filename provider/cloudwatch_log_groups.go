package provider

// CloudWatch Logs log groups every resource shares: created encrypted with a KMS
// key or adopted by the managed-by tag, kept at their retention and key.

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// encryptedLogGroup is a log group as ensureLogGroup makes it.
type encryptedLogGroup struct {
	Name, ARN, KeyARN string
	RetentionDays     int64
	// Tags include the managed-by tag, whose value is ManagedBy.
	Tags      map[string]string
	ManagedBy string
	// InUse is the error hint when a group of that name exists without the tag;
	// CreateHint the hint when creating it fails.
	InUse, CreateHint string
}

// logGroupTagged reports whether a log group exists and carries the managed-by tag with value.
func logGroupTagged(ctx context.Context, l *cloudwatchlogs.Client, arn, value string) (exists, managed bool, err error) {
	out, err := l.ListTagsForResource(ctx, &cloudwatchlogs.ListTagsForResourceInput{ResourceArn: aws.String(arn)})
	if err != nil {
		if hasErrorCode(err, errLogsNotFound) {
			return false, false, nil
		}
		return false, false, err
	}
	return true, out.Tags[managedByTag] == value, nil
}

// describeLogGroup returns the log group named exactly name (nil when it does not
// exist): the API's name is a prefix filter.
func describeLogGroup(ctx context.Context, l *cloudwatchlogs.Client, name string) (*logstypes.LogGroup, error) {
	out, err := l.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(name)})
	if err != nil {
		return nil, err
	}
	for i := range out.LogGroups {
		if aws.ToString(out.LogGroups[i].LogGroupName) == name {
			return &out.LogGroups[i], nil
		}
	}
	return nil, nil
}

// ensureLogGroup creates the group or, when it carries the managed-by tag, resets
// its key, tags and retention (idempotent: also the repair of drift).
func ensureLogGroup(ctx context.Context, l *cloudwatchlogs.Client, g encryptedLogGroup, diags *diag.Diagnostics) bool {
	_, err := l.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{
		LogGroupName: aws.String(g.Name), KmsKeyId: aws.String(g.KeyARN), Tags: g.Tags})
	switch {
	case err == nil:
	case hasErrorCode(err, errLogsAlreadyExists):
		_, managed, terr := logGroupTagged(ctx, l, g.ARN, g.ManagedBy)
		if terr != nil {
			addAPIError(diags, "logs:ListTagsForResource", "log group "+g.Name, terr, "")
			return false
		}
		if !managed {
			diags.AddError("Log group name in use",
				fmt.Sprintf("Log group %s already exists but was not created by this provider (it lacks the tag "+
					"%s = %s). %s", g.Name, managedByTag, g.ManagedBy, g.InUse))
			return false
		}
		cur, derr := describeLogGroup(ctx, l, g.Name)
		if derr != nil {
			addAPIError(diags, "logs:DescribeLogGroups", "log group "+g.Name, derr, "")
			return false
		}
		// Associate the key only when it differs: the call re-encrypts nothing and
		// is not needed on every repair (the emulator does not implement it either).
		if cur == nil || aws.ToString(cur.KmsKeyId) != g.KeyARN {
			if _, err := l.AssociateKmsKey(ctx, &cloudwatchlogs.AssociateKmsKeyInput{
				LogGroupName: aws.String(g.Name), KmsKeyId: aws.String(g.KeyARN)}); err != nil {
				addAPIError(diags, "logs:AssociateKmsKey", "log group "+g.Name, err, "")
				return false
			}
		}
		if _, err := l.TagResource(ctx, &cloudwatchlogs.TagResourceInput{ResourceArn: aws.String(g.ARN), Tags: g.Tags}); err != nil {
			addAPIError(diags, "logs:TagResource", "log group "+g.Name, err, "")
			return false
		}
	default:
		addAPIError(diags, "logs:CreateLogGroup", "log group "+g.Name, err, g.CreateHint)
		return false
	}
	if _, err := l.PutRetentionPolicy(ctx, &cloudwatchlogs.PutRetentionPolicyInput{
		LogGroupName: aws.String(g.Name), RetentionInDays: aws.Int32(int32(g.RetentionDays))}); err != nil {
		addAPIError(diags, "logs:PutRetentionPolicy", "log group "+g.Name, err, "")
		return false
	}
	return true
}

// deleteTaggedLogGroup deletes a log group the resource created.
func deleteTaggedLogGroup(ctx context.Context, l *cloudwatchlogs.Client, name, arn, value string, diags *diag.Diagnostics) bool {
	exists, managed, err := logGroupTagged(ctx, l, arn, value)
	if err != nil {
		addAPIError(diags, "logs:ListTagsForResource", "log group "+name, err, "")
		return false
	}
	if !exists || !managed {
		return true
	}
	if _, err := l.DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String(name)}); err != nil &&
		!hasErrorCode(err, errLogsNotFound) {
		addAPIError(diags, "logs:DeleteLogGroup", "log group "+name, err, "")
		return false
	}
	return true
}
