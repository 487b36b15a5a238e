package rules

import (
	"path"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// trailTamperActions are the CloudTrail actions that silence or redirect a trail.
var trailTamperActions = []string{"cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors"}

// AwsIAMCloudtrailTampering flags policies allowing the actions that stop or change trails.
type AwsIAMCloudtrailTampering struct{}

func (AwsIAMCloudtrailTampering) Metadata() engine.Metadata {
	c := controls.IAMNoTrailTampering
	return engine.Metadata{
		ID:            "aws_iam_cloudtrail_tampering",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		ResourceTypes: []string{"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

// actionsGranted returns which of the wanted actions an IAM policy document
// allows, through exact names or wildcards (case-insensitive, as IAM compares).
// Statements allowing everything on everything are left to aws_iam_full_admin_policy.
func actionsGranted(stmts []policyStatement, wanted []string) []string {
	granted := map[string]bool{}
	for _, s := range stmts {
		if s.Effect != "Allow" || (hasStar(s.Action) && hasStar(s.Resource)) {
			continue
		}
		for _, pattern := range stringOrList(s.Action) {
			for _, w := range wanted {
				if ok, _ := path.Match(strings.ToLower(pattern), strings.ToLower(w)); ok {
					granted[w] = true
				}
			}
		}
	}
	var out []string
	for _, w := range wanted {
		if granted[w] {
			out = append(out, w)
		}
	}
	return out
}

func (AwsIAMCloudtrailTampering) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	stmts, ok := resourcePolicy(p, r)
	if !ok {
		if read(p, r, "policy").State == Computed {
			rep.Unknown("policy", "the policy document is computed during apply")
		}
		return
	}
	if got := actionsGranted(stmts, trailTamperActions); len(got) > 0 {
		rep.Fail("policy", "the policy allows %s: whoever holds it can silence the audit trail", strings.Join(got, ", "))
	}
}
