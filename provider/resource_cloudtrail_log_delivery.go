package provider

// hardened_cloudtrail's CloudWatch Logs destination: the log group
// /aws/cloudtrail/<name>, encrypted with the trail key; or a log group (and role)
// the user brought, only referenced.

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// ctLogDelivery is the log group part of a trail's storage.
type ctLogDelivery struct {
	// GroupARN carries CloudTrail's ":*" suffix.
	GroupARN string
	// Managed: the group /aws/cloudtrail/<name> and the delivery role are this resource's.
	Managed bool
}

// logDeliveryOf decides who owns the log group: none named or the derived one is
// the resource's own.
func (n ctNames) logDeliveryOf(groupARN string) ctLogDelivery {
	if groupARN == "" || sameLogGroupARN(groupARN, n.logGroupARN) {
		return ctLogDelivery{GroupARN: n.logGroupTrailARN, Managed: true}
	}
	return ctLogDelivery{GroupARN: groupARN}
}

// sameLogGroupARN compares log group ARNs with or without CloudTrail's ":*" suffix.
func sameLogGroupARN(a, b string) bool {
	return strings.TrimSuffix(a, ":*") == strings.TrimSuffix(b, ":*")
}

// trailLogGroupARN is the form CloudTrail's API takes: with the ":*" suffix.
func trailLogGroupARN(groupARN string) string {
	if strings.HasSuffix(groupARN, ":*") {
		return groupARN
	}
	return groupARN + ":*"
}

// ensureLogGroup creates or repairs the managed log group.
func (r *CloudTrailResource) ensureLogGroup(ctx context.Context, n ctNames, d ctLogDelivery, keyARN string,
	retention int64, tags map[string]string, diags *diag.Diagnostics) bool {
	if !d.Managed {
		return true
	}
	return ensureLogGroup(ctx, r.client.CloudWatchLogs(), encryptedLogGroup{
		Name: n.logGroup, ARN: n.logGroupARN, KeyARN: keyARN, RetentionDays: retention,
		Tags: tags, ManagedBy: n.tagValue,
		InUse: fmt.Sprintf("It is not trail %q's: delete it, or pass it with cloud_watch_logs_group_arn and "+
			"cloud_watch_logs_role_arn, then apply again.", n.trail),
		CreateHint: "The trail key's policy must let logs." + n.region + ".amazonaws.com use it for this log group.",
	}, diags)
}

// ctLogGroupStatus is what Read found of the managed log group.
type ctLogGroupStatus struct {
	// Compliant: it exists encrypted with the trail key. Nil when brought by the user.
	Compliant *bool
	// RetentionDays is its retention (0: never expires); nil when it does not exist.
	RetentionDays *int64
}

func (r *CloudTrailResource) observeLogGroup(ctx context.Context, n ctNames, d ctLogDelivery, keyARN string,
	diags *diag.Diagnostics) (ctLogGroupStatus, bool) {
	if !d.Managed {
		return ctLogGroupStatus{}, true
	}
	g, err := describeLogGroup(ctx, r.client.CloudWatchLogs(), n.logGroup)
	if err != nil {
		addAPIError(diags, "logs:DescribeLogGroups", "log group "+n.logGroup, err, "")
		return ctLogGroupStatus{}, false
	}
	ok := g != nil && aws.ToString(g.KmsKeyId) == keyARN
	st := ctLogGroupStatus{Compliant: &ok}
	if g != nil {
		st.RetentionDays = ptr(int64(aws.ToInt32(g.RetentionInDays))) // nil: never expires, shows as a change
	}
	return st, true
}
