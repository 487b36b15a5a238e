package plan

import (
	"strings"

	"github.com/buger/jsonparser"
)

// Data sources. Terraform reads a data source during plan when its arguments are
// known, and then records its values only in the plan's prior_state (mode
// "data"), neither in planned_values nor in resource_changes; one whose
// arguments are known only after apply is in resource_changes with the action
// "read" and values unknown. Rules that judge account state read through a data
// source (data "hardened_account_posture") look at both.

// readPriorState reads the data resources of prior_state at the scanner's position.
func (p *Plan) readPriorState(v *validator) error {
	return v.eachMember(1, func(key []byte) error {
		if string(key) != "values" || v.peek() != '{' {
			return v.skip(2)
		}
		return v.eachMember(2, func(key []byte) error {
			if string(key) != "root_module" || v.peek() != '{' {
				return v.skip(3)
			}
			return p.readStateModule(v, 3)
		})
	})
}

// readStateModule reads a state module (resources, child_modules) at depth.
func (p *Plan) readStateModule(v *validator, depth int) error {
	return v.eachMember(depth, func(key []byte) error {
		switch {
		case string(key) == "resources" && v.peek() == '[':
			return v.eachElement(depth+1, func(int) error {
				if v.peek() != '{' {
					return v.skip(depth + 2)
				}
				return p.readStateResource(v, depth+2)
			})
		case string(key) == "child_modules" && v.peek() == '[':
			return v.eachElement(depth+1, func(int) error {
				if v.peek() != '{' {
					return v.skip(depth + 2)
				}
				return p.readStateModule(v, depth+2)
			})
		}
		return v.skip(depth + 1)
	})
}

// readStateResource keeps one data resource instance of the prior state.
func (p *Plan) readStateResource(v *validator, depth int) error {
	r := &Resource{plan: p, Actions: readActions}
	mode := ""
	str := func(dst *string) error {
		raw, typ, err := v.span(depth + 1)
		if err == nil && typ == jsonparser.String {
			*dst = p.str(raw)
		}
		return err
	}
	err := v.eachMember(depth, func(key []byte) error {
		switch string(key) {
		case "address":
			return str(&r.Address)
		case "mode":
			return str(&mode)
		case "type":
			return str(&r.Type)
		case "name":
			return str(&r.Name)
		case "provider_name":
			return str(&r.ProviderName)
		case "index":
			start := v.pos
			_, typ, err := v.span(depth + 1)
			if typ == jsonparser.String || typ == jsonparser.Number {
				r.Index = rawView(v.data[start:v.pos])
			}
			return err
		case "values", "sensitive_values":
			raw, typ, err := v.span(depth + 1)
			if err != nil || typ != jsonparser.Object {
				return err
			}
			if string(key) == "values" {
				return r.setRaw(&r.after, raw)
			}
			return r.setRaw(&r.sensitive, raw)
		}
		return v.skip(depth + 1)
	})
	if err != nil || mode != "data" || r.Address == "" || r.Type == "" {
		return err
	}
	r.data = true
	p.addDataSource(r)
	return nil
}

// readActions is the action list of a data source read during plan.
var readActions = []string{"read"}

// addDataSource records a data resource instance; a later entry for the same
// address (resource_changes and prior_state both list a deferred read) replaces
// an earlier one only when it says more: a read deferred to apply wins.
func (p *Plan) addDataSource(r *Resource) {
	if p.dataIndex == nil {
		p.dataIndex = map[string]int{}
	}
	if i, ok := p.dataIndex[r.Address]; ok {
		if r.unknown.n > 0 || p.DataSources[i].unknown.n == 0 && r.after.n > 0 {
			p.DataSources[i] = r
		}
		return
	}
	p.dataIndex[r.Address] = len(p.DataSources)
	p.DataSources = append(p.DataSources, r)
}

// moduleOf is the module part of a data resource instance address
// (`module.a["x"].data.t.n` gives `module.a["x"]`; "" in the root module):
// everything before the "data." segment, keys (which may hold dots) skipped.
func moduleOf(addr string) string {
	for i := 0; i < len(addr); i++ {
		switch {
		case addr[i] == '[':
			i = skipKey(addr, i)
		case (i == 0 || addr[i-1] == '.') && strings.HasPrefix(addr[i:], "data."):
			return strings.TrimSuffix(addr[:i], ".")
		}
	}
	return ""
}
