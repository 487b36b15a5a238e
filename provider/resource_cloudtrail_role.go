package provider

// hardened_cloudtrail's CloudWatch Logs delivery role: only CloudTrail may assume
// it, only for this trail, and it may only write into the trail's log group.

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

const cloudtrailRolePolicyName = "cloudtrail-delivery"

// ctRole is the role part of a trail's storage.
type ctRole struct {
	ARN     string
	Managed bool
}

func (r *CloudTrailResource) ensureRole(ctx context.Context, n ctNames, d ctLogDelivery, configured string,
	tags map[string]string, diags *diag.Diagnostics) (ctRole, bool) {
	if !d.Managed {
		return ctRole{ARN: configured}, true
	}
	ok := ensureServiceRole(ctx, r.client.IAM(), serviceRole{
		Name:        n.role,
		Description: "CloudTrail delivery of trail " + n.trail + " into CloudWatch Logs (hardened_cloudtrail)",
		Trust:       cloudtrailLogsRoleTrust(n.account, n.trailARN),
		PolicyName:  cloudtrailRolePolicyName,
		Policy:      cloudtrailLogsRolePolicy(n.logGroupARN),
		Tags:        tags,
		ManagedBy:   n.tagValue,
		InUse: fmt.Sprintf("It is not trail %q's: delete it, or pass your own log group and role with "+
			"cloud_watch_logs_group_arn and cloud_watch_logs_role_arn.", n.trail),
	}, diags)
	return ctRole{ARN: n.roleARN, Managed: true}, ok
}

// observeRole reports whether the managed role's trust and permissions are exactly
// those ensureRole sets (nil when the log group is brought by the user).
func (r *CloudTrailResource) observeRole(ctx context.Context, n ctNames, d ctLogDelivery, diags *diag.Diagnostics) (*bool, bool) {
	if !d.Managed {
		return nil, true
	}
	ok, read := serviceRoleCompliant(ctx, r.client.IAM(), n.role, cloudtrailLogsRoleTrust(n.account, n.trailARN),
		cloudtrailRolePolicyName, cloudtrailLogsRolePolicy(n.logGroupARN), diags)
	return &ok, read
}

func (r *CloudTrailResource) deleteRole(ctx context.Context, n ctNames, diags *diag.Diagnostics) bool {
	return deleteServiceRole(ctx, r.client.IAM(), n.role, n.tagValue, cloudtrailRolePolicyName, diags)
}
