package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsSecurityControlDeleted reports a change that deletes a resource carrying a
// security control (the password policy, a trail, the GuardDuty detector, a
// CIS monitoring filter, any hardened_* resource, ...), unless the same plan
// creates or imports an equivalent one in its place (regression_deletions.go).
type AwsSecurityControlDeleted struct{}

var _ engine.ChangeRule = AwsSecurityControlDeleted{}

func (AwsSecurityControlDeleted) Metadata() engine.Metadata {
	return engine.Metadata{
		ID:            "aws_security_control_deleted",
		Title:         "A change does not delete a security control (password policy, trail, detector, recorder, flow log, public access block, KMS key, default security group, CIS monitoring filter or alarm, hardened_* resources)",
		Severity:      engine.SeverityHigh,
		Controls:      regressionControls(controlResources),
		ResourceTypes: resourceTypes(controlResources),
		Rationale: "The plan's actions show what apply takes away: deleting the password policy, a trail or a public " +
			"access block removes a control that holds today, and after-state checks cannot see a resource that " +
			"will no longer exist. A regression fails the run whatever fail_on says.",
		Remediation: "Keep the resource, or replace it in the same plan with an equivalent one: move an aws_* resource " +
			"to its hardened_* counterpart with a removed block (lifecycle { destroy = false }) and an import block, " +
			"or create the hardened_* resource beside it. If the deletion is intended, waive the finding with a reason.",
	}
}

// Check is never called: see CheckChange.
func (AwsSecurityControlDeleted) Check(*plan.Plan, *plan.Resource, *engine.Reporter) {}

func (AwsSecurityControlDeleted) CheckChange(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	cr, ok := controlResources[r.Type]
	if !ok || !deletes(r) {
		return
	}
	lost := cr.lost(p, r)
	if len(lost) == 0 {
		return // an instance of the type that carries no control (a filter with no CIS pattern)
	}
	what := fmt.Sprintf("the change deletes %s, %s: present -> absent; %s", r.Address, cr.what, lostText(lost))
	if retain, _ := r.Before("retain_on_destroy").Bool(); retain && isHardened(r.Type) {
		what += retainedNote
	}
	repl, whyNot := replacement(p, r, cr, lost)
	if repl != nil {
		rep.Replaced("", "%s, but the same plan %s %s in its place: not a regression", what, createsOrImports(repl), repl.Address)
		return
	}
	if whyNot != "" {
		what += "; " + whyNot
	}
	rep.Regress("", "%s", what)
}

// lostText names the lost controls: "HRD-IAM-001 (title) is lost", or their IDs.
func lostText(lost []controls.Control) string {
	if len(lost) == 1 {
		return fmt.Sprintf("%s (%s) is lost", lost[0].ID, lost[0].Title)
	}
	ids := make([]string, len(lost))
	for i, c := range lost {
		ids[i] = c.ID
	}
	return strings.Join(ids, ", ") + " are lost"
}

// deletes reports whether the change deletes the instance without recreating it.
func deletes(r *plan.Resource) bool {
	if len(r.Actions) == 0 {
		return false
	}
	for _, a := range r.Actions {
		if a != "delete" {
			return false
		}
	}
	return true
}

func createsOrImports(r *plan.Resource) string {
	if r.Importing {
		return "imports"
	}
	if r.Changed() && !r.HasBefore() {
		return "creates"
	}
	return "moves"
}

// replacement finds the instance the plan creates, imports or moves in place of
// a deleted control: one of its replacement types, protecting the same thing
// (cr.scope), and not weaker than the deleted one was. When none is found but a
// candidate could not be proven to protect the same thing (its scope unknown
// until apply), whyNot says so.
func replacement(p *plan.Plan, deleted *plan.Resource, cr controlResource, lost []controls.Control) (_ *plan.Resource, whyNot string) {
	for _, rp := range cr.replacements {
		for _, c := range p.OfType(rp.typ) {
			if !c.Importing && (!c.Changed() || c.HasBefore()) && c.PreviousAddress == "" {
				continue
			}
			if why := outOfScope(deleted, c, cr.scope, rp); why != "" {
				if whyNot == "" && why != outside {
					whyNot = c.Address + " may replace it, but " + why + ", so the plan does not show that it does"
				}
				continue
			}
			if c.Type == "hardened_cis_monitoring" {
				if why := coversCIS(deleted, c, lost); why != "" {
					if whyNot == "" {
						whyNot = c.Address + " does not replace it: " + why
					}
					continue
				}
			}
			if weaker(deleted, c) || (cr.carried != nil && c.Type == deleted.Type && !carriesAll(cr.carried(p, c), lost)) {
				continue
			}
			return c, ""
		}
	}
	return nil, whyNot
}

// carriesAll reports whether have holds every control of want.
func carriesAll(have, want []controls.Control) bool {
	ids := map[string]bool{}
	for _, c := range have {
		ids[c.ID] = true
	}
	for _, c := range want {
		if !ids[c.ID] {
			return false
		}
	}
	return true
}

// outside is outOfScope's answer for a candidate known to protect something else.
const outside = "protects something else"

// outOfScope tells why the candidate c does not protect what the deleted
// instance did ("" when it does): outside, or that its scope is unknown until
// apply. A deleted set scope (hardened_flow_logs' vpc_ids) must be contained
// whole in the candidate's.
func outOfScope(deleted, c *plan.Resource, scope string, rp replacer) string {
	if scope == "" {
		return ""
	}
	prior := deleted.Before(scope)
	was, _ := prior.Strings()
	if !prior.IsList() {
		s, _ := prior.Str()
		was = []string{s}
	}
	if len(was) == 0 || slices.Contains(was, "") {
		return outside
	}
	attr := rp.scope
	if attr == "" {
		attr = scope
	}
	v := c.Attr(attr)
	if v.Unknown() {
		return fmt.Sprintf("its %s is unknown until apply", attr)
	}
	if !rp.inSet {
		if now, ok := v.Str(); !ok || len(was) != 1 || now != was[0] {
			return outside
		}
		return ""
	}
	known, anyUnknown := v.Strings()
	var missing []string
	for _, w := range was {
		if !slices.Contains(known, w) {
			missing = append(missing, w)
		}
	}
	if len(missing) == 0 {
		return ""
	}
	if !anyUnknown {
		return outside
	}
	verb, what := "are", strings.Join(missing, ", ")
	if len(missing) == 1 {
		verb = "is"
	}
	if prior.Sensitive() {
		verb, what = "is", "the deleted instance's "+scope+" (sensitive value)"
	}
	return fmt.Sprintf("%s %s not among the known elements of its %s, and the others are unknown until apply",
		what, verb, attr)
}

// weaker reports whether the replacement c, of the deleted one's type, is weaker
// than the deleted instance was (hardened_* resources are secure by construction).
func weaker(deleted, c *plan.Resource) bool {
	if c.Type != deleted.Type || isHardened(c.Type) {
		return false
	}
	for _, w := range weakenings[deleted.Type] {
		if _, weak := w.weakened(deleted.Before(w.attr), c.Attr(w.attr)); weak {
			return true
		}
	}
	return false
}

// regressionControls lists the distinct controls of a table, in catalog ID order.
func regressionControls(m map[string]controlResource) []controls.Control {
	var out []controls.Control
	seen := map[string]bool{}
	for _, t := range resourceTypes(m) {
		cs := m[t].all
		if m[t].carried == nil {
			cs = []controls.Control{m[t].control}
		}
		for _, c := range cs {
			if !seen[c.ID] {
				seen[c.ID] = true
				out = append(out, c)
			}
		}
	}
	sortControls(out)
	return out
}
