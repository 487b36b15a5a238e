package plan

import "github.com/buger/jsonparser"

// Picking: reading a few named members of an object (or of every object of a
// list) in one walk of it and of its markers, skipping the members not asked for.

// Pick reads the named members of an object value in one walk of the object
// (and of its markers), without building a map: out[i] is keys[i]'s value.
func (v Value) Pick(keys ...string) []Value {
	out := make([]Value, len(keys))
	v.PickInto(out, keys...)
	return out
}

// PickInto is Pick into out[:len(keys)], for callers that read many objects
// and would rather not allocate for each (out must hold len(keys) values).
func (v Value) PickInto(out []Value, keys ...string) {
	out = out[:len(keys)]
	for i := range out {
		out[i] = Value{typ: jsonparser.NotExist, unknownAll: v.unknownAll, sensitiveAll: v.sensitiveAll}
	}
	if v.typ != jsonparser.Object {
		return
	}
	pickObject(v.raw, 0, keys, out, pickValue)
	if !v.unknownAll && len(v.unknown) != 0 {
		pickObject(v.unknown, 0, keys, out, pickUnknown)
	}
	if !v.sensitiveAll && len(v.sensitive) != 0 {
		pickObject(v.sensitive, 0, keys, out, pickSensitive)
	}
}

// pickKind is what pickObject reads into a picked Value: the value itself, or
// one of its markers.
type pickKind uint8

const (
	pickValue pickKind = iota
	pickUnknown
	pickSensitive
)

// pickObject reads the object starting at d[i] (anything else is skipped),
// setting out[j]'s part kind from the member named keys[j], and returns the
// index just past the value. Members not asked for are skipped, not read.
func pickObject(d []byte, i int, keys []string, out []Value, kind pickKind) (end int) {
	if i >= len(d) {
		return i
	}
	if d[i] != '{' {
		return skipValue(d, i)
	}
	i = skipWS(d, i+1)
	for i < len(d) && d[i] == '"' {
		key, kEnd := readKey(d, i)
		i = skipWS(d, kEnd)
		i = skipWS(d, i+1) // ':'
		if j := keyIndex(keys, key); j >= 0 {
			var val rawElem
			val, end = valueAt(d, i)
			out[j].setPart(kind, val)
		} else {
			end = skipValue(d, i)
		}
		i = skipWS(d, end)
		if i < len(d) && d[i] == ',' {
			i = skipWS(d, i+1)
		}
	}
	return min(i+1, len(d)) // past '}'
}

// setPart reads val into the part of v kind names: the value, or one of its
// markers (setMarker).
func (v *Value) setPart(kind pickKind, val rawElem) {
	if kind == pickValue {
		v.raw, v.typ = val.raw, val.typ
		return
	}
	v.setMarker(kind, val)
}

// setMarker is setPart for the markers.
func (v *Value) setMarker(kind pickKind, val rawElem) {
	if kind == pickUnknown {
		v.unknown, v.unknownAll = marker(val)
	} else {
		v.sensitive, v.sensitiveAll = marker(val)
	}
}

// keyIndex is the position of k among keys, or -1.
func keyIndex(keys []string, k []byte) int {
	for i, key := range keys {
		if string(k) == key {
			return i
		}
	}
	return -1
}

// EachPick calls fn for every element of a list of objects with the named
// members picked (as PickInto does) into out[:len(keys)], reading each element
// and its markers once. out is overwritten for each element: copy what you keep.
func (v Value) EachPick(out []Value, keys []string, fn func(i int, picked []Value)) {
	it := v.Picks(out, keys)
	for it.Next() {
		fn(it.Index(), it.out)
	}
}

