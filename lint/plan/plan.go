// Package plan loads `terraform show -json` plans for the linter. It keeps
// terraform-json's types for the plan's configuration but never materialises
// resource values as generic maps: each resource change keeps raw JSON slices of
// its after, after_unknown and after_sensitive objects, and rules read only the
// attributes they need. That keeps large plans fast and memory-light.
package plan

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"unsafe"

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
	// DataSources holds the data resource instances the plan read (prior_state)
	// or will read during apply (resource_changes with the action "read").
	DataSources []*Resource

	dataIndex map[string]int
	config    *configIndex
	corr      *correlator
	// intern shares the strings many resources repeat (config addresses, module
	// paths, action lists).
	intern  map[string]string
	actions map[string][]string
	scratch []byte
	// memoRing holds the memoised values of the last resources asked, the oldest
	// at memoNext.
	memoRing []memoList
	memoNext int
	// planMemo holds plan-wide answers (see Plan.Memo).
	planMemo map[string]any
	// mods are the distinct module instances (see moduleID), groups and types
	// the resources by configuration address and by type (see group).
	mods       []moduleInstance
	modIDs     map[string]int32
	lastModRaw []byte
	lastMod    int32
	groups     []configGroup
	groupIDs   map[string]int32
	types      []typeGroup
	typeIDs    map[string]int32
	// slab and arena hold resources and unescaped strings in blocks.
	slab  []Resource
	arena []byte
	// ixRing holds the attribute indexes of the resources asked about last.
	ixRing []attrIndex
	ixNext int
}

func (p *Plan) internString(b []byte) string {
	if s, ok := p.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	p.intern[s] = s
	return s
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

	// The change's after, after_unknown and after_sensitive objects, as offsets
	// from base (a pointer into the input): a third of the size of three slices,
	// which matters with a hundred thousand resources in memory.
	base                      unsafe.Pointer
	after, unknown, sensitive rawSpan
	memo                      *memoList
	ix                        *attrIndex // see index
	// mod, group and tord are the resource's module instance (Plan.mods), its
	// configuration address (Plan.groups) and its position among the resources
	// of its type (Plan.types).
	mod, group, tord int32
	// seen is the correlator's mark for de-duplicating a result (see
	// appendReferenced); it fills what was padding before plan.
	seen uint32
	plan *Plan
}

// rawSpan locates a raw JSON value from Resource.base; n == 0: absent.
type rawSpan struct{ off, n uint32 }

func (r *Resource) raw(s rawSpan) []byte {
	if s.n == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Add(r.base, int(s.off))), int(s.n))
}

func (r *Resource) afterRaw() []byte     { return r.raw(r.after) }
func (r *Resource) unknownRaw() []byte   { return r.raw(r.unknown) }
func (r *Resource) sensitiveRaw() []byte { return r.raw(r.sensitive) }

// setRaw records raw, a part of the resource's entry of the input, in *dst.
// The scanner moves forward, so parts come after the first one, base.
func (r *Resource) setRaw(dst *rawSpan, raw []byte) error {
	if len(raw) == 0 {
		*dst = rawSpan{}
		return nil
	}
	ptr := unsafe.Pointer(&raw[0])
	if r.base == nil {
		r.base = ptr
	}
	off := uintptr(ptr) - uintptr(r.base)
	if off > math.MaxUint32 || uint64(len(raw)) > math.MaxUint32-uint64(off) {
		return inputErr("resource %s is larger than 4 GiB", r.Address)
	}
	*dst = rawSpan{uint32(off), uint32(len(raw))}
	return nil
}

// moduleKey is the module path of the resource's configuration block, without
// instance keys ("" for the root module).
func (r *Resource) moduleKey() string { return r.plan.mods[r.mod].key }

// Changed reports whether the instance is created, updated or replaced (not a no-op or read).
func (r *Resource) Changed() bool {
	for _, a := range r.Actions {
		if a == "create" || a == "update" {
			return true
		}
	}
	return false
}

// Memo caches a value derived from the resource (e.g. its normalised rules) so
// that several rules reading the same structure derive it once. Only the most
// recently memoised resources keep their values (rules run resource by resource),
// so memory stays flat on large plans; an evicted value is derived again if asked.
func (r *Resource) Memo(key string, derive func() any) any {
	if m := r.memo; m != nil && m.owner == r {
		for _, e := range m.entries {
			if e.key == key {
				return e.val
			}
		}
	}
	v := derive()
	// derive may have memoised other resources: take r's slot only now.
	m := r.memo
	if m == nil || m.owner != r {
		m = r.plan.memoSlot(r)
		r.memo = m
	}
	m.entries = append(m.entries, memoEntry{key, v})
	return v
}

