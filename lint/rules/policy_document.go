package rules

import (
	"strconv"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
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

// policyStatements reads the statements of a policy document (d, read by
// plan.Document: ok is false when it is not JSON, and then it has none) whose
// Statement is a list or a single object (both are valid).
func policyStatements(d plan.Value, ok bool) []policyStatement {
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

// conditionOf reads a statement's Condition element for the catalog's judgement
// (controls.ConditionRestrictsPrincipal); values are strings, numbers,
// booleans or lists of them.
func conditionOf(v plan.Value) controls.Condition {
	out := controls.Condition{}
	v.Members(func(op string, tests plan.Value) bool {
		keys := map[string][]string{}
		tests.Members(func(key string, val plan.Value) bool {
			if val.IsList() {
				val.Each(func(_ int, e plan.Value) { keys[key] = append(keys[key], scalarString(e)...) })
			} else {
				keys[key] = scalarString(val)
			}
			return true
		})
		out[op] = keys
		return true
	})
	return out
}

func scalarString(v plan.Value) []string {
	if s, ok := v.Str(); ok {
		return []string{s}
	}
	if n, ok := v.Int(); ok {
		return []string{strconv.FormatInt(n, 10)}
	}
	if b, ok := v.Bool(); ok {
		return []string{strconv.FormatBool(b)}
	}
	return nil
}

// publicStatement is an Allow statement whose principal is everyone and whose
// Condition does not narrow who the caller is (the catalog's judgement).
func publicStatement(s policyStatement) bool {
	return s.Effect == "Allow" && principalIsEveryone(s.Principal) &&
		!controls.ConditionRestrictsPrincipal(conditionOf(s.Condition))
}

// principalIsEveryone reports Principal "*" or {"AWS": "*"} (or a list holding "*").
func principalIsEveryone(v plan.Value) bool {
	if s, ok := v.Str(); ok {
		return s == "*"
	}
	return eachString(v.Get("AWS"), func(s string) bool { return s == "*" })
}

// checkPublicResourcePolicy judges a resource's "policy" attribute (a queue,
// topic or key with its policy inline, or its aws_*_policy resource): it fails
// on a statement that allows everyone (publicStatement), and reports unknown
// when the configuration sets the policy from a value computed during apply.
func checkPublicResourcePolicy(p *plan.Plan, r *plan.Resource, rep *engine.Reporter, what string) {
	i, known := publicPolicyStatement(p, r)
	if !known {
		if read(p, r, "policy").State == Computed {
			rep.Unknown("policy", "the %s policy is computed during apply", what)
		}
		return
	}
	if i >= 0 {
		rep.Fail("policy", "statement %d allows Principal \"*\" without a condition that restricts the principal: "+
			"any AWS account can use the %s", i, what)
	}
}
