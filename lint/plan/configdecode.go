package plan

import (
	"encoding/json"
	"errors"

	"github.com/buger/jsonparser"
	tfjson "github.com/hashicorp/terraform-json"
)

// decodeConfig decodes the plan's configuration section (validated by the
// scanner) into terraform-json's types. A module's configuration appears once
// per call of it: a plan with thousands of calls of one module repeats the same
// body thousands of times, and decoding each copy was most of the time on such
// plans and most of their memory. Bodies that are byte-for-byte the same are
// decoded once and share one *tfjson.ConfigModule: read the configuration as a
// tree of module calls, never mutate it, and key nothing by a pointer into it
// alone (the same expression serves every call of the module).
//
// ends, if not nil, holds where module bodies end (see scanConfig): a body
// found there is not skipped again for its bytes.
func decodeConfig(raw []byte, ends moduleEnds) (*tfjson.Config, error) {
	d := &configDecoder{modules: map[string]*tfjson.ConfigModule{}, ends: ends}
	cfg, err := d.config(raw)
	if err == nil {
		return cfg, nil
	}
	// Something this decoder does not expect (a member of another type): let
	// encoding/json decode it, or say what is wrong with it.
	var c tfjson.Config
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

type configDecoder struct {
	// modules holds the decoded module bodies by their bytes (views of the input).
	modules map[string]*tfjson.ConfigModule
	ends    moduleEnds
}

var errUnexpected = errors.New("unexpected configuration member")

// The decoder walks the configuration in place: each function reads the
// value starting at d[i] member by member and returns the index just past it,
// so nested objects are read once on the way down. (Taking each member's bytes
// first and then walking them skipped the module calls' bodies once more at
// every level: the configuration was read four times.) A module body called
// from a module is still skipped once, for its bytes: they key the bodies
// decoded already.

func (d *configDecoder) config(raw []byte) (*tfjson.Config, error) {
	cfg := &tfjson.Config{}
	_, err := fields(raw, 0, func(key []byte, i int) (int, error) {
		switch string(key) {
		case "provider_config":
			v, end := valueAt(raw, i)
			return end, decodeMember(v, jsonparser.Object, &cfg.ProviderConfigs)
		case "root_module":
			switch raw[i] {
			case 'n':
				cfg.RootModule = nil
				return skipValue(raw, i), nil
			case '{':
				m, end, err := d.moduleAt(raw, i, 0)
				cfg.RootModule = m
				return end, err
			}
			return i, errUnexpected
		}
		return skipValue(raw, i), nil
	})
	return cfg, err
}

// module decodes a module body (the bytes of a validated object), once for
// all the calls whose body is the same bytes.
func (d *configDecoder) module(raw []byte, depth int) (*tfjson.ConfigModule, error) {
	if m, ok := d.modules[rawView(raw)]; ok {
		return m, nil
	}
	m, _, err := d.moduleAt(raw, 0, depth)
	if err != nil {
		return nil, err
	}
	d.modules[rawView(raw)] = m
	return m, nil
}

// moduleAt decodes the module body starting at raw[i] and returns the index just past it.
func (d *configDecoder) moduleAt(raw []byte, i, depth int) (*tfjson.ConfigModule, int, error) {
	if depth > 64 {
		return nil, i, errUnexpected // let encoding/json have it
	}
	m := &tfjson.ConfigModule{}
	end, err := fields(raw, i, func(key []byte, i int) (int, error) {
		switch string(key) {
		case "outputs":
			v, end := valueAt(raw, i)
			return end, decodeMember(v, jsonparser.Object, &m.Outputs)
		case "resources":
			v, end := valueAt(raw, i)
			return end, decodeMember(v, jsonparser.Array, &m.Resources)
		case "variables":
			v, end := valueAt(raw, i)
			return end, decodeMember(v, jsonparser.Object, &m.Variables)
		case "module_calls":
			switch raw[i] {
			case 'n':
				m.ModuleCalls = nil
				return skipValue(raw, i), nil
			case '{':
			default:
				return i, errUnexpected
			}
			m.ModuleCalls = map[string]*tfjson.ModuleCall{}
			return entries(raw, i, func(name []byte, i int) (int, error) {
				switch raw[i] {
				case 'n':
					m.ModuleCalls[string(name)] = nil
					return skipValue(raw, i), nil
				case '{':
					c, end, err := d.callAt(raw, i, depth)
					m.ModuleCalls[string(name)] = c
					return end, err
				}
				return i, errUnexpected
			})
		}
		return skipValue(raw, i), nil
	})
	return m, end, err
}

// callAt decodes the module call starting at raw[i] and returns the index just past it.
func (d *configDecoder) callAt(raw []byte, i, depth int) (*tfjson.ModuleCall, int, error) {
	c := &tfjson.ModuleCall{}
	end, err := fields(raw, i, func(key []byte, i int) (int, error) {
		var dst any
		switch string(key) {
		case "source", "version_constraint":
			v, end := valueAt(raw, i)
			if string(key) == "source" {
				return end, decodeString(v, &c.Source)
			}
			return end, decodeString(v, &c.VersionConstraint)
		case "expressions":
			dst = &c.Expressions
		case "count_expression":
			dst = &c.CountExpression
		case "for_each_expression":
			dst = &c.ForEachExpression
		case "depends_on":
			v, end := valueAt(raw, i)
			return end, decodeMember(v, jsonparser.Array, &c.DependsOn)
		case "module":
			if end, ok := d.ends[i]; ok && raw[i] == '{' {
				m, err := d.module(raw[i:end], depth+1)
				c.Module = m
				return end, err
			}
			v, end := valueAt(raw, i)
			switch v.typ {
			case jsonparser.Null:
				c.Module = nil
				return end, nil
			case jsonparser.Object:
				m, err := d.module(v.raw, depth+1)
				c.Module = m
				return end, err
			}
			return end, errUnexpected
		default:
			return skipValue(raw, i), nil
		}
		v, end := valueAt(raw, i)
		return end, decodeMember(v, jsonparser.Object, dst)
	})
	return c, end, err
}

// fields calls fn for each member of the validated object starting at d[i]
// that encodes a struct, with the index where the member's value starts; fn
// returns the index just past the value (read or skipped). fields returns the
// index just past the object. encoding/json matches field names without regard
// to case: anything but the exact lower-case names Terraform writes goes to
// encoding/json.
func fields(d []byte, i int, fn func(key []byte, i int) (int, error)) (int, error) {
	return entries(d, i, func(key []byte, i int) (int, error) {
		if !isLowerName(key) {
			return i, errUnexpected
		}
		return fn(key, i)
	})
}

// entries calls fn for each member of the validated object starting at d[i],
// keys unescaped, as fields does.
func entries(d []byte, i int, fn func(key []byte, i int) (int, error)) (int, error) {
	if i >= len(d) || d[i] != '{' {
		return i, errUnexpected
	}
	i = skipWS(d, i+1)
	for i < len(d) && d[i] == '"' {
		key, kEnd := readKey(d, i)
		i = skipWS(d, kEnd)
		i = skipWS(d, i+1) // ':'
		end, err := fn(key, i)
		if err != nil {
			return end, err
		}
		i = skipWS(d, end)
		if i < len(d) && d[i] == ',' {
			i = skipWS(d, i+1)
		}
	}
	return min(i+1, len(d)), nil // past '}'
}

func isLowerName(s []byte) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return false
		}
	}
	return true
}

// decodeMember decodes a member of type typ (or null) with encoding/json.
func decodeMember(v rawElem, typ jsonparser.ValueType, dst any) error {
	if v.typ != typ && v.typ != jsonparser.Null {
		return errUnexpected
	}
	return json.Unmarshal(v.raw, dst)
}

func decodeString(v rawElem, dst *string) error {
	switch v.typ {
	case jsonparser.Null:
		return nil
	case jsonparser.String:
		*dst = unquote(v.raw, jsonparser.String)
		return nil
	}
	return errUnexpected
}
