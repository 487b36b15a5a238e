package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsIAMUserDirectPolicy flags policies attached directly to IAM users.
type AwsIAMUserDirectPolicy struct{}

func (AwsIAMUserDirectPolicy) Metadata() engine.Metadata {
	c := controls.IAMNoUserPolicies
	return engine.Metadata{
		ID:            "aws_iam_user_direct_policy",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_40", "AWS-0143"},
		ResourceTypes: []string{"aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_policy_attachment"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsIAMUserDirectPolicy) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if r.Type == "aws_iam_policy_attachment" {
		if users := r.Attr("users"); users.Len() > 0 {
			rep.Fail("users", "attaches the policy directly to %d user(s)", users.Len())
		}
		return
	}
	rep.Fail("user", "attaches a policy directly to a user")
}
