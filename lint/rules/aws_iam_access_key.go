package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsIAMAccessKey flags access keys created in Terraform.
type AwsIAMAccessKey struct{}

func (AwsIAMAccessKey) Metadata() engine.Metadata {
	c := controls.IAMNoAccessKeys
	return engine.Metadata{
		ID:            "aws_iam_access_key",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		ResourceTypes: []string{"aws_iam_access_key"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsIAMAccessKey) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if !r.Changed() {
		// Judged by default since every resource that exists after apply is.
		rep.Fail("", "manages a long-lived access key; its secret is in the Terraform state")
		return
	}
	rep.Fail("", "creates a long-lived access key; its secret ends up in the Terraform state")
}
