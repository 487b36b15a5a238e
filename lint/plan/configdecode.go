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
func decodeConfig(raw []byte) (*tfjson.Config, error) {
	d := &configDecoder{modules: map[string]*tfjson.ConfigModule{}}
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
}

var errUnexpected = errors.New("unexpected configuration member")

func (d *configDecoder) config(raw []byte) (*tfjson.Config, error) {
	cfg := &tfjson.Config{}
	err := fields(raw, func(key string, v rawElem) error {
		switch key {
		case "provider_config":
			return decodeMember(v, jsonparser.Object, &cfg.ProviderConfigs)
		case "root_module":
			if v.typ == jsonparser.Null {
				cfg.RootModule = nil
				return nil
			}
			if v.typ != jsonparser.Object {
				return errUnexpected
			}
			m, err := d.module(v.raw, 0)
			cfg.RootModule = m
			return err
		}
		return nil
	})
	return cfg, err
}

func (d *configDecoder) module(raw []byte, depth int) (*tfjson.ConfigModule, error) {
	if m, ok := d.modules[rawView(raw)]; ok {
		return m, nil
	}
	if depth > 64 {
		return nil, errUnexpected // let encoding/json have it
	}
	m := &tfjson.ConfigModule{}
	err := fields(raw, func(key string, v rawElem) error {
		switch key {
		case "outputs":
			return decodeMember(v, jsonparser.Object, &m.Outputs)
		case "resources":
			return decodeMember(v, jsonparser.Array, &m.Resources)
		case "variables":
			return decodeMember(v, jsonparser.Object, &m.Variables)
		case "module_calls":
			if v.typ == jsonparser.Null {
				m.ModuleCalls = nil
				return nil
			}
			if v.typ != jsonparser.Object {
				return errUnexpected
			}
			m.ModuleCalls = map[string]*tfjson.ModuleCall{}
			return entries(v.raw, func(name string, cv rawElem) error {
				if cv.typ == jsonparser.Null {
					m.ModuleCalls[name] = nil
					return nil
				}
				if cv.typ != jsonparser.Object {
					return errUnexpected
				}
				c, err := d.call(cv.raw, depth)
				m.ModuleCalls[name] = c
				return err
			})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	d.modules[rawView(raw)] = m
	return m, nil
}

func (d *configDecoder) call(raw []byte, depth int) (*tfjson.ModuleCall, error) {
	c := &tfjson.ModuleCall{}
	err := fields(raw, func(key string, v rawElem) error {
		switch key {
		case "source":
			return decodeString(v, &c.Source)
		case "version_constraint":
			return decodeString(v, &c.VersionConstraint)
		case "expressions":
			return decodeMember(v, jsonparser.Object, &c.Expressions)
		case "count_expression":
			return decodeMember(v, jsonparser.Object, &c.CountExpression)
		case "for_each_expression":
			return decodeMember(v, jsonparser.Object, &c.ForEachExpression)
		case "depends_on":
			return decodeMember(v, jsonparser.Array, &c.DependsOn)
		case "module":
			if v.typ == jsonparser.Null {
				c.Module = nil
				return nil
			}
			if v.typ != jsonparser.Object {
				return errUnexpected
			}
			m, err := d.module(v.raw, depth+1)
			c.Module = m
			return err
		}
		return nil
	})
	return c, err
}

// fields calls fn for each member of a validated object that encodes a struct.
// encoding/json matches field names without regard to case: anything but the
// exact lower-case names Terraform writes goes to encoding/json.
func fields(obj []byte, fn func(key string, v rawElem) error) error {
	return entries(obj, func(key string, v rawElem) error {
		if !isLowerName(key) {
			return errUnexpected
		}
		return fn(key, v)
	})
}

// entries calls fn for each member of a validated object, keys unescaped.
func entries(obj []byte, fn func(key string, v rawElem) error) error {
	var err error
	walkObject(obj, func(k []byte, v rawElem) bool {
		err = fn(string(k), v)
		return err == nil
	})
	return err
}

func isLowerName(s string) bool {
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
