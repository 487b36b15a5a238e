package plan

import "github.com/buger/jsonparser"

// The change's prior state, for rules on what a change does (regressions).

// Before returns a top-level attribute of the resource's prior state (the
// change's before, with before_sensitive); it is absent for a created resource.
// Prior values are never unknown.
func (r *Resource) Before(name string) Value {
	out := Value{typ: jsonparser.NotExist}
	if e, ok := lookup(r.raw(r.before), name); ok {
		out.raw, out.typ = e.raw, e.typ
	}
	m := r.raw(r.beforeSensitive)
	if _, all := markRoot(m); all {
		out.sensitiveAll = true
	} else if e, ok := lookup(m, name); ok {
		out.sensitive, out.sensitiveAll = marker(e)
	}
	return out
}

// HasBefore reports whether the change has a prior state (an update, a
// replacement or a deletion of an existing resource).
func (r *Resource) HasBefore() bool { return r.before.n != 0 }

// beforeRoot is the whole before object with its sensitive marks.
func (r *Resource) beforeRoot() Value {
	v := Value{raw: r.raw(r.before), typ: jsonparser.Object}
	if v.raw == nil {
		v.typ = jsonparser.Null
	}
	v.sensitive, v.sensitiveAll = markRoot(r.raw(r.beforeSensitive))
	return v
}

// Deleted reports whether the plan deletes the instance without recreating it
// (it is one of Plan.Deleted).
func (r *Resource) Deleted() bool { return isDeleteOnly(r.Actions) }

// Forgotten reports whether the plan only forgets the instance (a removed block
// with destroy = false): it stays in AWS but is no longer managed, so nothing
// judges its after state (there is none).
func (r *Resource) Forgotten() bool {
	return len(r.Actions) == 1 && r.Actions[0] == "forget"
}
