package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsIAMFullAdminPolicy flags policy documents that allow "*" on "*".
type AwsIAMFullAdminPolicy struct{}

func (AwsIAMFullAdminPolicy) Metadata() engine.Metadata {
	c := controls.IAMNoFullAdminPolicies
	return engine.Metadata{
		ID:            "aws_iam_full_admin_policy",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_62", "CKV_AWS_1", "AWS-0057"},
		ResourceTypes: []string{"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_user_policy_attachment", "aws_iam_role_policy_attachment", "aws_iam_group_policy_attachment"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsIAMFullAdminPolicy) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if strings.HasSuffix(r.Type, "_attachment") {
		// Every partition's: arn:aws:, arn:aws-us-gov:, arn:aws-cn:...
		if arn, ok := r.Attr("policy_arn").Str(); ok && strings.HasPrefix(arn, "arn:aws") &&
			strings.HasSuffix(arn, ":iam::aws:policy/AdministratorAccess") {
			rep.Fail("policy_arn", "attaches the AWS managed AdministratorAccess policy")
		}
		return
	}
	stmts, ok := resourcePolicy(r)
	if !ok {
		if read(p, r, "policy").State == Computed {
			rep.Unknown("policy", "the policy document is computed during apply")
		}
		return
	}
	if s, ok := allowsEverything(stmts); ok {
		rep.Fail(s.attribute("policy"), "the policy allows every action (\"*\") on every resource (\"*\")")
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
