package rules

import (
	"strconv"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// policyStatement is one statement of an IAM or resource policy document, with
// the parts rules read left as lazy values: each rule reads only what it asks
// about, and nothing is decoded into maps.
type policyStatement struct {
	Effect    string
	Principal plan.Value
	Action    plan.Value
	Resource  plan.Value
	Condition plan.Value
	// NotAction and NotResource invert Action and Resource: an Allow with them
	// grants everything they do not name.
	NotAction, NotResource plan.Value
	// Index is the statement's position in the Statement list, -1 when
	// Statement is a single object; findings name it (policy.Statement[1]).
	Index int
}

// attribute is the statement's path under the policy attribute, for findings.
func (s policyStatement) attribute(policyAttr string) string {
	if s.Index < 0 {
		return policyAttr + ".Statement"
	}
	return policyAttr + ".Statement[" + strconv.Itoa(s.Index) + "]"
}

// policyStatements parses a policy document whose Statement is a list or a
// single object (both are valid); a document that is not JSON has none.
func policyStatements(doc string) []policyStatement {
	d, ok := plan.Document(doc)
	if !ok || !d.IsObject() {
		return nil
	}
	var out []policyStatement
	var parts [7]plan.Value
	add := func(i int, v plan.Value) {
		if !v.IsObject() {
			return
		}
		v.PickInto(parts[:], "Effect", "Principal", "Action", "Resource", "Condition", "NotAction", "NotResource")
		effect, _ := parts[0].Str()
		out = append(out, policyStatement{Effect: effect, Principal: parts[1], Action: parts[2], Resource: parts[3],
			Condition: parts[4], NotAction: parts[5], NotResource: parts[6], Index: i})
	}
	st := d.Get("Statement")
	if st.IsList() {
		st.Each(add)
	} else {
		add(-1, st)
	}
	return out
}

// resourcePolicy returns the statements of a resource's "policy" attribute,
// parsed once per resource for all the rules that read it. known is false when
// the policy is not a known string (unset, unknown, or not JSON gives none).
func resourcePolicy(r *plan.Resource) (stmts []policyStatement, known bool) {
	type parsed struct {
		stmts []policyStatement
		known bool
	}
	p, _ := r.Memo("policy.statements", func() any {
		doc, ok := r.Attr("policy").Str()
		if !ok {
			return parsed{}
		}
		return parsed{policyStatements(doc), true}
	}).(parsed)
	return p.stmts, p.known
}

// stringOrList reads a policy element that is a string or a list of strings.
func stringOrList(v plan.Value) []string {
	if s, ok := v.Str(); ok {
		return []string{s}
	}
	list, _ := v.Strings()
	return list
}

// eachString calls fn for a policy element that is a string or for each string
// of a list, until fn returns true; it reports whether fn did.
func eachString(v plan.Value, fn func(string) bool) bool {
	if s, ok := v.Str(); ok {
		return fn(s)
	}
	found := false
	v.Each(func(_ int, e plan.Value) {
		if s, ok := e.Str(); ok && !found {
			found = fn(s)
		}
	})
	return found
}

// hasStar reports a policy element that is "*" or a list holding "*".
func hasStar(v plan.Value) bool {
	return eachString(v, func(s string) bool { return s == "*" })
}
