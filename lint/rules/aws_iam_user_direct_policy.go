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
		// An empty name attaches to no user (users = [""] is a common way to
		// write "none"); a name computed during apply is a user.
		n := 0
		r.Attr("users").Each(func(_ int, u plan.Value) {
			if name, ok := u.Str(); !ok || name != "" {
				n++
			}
		})
		if n > 0 {
			rep.Fail("users", "attaches the policy directly to %d user(s)", n)
		}
		return
	}
	rep.Fail("user", "attaches a policy directly to a user")
}
