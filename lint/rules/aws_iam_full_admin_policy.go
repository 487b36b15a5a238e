package rules

import (
	"slices"

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
		ID:       "aws_iam_full_admin_policy",
		Title:    c.Title,
		Severity: c.Severity,
		Controls: []controls.Control{c},
		// checkov splits the rule: CKV_AWS_62 judges the documents of four
		// policy resources, CKV_AWS_274 the AdministratorAccess attachments.
		Parts: []engine.Part{
			{ID: "policy_document", Aliases: []string{"CKV_AWS_62"}},
			{ID: "administrator_access", Aliases: []string{"CKV_AWS_274"}},
		},
		Related:       []string{"CKV_AWS_1"},
		ResourceTypes: iamPolicyTypes(),
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsIAMFullAdminPolicy) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, a := range attachedPolicyARNs(r) {
		if awsManagedPolicy(a.ARN, "AdministratorAccess") {
			rep.FailPart(peerPart(r.Type, ckvAdministratorAccessTypes, "administrator_access"), a.Attr,
				"attaches the AWS managed AdministratorAccess policy")
		}
	}
	for _, doc := range iamPolicyDocuments(p, r) {
		if doc.State == Computed {
			rep.Unknown(doc.Attr, "the policy document is computed during apply")
			continue
		}
		if s, ok := allowsEverything(doc.Stmts); ok {
			rep.FailPart(peerPart(r.Type, ckvAdminDocumentTypes, "policy_document"), s.attribute(doc.Attr),
				"the policy allows every action (\"*\") on every resource (\"*\")")
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

// The resource types each checkov check judges: a finding on another type
// (aws_iam_role's inline_policy, an exclusive attachment) carries no peer ID.
var (
	ckvAdminDocumentTypes       = []string{"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"}
	ckvAdministratorAccessTypes = []string{"aws_iam_role", "aws_iam_policy_attachment", "aws_iam_role_policy_attachment",
		"aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_ssoadmin_managed_policy_attachment"}
)

// peerPart is part when the peer check judges resources of this type, else "".
func peerPart(resourceType string, peerTypes []string, part string) string {
	if slices.Contains(peerTypes, resourceType) {
		return part
	}
	return ""
}
