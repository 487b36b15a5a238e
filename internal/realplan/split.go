package realplan

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Result is one run's plan.
type Result struct {
	// JSON is the whole plan, as terraform show -json wrote it.
	JSON []byte
	// Timings are the wall times of terraform init, plan and show.
	Timings Timings
	names   []string
}

// Timings are the wall times of one run's Terraform commands.
type Timings struct{ Init, Plan, Show time.Duration }

func (t Timings) String() string {
	r := func(d time.Duration) time.Duration { return d.Round(10 * time.Millisecond) }
	return fmt.Sprintf("init %s, plan %s, show %s", r(t.Init), r(t.Plan), r(t.Show))
}

// Names are the configurations planned, sorted.
func (res *Result) Names() []string { return append([]string(nil), res.names...) }

// Module is the plan restricted to one configuration: its resource changes, drift,
// planned values, prior state, relevant attributes and checks (all under
// module.<name>), and the configuration of its module call beside the root's
// provider configuration. A rule that looks across the whole plan (does any
// resource enable Security Hub?) then sees what it would see had that
// configuration been planned alone.
func (res *Result) Module(name string) ([]byte, error) {
	i := sort.SearchStrings(res.names, name)
	if i == len(res.names) || res.names[i] != name {
		return nil, fmt.Errorf("realplan: no configuration %q in this plan", name)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(res.JSON, &top); err != nil {
		return nil, fmt.Errorf("realplan: reading the plan: %w", err)
	}
	in := func(addr string) bool {
		p := "module." + name
		return addr == p || strings.HasPrefix(addr, p+".") || strings.HasPrefix(addr, p+"[")
	}
	filters := map[string]func(json.RawMessage) (json.RawMessage, error){
		"planned_values":      func(m json.RawMessage) (json.RawMessage, error) { return filterValues(m, in) },
		"resource_changes":    func(m json.RawMessage) (json.RawMessage, error) { return filterList(m, "address", in) },
		"resource_drift":      func(m json.RawMessage) (json.RawMessage, error) { return filterList(m, "address", in) },
		"relevant_attributes": func(m json.RawMessage) (json.RawMessage, error) { return filterList(m, "resource", in) },
		"checks":              func(m json.RawMessage) (json.RawMessage, error) { return filterChecks(m, in) },
		"configuration":       func(m json.RawMessage) (json.RawMessage, error) { return filterConfiguration(m, name) },
		"prior_state": func(m json.RawMessage) (json.RawMessage, error) {
			return editObject(m, "values", func(v json.RawMessage) (json.RawMessage, error) { return filterValues(v, in) })
		},
		// The root module has no outputs of its own: the cases' are inside their modules.
		"output_changes": func(json.RawMessage) (json.RawMessage, error) { return nil, nil },
	}
	for key, f := range filters {
		m, ok := top[key]
		if !ok {
			continue
		}
		out, err := f(m)
		if err != nil {
			return nil, fmt.Errorf("realplan: splitting %s of the plan: %w", key, err)
		}
		if out == nil {
			delete(top, key)
		} else {
			top[key] = out
		}
	}
	return json.Marshal(top)
}

// filterValues keeps the child modules of a values representation
// ({"root_module":{"child_modules":[...]}}) that belong to the case; the root
// module's own resources (there are none) and outputs go.
func filterValues(m json.RawMessage, in func(string) bool) (json.RawMessage, error) {
	var v map[string]json.RawMessage
	if err := json.Unmarshal(m, &v); err != nil {
		return nil, err
	}
	delete(v, "outputs")
	root, ok := v["root_module"]
	if !ok {
		return json.Marshal(v)
	}
	var rm map[string]json.RawMessage
	if err := json.Unmarshal(root, &rm); err != nil {
		return nil, err
	}
	delete(rm, "resources")
	if cm, ok := rm["child_modules"]; ok {
		kept, err := filterList(cm, "address", in)
		if err != nil {
			return nil, err
		}
		rm["child_modules"] = kept
	}
	b, err := json.Marshal(rm)
	if err != nil {
		return nil, err
	}
	v["root_module"] = b
	return json.Marshal(v)
}

// filterList keeps the objects of a JSON array whose string field key satisfies in.
func filterList(m json.RawMessage, key string, in func(string) bool) (json.RawMessage, error) {
	var items []map[string]json.RawMessage
	if err := json.Unmarshal(m, &items); err != nil {
		return nil, err
	}
	kept := []map[string]json.RawMessage{}
	for _, it := range items {
		var s string
		if raw, ok := it[key]; ok && json.Unmarshal(raw, &s) == nil && in(s) {
			kept = append(kept, it)
		}
	}
	return json.Marshal(kept)
}

// filterChecks keeps the check results of the case's module (address.module).
func filterChecks(m json.RawMessage, in func(string) bool) (json.RawMessage, error) {
	var items []struct {
		Address struct {
			Module string `json:"module"`
		} `json:"address"`
	}
	if err := json.Unmarshal(m, &items); err != nil {
		return nil, err
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(m, &raw); err != nil {
		return nil, err
	}
	kept := []json.RawMessage{}
	for i, it := range items {
		if in(it.Address.Module) {
			kept = append(kept, raw[i])
		}
	}
	return json.Marshal(kept)
}

// filterConfiguration keeps the provider configuration and the case's module call.
func filterConfiguration(m json.RawMessage, name string) (json.RawMessage, error) {
	return editObject(m, "root_module", func(root json.RawMessage) (json.RawMessage, error) {
		var rm map[string]json.RawMessage
		if err := json.Unmarshal(root, &rm); err != nil {
			return nil, err
		}
		var calls map[string]json.RawMessage
		if raw, ok := rm["module_calls"]; ok {
			if err := json.Unmarshal(raw, &calls); err != nil {
				return nil, err
			}
		}
		call, ok := calls[name]
		if !ok {
			return nil, fmt.Errorf("no module call %q in the configuration", name)
		}
		b, err := json.Marshal(map[string]json.RawMessage{name: call})
		if err != nil {
			return nil, err
		}
		rm["module_calls"] = b
		delete(rm, "resources")
		delete(rm, "outputs")
		return json.Marshal(rm)
	})
}

// editObject replaces one member of a JSON object with f's result.
func editObject(m json.RawMessage, key string, f func(json.RawMessage) (json.RawMessage, error)) (json.RawMessage, error) {
	var v map[string]json.RawMessage
	if err := json.Unmarshal(m, &v); err != nil {
		return nil, err
	}
	if member, ok := v[key]; ok {
		out, err := f(member)
		if err != nil {
			return nil, err
		}
		v[key] = out
	}
	return json.Marshal(v)
}
