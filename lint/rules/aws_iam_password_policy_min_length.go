package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsIAMPasswordPolicyMinLength checks the account password policy's minimum length.
type AwsIAMPasswordPolicyMinLength struct{}

func (AwsIAMPasswordPolicyMinLength) Metadata() engine.Metadata {
	c := controls.PasswordMinimumLength
	return engine.Metadata{
		ID:            "aws_iam_password_policy_min_length",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_10", "AWS-0063"},
		ResourceTypes: []string{"aws_iam_account_password_policy"},
		Rationale:     c.Rationale,
		Remediation:   remediation("", c),
	}
}

func (AwsIAMPasswordPolicyMinLength) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	floor := controls.PasswordMinimumLength.Threshold
	a := read(p, r, "minimum_password_length")
	n, known := a.Int()
	switch {
	case a.State == Computed:
		rep.Unknown(a.Path(), "minimum_password_length is computed during apply; it must be %s", floor)
	case !known:
		rep.Fail(a.Path(), "minimum_password_length is not set (IAM's default is 6); it must be %s", floor)
	case floor.Violated(n):
		rep.Fail(a.Path(), "minimum_password_length is %s; it must be %s", a.ShownInt(), floor)
	}
}
