// Package plan loads `terraform show -json` plans for the linter. It keeps
// terraform-json's types for the plan's configuration but never materialises
// resource values as generic maps: each resource change keeps raw JSON slices of
// its after, after_unknown and after_sensitive objects, and rules read only the
// attributes they need. That keeps large plans fast and memory-light.
package plan

import (
	"bytes"
	"math"
	"strings"
	"unsafe"

	"github.com/buger/jsonparser"
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
	// Deleted holds the managed resource instances the plan deletes (actions
	// ["delete"]), in plan order: their Before values are what is lost.
	Deleted []*Resource
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
	// lastActionsRaw is the last action list read (see actionList).
	lastActionsRaw []byte
	lastActions    []string
	scratch        []byte
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
	// groups holds the groups in blocks of groupBlock (see groupAt); ngroups
	// is their number, byGroup their instances (see instancesOf).
	groups    [][]configGroup
	ngroups   int32
	byGroup   []*Resource
	groupIDs  map[string]int32
	lastGroup int32
	lastType  int32 // the type typeID returned last
	types     []typeGroup
	typeIDs   map[string]int32
	// slab and arena hold resources and unescaped strings in blocks; slabs are
	// the full slabs before slab, kept is the number of resources group filed.
	slab  []Resource
	slabs [][]Resource
	kept  int
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
	Address      string
	Type         string
	Name         string
	ProviderName string
	// Index is the raw JSON of the count or for_each key (`0`, `"a"`), or "".
	Index   string
	Actions []string
	// PreviousAddress is the address the instance had before a moved block (or a
	// rename through one) moved it, or "".
	PreviousAddress string
	// Importing is set when the plan imports the instance (an import block).
	Importing bool
	// data: a data resource instance (Plan.DataSources); it fills what was
	// padding after Importing.
	data bool

	// The change's after, after_unknown and after_sensitive objects, as offsets
	// from base (a pointer into the input): a third of the size of three slices,
	// which matters with a hundred thousand resources in memory.
	base                      unsafe.Pointer
	after, unknown, sensitive rawSpan
	// before and beforeSensitive are the change's before and before_sensitive.
	before, beforeSensitive rawSpan
	memo                    *memoList
	ix                      *attrIndex // see index
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

// ModuleAddress is the module instance the resource instance is in
// (`module.a["x"]`), "" in the root module: the change's module_address, or
// for a data source the module part of its address. It is not kept in each
// resource: the module instances are numbered (Plan.mods) and a resource
// holds its number.
func (r *Resource) ModuleAddress() string {
	switch {
	case r.data:
		return moduleOf(r.Address)
	case r.plan == nil:
		return ""
	}
	return r.plan.mods[r.mod].addr
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

// ConfigAddress is the address without instance keys, as in the configuration.
func (r *Resource) ConfigAddress() string { return r.plan.groupAt(r.group).addr }

// newResource returns a zeroed Resource from the plan's current slab: resources
// are allocated in blocks, not one by one. dropResource gives the last one back.
func (p *Plan) newResource() *Resource {
	if len(p.slab) == cap(p.slab) {
		if p.slab != nil {
			p.slabs = append(p.slabs, p.slab)
		}
		p.slab = make([]Resource, 0, resourceSlab)
	}
	p.slab = p.slab[:len(p.slab)+1]
	r := &p.slab[len(p.slab)-1]
	r.plan = p
	return r
}

// resourceSlab is the number of resources in a slab: as many as fill 64 KB, a
// whole number of the heap's 8 KB pages (256 of them took 58 KB, rounded up to
// 64 KB: 9% of every slab was never used).
const resourceSlab = 64 << 10 / int(unsafe.Sizeof(Resource{}))

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

// configGroup is the instances of one configuration address, in plan order:
// Plan.byGroup[first:first+n] (see instancesOf).
type configGroup struct {
	addr string
	typ  int32 // index in Plan.types
	n    int32 // the number of instances (see group)
	// first is the index of the first instance in Plan.byGroup (see finishGroups).
	first int32
	// mixed: some instance's type is not typ (inconsistent input).
	mixed bool
	// cfg is the instances' configuration block, once looked up (configResource).
	cfg *tfjson.ConfigResource
}

// groupBlock is the number of groups a block of Plan.groups holds. Groups are
// numbered as they are met, one per distinct address: in blocks that never
// move, a plan of a hundred thousand addresses does not copy them as they
// grow (a slice growing by a quarter at a time allocated five times their
// size), and keeps no spare ones beyond its last block.
const groupBlock = 1024

// groupAt is the group numbered id.
func (p *Plan) groupAt(id int32) *configGroup {
	return &p.groups[uint32(id)/groupBlock][uint32(id)%groupBlock]
}

// instancesOf is the instances of the group numbered id, in plan order,
// without spare capacity.
func (p *Plan) instancesOf(id int32) []*Resource {
	g := p.groupAt(id)
	return p.byGroup[g.first : g.first+g.n : g.first+g.n]
}

// addGroup numbers a new group.
func (p *Plan) addGroup(g configGroup) int32 {
	id := p.ngroups
	if uint32(id)%groupBlock == 0 {
		p.groups = append(p.groups, make([]configGroup, groupBlock))
	}
	p.groups[len(p.groups)-1][uint32(id)%groupBlock] = g
	p.ngroups++
	return id
}

type typeGroup struct {
	name      string
	n         int32 // the number of resources (see group)
	resources []*Resource
}

// group files a kept resource under its configuration address and its type
// while its bytes are still in cache: correlation indexes are made from these
// groups instead of hashing every resource's strings again. It only numbers and
// counts them (r.tord holds the type's index until then); finishGroups fills
// the groups once every resource is read, so no group's slice grows.
func (p *Plan) group(r *Resource) {
	cfg, shared := p.configAddressOf(r)
	// The instances of an address are usually consecutive: the last group first.
	id := p.lastGroup
	if p.ngroups == 0 || p.groupAt(id).addr != cfg {
		var ok bool
		if id, ok = p.groupIDs[cfg]; !ok {
			// A part of the address is shared, not copied (most resources of
			// plans without count or for_each are each their own group).
			addr := cfg
			if !shared {
				addr = string(p.scratch)
			}
			id = p.addGroup(configGroup{addr: addr, typ: p.typeID(r.Type)})
			p.groupIDs[addr] = id
		}
		p.lastGroup = id
	}
	g := p.groupAt(id)
	r.group = id
	p.kept++
	g.n++
	t := g.typ
	if p.types[t].name != r.Type { // only in inconsistent input: a type that is not the address's
		t = p.typeID(r.Type)
		g.mixed = true
	}
	r.tord = t
	p.types[t].n++
}

// configAddressOf returns r's address without instance keys: a part of
// r.Address (shared) when the only key is the instance's own, written as its
// index is (no escapes) at the end, or none; else a view of p.scratch, valid
// until the next use of it.
func (p *Plan) configAddressOf(r *Resource) (string, bool) {
	a, k := r.Address, len(r.Index)
	if n := len(a) - k - 2; k > 0 && n > 0 && a[n] == '[' && a[len(a)-1] == ']' && a[n+1:len(a)-1] == r.Index &&
		strings.IndexByte(r.Index, '\\') < 0 && strings.IndexByte(a[:n], '[') < 0 {
		// A number, or a string without escapes: it holds no ']' outside its
		// quotes, so the key is what appendConfigAddress would strip.
		return a[:n], true
	}
	i := strings.IndexByte(a, '[')
	if i < 0 {
		return a, true
	}
	p.scratch = appendConfigAddressAt(p.scratch[:0], a, i)
	return rawView(p.scratch), false
}

// finishGroups makes p.Resources (the resources group filed, in plan order,
// from the slabs they were read into) and fills the groups and types group
// counted, all parts of one block sized to their count, and sets each
// resource's position among the resources of its type.
func (p *Plan) finishGroups() {
	n := p.kept
	all := make([]*Resource, 3*n)
	p.Resources, p.byGroup, all = all[:0:n], all[n:2*n:2*n], all[2*n:]
	off := int32(0)
	for id := int32(0); id < p.ngroups; id++ {
		g := p.groupAt(id)
		g.first = off
		off += g.n
		g.n = 0 // counts again below
	}
	off = 0
	for i := range p.types {
		t := &p.types[i]
		t.resources = all[off : off : off+t.n]
		off += t.n
	}
	p.slabs = append(p.slabs, p.slab)
	for _, slab := range p.slabs {
		for i := range slab {
			r := &slab[i]
			if r.tord < 0 { // deleted (see readChanges)
				r.tord = 0
				continue
			}
			p.Resources = append(p.Resources, r)
			g := p.groupAt(r.group)
			p.byGroup[g.first+g.n] = r
			g.n++
			t := &p.types[r.tord]
			r.tord = int32(len(t.resources))
			t.resources = append(t.resources, r)
		}
	}
	p.slabs, p.slab = nil, nil
}

func (p *Plan) typeID(name string) int32 {
	if len(p.types) > 0 && p.types[p.lastType].name == name {
		return p.lastType
	}
	id, ok := p.typeIDs[name]
	if !ok {
		id = int32(len(p.types))
		p.types = append(p.types, typeGroup{name: name})
		p.typeIDs[name] = id
	}
	p.lastType = id
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

// groupBytes is the fewest bytes of input a resource of its own configuration
// address usually takes (its change, its configuration block): Parse sizes the
// groups' map for one per groupBytes of input instead of growing it.
const groupBytes = 1024