// Memo caches a plan-wide answer (e.g. "does any trail record S3 data events")
// that rules would otherwise recompute for every resource they check, which
// would make them quadratic in plan size. Values are kept for the plan's life.
func (p *Plan) Memo(key string, derive func() any) any {
	if v, ok := p.planMemo[key]; ok {
		return v
	}
	if p.planMemo == nil {
		p.planMemo = map[string]any{}
	}
	v := derive()
	p.planMemo[key] = v
	return v
}

// memoList holds one resource's memoised values. The lists live in a ring that
// the plan reuses, so memoising allocates nothing once the ring is warm.
type memoList struct {
	owner   *Resource
	entries []memoEntry
}

type memoEntry struct {
	key string
	val any
}

// memoRing is how many resources keep their memoised values.
const memoRing = 64

// memoSlot gives r the ring's next list, dropping the values of the resource
// that memoised longest ago.
func (p *Plan) memoSlot(r *Resource) *memoList {
	if p == nil {
		return &memoList{owner: r}
	}
	if p.memoRing == nil {
		p.memoRing = make([]memoList, memoRing)
	}
	m := &p.memoRing[p.memoNext]
	p.memoNext = (p.memoNext + 1) % memoRing
	if m.owner != nil && m.owner.memo == m {
		m.owner.memo = nil
	}
	clear(m.entries) // let the evicted values be collected
	m.owner, m.entries = r, m.entries[:0]
	return m
}

