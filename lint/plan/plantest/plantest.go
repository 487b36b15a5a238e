// Package plantest builds small plans for rule and engine table tests: each test
// states only the resources it needs, and gets a plan as `terraform show -json`
// would write it (resource_changes plus the matching configuration section).
package plantest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// Res is one resource instance.
type Res struct {
	// Address is the full instance address, e.g. module.m["a"].aws_s3_bucket.b[0].
	// A root-module data source (data.TYPE.NAME) is written as read during plan:
	// in prior_state with After as its values; with Actions ["read"] it is a read
	// deferred to apply, in resource_changes.
	Address string
	// After, Unknown and Sensitive are JSON objects (after, after_unknown, after_sensitive).
	After, Unknown, Sensitive string
	// Actions default to ["create"].
	Actions []string
	// Set lists attributes the configuration sets to constants.
	Set []string
	// Refs maps attributes the configuration sets from references to those references.
	Refs map[string][]string
	// NestedRefs is Refs for attributes of a nested block, keyed "block.attr"
	// (written as one block, e.g. logging { target_bucket = aws_s3_bucket.logs.id }).
	NestedRefs map[string][]string
}

// JSON renders the plan document.
func JSON(t testing.TB, resources ...Res) []byte {
	t.Helper()
	var changes, read []map[string]any
	root := newModule()
	for _, r := range resources {
		if rel, ok := strings.CutPrefix(r.Address, "data."); ok {
			typ, name, _ := strings.Cut(rel, ".")
			d := map[string]any{"address": r.Address, "mode": "data", "type": typ, "name": name,
				"provider_name": "registry.terraform.io/hardened-tf/hardened"}
			if len(r.Actions) == 1 && r.Actions[0] == "read" {
				d["change"] = map[string]any{"actions": r.Actions, "before": nil, "after": raw(r.After, "{}"),
					"after_unknown": raw(r.Unknown, "{}"), "after_sensitive": raw(r.Sensitive, "{}")}
				changes = append(changes, d)
			} else {
				d["values"], d["sensitive_values"] = raw(r.After, "{}"), raw(r.Sensitive, "{}")
				read = append(read, d)
			}
			continue
		}
		moduleAddr, typ, name, index := split(r.Address)
		actions := r.Actions
		if actions == nil {
			actions = []string{"create"}
		}
		change := map[string]any{
			"actions":          actions,
			"before":           nil,
			"after":            raw(r.After, "{}"),
			"after_unknown":    raw(r.Unknown, "{}"),
			"after_sensitive":  raw(r.Sensitive, "{}"),
			"before_sensitive": false,
		}
		rc := map[string]any{
			"address": r.Address, "mode": "managed", "type": typ, "name": name,
			"provider_name": "registry.terraform.io/hashicorp/aws", "change": change,
		}
		if moduleAddr != "" {
			rc["module_address"] = moduleAddr
		}
		if index != nil {
			rc["index"] = index
		}
		changes = append(changes, rc)

		m := root
		for _, call := range moduleCalls(moduleAddr) {
			m = m.child(call)
		}
		expr := map[string]any{}
		for _, a := range r.Set {
			expr[a] = map[string]any{"constant_value": "set"}
		}
		for a, refs := range r.Refs {
			expr[a] = map[string]any{"references": refs}
		}
		for k, refs := range r.NestedRefs {
			block, attr, _ := strings.Cut(k, ".")
			b, _ := expr[block].([]any)
			if len(b) == 0 {
				b = []any{map[string]any{}}
				expr[block] = b
			}
			if first, ok := b[0].(map[string]any); ok {
				first[attr] = map[string]any{"references": refs}
			}
		}
		m.addResource(typ+"."+name, typ, name, expr)
	}
	doc := map[string]any{
		"format_version":    "1.2",
		"terraform_version": "1.11.4",
		"planned_values":    map[string]any{"root_module": map[string]any{}},
		"resource_changes":  changes,
		"configuration":     map[string]any{"root_module": root.render()},
	}
	if read != nil {
		doc["prior_state"] = map[string]any{"format_version": "1.0",
			"values": map[string]any{"root_module": map[string]any{"resources": read}}}
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Plan parses the rendered document.
func Plan(t testing.TB, resources ...Res) *plan.Plan {
	t.Helper()
	p, err := plan.Parse(JSON(t, resources...))
	if err != nil {
		t.Fatalf("plantest: %v", err)
	}
	return p
}

func raw(s, def string) json.RawMessage {
	if s == "" {
		s = def
	}
	return json.RawMessage(s)
}

type module struct {
	resources map[string]map[string]any
	calls     map[string]*module
	order     []string
}

func newModule() *module {
	return &module{resources: map[string]map[string]any{}, calls: map[string]*module{}}
}

func (m *module) child(name string) *module {
	if c, ok := m.calls[name]; ok {
		return c
	}
	c := newModule()
	m.calls[name] = c
	return c
}

func (m *module) addResource(addr, typ, name string, expr map[string]any) {
	if _, ok := m.resources[addr]; ok {
		return // count/for_each instances share one configuration block
	}
	m.order = append(m.order, addr)
	m.resources[addr] = map[string]any{"address": addr, "mode": "managed", "type": typ, "name": name, "expressions": expr}
}

func (m *module) render() map[string]any {
	out := map[string]any{}
	var res []any
	for _, a := range m.order {
		res = append(res, m.resources[a])
	}
	if res != nil {
		out["resources"] = res
	}
	if len(m.calls) > 0 {
		calls := map[string]any{}
		for name, c := range m.calls {
			calls[name] = map[string]any{"source": "./modules/" + name, "module": c.render()}
		}
		out["module_calls"] = calls
	}
	return out
}

// split cuts module.a["x"].aws_s3_bucket.b[0] into its module address, type, name and index.
func split(addr string) (moduleAddr, typ, name string, index any) {
	parts := splitDots(addr)
	i := 0
	var mods []string
	for i+1 < len(parts) && parts[i] == "module" {
		mods = append(mods, "module."+parts[i+1])
		i += 2
	}
	moduleAddr = strings.Join(mods, ".")
	typ = parts[i]
	name = parts[i+1]
	if j := strings.IndexByte(name, '['); j >= 0 {
		key := strings.TrimSuffix(name[j+1:], "]")
		name = name[:j]
		var v any
		if json.Unmarshal([]byte(key), &v) == nil {
			index = v
		}
	}
	return
}

func moduleCalls(moduleAddr string) []string {
	if moduleAddr == "" {
		return nil
	}
	parts := splitDots(moduleAddr)
	var out []string
	for i := 0; i+1 < len(parts); i += 2 {
		name := parts[i+1]
		if j := strings.IndexByte(name, '['); j >= 0 {
			name = name[:j]
		}
		out = append(out, name)
	}
	return out
}

func splitDots(s string) []string {
	var out []string
	depth, start := 0, 0
	inStr := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' && depth > 0:
			inStr = !inStr
		case c == '[' && !inStr:
			depth++
		case c == ']' && !inStr:
			depth--
		case c == '.' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