// Picks is EachPick as a loop, for callers that gather what they read in
// slices of their own frame (a closure appending to them would move them to
// the heap):
//
//	it := v.Picks(out, keys)
//	for it.Next() { ... it.Index(), out[0], out[1] ... }
//
// out may be nil when every element is picked with NextInto.
func (v Value) Picks(out []Value, keys []string) Picker {
	it := Picker{v: v, keys: keys, n: -1}
	if out != nil {
		it.out = out[:len(keys)]
	}
	if v.typ == jsonparser.Array {
		it.unknown, it.sensitive = newCursor(v.unknown), newCursor(v.sensitive)
		it.i = skipWS(v.raw, 1)
	}
	return it
}

// Picker walks a list of objects (Picks).
type Picker struct {
	v                  Value
	keys               []string
	out                []Value
	unknown, sensitive cursor
	// tab matches the members' names with keys (nil: compared as strings).
	tab *pickKeys
	// settle is the attribute index of owner whose open member is the list
	// (Resource.PickAttr): told where the list ends when the picks reach it,
	// it need not skip the list again (obj and start are the member's object
	// and where its value starts, checked again then: the index may have
	// moved on).
	settle *attrIndex
	owner  *Resource
	obj    []byte
	start  int
	// i is where the next element starts in v.raw, n the current element's index.
	i, n int
}

// Next picks the next element's members into out; false past the last one.
func (it *Picker) Next() bool { return it.NextInto(it.out) }

// NextInto is Next picking into out[:len(keys)] rather than the out given to
// Picks: a picker that holds no out leaves the caller's buffer on its stack
// (the picked values point into the plan, which the compiler cannot tell
// from the buffer they are written to).
func (it *Picker) NextInto(out []Value) bool {
	v, d, i := &it.v, it.v.raw, it.i
	if v.typ != jsonparser.Array || i >= len(d) || d[i] == ']' {
		if it.settle != nil {
			it.settleIndex()
		}
		return false
	}
	out = out[:len(it.keys)]
	for j := range out {
		out[j] = Value{typ: jsonparser.NotExist, unknownAll: v.unknownAll, sensitiveAll: v.sensitiveAll}
	}
	end := it.tab.pickObject(d, i, it.keys, out, pickValue)
	if !v.unknownAll {
		it.unknown.pickMarks(it.tab, it.keys, out, pickUnknown)
	}
	if !v.sensitiveAll {
		it.sensitive.pickMarks(it.tab, it.keys, out, pickSensitive)
	}
	i = skipWS(d, end)
	if i < len(d) && d[i] == ',' {
		i = skipWS(d, i+1)
	}
	it.i = i
	it.n++
	return true
}

// settleIndex tells the attribute index the list was picked from where it
// ends (at it.i, its closing bracket), if the index still has it open.
func (it *Picker) settleIndex() {
	ix := it.settle
	it.settle = nil
	if ix.owner != it.owner || !ix.after.settledBy(it.obj, it.start) || it.i >= len(it.v.raw) || it.v.raw[it.i] != ']' {
		return
	}
	ix.after.settleAt(it.start + it.i + 1)
}

// Index is the position of the element Next read last.
func (it *Picker) Index() int { return it.n }

// pickMarks reads the cursor's next marker element into out's unknown or
// sensitive halves (kind): the markers of the members it marks, or a mark of
// the element as a whole.
func (c *cursor) pickMarks(t *pickKeys, keys []string, out []Value, kind pickKind) {
	if c.i >= len(c.d) || c.d[c.i] == ']' {
		return
	}
	var end int
	if c.d[c.i] == '{' {
		end = t.pickObject(c.d, c.i, keys, out, kind)
	} else {
		var m rawElem
		m, end = valueAt(c.d, c.i)
		if _, all := marker(m); all {
			for j := range out {
				if kind == pickUnknown {
					out[j].unknownAll = true
				} else {
					out[j].sensitiveAll = true
				}
			}
		}
	}
	c.i = skipWS(c.d, end)
	if c.i < len(c.d) && c.d[c.i] == ',' {
		c.i = skipWS(c.d, c.i+1)
	}
}
