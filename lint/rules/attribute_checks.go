package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// The checks most rules are made of, on one top-level attribute read with read.

// requireSet passes an attribute that has a non-empty value or is configured from
// a computed one (a key or topic created in the same apply), and fails it otherwise.
func requireSet(p *plan.Plan, r *plan.Resource, rep reporter, attr, failMsg string) {
	a := read(p, r, attr)
	if s, ok := a.Str(); (ok && s != "") || a.State == Computed {
		return
	}
	rep.Fail(attr, "%s", failMsg)
}

// requireTrue checks a boolean attribute that must be true. unsetDefault is the
// value the provider or AWS uses when the configuration leaves it unset: an
// unset attribute whose default is insecure fails (the configuration did not ask
// for the secure setting), while one set from a value computed during apply is unknown.
func requireTrue(p *plan.Plan, r *plan.Resource, rep reporter, attr string, unsetDefault bool, failMsg string) {
	a := read(p, r, attr)
	if b, ok := a.Bool(); ok {
		if !b {
			rep.Fail(attr, "%s", failMsg)
		}
		return
	}
	if a.State == Computed {
		rep.Unknown(attr, "%s is computed during apply, so whether it is enabled cannot be decided from the plan", attr)
		return
	}
	if !unsetDefault {
		rep.Fail(attr, "%s (not set, and the default is false)", failMsg)
	}
}

// requireFalse fails a boolean that is true, and reports unknown when the
// configuration sets it from a value computed during apply (unset is false).
func requireFalse(p *plan.Plan, r *plan.Resource, rep reporter, attr, failMsg string) {
	a := read(p, r, attr)
	if b, ok := a.Bool(); ok {
		if b {
			rep.Fail(attr, "%s", failMsg)
		}
		return
	}
	if a.State == Computed {
		rep.Unknown(attr, "%s is computed during apply", attr)
	}
}

// reporter is what the attribute checks report to: the rule's engine.Reporter,
// or one part of it (partOf).
type reporter interface {
	Fail(attribute, format string, args ...any)
	Unknown(attribute, format string, args ...any)
}

// partOf reports every verdict as one part of the rule (a Metadata.Parts ID),
// so the finding carries that part's aliases only.
func partOf(rep *engine.Reporter, part string) reporter { return partReporter{rep, part} }

type partReporter struct {
	rep  *engine.Reporter
	part string
}

func (p partReporter) Fail(attribute, format string, args ...any) {
	p.rep.FailPart(p.part, attribute, format, args...)
}

func (p partReporter) Unknown(attribute, format string, args ...any) {
	p.rep.UnknownPart(p.part, attribute, format, args...)
}
