package rules

import (
	"sort"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsSecurityControlWeakened reports an update (or replacement) that turns a secure
// prior state into an insecure planned one: logging on -> off, multi-region
// true -> false, a public access block setting true -> false, a password length
// 14 -> 8, encryption removed, a world ingress rule added to a security group
// that had none.
type AwsSecurityControlWeakened struct{}

var _ engine.ChangeRule = AwsSecurityControlWeakened{}

func (AwsSecurityControlWeakened) Metadata() engine.Metadata {
	var cs []controls.Control
	seen := map[string]bool{}
	for _, t := range resourceTypes(weakenings) {
		for _, w := range weakenings[t] {
			if !seen[w.control.ID] {
				seen[w.control.ID] = true
				cs = append(cs, w.control)
			}
		}
	}
	sortControls(cs)
	return engine.Metadata{
		ID:            "aws_security_control_weakened",
		Title:         "A change does not turn a secure setting insecure (logging off, multi-region off, public access block off, shorter passwords, encryption removed, world ingress added)",
		Severity:      engine.SeverityHigh,
		Controls:      cs,
		ResourceTypes: resourceTypes(weakenings),
		Rationale: "A plan carries the state before the change as well as after it: a reviewer should be told that " +
			"this change turns CloudTrail logging off or shortens the password policy, not only that the result " +
			"is insecure. A regression fails the run whatever fail_on says, even where the after-state rule is " +
			"below fail_on or disabled.",
		Remediation: "Keep the secure value, or move the resource to its hardened_* counterpart (hardened_cloudtrail, " +
			"hardened_password_policy, hardened_security_group), which cannot be configured weaker. If the change is " +
			"intended, waive the finding with a reason and an expiry.",
	}
}

// Check is never called: see CheckChange.
func (AwsSecurityControlWeakened) Check(*plan.Plan, *plan.Resource, *engine.Reporter) {}

func (AwsSecurityControlWeakened) CheckChange(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if deletes(r) {
		return // aws_security_control_deleted's
	}
	for _, w := range weakenings[r.Type] {
		if how, weak := w.weakened(r.Before(w.attr), r.Attr(w.attr)); weak {
			rep.Regress(w.attr, "the change turns %s; %s (%s) no longer holds", how, w.control.ID, w.control.Title)
		}
	}
}

func sortControls(cs []controls.Control) {
	sort.Slice(cs, func(i, j int) bool { return cs[i].ID < cs[j].ID })
}