// ConfigAddress is the address without instance keys, as in the configuration.
func (r *Resource) ConfigAddress() string { return r.plan.groups[r.group].addr }

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
		groupIDs: map[string]int32{}, typeIDs: map[string]int32{}}
	var rawConfig []byte
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
			raw, typ, err := v.span(1)
			if err == nil && typ == jsonparser.Object {
				rawConfig = raw
			}
			return err
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
		cfg, err := decodeConfig(rawConfig)
		if err != nil {
			return nil, inputErr("the plan's configuration section cannot be read: %v", err)
		}
		p.Config = cfg
	}
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
			raw, typ, err := v.span(3)
			if err == nil && typ == jsonparser.String {
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
				raw, typ, err := v.span(3)
				if err == nil && typ == jsonparser.String {
					r.mod = p.moduleID(raw)
					r.ModuleAddress = p.mods[r.mod].addr
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
				return v.eachMember(3, func(key []byte) error {
					ck := string(key)
					switch ck {
					case "actions":
						if v.peek() != '[' {
							return v.skip(4)
						}
						start := v.pos
						if err := v.skip(4); err != nil {
							return err
						}
						// Resources share one slice per distinct action list.
						raw := v.data[start:v.pos]
						if shared, ok := p.actions[string(raw)]; ok {
							r.Actions = shared
							return nil
						}
						var list []string
						walkArray(raw, func(_ int, e rawElem) bool {
							if e.typ == jsonparser.String {
								list = append(list, p.str(e.raw))
							}
							return true
						})
						p.actions[rawView(raw)] = list
						r.Actions = list
						return nil
					case "after", "after_unknown", "after_sensitive":
						raw, typ, err := v.span(4)
						if err != nil {
							return err
						}
						keep := typ == jsonparser.Object || (ck != "after" && typ == jsonparser.Boolean)
						if keep {
							switch ck {
							case "after":
								return r.setRaw(&r.after, raw)
							case "after_unknown":
								return r.setRaw(&r.unknown, raw)
							default:
								return r.setRaw(&r.sensitive, raw)
							}
						}
						return nil
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
			d.ModuleAddress = moduleOf(d.Address)
			p.addDataSource(&d)
			return nil
		}
		if (mode != "" && mode != string(tfjson.ManagedResourceMode)) || isDeleteOnly(r.Actions) {
			p.dropResource()
			return nil // deleted resources do not exist after apply
		}
		p.group(r)
		p.Resources = append(p.Resources, r)
		return nil
	})
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

// newResource returns a zeroed Resource from the plan's current slab: resources
// are allocated in blocks, not one by one. dropResource gives the last one back.
func (p *Plan) newResource() *Resource {
	if len(p.slab) == cap(p.slab) {
		p.slab = make([]Resource, 0, resourceSlab)
	}
	p.slab = p.slab[:len(p.slab)+1]
	r := &p.slab[len(p.slab)-1]
	r.plan = p
	return r
}

const resourceSlab = 256

func (p *Plan) dropResource() {
	p.slab[len(p.slab)-1] = Resource{}
	p.slab = p.slab[:len(p.slab)-1]
}

// str returns a JSON string's value (raw is its bytes between the quotes): a view
// of the input when it has no escapes, else the unescaped value written to the
// plan's string arena, so that loading allocates no string per resource.
func (p *Plan) str(raw []byte) string {
	return p.strEscaped(raw, bytes.IndexByte(raw, '\\') >= 0)
}

// strEscaped is str for a string the scanner has just read: it knows whether
// the string has escapes.
func (p *Plan) strEscaped(raw []byte, escaped bool) string {
	if !escaped {
		return rawView(raw)
	}
	if cap(p.arena)-len(p.arena) < len(raw) {
		p.arena = make([]byte, 0, max(arenaBlock, len(raw)))
	}
	// Unescaping never lengthens a string, so it fits in the arena's free space.
	out, err := jsonparser.Unescape(raw, p.arena[len(p.arena):])
	if err != nil {
		return unquote(raw, jsonparser.String)
	}
	if len(out) == 0 {
		return ""
	}
	p.arena = p.arena[:len(p.arena)+len(out)]
	return unsafe.String(&out[0], len(out))
}

const arenaBlock = 64 << 10

// moduleInstance is a distinct module_address; Resource.mod is its index in
// Plan.mods, where 0 is the root module.
type moduleInstance struct {
	addr string // module_address
	key  string // the same without instance keys (configAddress)
}

// moduleID returns the index of a module_address (raw, as in the input) in
// p.mods, adding it if new. The resources of a module instance are usually
// consecutive, so the last one is checked first.
func (p *Plan) moduleID(raw []byte) int32 {
	if p.lastModRaw != nil && bytes.Equal(raw, p.lastModRaw) {
		return p.lastMod
	}
	id, ok := p.modIDs[string(raw)]
	if !ok {
		// Keyed by the raw form, but one ID per value however it is escaped.
		addr := p.str(raw)
		if id, ok = p.modIDs[addr]; !ok {
			p.scratch = appendConfigAddress(p.scratch[:0], addr)
			id = int32(len(p.mods))
			p.mods = append(p.mods, moduleInstance{addr: addr, key: p.internString(p.scratch)})
			p.modIDs[addr] = id
		}
		p.modIDs[rawView(raw)] = id
	}
	p.lastModRaw, p.lastMod = raw, id
	return id
}

// configGroup is the instances of one configuration address, in plan order.
type configGroup struct {
	addr      string
	typ       int32 // index in Plan.types
	instances []*Resource
	// mixed: some instance's type is not typ (inconsistent input).
	mixed bool
	// cfg is the instances' configuration block, once looked up (configResource).
	cfg *tfjson.ConfigResource
}

type typeGroup struct {
	name      string
	resources []*Resource
}

// group files a kept resource under its configuration address and its type
// while its bytes are still in cache: correlation indexes are made from these
// groups instead of hashing every resource's strings again.
func (p *Plan) group(r *Resource) {
	p.scratch = appendConfigAddress(p.scratch[:0], r.Address)
	id, ok := p.groupIDs[string(p.scratch)]
	if !ok {
		addr := string(p.scratch)
		id = int32(len(p.groups))
		p.groups = append(p.groups, configGroup{addr: addr, typ: p.typeID(r.Type)})
		p.groupIDs[addr] = id
	}
	g := &p.groups[id]
	r.group = id
	g.instances = append(g.instances, r)
	t := g.typ
	if p.types[t].name != r.Type { // only in inconsistent input: a type that is not the address's
		t = p.typeID(r.Type)
		g.mixed = true
	}
	r.tord = int32(len(p.types[t].resources))
	p.types[t].resources = append(p.types[t].resources, r)
}

func (p *Plan) typeID(name string) int32 {
	id, ok := p.typeIDs[name]
	if !ok {
		id = int32(len(p.types))
		p.types = append(p.types, typeGroup{name: name})
		p.typeIDs[name] = id
	}
	return id
}

// rawView is the bytes as a string, without copying: the input (which raw is
// part of) is never modified after loading.
func rawView(raw []byte) string {
	if len(raw) == 0 {
		return ""
	}
	return unsafe.String(&raw[0], len(raw))
}

// LooksLikeBinaryPlan reports whether data is a saved binary plan (a zip archive).
func LooksLikeBinaryPlan(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04"))
}

// String is a short description for debugging.
func (r *Resource) String() string {
	return r.Address + " (" + strings.Join(r.Actions, ",") + ")"
}
