// Package plan loads `terraform show -json` plans for the linter. It keeps
// terraform-json's types for the plan's configuration but never materialises
// resource values as generic maps: each resource change keeps raw JSON slices of
// its after, after_unknown and after_sensitive objects, and rules read only the
// attributes they need. That keeps large plans fast and memory-light.
package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/buger/jsonparser"
	"github.com/hashicorp/go-version"
	tfjson "github.com/hashicorp/terraform-json"
)

// Plan is a parsed plan.
type Plan struct {
	FormatVersion    string
	TerraformVersion string
	// Config is the plan's configuration section (nil for plans without one).
	Config *tfjson.Config
	// Resources holds every managed resource instance that exists after apply
	// (deletions are left out), in plan order.
	Resources []*Resource

	config *configIndex
	corr   *correlator
}

// Resource is one resource instance of the plan.
type Resource struct {
	Address       string
	ModuleAddress string
	Type          string
	Name          string
	ProviderName  string
	// Index is the raw JSON of the count or for_each key (`0`, `"a"`), or "".
	Index   string
	Actions []string

	after, afterUnknown, afterSensitive []byte
	// moduleKey and configAddr locate the resource's configuration block.
	moduleKey  string
	configAddr string
	plan       *Plan
}

// Changed reports whether the instance is created, updated or replaced (not a no-op or read).
func (r *Resource) Changed() bool {
	for _, a := range r.Actions {
		if a == "create" || a == "update" {
			return true
		}
	}
	return false
}

// ConfigAddress is the address without instance keys, as in the configuration.
func (r *Resource) ConfigAddress() string { return r.configAddr }

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
	if err := validJSON(data); err != nil {
		return nil, inputErr("input is not valid JSON: %v", err)
	}

	p = &Plan{}
	var rawChanges, rawConfig []byte
	var hasPlanned, hasValues, isStateFile bool
	err = jsonparser.ObjectEach(data, func(key, value []byte, typ jsonparser.ValueType, _ int) error {
		switch string(key) {
		case "format_version":
			p.FormatVersion = string(value)
		case "terraform_version":
			p.TerraformVersion = string(value)
		case "resource_changes":
			if typ == jsonparser.Array {
				rawChanges = value
			}
		case "configuration":
			if typ == jsonparser.Object {
				rawConfig = value
			}
		case "planned_values":
			hasPlanned = true
		case "values":
			hasValues = true
		case "lineage", "serial":
			isStateFile = true
		}
		return nil
	})
	if err != nil {
		return nil, inputErr("input is not a plan: %v", err)
	}
	switch {
	case isStateFile:
		return nil, inputErr("input is a Terraform state file, not a plan: run terraform plan -out=tfplan, " +
			"then terraform show -json tfplan")
	case p.FormatVersion == "":
		return nil, inputErr("input is JSON but not a Terraform plan (no format_version): expected the output " +
			"of terraform show -json PLANFILE")
	case hasValues && !hasPlanned && rawChanges == nil:
		return nil, inputErr("input is terraform show -json output of a state, not of a plan: run " +
			"terraform plan -out=tfplan, then terraform show -json tfplan")
	case !hasPlanned && rawChanges == nil && rawConfig == nil:
		return nil, inputErr("input is JSON but not a Terraform plan (no planned_values, resource_changes " +
			"or configuration): expected the output of terraform show -json PLANFILE")
	}
	v, err := version.NewVersion(p.FormatVersion)
	if err != nil || !formatConstraint.Check(v) {
		return nil, inputErr("unsupported plan format_version %q (supported: %s): update hardened-lint",
			p.FormatVersion, tfjson.PlanFormatVersionConstraints)
	}

	if rawConfig != nil {
		var cfg tfjson.Config
		if err := json.Unmarshal(rawConfig, &cfg); err != nil {
			return nil, inputErr("the plan's configuration section cannot be read: %v", err)
		}
		p.Config = &cfg
	}
	if rawChanges != nil {
		if err := p.readChanges(rawChanges); err != nil {
			return nil, err
		}
	}
	p.config = newConfigIndex(p.Config)
	p.corr = newCorrelator(p)
	return p, nil
}

func (p *Plan) readChanges(raw []byte) error {
	var firstErr error
	n := 0
	_, err := jsonparser.ArrayEach(raw, func(value []byte, typ jsonparser.ValueType, _ int, _ error) {
		n++
		if firstErr != nil {
			return
		}
		if typ != jsonparser.Object {
			firstErr = inputErr("resource_changes[%d] is not an object", n-1)
			return
		}
		r := &Resource{plan: p}
		mode := ""
		var change []byte
		err := jsonparser.ObjectEach(value, func(key, v []byte, vt jsonparser.ValueType, _ int) error {
			switch string(key) {
			case "address":
				r.Address = unquote(v, vt)
			case "module_address":
				r.ModuleAddress = unquote(v, vt)
			case "mode":
				mode = unquote(v, vt)
			case "type":
				r.Type = unquote(v, vt)
			case "name":
				r.Name = unquote(v, vt)
			case "provider_name":
				r.ProviderName = unquote(v, vt)
			case "index":
				if vt == jsonparser.String {
					r.Index = `"` + string(v) + `"`
				} else if vt == jsonparser.Number {
					r.Index = string(v)
				}
			case "change":
				if vt == jsonparser.Object {
					change = v
				}
			}
			return nil
		})
		if err != nil {
			firstErr = inputErr("resource_changes[%d]: %v", n-1, err)
			return
		}
		if r.Address == "" || r.Type == "" {
			firstErr = inputErr("resource_changes[%d] has no address or type", n-1)
			return
		}
		if mode != "" && mode != string(tfjson.ManagedResourceMode) {
			return // data sources are not linted
		}
		if change != nil {
			_ = jsonparser.ObjectEach(change, func(key, v []byte, vt jsonparser.ValueType, _ int) error {
				switch string(key) {
				case "actions":
					_, _ = jsonparser.ArrayEach(v, func(a []byte, at jsonparser.ValueType, _ int, _ error) {
						r.Actions = append(r.Actions, unquote(a, at))
					})
				case "after":
					if vt == jsonparser.Object {
						r.after = v
					}
				case "after_unknown":
					if vt == jsonparser.Object || vt == jsonparser.Boolean {
						r.afterUnknown = v
					}
				case "after_sensitive":
					if vt == jsonparser.Object || vt == jsonparser.Boolean {
						r.afterSensitive = v
					}
				}
				return nil
			})
		}
		if isDeleteOnly(r.Actions) {
			return
		}
		r.moduleKey = moduleKey(r.ModuleAddress)
		r.configAddr = configAddress(r.Address)
		p.Resources = append(p.Resources, r)
	})
	if firstErr != nil {
		return firstErr
	}
	if err != nil {
		return inputErr("resource_changes cannot be read: %v", err)
	}
	return nil
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

// ErrNotJSON marks input that is not JSON at all (possibly a binary plan file).
var ErrNotJSON = errors.New("not JSON")

// LooksLikeBinaryPlan reports whether data is a saved binary plan (a zip archive).
func LooksLikeBinaryPlan(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04"))
}

// String is a short description for debugging.
func (r *Resource) String() string {
	return r.Address + " (" + strings.Join(r.Actions, ",") + ")"
}
