package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// requireSet passes an attribute that has a value or is configured from a computed one.
func requireSet(p *plan.Plan, r *plan.Resource, rep *engine.Reporter, attr, failMsg string) {
	v := r.Attr(attr)
	if s, ok := v.Str(); ok && s != "" {
		return
	}
	if v.Unknown() && p.AttrConfigured(r, attr) {
		return
	}
	rep.Fail(attr, "%s", failMsg)
}

// requireTrue checks a boolean attribute that must be true. unsetDefault is the
// value the provider or AWS uses when the configuration leaves it unset: an
// unset attribute whose default is insecure fails (the configuration did not ask
// for the secure setting), while one set from a value computed during apply is unknown.
func requireTrue(p *plan.Plan, r *plan.Resource, rep *engine.Reporter, attr string, unsetDefault bool, failMsg string) {
	v := r.Attr(attr)
	if b, ok := v.Bool(); ok {
		if !b {
			rep.Fail(attr, "%s", failMsg)
		}
		return
	}
	if v.Unknown() && p.AttrConfigured(r, attr) {
		rep.Unknown(attr, "%s is computed during apply, so whether it is enabled cannot be decided from the plan", attr)
		return
	}
	if !unsetDefault {
		rep.Fail(attr, "%s (not set, and the default is false)", failMsg)
	}
}

// requireFalse fails a boolean that is true, and reports unknown when the
// configuration sets it from a value computed during apply (unset is false).
func requireFalse(p *plan.Plan, r *plan.Resource, rep *engine.Reporter, attr, failMsg string) {
	v := r.Attr(attr)
	if b, ok := v.Bool(); ok {
		if b {
			rep.Fail(attr, "%s", failMsg)
		}
		return
	}
	if v.Unknown() && p.AttrConfigured(r, attr) {
		rep.Unknown(attr, "%s is computed during apply", attr)
	}
}

// intState reads an integer attribute: its value, or whether it is unknown
// (configured from a computed value) or unset.
type intState int

const (
	intKnown intState = iota
	intUnknown
	intUnset
)

func readInt(p *plan.Plan, r *plan.Resource, attr string) (int64, intState) {
	v := r.Attr(attr)
	if n, ok := v.Int(); ok {
		return n, intKnown
	}
	if v.Unknown() && p.AttrConfigured(r, attr) {
		return 0, intUnknown
	}
	return 0, intUnset
}
