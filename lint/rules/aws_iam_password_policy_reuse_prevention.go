package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsIAMPasswordPolicyReusePrevention checks that the last 24 passwords cannot be
// reused (CIS asks for 24; trivy only fails below 5).
type AwsIAMPasswordPolicyReusePrevention struct{}

func (AwsIAMPasswordPolicyReusePrevention) Metadata() engine.Metadata {
	c := controls.PasswordReusePrevention
	return engine.Metadata{
		ID:            "aws_iam_password_policy_reuse_prevention",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_13"},
		Related:       []string{"AWS-0056"},
		ResourceTypes: []string{"aws_iam_account_password_policy"},
		Rationale:     c.Rationale,
		Remediation:   remediation("", c),
	}
}

func (AwsIAMPasswordPolicyReusePrevention) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	want := controls.PasswordReusePrevention.Threshold
	a := read(p, r, "password_reuse_prevention")
	n, known := a.Int()
	switch {
	case a.State == Computed:
		rep.Unknown(a.Path(), "password_reuse_prevention is computed during apply; it must be %d", want.Value)
	case !known || n == 0:
		rep.Fail(a.Path(), "password_reuse_prevention is not set, so passwords can be reused at once; set it to %d", want.Value)
	case want.Violated(n):
		rep.Fail(a.Path(), "password_reuse_prevention is %s; it must be %d", a.ShownInt(), want.Value)
	}
}
