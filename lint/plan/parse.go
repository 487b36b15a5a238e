package plan

// Parse: the plan's format checked, then its resource changes read in one pass.

import (
	"bytes"
	"fmt"

	"github.com/buger/jsonparser"
	"github.com/hashicorp/go-version"
	tfjson "github.com/hashicorp/terraform-json"
)

// InputError is a problem with the input as a whole (exit code 2).
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

func inputErr(format string, args ...any) error {
	return &InputError{Msg: fmt.Sprintf(format, args...)}
}

var formatConstraint = version.MustConstraints(version.NewConstraint(tfjson.PlanFormatVersionConstraints))

// Parse reads a JSON plan. Every error is an *InputError with a one-line reason.
func Parse(data []byte) (p *Plan, err error) {
	defer func() {
		// The loader must never panic on any input; a panic here is a bug, reported as bad input.
		if r := recover(); r != nil {
			p, err = nil, inputErr("cannot read the plan (internal error: %v); please report this with the file", r)
		}
	}()
	data, err = toUTF8(data)
	if err != nil {
		return nil, &InputError{Msg: err.Error()}
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, inputErr("input is empty: expected the output of terraform show -json PLANFILE")
	}
	if trimmed[0] != '{' {
		return nil, inputErr("input is not a JSON object: expected the output of terraform show -json PLANFILE")
	}
	p = &Plan{intern: map[string]string{}, actions: map[string][]string{},
		modIDs: map[string]int32{"": 0}, mods: []moduleInstance{{}},
		groupIDs: make(map[string]int32, len(data)/groupBytes), typeIDs: map[string]int32{}}
	var rawConfig []byte
	var ends moduleEnds
	var hasPlanned, hasValues, hasChanges, isStateFile bool
	v := &validator{data: data}
	v.ws()
	err = v.eachMember(0, func(key []byte) error {
		switch string(key) {
		case "format_version", "terraform_version":
			raw, typ, err := v.span(1)
			if err == nil && typ == jsonparser.String {
				if string(key) == "format_version" {
					p.FormatVersion = unquote(raw, typ)
				} else {
					p.TerraformVersion = unquote(raw, typ)
				}
			}
			return err
		case "resource_changes":
			if v.peek() == '[' {
				hasChanges = true
				return p.readChanges(v)
			}
		case "configuration":
			if v.peek() == '{' {
				var err error
				rawConfig, ends, err = v.scanConfig()
				return err
			}
		case "prior_state":
			if v.peek() == '{' {
				return p.readPriorState(v)
			}
		case "planned_values":
			hasPlanned = true
		case "values":
			hasValues = true
		case "lineage", "serial":
			isStateFile = true
		}
		return v.skip(1)
	})
	if err == nil {
		v.ws()
		if v.pos != len(data) {
			err = &SyntaxError{v.pos, "unexpected data after the JSON document"}
		}
	}
	if err != nil {
		if ie, ok := err.(*InputError); ok {
			return nil, ie
		}
		return nil, inputErr("input is not valid JSON: %v", err)
	}
	rawChanges := hasChanges
	switch {
	case isStateFile:
		return nil, inputErr("input is a Terraform state file, not a plan: run terraform plan -out=tfplan, " +
			"then terraform show -json tfplan")
	case p.FormatVersion == "":
		return nil, inputErr("input is JSON but not a Terraform plan (no format_version): expected the output " +
			"of terraform show -json PLANFILE")
	case hasValues && !hasPlanned && !rawChanges:
		return nil, inputErr("input is terraform show -json output of a state, not of a plan: run " +
			"terraform plan -out=tfplan, then terraform show -json tfplan")
	case !hasPlanned && !rawChanges && rawConfig == nil:
		return nil, inputErr("input is JSON but not a Terraform plan (no planned_values, resource_changes " +
			"or configuration): expected the output of terraform show -json PLANFILE")
	}
	ver, err := version.NewVersion(p.FormatVersion)
	if err != nil || !formatConstraint.Check(ver) {
		return nil, inputErr("unsupported plan format_version %q (supported: %s): update hardened-lint",
			p.FormatVersion, tfjson.PlanFormatVersionConstraints)
	}

	if rawConfig != nil {
		cfg, err := decodeConfig(rawConfig, ends)
		if err != nil {
			return nil, inputErr("the plan's configuration section cannot be read: %v", err)
		}
		p.Config = cfg
	}
	p.finishGroups()
	p.config = newConfigIndex(p.Config, p.groupIDs)
	p.corr = newCorrelator(p)
	return p, nil
}

