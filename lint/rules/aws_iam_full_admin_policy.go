package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsIAMFullAdminPolicy flags policy documents that allow "*" on "*", and the
// AWS managed AdministratorAccess policy attached in any form: the policy
// attachment resources (exclusive ones and aws_iam_policy_attachment included),
// a role's managed_policy_arns and inline_policy, an IAM Identity Center permission set.
type AwsIAMFullAdminPolicy struct{}

func (AwsIAMFullAdminPolicy) Metadata() engine.Metadata {
	c := controls.IAMNoFullAdminPolicies
	return engine.Metadata{
		ID:            "aws_iam_full_admin_policy",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_62", "CKV_AWS_1", "CKV_AWS_274", "AWS-0057"},
		ResourceTypes: iamPolicyTypes(),
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsIAMFullAdminPolicy) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, a := range attachedPolicyARNs(r) {
		if awsManagedPolicy(a.ARN, "AdministratorAccess") {
			rep.Fail(a.Attr, "attaches the AWS managed AdministratorAccess policy")
		}
	}
	for _, doc := range iamPolicyDocuments(p, r) {
		if doc.State == Computed {
			rep.Unknown(doc.Attr, "the policy document is computed during apply")
			continue
		}
		if s, ok := allowsEverything(doc.Stmts); ok {
			rep.Fail(s.attribute(doc.Attr), "the policy allows every action (\"*\") on every resource (\"*\")")
		}
	}
}

// allowsEverything returns the first Allow statement with Action "*" and Resource "*".
func allowsEverything(stmts []policyStatement) (policyStatement, bool) {
	for _, s := range stmts {
		if s.Effect == "Allow" && hasStar(s.Action) && hasStar(s.Resource) {
			return s, true
		}
	}
	return policyStatement{}, false
}
