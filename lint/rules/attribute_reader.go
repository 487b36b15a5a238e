package rules

import (
	"strconv"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// State is what the plan tells of an attribute's value.
type State uint8

const (
	// Unset: the configuration does not set the attribute. The plan shows it null,
	// or as known after apply when the provider or AWS fills in a default.
	Unset State = iota
	// Known: the plan holds the value.
	Known
	// Computed: the configuration sets the attribute from a value computed during
	// apply, so a verdict on it cannot be made from the plan.
	Computed
)

func (s State) String() string {
	switch s {
	case Known:
		return "known"
	case Computed:
		return "computed during apply"
	}
	return "unset"
}

// Attr is one attribute as a rule reads it: its value, and whether the value is
// known, unset or computed during apply. Rules decide on Attr.State rather than
// on plan.Value's markers, so that "known, computed or unset" is decided once, here.
type Attr struct {
	// Block is the nested block the attribute was read in ("" at the top level)
	// and Name the attribute; Path joins them as findings name the attribute.
	Block, Name string
	Value       plan.Value
	State       State
	// Sensitive: the plan marks the value (or a parent) sensitive; messages must
	// not show it (use Shown and ShownInt).
	Sensitive bool
}

// read reads a top-level attribute of r. The configuration is consulted only
// when the plan does not know the value.
func read(p *plan.Plan, r *plan.Resource, name string) Attr {
	return readValue("", name, r.Attr(name), func() bool { return p.AttrConfigured(r, name) })
}

// readIn reads attribute name of elem, one element of r's nested block (block
// "metadata_options", name "http_tokens"). Left unset inside a block, an
// optional+computed attribute is shown as known after apply exactly like a
// computed one: it is Computed only when the configuration sets name in the block.
func readIn(p *plan.Plan, r *plan.Resource, block string, elem plan.Value, name string) Attr {
	return readValue(block, name, elem.Get(name), func() bool { return p.NestedAttrConfigured(r, block, name) })
}

// readValue classifies a value a rule found by other means (a member of a block
// whose configuration is judged as a whole, say), named block.name. configured
// tells whether the configuration sets the value; it is called only for a value
// the plan does not know.
func readValue(block, name string, v plan.Value, configured func() bool) Attr {
	a := Attr{Block: block, Name: name, Value: v, Sensitive: v.Sensitive()}
	switch {
	case v.Unknown():
		if configured() {
			a.State = Computed
		}
	case !v.Null():
		a.State = Known
	}
	return a
}

// Path is the attribute as findings name it: "enable_logging", or
// "metadata_options.http_tokens" for one read inside a block.
func (a Attr) Path() string {
	if a.Block == "" {
		return a.Name
	}
	return a.Block + "." + a.Name
}

// Bool returns a known boolean ("true" and "false" strings count, as some
// providers write them); ok is false for anything else, whatever the State.
func (a Attr) Bool() (b, ok bool) { return a.Value.Bool() }

// Int returns a known integer (numbers and numeric strings).
func (a Attr) Int() (int64, bool) { return a.Value.Int() }

// Str returns a known string.
func (a Attr) Str() (string, bool) { return a.Value.Str() }

// Shown renders the value for a message: strings unquoted, engine.Redacted when
// the value is sensitive.
func (a Attr) Shown() string {
	if a.Sensitive {
		return engine.Redacted
	}
	if s, ok := a.Str(); ok {
		return s
	}
	return a.Value.Display()
}

// ShownInt renders the value as an integer for a message, engine.Redacted when
// it is sensitive.
func (a Attr) ShownInt() string {
	if a.Sensitive {
		return engine.Redacted
	}
	n, _ := a.Int()
	return strconv.FormatInt(n, 10)
}
