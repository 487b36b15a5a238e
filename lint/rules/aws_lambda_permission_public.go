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
		Related:       []string{"CKV_AWS_301"},
		ResourceTypes: []string{"aws_lambda_permission"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsLambdaPermissionPublic) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if pr, ok := r.Attr("principal").Str(); !ok || pr != "*" {
		return
	}
	// Lambda writes these as conditions of the statement: principal "*" with
	// one of them is the documented way to grant an organization's accounts or
	// one source, not everyone, when the catalog judges that the condition
	// restricts the principal (no wildcard: source_account = "*" does not).
	cond := controls.Condition{}
	for _, c := range []struct{ attr, op, key string }{
		{"principal_org_id", "StringEquals", "aws:PrincipalOrgID"},
		{"source_account", "StringEquals", "AWS:SourceAccount"},
		{"source_arn", "ArnLike", "AWS:SourceArn"},
	} {
		a := read(p, r, c.attr)
		if a.State == Computed {
			return // a reference to a resource of the plan: one named source
		}
		if s, ok := a.Str(); ok && s != "" {
			cond[c.op] = map[string][]string{c.key: {s}}
		}
	}
	if controls.ConditionRestrictsPrincipal(cond) {
		return
	}
	rep.Fail("principal", "the function can be invoked by everyone (principal = \"*\")")
}
