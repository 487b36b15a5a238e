package plan

import (
	"math"

	"github.com/buger/jsonparser"
)

// Rules ask a resource for many top-level attributes, most of them absent (an
// unset acl, grant or policy): walking the after, after_unknown and
// after_sensitive objects for each question re-read the same bytes a dozen
// times. A resource asked about gets an index of its top-level members instead,
// built in one walk, as far as the questions asked need (objIndex). Only the most recently asked resources keep one (rules run
// resource by resource, and correlated resources are asked about together), so
// memory stays flat however large the plan.

// member locates one top-level member of a validated object: its key (between
// the quotes) and its value (as trimValue returns it), as offsets into the object.
type member struct {
	k0, k1, v0, v1 int32
	typ            jsonparser.ValueType
}

type attrIndex struct {
	owner *Resource
	// after, unknown and sensitive index the resource's three objects; unknown's
	// or sensitive's object is nil when it marks nothing (no literal true
	// anywhere in it, so no value under it is unknown or sensitive) or marks the
	// whole resource (unknownAll, sensitiveAll).
	after, unknown, sensitive objIndex
	unknownAll, sensitiveAll  bool
}

// objIndex indexes the top-level members of one validated object as far as
// the questions asked of it needed: a member asked for is looked for among the
// members indexed so far, then indexing goes on until it is found (or the
// object ends). Rules mostly ask for a few members near the start (a security
// group's description, egress and ingress), so the rest is never walked.
type objIndex struct {
	obj []byte
	ms  []member
	// pos is where the next member's key starts; done: no more members to index.
	pos  int
	done bool
	// walk: the object has an escaped key past the indexed members, or is too
	// large for int32 offsets; members not indexed are looked up by walking
	// (walkObject unescapes keys).
	walk bool
	// open: the last indexed member is a list or object whose end is not yet
	// known (containerAt); pos is where its value starts.
	open bool
}

// indexRing is how many resources keep an attribute index.
const indexRing = 32

// index returns r's attribute index, starting one if r has none or lost its slot.
func (r *Resource) index() *attrIndex {
	if ix := r.ix; ix != nil && ix.owner == r {
		return ix
	}
	var ix *attrIndex
	if p := r.plan; p != nil {
		if p.ixRing == nil {
			p.ixRing = make([]attrIndex, indexRing)
		}
		ix = &p.ixRing[p.ixNext]
		p.ixNext = (p.ixNext + 1) % indexRing
	} else {
		ix = &attrIndex{}
	}
	ix.owner = r
	var unknown, sensitive []byte
	unknown, ix.unknownAll = markerRoot(r.unknownRaw())
	sensitive, ix.sensitiveAll = markerRoot(r.sensitiveRaw())
	ix.after.reset(r.afterRaw())
	ix.unknown.reset(unknown)
	ix.sensitive.reset(sensitive)
	r.ix = ix
	return ix
}

// markerRoot is markRoot for a resource's after_unknown or after_sensitive,
// with a marker that marks nothing dropped (see attrIndex).
func markerRoot(m []byte) ([]byte, bool) {
	m, all := markRoot(m)
	if !all && !marks(m) {
		m = nil
	}
	return m, all
}

// reset makes o the (empty) index of obj, a validated object (or anything
// else, which has no members).
func (o *objIndex) reset(obj []byte) {
	*o = objIndex{obj: obj, ms: o.ms[:0]}
	switch {
	case len(obj) == 0 || obj[0] != '{':
		o.done = true
	case len(obj) > math.MaxInt32:
		o.done, o.walk = true, true
	default:
		o.pos = skipWS(obj, 1)
	}
}

// member is the first top-level member named key.
func (o *objIndex) member(key string) (rawElem, bool) {
	if o.open {
		o.settle()
	}
	if e, ok := find(o.obj, o.ms, key); ok {
		return e, true
	}
	for !o.done {
		if m := o.next(); m != nil && int(m.k1-m.k0) == len(key) && string(o.obj[m.k0:m.k1]) == key {
			return rawElem{o.obj[m.v0:m.v1], m.typ}, true
		}
	}
	if o.walk {
		// The indexed members have plain keys and none is key: the first
		// member named key, if any, lies past them.
		return lookup(o.obj, key)
	}
	return rawElem{}, false
}