// readChanges reads resource_changes at the scanner's position, keeping each
// managed, non-deleted instance.
func (p *Plan) readChanges(v *validator) error {
	return v.eachElement(1, func(n int) error {
		if v.peek() != '{' {
			if err := v.skip(2); err != nil {
				return err
			}
			return inputErr("resource_changes[%d] is not an object", n)
		}
		r := p.newResource()
		mode := ""
		str := func(dst *string) error {
			raw, ok, err := v.strSpan(3)
			if ok {
				*dst = p.strEscaped(raw, v.escaped)
			}
			return err
		}
		err := v.eachMember(2, func(key []byte) error {
			switch string(key) {
			case "address":
				return str(&r.Address)
			case "module_address":
				// Shared by every resource of the module instance.
				raw, ok, err := v.strSpan(3)
				if ok {
					r.mod = p.moduleID(raw)
				}
				return err
			case "mode":
				return str(&mode)
			case "type":
				return str(&r.Type)
			case "name":
				return str(&r.Name)
			case "provider_name":
				return str(&r.ProviderName)
			case "previous_address":
				return str(&r.PreviousAddress)
			case "index":
				start := v.pos
				_, typ, err := v.span(3)
				if typ == jsonparser.String || typ == jsonparser.Number {
					r.Index = rawView(v.data[start:v.pos]) // the key as written, quotes included
				}
				return err
			case "change":
				if v.peek() != '{' {
					return v.skip(3)
				}
				// keep records an object (or also a bool, for the sensitivity
				// and unknown marks) in *dst.
				keep := func(dst *rawSpan, boolOK bool) error {
					raw, err := v.spanRecent(4)
					if err != nil {
						return err
					}
					if _, typ, _ := trimValue(raw); typ != jsonparser.Object && (!boolOK || typ != jsonparser.Boolean) {
						return nil
					}
					return r.setRaw(dst, raw)
				}
				return v.eachMember(3, func(key []byte) error {
					switch string(key) {
					case "actions":
						if v.peek() != '[' {
							return v.skip(4)
						}
						start := v.pos
						if err := v.skip(4); err != nil {
							return err
						}
						r.Actions = p.actionList(v.data[start:v.pos])
						return nil
					case "importing":
						_, typ, err := v.span(4)
						r.Importing = err == nil && typ == jsonparser.Object
						return err
					case "before":
						return keep(&r.before, false)
					case "before_sensitive":
						return keep(&r.beforeSensitive, true)
					case "after":
						return keep(&r.after, false)
					case "after_unknown":
						return keep(&r.unknown, true)
					case "after_sensitive":
						return keep(&r.sensitive, true)
					}
					return v.skip(4)
				})
			}
			return v.skip(3)
		})
		if err != nil {
			return err
		}
		if r.Address == "" || r.Type == "" {
			return inputErr("resource_changes[%d] has no address or type", n)
		}
		if mode == string(tfjson.DataResourceMode) {
			// A read deferred to apply; data sources are not grouped with resources.
			d := *r
			p.dropResource()
			d.data = true
			p.addDataSource(&d)
			return nil
		}
		if mode != "" && mode != string(tfjson.ManagedResourceMode) {
			p.dropResource()
			return nil
		}
		if isDeleteOnly(r.Actions) {
			// Deleted resources do not exist after apply: only regression rules
			// read them, and no correlation index holds them.
			r.tord = -1 // left out of Resources by finishGroups
			p.Deleted = append(p.Deleted, r)
			return nil
		}
		p.group(r) // Resources is made by finishGroups
		return nil
	})
}

// actionList returns the action list raw (a JSON array) holds: resources share
// one slice per distinct list, and consecutive resources usually have the same.
func (p *Plan) actionList(raw []byte) []string {
	if p.lastActionsRaw != nil && bytes.Equal(raw, p.lastActionsRaw) {
		return p.lastActions
	}
	list, ok := p.actions[string(raw)]
	if !ok {
		walkArray(raw, func(_ int, e rawElem) bool {
			if e.typ == jsonparser.String {
				list = append(list, p.str(e.raw))
			}
			return true
		})
		p.actions[rawView(raw)] = list
	}
	p.lastActionsRaw, p.lastActions = raw, list
	return list
}

func isDeleteOnly(actions []string) bool {
	if len(actions) == 0 {
		return false
	}
	for _, a := range actions {
		if a != "delete" {
			return false
		}
	}
	return true
}

func unquote(v []byte, typ jsonparser.ValueType) string {
	if typ != jsonparser.String {
		return string(v)
	}
	if bytes.IndexByte(v, '\\') < 0 {
		return string(v)
	}
	s, err := jsonparser.ParseString(v)
	if err != nil {
		return string(v)
	}
	return s
}
