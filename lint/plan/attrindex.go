package plan

import (
	"math"

	"github.com/buger/jsonparser"
)

// Rules ask a resource for many top-level attributes, most of them absent (an
// unset acl, grant or policy): walking the after, after_unknown and
// after_sensitive objects for each question re-read the same bytes a dozen
// times. A resource asked about gets an index of its top-level members instead,
// built in one walk. Only the most recently asked resources keep one (rules run
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
	// after, unknown and sensitive are the resource's three objects; unknown or
	// sensitive is nil when it marks nothing (no literal true anywhere in it, so
	// no value under it is unknown or sensitive) or marks the whole resource
	// (unknownAll, sensitiveAll).
	after, unknown, sensitive   []byte
	afterIx, unknownIx, senseIx []member
	unknownAll, sensitiveAll    bool
	// walk: an object has an escaped key or is too large for int32 offsets; look
	// members up by walking (walkObject unescapes keys).
	walk bool
}

// indexRing is how many resources keep an attribute index.
const indexRing = 32

// index returns r's attribute index, building it if r has none or lost its slot.
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
	ix.after = r.afterRaw()
	ix.unknown, ix.unknownAll = markerRoot(r.unknownRaw())
	ix.sensitive, ix.sensitiveAll = markerRoot(r.sensitiveRaw())
	var ok1, ok2, ok3 bool
	ix.afterIx, ok1 = indexMembers(ix.afterIx[:0], ix.after)
	ix.unknownIx, ok2 = indexMembers(ix.unknownIx[:0], ix.unknown)
	ix.senseIx, ok3 = indexMembers(ix.senseIx[:0], ix.sensitive)
	ix.walk = !ok1 || !ok2 || !ok3
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

// indexMembers appends the members of a validated object (none for anything
// else); ok is false if a key is escaped or the object too large to index.
func indexMembers(out []member, obj []byte) ([]member, bool) {
	if len(obj) == 0 || obj[0] != '{' {
		return out, true
	}
	if len(obj) > math.MaxInt32 {
		return out, false
	}
	i := skipWS(obj, 1)
	for i < len(obj) && obj[i] == '"' {
		kEnd, escaped := skipStringEsc(obj, i)
		if escaped {
			return out, false
		}
		m := member{k0: int32(i + 1), k1: int32(kEnd - 1)}
		i = skipWS(obj, kEnd)
		i = skipWS(obj, i+1) // ':'
		end := skipValue(obj, i)
		raw, typ, _ := trimValue(obj[i:end])
		m.typ = typ
		m.v0 = int32(i)
		if typ == jsonparser.String {
			m.v0++
		}
		m.v1 = m.v0 + int32(len(raw))
		out = append(out, m)
		i = skipWS(obj, end)
		if i < len(obj) && obj[i] == ',' {
			i = skipWS(obj, i+1)
		}
	}
	return out, true
}

// find is lookup over an index: the first member named key.
func find(obj []byte, ms []member, key string) (rawElem, bool) {
	for i := range ms {
		m := &ms[i]
		if int(m.k1-m.k0) == len(key) && string(obj[m.k0:m.k1]) == key {
			return rawElem{obj[m.v0:m.v1], m.typ}, true
		}
	}
	return rawElem{}, false
}

// member is the top-level member key of obj (one of the index's objects, with
// its members ms), found through the index or, for an object it could not
// index, by walking.
func (ix *attrIndex) member(obj []byte, ms []member, key string) (rawElem, bool) {
	if ix.walk {
		return lookup(obj, key)
	}
	return find(obj, ms, key)
}
