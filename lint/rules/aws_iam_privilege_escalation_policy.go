package rules

import (
	"cmp"
	"path"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsIAMPrivilegeEscalationPolicy flags identity policies that allow IAM
// administration or a privilege-escalation action on Resource "*": in policy
// documents (a role's inline_policy included), written out or through wildcards
// (iam:*, iam:Put*, "*", an Allow with NotAction), and by attaching the AWS
// managed IAMFullAccess or AdministratorAccess policy. "*" on "*" is reported here too: it is full
// administration (aws_iam_full_admin_policy) and escalation at once, and the
// peers' escalation checks count it.
type AwsIAMPrivilegeEscalationPolicy struct{}

func (AwsIAMPrivilegeEscalationPolicy) Metadata() engine.Metadata {
	c := controls.IAMNoPrivilegeEscalation
	return engine.Metadata{
		ID:       "aws_iam_privilege_escalation_policy",
		Title:    c.Title,
		Severity: c.Severity,
		Controls: []controls.Control{c},
		// Checkov's CKV_AWS_286-290 and CKV_AWS_355 (cloudsplaining) judge other
		// action sets and combinations: related, not equivalent.
		ResourceTypes: iamPolicyTypes(),
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

// escalationActions are the actions that let a principal widen its own (or
// another identity's) permissions, or act as another identity, when allowed on
// every resource.
var escalationActions = []string{
	"iam:AttachGroupPolicy", "iam:AttachRolePolicy", "iam:AttachUserPolicy",
	"iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:CreatePolicyVersion",
	"iam:PassRole",
	"iam:PutGroupPolicy", "iam:PutRolePolicy", "iam:PutUserPolicy",
	"iam:SetDefaultPolicyVersion", "iam:UpdateAssumeRolePolicy", "iam:UpdateLoginProfile",
	"sts:AssumeRole",
}

func (AwsIAMPrivilegeEscalationPolicy) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, a := range attachedPolicyARNs(r) {
		for _, name := range []string{"AdministratorAccess", "IAMFullAccess"} {
			if awsManagedPolicy(a.ARN, name) {
				rep.Fail(a.Attr, "attaches the AWS managed %s policy: iam:* on every resource lets the principal grant itself any permission", name)
			}
		}
	}
	for _, doc := range iamPolicyDocuments(p, r) {
		if doc.State == Computed {
			rep.Unknown(doc.Attr, "the policy document is computed during apply")
			continue
		}
		if what, first := escalationGranted(doc.Stmts); what != "" {
			rep.Fail(first.attribute(doc.Attr), "the policy allows %s on every resource (\"*\"): whoever holds it can grant itself more permissions", what)
		}
	}
}

// escalationGranted says which escalation actions Allow statements grant on
// every resource ("" for none): "every action" or "every IAM action" when a
// wildcard covers the whole IAM service, else the actions by name; first is the first
// statement granting one, where the finding points.
func escalationGranted(stmts []policyStatement) (what string, first policyStatement) {
	granted := map[string]bool{}
	allIAM := ""
	found := false
	for _, s := range stmts {
		everyResource := hasStar(s.Resource) || !s.NotResource.Null()
		if s.Effect != "Allow" || !everyResource {
			continue
		}
		// "iam:*" read as an action name is matched only by a pattern that
		// matches every IAM action: "*", "iam:*", "i*"...
		all := grants(s, "iam:*")
		for _, a := range escalationActions {
			if grants(s, a) {
				granted[a] = true
				if !found {
					first, found = s, true
				}
			} else if strings.HasPrefix(a, "iam:") {
				all = false
			}
		}
		switch {
		case !all:
		case hasStar(s.Action) && s.NotAction.Null():
			allIAM = "every action (\"*\"), IAM administration included"
		case s.NotAction.Null():
			allIAM = cmp.Or(allIAM, "every IAM action (iam:*)")
		default:
			allIAM = cmp.Or(allIAM, "every IAM action (an Allow with NotAction that does not exclude them)")
		}
	}
	if strings.HasPrefix(allIAM, "every action") {
		return allIAM, first
	}
	var names []string
	for _, a := range escalationActions {
		if granted[a] && (allIAM == "" || !strings.HasPrefix(a, "iam:")) {
			names = append(names, a)
		}
	}
	if allIAM != "" {
		names = append([]string{allIAM}, names...)
	}
	return strings.Join(names, ", "), first
}

// grants reports whether a statement's Action (or, with NotAction, its absence)
// covers action; IAM compares action names case-insensitively.
func grants(s policyStatement, action string) bool {
	matches := func(patterns plan.Value) bool {
		return eachString(patterns, func(p string) bool {
			ok, _ := path.Match(strings.ToLower(p), strings.ToLower(action))
			return ok
		})
	}
	if !s.NotAction.Null() {
		return !matches(s.NotAction)
	}
	return matches(s.Action)
}
