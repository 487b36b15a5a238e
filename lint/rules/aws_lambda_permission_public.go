package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsLambdaPermissionPublic flags Lambda permissions for everyone.
type AwsLambdaPermissionPublic struct{}

func (AwsLambdaPermissionPublic) Metadata() engine.Metadata {
	c := controls.LambdaNotPublic
	return engine.Metadata{
		ID:            "aws_lambda_permission_public",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		ResourceTypes: []string{"aws_lambda_permission"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsLambdaPermissionPublic) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if pr, ok := r.Attr("principal").Str(); !ok || pr != "*" {
		return
	}
	// Lambda writes these as conditions of the statement (aws:PrincipalOrgID,
	// AWS:SourceAccount, AWS:SourceArn): principal "*" with one of them is the
	// documented way to grant an organization's accounts or one source, not everyone.
	for _, a := range []string{"principal_org_id", "source_account", "source_arn"} {
		cond := read(p, r, a)
		if s, ok := cond.Str(); (ok && s != "") || cond.State == Computed {
			return
		}
	}
	rep.Fail("principal", "the function can be invoked by everyone (principal = \"*\")")
}
