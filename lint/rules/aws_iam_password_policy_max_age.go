package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsIAMPasswordPolicyMaxAge checks that passwords expire within 90 days.
type AwsIAMPasswordPolicyMaxAge struct{}

func (AwsIAMPasswordPolicyMaxAge) Metadata() engine.Metadata {
	c := controls.PasswordMaxAge
	return engine.Metadata{
		ID:            "aws_iam_password_policy_max_age",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_9", "AWS-0062"},
		ResourceTypes: []string{"aws_iam_account_password_policy"},
		Rationale:     c.Rationale,
		Remediation:   remediation("", c),
	}
}

func (AwsIAMPasswordPolicyMaxAge) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	ceiling := controls.PasswordMaxAge.Threshold
	a := read(p, r, "max_password_age")
	n, known := a.Int()
	switch {
	case a.State == Computed:
		rep.Unknown(a.Path(), "max_password_age is computed during apply; it must be from 1 to %d", ceiling.Value)
	case !known || n == 0:
		rep.Fail(a.Path(), "max_password_age is not set, so passwords never expire; set it to %d or less", ceiling.Value)
	case ceiling.Violated(n):
		rep.Fail(a.Path(), "max_password_age is %s days; it must be %d or less", a.ShownInt(), ceiling.Value)
	}
}
