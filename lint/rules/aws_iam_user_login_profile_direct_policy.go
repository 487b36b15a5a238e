package rules

import (
	"sort"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsIAMUserLoginProfileDirectPolicy flags console users (aws_iam_user_login_profile)
// whose user has policies attached directly rather than through groups.
type AwsIAMUserLoginProfileDirectPolicy struct{}

func (AwsIAMUserLoginProfileDirectPolicy) Metadata() engine.Metadata {
	c := controls.IAMConsoleUsersViaGroups
	return engine.Metadata{
		ID:            "aws_iam_user_login_profile_direct_policy",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		ResourceTypes: []string{"aws_iam_user_login_profile"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsIAMUserLoginProfileDirectPolicy) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, u := range p.Referenced(r, "user", "aws_iam_user") {
		var direct []string
		for _, typ := range []string{"aws_iam_user_policy", "aws_iam_user_policy_attachment"} {
			for _, x := range p.ReferencedBy(u, typ, "user") {
				direct = append(direct, x.Address)
			}
		}
		for _, x := range p.ReferencedBy(u, "aws_iam_policy_attachment", "users") {
			direct = append(direct, x.Address)
		}
		if len(direct) > 0 {
			sort.Strings(direct)
			rep.Fail("user", "the console user %s has policies attached directly (%s) instead of through groups",
				u.Address, strings.Join(direct, ", "))
		}
	}
}
