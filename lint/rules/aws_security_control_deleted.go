package rules

import (
	"fmt"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsSecurityControlDeleted reports a change that deletes a resource carrying a
// security control (the password policy, a trail, the GuardDuty detector, ...),
// unless the same plan creates or imports an equivalent one in its place.
type AwsSecurityControlDeleted struct{}

var _ engine.ChangeRule = AwsSecurityControlDeleted{}

func (AwsSecurityControlDeleted) Metadata() engine.Metadata {
	return engine.Metadata{
		ID:            "aws_security_control_deleted",
		Title:         "A change does not delete a security control (password policy, trail, detector, recorder, flow log, public access block, KMS key, default security group, hardened_* resources)",
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
	what := fmt.Sprintf("the change deletes %s, %s: present -> absent; %s (%s) is lost", r.Address, cr.what,
		cr.control.ID, cr.control.Title)
	if repl := replacement(p, r, cr); repl != nil {
		rep.Replaced("", "%s, but the same plan %s %s in its place: not a regression", what, createsOrImports(repl), repl.Address)
		return
	}
	rep.Regress("", "%s", what)
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
// (cr.scope), and not weaker than the deleted one was.
func replacement(p *plan.Plan, deleted *plan.Resource, cr controlResource) *plan.Resource {
	for _, typ := range cr.replacements {
		for _, c := range p.OfType(typ) {
			if !c.Importing && (!c.Changed() || c.HasBefore()) && c.PreviousAddress == "" {
				continue
			}
			if cr.scope != "" {
				was, ok1 := deleted.Before(cr.scope).Str()
				now, ok2 := c.Attr(cr.scope).Str()
				if !ok1 || !ok2 || was != now {
					continue
				}
			}
			if weaker(deleted, c) {
				continue
			}
			return c
		}
	}
	return nil
}

// weaker reports whether the replacement c, of the deleted one's type, is weaker
// than the deleted instance was (hardened_* resources are secure by construction).
func weaker(deleted, c *plan.Resource) bool {
	if c.Type != deleted.Type || strings.HasPrefix(c.Type, "hardened_") {
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
		if c := m[t].control; !seen[c.ID] {
			seen[c.ID] = true
			out = append(out, c)
		}
	}
	sortControls(out)
	return out
}
