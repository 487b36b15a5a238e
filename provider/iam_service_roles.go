package provider

// IAM roles an AWS service assumes on a resource's behalf (CloudTrail delivering to
// CloudWatch Logs, AWS Config recording, ...), shared by every resource: created or
// adopted by the managed-by tag, their trust and inline policy kept exact.

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// serviceRole is a role as ensureServiceRole makes it.
type serviceRole struct {
	Name, Description string
	// Trust is the assume-role policy; Policy the single inline policy, named PolicyName.
	Trust, PolicyName, Policy string
	// Tags include the managed-by tag, whose value is ManagedBy.
	Tags      map[string]string
	ManagedBy string
	// InUse is the error hint when a role of that name exists without the tag.
	InUse string
}

// roleTagged returns the role (nil when it does not exist) and whether it carries
// the managed-by tag with value.
func roleTagged(ctx context.Context, c *iam.Client, name, value string) (*iamtypes.Role, bool, error) {
	out, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
	if err != nil {
		var nf *iamtypes.NoSuchEntityException
		if errors.As(err, &nf) {
			return nil, false, nil
		}
		return nil, false, err
	}
	for _, t := range out.Role.Tags {
		if aws.ToString(t.Key) == managedByTag && aws.ToString(t.Value) == value {
			return out.Role, true, nil
		}
	}
	return out.Role, false, nil
}

// ensureServiceRole creates the role or, when it carries the managed-by tag,
// resets its trust, tags and inline policy (idempotent: also the repair of drift).
func ensureServiceRole(ctx context.Context, c *iam.Client, r serviceRole, diags *diag.Diagnostics) bool {
	role, managed, err := roleTagged(ctx, c, r.Name, r.ManagedBy)
	if err != nil {
		addAPIError(diags, "iam:GetRole", "role "+r.Name, err, "")
		return false
	}
	switch {
	case role == nil:
		if _, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(r.Name),
			AssumeRolePolicyDocument: aws.String(r.Trust), Description: aws.String(r.Description),
			Tags: iamTags(r.Tags)}); err != nil {
			addAPIError(diags, "iam:CreateRole", "role "+r.Name, err, "")
			return false
		}
	case !managed:
		diags.AddError("IAM role name in use",
			fmt.Sprintf("Role %s already exists but was not created by this provider (it lacks the tag %s = %s). %s",
				r.Name, managedByTag, r.ManagedBy, r.InUse))
		return false
	default:
		if _, err := c.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String(r.Name),
			PolicyDocument: aws.String(r.Trust)}); err != nil {
			addAPIError(diags, "iam:UpdateAssumeRolePolicy", "role "+r.Name, err, "")
			return false
		}
		if _, err := c.TagRole(ctx, &iam.TagRoleInput{RoleName: aws.String(r.Name), Tags: iamTags(r.Tags)}); err != nil {
			addAPIError(diags, "iam:TagRole", "role "+r.Name, err, "")
			return false
		}
	}
	if _, err := c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(r.Name),
		PolicyName: aws.String(r.PolicyName), PolicyDocument: aws.String(r.Policy)}); err != nil {
		addAPIError(diags, "iam:PutRolePolicy", "role "+r.Name, err, "")
		return false
	}
	return true
}

// serviceRoleCompliant reports whether the role exists with exactly trust and the inline policy.
func serviceRoleCompliant(ctx context.Context, c *iam.Client, name, trust, policyName, policy string, diags *diag.Diagnostics) (bool, bool) {
	role, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
	if err != nil {
		var nf *iamtypes.NoSuchEntityException
		if !errors.As(err, &nf) {
			addAPIError(diags, "iam:GetRole", "role "+name, err, "")
			return false, false
		}
		return false, true
	}
	if !policiesEquivalent(iamDocument(role.Role.AssumeRolePolicyDocument), trust) {
		return false, true
	}
	pol, err := c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String(policyName)})
	return err == nil && policiesEquivalent(iamDocument(pol.PolicyDocument), policy), true
}

// deleteServiceRole deletes a role the resource created, with its inline policy.
func deleteServiceRole(ctx context.Context, c *iam.Client, name, value, policyName string, diags *diag.Diagnostics) bool {
	role, managed, err := roleTagged(ctx, c, name, value)
	if err != nil {
		addAPIError(diags, "iam:GetRole", "role "+name, err, "")
		return false
	}
	if role == nil || !managed {
		return true
	}
	if _, err := c.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String(name),
		PolicyName: aws.String(policyName)}); err != nil && !hasErrorCode(err, errIAMNoSuchEntity) {
		addAPIError(diags, "iam:DeleteRolePolicy", "role "+name, err, "")
		return false
	}
	if _, err := c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String(name)}); err != nil && !hasErrorCode(err, errIAMNoSuchEntity) {
		addAPIError(diags, "iam:DeleteRole", "role "+name, err, "")
		return false
	}
	return true
}