// containerAt is where the value of the first top-level member named key
// starts, when it is a list or an object, without finding where it ends if the
// index has not been past it yet: the caller walks it anyway (Resource.PickAttr).
// ok is false for anything else, or a member only the walk finds.
func (o *objIndex) containerAt(key string) (start int, ok bool) {
	for i := range o.ms {
		if m := &o.ms[i]; int(m.k1-m.k0) == len(key) && string(o.obj[m.k0:m.k1]) == key {
			return int(m.v0), m.typ == jsonparser.Array || m.typ == jsonparser.Object
		}
	}
	o.settle()
	for !o.done {
		if start, typ := o.openAt(key); start > 0 {
			o.ms = append(o.ms, member{k0: int32(o.pos + 1), k1: int32(o.pos + 1 + len(key)), v0: int32(start), typ: typ})
			o.pos, o.open = start, true
			return start, true
		}
		if m := o.next(); m != nil && int(m.k1-m.k0) == len(key) && string(o.obj[m.k0:m.k1]) == key {
			return int(m.v0), m.typ == jsonparser.Array || m.typ == jsonparser.Object
		}
	}
	return 0, false
}

// openAt is where the value of the member at pos starts, and its type, if the
// member is named key and holds a list or an object; 0 otherwise.
func (o *objIndex) openAt(key string) (int, jsonparser.ValueType) {
	obj, i := o.obj, o.pos
	if i+len(key)+2 > len(obj) || obj[i] != '"' || obj[i+len(key)+1] != '"' || string(obj[i+1:i+1+len(key)]) != key {
		return 0, 0
	}
	// The member's key is key between quotes, with no escape: key holds no
	// quote or backslash, so the quote after it ends the string.
	for j := 0; j < len(key); j++ {
		if key[j] == '"' || key[j] == '\\' {
			return 0, 0
		}
	}
	i = skipWS(obj, i+len(key)+2)
	i = skipWS(obj, i+1) // ':'
	switch {
	case i >= len(obj):
	case obj[i] == '[':
		return i, jsonparser.Array
	case obj[i] == '{':
		return i, jsonparser.Object
	}
	return 0, 0
}

// settle finds the end of an open member (containerAt) and moves pos past it.
func (o *objIndex) settle() {
	if !o.open {
		return
	}
	o.settleAt(skipContainer(o.obj, int(o.ms[len(o.ms)-1].v0)))
}

// settledBy reports that o's open member's value starts at start in data (a
// Picker that walked the list to its end, so knows where it ends).
func (o *objIndex) settledBy(data []byte, start int) bool {
	return o.open && int(o.ms[len(o.ms)-1].v0) == start && len(o.obj) == len(data) && len(data) > 0 && &o.obj[0] == &data[0]
}

// settleAt is settle for an open member whose value ends at end.
func (o *objIndex) settleAt(end int) {
	o.open = false
	m := &o.ms[len(o.ms)-1]
	m.v1 = int32(end)
	o.pos = skipWS(o.obj, end)
	if o.pos < len(o.obj) && o.obj[o.pos] == ',' {
		o.pos = skipWS(o.obj, o.pos+1)
	}
}

// next indexes the member at o.pos and returns it; nil (and done) past the
// last member or at an escaped key (then walk).
func (o *objIndex) next() *member {
	obj, i := o.obj, o.pos
	if i >= len(obj) || obj[i] != '"' {
		o.done = true
		return nil
	}
	kEnd, escaped := skipStringEsc(obj, i)
	if escaped {
		o.done, o.walk = true, true
		return nil
	}
	m := member{k0: int32(i + 1), k1: int32(kEnd - 1)}
	i = skipWS(obj, kEnd)
	i = skipWS(obj, i+1) // ':'
	// A true (what markers mostly hold) is read here, anything else by skipValue.
	end, typ := i+4, jsonparser.Boolean
	if end >= len(obj) || string(obj[i:end]) != "true" || !scalarEnd[obj[end]] {
		end = skipValue(obj, i)
		var raw []byte
		raw, typ, _ = trimValue(obj[i:end])
		m.v0 = int32(i)
		if typ == jsonparser.String {
			m.v0++
		}
		m.v1 = m.v0 + int32(len(raw))
	} else {
		m.v0, m.v1 = int32(i), int32(end)
	}
	m.typ = typ
	i = skipWS(obj, end)
	if i < len(obj) && obj[i] == ',' {
		i = skipWS(obj, i+1)
	}
	o.pos = i
	o.ms = append(o.ms, m)
	return &o.ms[len(o.ms)-1]
}

// find is lookup over indexed members: the first member named key.
func find(obj []byte, ms []member, key string) (rawElem, bool) {
	for i := range ms {
		m := &ms[i]
		if int(m.k1-m.k0) == len(key) && string(obj[m.k0:m.k1]) == key {
			return rawElem{obj[m.v0:m.v1], m.typ}, true
		}
	}
	return rawElem{}, false
}
