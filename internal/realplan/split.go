package realplan

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// Result is one run's plan.
type Result struct {
	// JSON is the whole plan, as terraform show -json wrote it.
	JSON []byte
	// Timings are the wall times of terraform init, plan and show.
	Timings Timings
	names   []string

	once     sync.Once
	shares   map[string][]byte
	splitErr error
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
// configuration been planned alone. The plan is split once, on the first call.
func (res *Result) Module(name string) ([]byte, error) {
	res.once.Do(func() { res.shares, res.splitErr = split(res.JSON, res.names) })
	if res.splitErr != nil {
		return nil, res.splitErr
	}
	js, ok := res.shares[name]
	if !ok {
		return nil, fmt.Errorf("realplan: no configuration %q in this plan", name)
	}
	return js, nil
}

// moduleOf is the first module call an address is under: "module.a.x.y" and
// "module.a[0].x" are under "a"; a root address is under "".
func moduleOf(addr string) string {
	rest, ok := strings.CutPrefix(addr, "module.")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(rest, ".["); i >= 0 {
		return rest[:i]
	}
	return rest
}

// shares are one plan document per configuration, built member by member.
type shares map[string]map[string]json.RawMessage

func (s shares) set(key string, per map[string]json.RawMessage, empty json.RawMessage) {
	for name, doc := range s {
		if v, ok := per[name]; ok {
			doc[key] = v
		} else {
			doc[key] = empty
		}
	}
}

// split cuts the plan into one document per configuration.
func split(js []byte, names []string) (map[string][]byte, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(js, &top); err != nil {
		return nil, fmt.Errorf("realplan: reading the plan: %w", err)
	}
	s := shares{}
	for _, name := range names {
		doc := map[string]json.RawMessage{}
		for k, v := range top {
			doc[k] = v
		}
		delete(doc, "output_changes") // the root module has no outputs of its own
		s[name] = doc
	}
	lists := map[string]func(json.RawMessage) (string, error){
		"resource_changes":    stringField("address"),
		"resource_drift":      stringField("address"),
		"relevant_attributes": stringField("resource"),
		"checks": func(item json.RawMessage) (string, error) {
			var c struct {
				Address struct {
					Module string `json:"module"`
				} `json:"address"`
			}
			return c.Address.Module, json.Unmarshal(item, &c)
		},
	}
	for key, addrOf := range lists {
		if raw, ok := top[key]; ok {
			per, err := splitList(raw, addrOf)
			if err != nil {
				return nil, fmt.Errorf("realplan: splitting %s of the plan: %w", key, err)
			}
			s.set(key, per, json.RawMessage("[]"))
		}
	}
	if raw, ok := top["planned_values"]; ok {
		per, err := splitValues(raw)
		if err != nil {
			return nil, fmt.Errorf("realplan: splitting planned_values of the plan: %w", err)
		}
		s.set("planned_values", per, json.RawMessage(`{"root_module":{}}`))
	}
	if raw, ok := top["prior_state"]; ok {
		per, err := splitMember(raw, "values", splitValues)
		if err != nil {
			return nil, fmt.Errorf("realplan: splitting prior_state of the plan: %w", err)
		}
		// A configuration with no prior state gets an empty one, never another's.
		empty, err := splitMember(raw, "values", func(json.RawMessage) (map[string]json.RawMessage, error) {
			return map[string]json.RawMessage{"": json.RawMessage(`{"root_module":{}}`)}, nil
		})
		if err != nil {
			return nil, fmt.Errorf("realplan: splitting prior_state of the plan: %w", err)
		}
		fallback := raw
		if e, ok := empty[""]; ok {
			fallback = e
		}
		s.set("prior_state", per, fallback)
	}
	if raw, ok := top["configuration"]; ok {
		per, err := splitMember(raw, "root_module", splitModuleCalls)
		if err != nil {
			return nil, fmt.Errorf("realplan: splitting configuration of the plan: %w", err)
		}
		for _, name := range names {
			if _, ok := per[name]; !ok {
				return nil, fmt.Errorf("realplan: the plan's configuration has no module call %q", name)
			}
		}
		s.set("configuration", per, nil)
	}
	out := map[string][]byte{}
	for name, doc := range s {
		b, err := json.Marshal(doc)
		if err != nil {
			return nil, err
		}
		out[name] = b
	}
	return out, nil
}

func stringField(key string) func(json.RawMessage) (string, error) {
	return func(item json.RawMessage) (string, error) {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(item, &m); err != nil {
			return "", err
		}
		var s string
		if raw, ok := m[key]; ok {
			if err := json.Unmarshal(raw, &s); err != nil {
				return "", err
			}
		}
		return s, nil
	}
}

// splitList groups the items of a JSON array by the module call of their address.
func splitList(raw json.RawMessage, addrOf func(json.RawMessage) (string, error)) (map[string]json.RawMessage, error) {
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, err
	}
	groups := map[string][]json.RawMessage{}
	for _, it := range items {
		addr, err := addrOf(it)
		if err != nil {
			return nil, err
		}
		if name := moduleOf(addr); name != "" {
			groups[name] = append(groups[name], it)
		}
	}
	per := map[string]json.RawMessage{}
	for name, g := range groups {
		b, err := json.Marshal(g)
		if err != nil {
			return nil, err
		}
		per[name] = b
	}
	return per, nil
}

// splitMember splits one member of a JSON object with f, keeping the others.
func splitMember(raw json.RawMessage, key string, f func(json.RawMessage) (map[string]json.RawMessage, error)) (map[string]json.RawMessage, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, err
	}
	member, ok := obj[key]
	if !ok {
		return nil, nil
	}
	parts, err := f(member)
	if err != nil {
		return nil, err
	}
	per := map[string]json.RawMessage{}
	for name, part := range parts {
		obj[key] = part
		b, err := json.Marshal(obj)
		if err != nil {
			return nil, err
		}
		per[name] = b
	}
	return per, nil
}

// splitValues splits a values representation ({"root_module":{"child_modules":[...]}})
// by child module; the root module's own resources (there are none) and outputs go.
func splitValues(raw json.RawMessage) (map[string]json.RawMessage, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, err
	}
	delete(obj, "outputs")
	raw, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	return splitMember(raw, "root_module", func(root json.RawMessage) (map[string]json.RawMessage, error) {
		var rm map[string]json.RawMessage
		if err := json.Unmarshal(root, &rm); err != nil {
			return nil, err
		}
		delete(rm, "resources")
		children, ok := rm["child_modules"]
		if !ok {
			return nil, nil
		}
		groups, err := splitList(children, stringField("address"))
		if err != nil {
			return nil, err
		}
		per := map[string]json.RawMessage{}
		for name, g := range groups {
			rm["child_modules"] = g
			b, err := json.Marshal(rm)
			if err != nil {
				return nil, err
			}
			per[name] = b
		}
		return per, nil
	})
}

// splitModuleCalls splits the root module's configuration by module call; the
// root's own resources, outputs and variables (there are none) go.
func splitModuleCalls(root json.RawMessage) (map[string]json.RawMessage, error) {
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
	delete(rm, "resources")
	delete(rm, "outputs")
	delete(rm, "variables")
	names := make([]string, 0, len(calls))
	for name := range calls {
		names = append(names, name)
	}
	sort.Strings(names)
	per := map[string]json.RawMessage{}
	for _, name := range names {
		b, err := json.Marshal(map[string]json.RawMessage{name: calls[name]})
		if err != nil {
			return nil, err
		}
		rm["module_calls"] = b
		if per[name], err = json.Marshal(rm); err != nil {
			return nil, err
		}
	}
	return per, nil
}
