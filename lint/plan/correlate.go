package plan

import (
	"bytes"
	"slices"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// correlator answers "which resource does this attribute refer to" and its
// reverse, "which resources of type T refer to this one" (the public access block
// of a bucket, the rules of a security group). Every index is built once, lazily,
// in time linear in the plan.
type correlator struct {
	p *Plan
	// narrow indexes, per referenced config address, its instances by module
	// instance and by module instance + count/for_each key: built on first use,
	// only for addresses something refers to, so correlation stays linear.
	narrow  []*instanceIndex // by configuration address (Plan.groups)
	byType  map[string][]*Resource
	byValue map[string]map[string]*valueCands // type -> known id/arn/name/bucket -> instances
	reverse map[reverseKey]*grouped
	// forward is what Referenced answers with a single type, by the same key
	// (the referring instance's type, the attribute, the type asked for).
	forward map[reverseKey]*grouped
	// recent caches reverse's lookups by a hash of the key's lengths and last
	// bytes (rules ask with the same constants for every resource: hashing
	// their three strings each time was most of ReferencedBy's cost).
	recent [64]reverseIndex
	cross  map[crossKey]*crossCands // see pick
	// stamp marks the resources already in the result appendReferenced is
	// making (Resource.seen): a constant-time de-duplication, where a search of
	// the result made a resource referring to many candidates quadratic.
	stamp uint32
}

// grouped is resources grouped by a dense small integer (a resource's position
// among its type, a module instance), in plan order within each group: one
// array and offsets instead of a map of slices (a hundred thousand small
// allocations and hashes on a large plan).
type grouped struct {
	off  []int32 // group g is refs[off[g]:off[g+1]]
	refs []*Resource
	// sparse, when set, maps the groups present to dense numbers (see newSparseGrouped).
	sparse map[int32]int32
}

type groupedPair struct {
	g int32
	r *Resource
}

func newGrouped(groups int, pairs []groupedPair) *grouped {
	gr := &grouped{off: make([]int32, groups+1), refs: make([]*Resource, len(pairs))}
	for _, pr := range pairs {
		gr.off[pr.g+1]++
	}
	for g := 1; g <= groups; g++ {
		gr.off[g] += gr.off[g-1]
	}
	next := make([]int32, groups)
	copy(next, gr.off[:groups])
	for _, pr := range pairs {
		gr.refs[next[pr.g]] = pr.r
		next[pr.g]++
	}
	return gr
}

// newSparseGrouped is newGrouped for pairs whose groups are few and far apart:
// numbered densely through a map, so memory follows the pairs, not the range.
func newSparseGrouped(pairs []groupedPair) *grouped {
	sparse := map[int32]int32{}
	dense := make([]groupedPair, len(pairs))
	for i, pr := range pairs {
		d, ok := sparse[pr.g]
		if !ok {
			d = int32(len(sparse))
			sparse[pr.g] = d
		}
		dense[i] = groupedPair{d, pr.r}
	}
	gr := newGrouped(len(sparse), dense)
	gr.sparse = sparse
	return gr
}

// of returns group g (nil if empty or out of range), with no spare capacity:
// callers may append to it.
func (gr *grouped) of(g int32) []*Resource {
	if gr.sparse != nil {
		d, ok := gr.sparse[g]
		if !ok {
			return nil
		}
		g = d
	}
	if g < 0 || int(g)+1 >= len(gr.off) {
		return nil
	}
	lo, hi := gr.off[g], gr.off[g+1]
	if lo == hi {
		return nil
	}
	return gr.refs[lo:hi:hi]
}

type reverseKey struct{ refType, attr, targetType string }

type reverseIndex struct {
	key reverseKey
	rev *grouped
}

func reverseSlot(k reverseKey) int {
	h := uint(len(k.refType))<<8 | uint(len(k.attr))<<4 | uint(len(k.targetType))
	for _, s := range [...]string{k.refType, k.attr, k.targetType} {
		if n := len(s); n > 0 {
			h = h*31 + uint(s[n/2])
			h = h*31 + uint(s[n-1])
		}
	}
	h ^= h >> 9
	return int(h % uint(len(correlator{}.recent)))
}

func (c *correlator) reverseIndex(key reverseKey) (*grouped, bool) {
	slot := &c.recent[reverseSlot(key)]
	if slot.rev != nil && slot.key == key {
		return slot.rev, true
	}
	rev, ok := c.reverse[key]
	if ok {
		*slot = reverseIndex{key, rev}
	}
	return rev, ok
}

func (c *correlator) addReverseIndex(key reverseKey, rev *grouped) {
	c.reverse[key] = rev
	c.recent[reverseSlot(key)] = reverseIndex{key, rev}
}

func newCorrelator(p *Plan) *correlator {
	c := &correlator{
		p:       p,
		narrow:  make([]*instanceIndex, p.ngroups),
		byType:  map[string][]*Resource{},
		byValue: map[string]map[string]*valueCands{},
		reverse: map[reverseKey]*grouped{},
		forward: map[reverseKey]*grouped{},
		cross:   map[crossKey]*crossCands{},
	}
	// Made from the groups Parse filed resources in: callers may append to these
	// slices, so none has spare capacity.
	for i := range p.types {
		t := &p.types[i]
		c.byType[t.name] = t.resources[:len(t.resources):len(t.resources)]
	}
	return c
}

// OfType returns every instance of a resource type (changed or not), in plan order.
func (p *Plan) OfType(typ string) []*Resource { return p.corr.byType[typ] }

// Referenced returns the resources of the given types that r's attribute refers
// to (a top-level attribute, or "block.attr" for one in a nested block): through the configuration's references (across module calls,
// variables and outputs, matching count/for_each keys), or else through a known
// value equal to a candidate's id, arn, name or bucket. The result is shared:
// callers may append to it, not change it.
func (p *Plan) Referenced(r *Resource, attr string, types ...string) []*Resource {
	if len(types) != 1 || !p.corr.indexed(r) {
		return p.corr.referenced(r, attr, types)
	}
	// Asked for every instance of a type in turn (each trail's bucket, each
	// bucket policy's bucket): answered for all of them at once, as ReferencedBy
	// is, the instances of an address sharing their configuration targets.
	key := reverseKey{r.Type, attr, types[0]}
	fwd := p.corr.forward[key]
	if fwd == nil {
		_, fwd = p.corr.index(key, false, true)
		p.corr.forward[key] = fwd
	}
	return fwd.of(r.tord)
}

// indexed reports whether r is the resource at its position among those of its
// type (OfType), which the forward index answers by: deleted resources and
// data sources are not among them.
func (c *correlator) indexed(r *Resource) bool {
	of := c.byType[r.Type]
	return r.tord >= 0 && int(r.tord) < len(of) && of[r.tord] == r
}

// ReferencedBy returns the resources of type refType whose attribute attr (or
// "block.attr") refers to target, e.g. ReferencedBy(bucket, "aws_s3_bucket_public_access_block", "bucket", "aws_s3_bucket").
func (p *Plan) ReferencedBy(target *Resource, refType, attr string) []*Resource {
	key := reverseKey{refType, attr, target.Type}
	rev, ok := p.corr.reverseIndex(key)
	if !ok {
		rev, _ = p.corr.index(key, true, false)
		p.corr.addReverseIndex(key, rev)
	}
	return rev.of(target.tord)
}

// index finds what each instance of key.refType refers to through its attr
// among the resources of key.targetType, and groups the answers: rev by the
// targets' positions among the resources of their type, fwd by the referring
// instances' positions among theirs (each built if asked for).
func (c *correlator) index(key reverseKey, wantRev, wantFwd bool) (rev, fwd *grouped) {
	var revPairs, fwdPairs []groupedPair
	types := []string{key.targetType}
	var buf []*Resource
	var tc targetCache
	for _, r := range c.byType[key.refType] {
		buf = c.appendReferenced(&tc, buf, r, key.attr, types)
		for _, t := range buf {
			if wantRev {
				revPairs = append(revPairs, groupedPair{t.tord, r})
			}
			if wantFwd {
				fwdPairs = append(fwdPairs, groupedPair{r.tord, t})
			}
		}
	}
	if wantRev {
		rev = newGrouped(len(c.byType[key.targetType]), revPairs)
	}
	if wantFwd {
		fwd = newGrouped(len(c.byType[key.refType]), fwdPairs)
	}
	return rev, fwd
}

// AttrConfigured reports whether the configuration sets the attribute (as opposed
// to leaving it for the provider or AWS to fill in). Without a configuration
// section (very old plans) it reports true, so no "unset" verdict is made blindly.
func (p *Plan) AttrConfigured(r *Resource, attr string) bool {
	if p.Config == nil {
		return true
	}
	_, ok := p.config.expression(r, attr)
	return ok
}

// NestedAttrConfigured reports whether the configuration sets attr inside a block
// (e.g. versioning_configuration { mfa_delete = ... }) in any of its instances.
// Without a configuration section it reports true, as AttrConfigured does.
func (p *Plan) NestedAttrConfigured(r *Resource, block, attr string) bool {
	if p.Config == nil {
		return true
	}
	e, ok := p.config.expression(r, block)
	if !ok || e == nil || e.ExpressionData == nil {
		return false
	}
	for _, nb := range e.NestedBlocks {
		if _, ok := nb[attr]; ok {
			return true
		}
	}
	return false
}

func (c *correlator) referenced(r *Resource, attr string, types []string) []*Resource {
	return c.appendReferenced(nil, nil, r, attr, types)
}

// targetCache holds the configuration targets of an attribute (those of the
// types asked for, in order) for the instances of one configuration address
// in one module instance, which share them: a reverse index asks for every
// instance of a type in turn, and the instances of an address come together.
type targetCache struct {
	group, mod int32
	ok         bool
	targets    []target
}

// wantedTargets appends the targets of r's attr whose type is one of types
// and that the plan has instances of.
func (c *correlator) wantedTargets(out []target, r *Resource, attr string, types []string) []target {
	addTargets := func(targets []target) {
		for _, t := range targets {
			typ := t.addr
			if i := strings.IndexByte(typ, '.'); i >= 0 {
				typ = typ[:i]
			}
			if t.group >= 0 && slices.Contains(types, typ) {
				out = append(out, t)
			}
		}
	}
	var buf [2]*tfjson.Expression
	for _, e := range c.p.config.attrExpressions(buf[:0], r, attr) {
		// Each answer of resolveExpr is read before the next call.
		addTargets(c.p.config.resolveExpr(r.moduleKey(), e))
		if refersToEachValue(e) {
			// `for_each = aws_s3_bucket.b` with `bucket = each.value.id`: each.value is
			// the instance of what for_each names with r's own key (pick matches keys).
			if cr := c.p.config.configResource(r); cr != nil {
				addTargets(c.p.config.resolveExpr(r.moduleKey(), cr.ForEachExpression))
			}
		}
	}
	return out
}

// appendReferenced is referenced appending to out[:0] (a buffer the caller
// reuses), with the targets of r's configuration address from tc when it has
// them (tc may be nil; the caller keeps attr and types for tc's life).
func (c *correlator) appendReferenced(tc *targetCache, out []*Resource, r *Resource, attr string, types []string) []*Resource {
	out = out[:0]
	c.stamp++
	if c.stamp == 0 { // wrapped around: forget every old mark
		for _, x := range c.p.Resources {
			x.seen = 0
		}
		c.stamp = 1
	}
	add := func(cands []*Resource, typeKnown bool) {
		for _, x := range cands {
			if x != r && (typeKnown || slices.Contains(types, x.Type)) && x.seen != c.stamp {
				x.seen = c.stamp
				out = append(out, x)
			}
		}
	}
	var targets []target
	switch {
	case tc == nil:
		var buf [4]target
		targets = c.wantedTargets(buf[:0], r, attr, types)
	case tc.ok && tc.group == r.group && tc.mod == r.mod:
		targets = tc.targets
	default:
		tc.targets = c.wantedTargets(tc.targets[:0], r, attr, types)
		// The instances of an address of inconsistent types may have blocks of their own.
		tc.group, tc.mod, tc.ok = r.group, r.mod, !c.p.groupAt(r.group).mixed
		targets = tc.targets
	}
	for _, t := range targets {
		// The instances of an address have its type, unless the input is inconsistent.
		add(c.pick(r, t), !c.p.groupAt(t.group).mixed)
	}
	if len(out) > 0 {
		return out
	}
	// Fallback: a known value that names the target (an existing bucket, a group ID).
	for _, s := range knownStrings(r, attr) {
		for _, typ := range types {
			add(c.valueIndex(typ)[s].near(r), false)
		}
	}
	return out
}

// refersToEachValue reports whether an expression refers to each.value.
func refersToEachValue(e *tfjson.Expression) bool {
	if e == nil || e.ExpressionData == nil {
		return false
	}
	for _, ref := range e.References {
		if ref == "each.value" || strings.HasPrefix(ref, "each.value.") || strings.HasPrefix(ref, "each.value[") {
			return true
		}
	}
	return false
}

// knownStrings are the known, non-empty string values of attr ("name", or
// "block.name" for an attribute of a nested block, in each of its blocks).
func knownStrings(r *Resource, attr string) []string {
	block, nested, isNested := strings.Cut(attr, ".")
	if !isNested {
		if s, ok := r.Attr(attr).Str(); ok && s != "" {
			return []string{s}
		}
		return nil
	}
	// Reverse indexes call this for every resource of a type: most have no such
	// block, which a search of the raw values tells faster than a walk (a key
	// could only hide behind an escape). Read without an attribute index, which
	// would be built (and evict another) for each.
	raw := r.afterRaw()
	var nb [64]byte // the quoted key, not allocated for each resource
	needle := append(append(append(nb[:0], '"'), block...), '"')
	if !bytes.Contains(raw, needle) && bytes.IndexByte(raw, '\\') < 0 {
		return nil
	}
	var out []string
	r.Root().Get(block).Each(func(_ int, b Value) {
		if s, ok := b.Get(nested).Str(); ok && s != "" {
			out = append(out, s)
		}
	})
	return out
}

// pick chooses the instances of a configuration target that r most likely means:
// the instance key the reference named, then the same module instance, then the
// same count/for_each key as r (the `bucket = aws_s3_bucket.b[count.index].id` pattern).
func (c *correlator) pick(r *Resource, t target) []*Resource {
	if t.group < 0 {
		return nil
	}
	cands := c.p.instancesOf(t.group)
	if len(cands) == 1 && t.module == r.moduleKey() {
		// The one instance is the target only if it is in r's module instance and
		// has the key the reference named.
		if x := cands[0]; x.mod != r.mod || (t.key != "" && lastKey(x.Address) != t.key) {
			return nil
		}
		return cands
	}
	if len(cands) <= 1 {
		return cands
	}
	if t.module == r.moduleKey() {
		// The common case, answered from the indexes: same module instance, then
		// the key the reference named, or else r's own count/for_each key.
		ix := c.narrowIndex(t.group, cands)
		same := ix.byModule.of(r.mod)
		if len(same) == 0 {
			// A reference inside a module instance names that instance's resource;
			// when it is not in the plan (a -target plan, say), another instance's
			// namesake is not it. Known values may still name the target.
			return nil
		}
		cands = same
		if t.key != "" {
			return ix.keyed(r.mod, t.key)
		}
		if len(cands) > 1 {
			if k := lastKey(r.Address); k != "" {
				if keyed := ix.keyed(r.mod, k); len(keyed) > 0 {
					return keyed
				}
			}
		}
		return cands
	}
	// Across modules (through variables and outputs). The candidates depend only
	// on the target and r's module instance: they are filtered once per pair (not
	// once per referring instance, which made count = N over a module's output
	// list quadratic), and r's own count/for_each key is then looked up.
	ck := crossKey{t.group, r.mod, t.key}
	cc := c.cross[ck]
	if cc == nil {
		if t.key != "" {
			cands = filter(cands, func(x *Resource) bool { return lastKey(x.Address) == t.key })
		}
		if mod := r.ModuleAddress(); mod != "" && strings.HasPrefix(t.module, r.moduleKey()) {
			cands = prefer(cands, func(x *Resource) bool { return strings.HasPrefix(x.ModuleAddress(), mod) })
		} else {
			cands = prefer(cands, func(x *Resource) bool { return strings.HasPrefix(mod, x.ModuleAddress()) })
		}
		cc = &crossCands{all: cands[:len(cands):len(cands)]}
		c.cross[ck] = cc
	}
	cands = cc.all
	if k := lastKey(r.Address); k != "" && len(cands) > 1 {
		if cc.byKey == nil {
			cc.byKey = map[string][]*Resource{}
			for _, x := range cands {
				if xk := lastKey(x.Address); xk != "" {
					cc.byKey[xk] = append(cc.byKey[xk], x)
				}
			}
		}
		if keyed := cc.byKey[k]; len(keyed) > 0 {
			return keyed[:len(keyed):len(keyed)]
		}
	}
	return cands
}

func filter(in []*Resource, keep func(*Resource) bool) []*Resource {
	var out []*Resource
	for _, x := range in {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// prefer narrows to the matching candidates, unless none match.
func prefer(in []*Resource, keep func(*Resource) bool) []*Resource {
	if out := filter(in, keep); len(out) > 0 {
		return out
	}
	return in
}
