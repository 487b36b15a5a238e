package plan

import (
	"bytes"
	"strconv"

	"github.com/buger/jsonparser"
)

// Value is one attribute value of a resource's planned ("after") state, read
// lazily from the raw plan JSON together with its after_unknown and
// after_sensitive markers.
type Value struct {
	raw []byte
	typ jsonparser.ValueType
	// unknown/sensitive are the matching sub-documents of after_unknown and
	// after_sensitive; unknownAll/sensitiveAll mean a parent was marked as a whole.
	unknown, sensitive       []byte
	unknownAll, sensitiveAll bool
}

// Attr returns the value of a top-level attribute.
func (r *Resource) Attr(name string) Value {
	ix := r.index()
	out := Value{typ: jsonparser.NotExist, unknownAll: ix.unknownAll, sensitiveAll: ix.sensitiveAll}
	if e, ok := ix.after.member(name); ok {
		out.raw, out.typ = e.raw, e.typ
	}
	if ix.unknown.obj != nil {
		if m, ok := ix.unknown.member(name); ok {
			out.unknown, out.unknownAll = marker(m)
		}
	}
	if ix.sensitive.obj != nil {
		if m, ok := ix.sensitive.member(name); ok {
			out.sensitive, out.sensitiveAll = marker(m)
		}
	}
	return out
}

// PickAttr is Attr(name).Picks(out, keys) (out nil for NextInto): the elements of a top-level list
// attribute picked one by one, without finding first where the list ends when
// the attribute index has not been past it (the picks walk it anyway).
func (r *Resource) PickAttr(name string, out []Value, keys []string) Picker {
	ix := r.index()
	start, ok := ix.after.containerAt(name)
	if !ok {
		return r.Attr(name).Picks(out, keys)
	}
	// The list runs to its closing bracket, which the picks stop at; the
	// value's raw bytes run on to the end of the object, never read.
	v := Value{raw: ix.after.obj[start:], typ: jsonparser.Object, unknownAll: ix.unknownAll, sensitiveAll: ix.sensitiveAll}
	var settle *attrIndex // the index to tell where the list ends, when the picks find it
	if ix.after.settledBy(ix.after.obj, start) {
		settle = ix
	}
	if v.raw[0] == '[' {
		v.typ = jsonparser.Array
	}
	if ix.unknown.obj != nil {
		if m, ok := ix.unknown.member(name); ok {
			v.unknown, v.unknownAll = marker(m)
		}
	}
	if ix.sensitive.obj != nil {
		if m, ok := ix.sensitive.member(name); ok {
			v.sensitive, v.sensitiveAll = marker(m)
		}
	}
	it := v.Picks(out, keys)
	if settle != nil {
		it.settle, it.owner, it.obj, it.start = settle, r, ix.after.obj, start
	}
	return it
}

// PickAttrKeys is PickAttr(name, nil, keys.Names()) (pick with NextInto),
// matching member names as keys arranges them.
func (r *Resource) PickAttrKeys(name string, keys *Keys) Picker {
	it := r.PickAttr(name, nil, keys.names)
	it.tab = &keys.tab
	return it
}

// Root is the whole after object, for rules that walk it.
func (r *Resource) Root() Value {
	v := Value{raw: r.afterRaw(), typ: jsonparser.Object}
	if v.raw == nil {
		v.typ = jsonparser.Null
	}
	v.unknown, v.unknownAll = markRoot(r.unknownRaw())
	v.sensitive, v.sensitiveAll = markRoot(r.sensitiveRaw())
	return v
}

func markRoot(m []byte) ([]byte, bool) {
	if len(m) == 4 && string(m) == "true" {
		return nil, true
	}
	return m, false
}

// Get descends into an object attribute.
func (v Value) Get(key string) Value {
	return v.child(key)
}

// Index descends into a list element.
func (v Value) Index(i int) Value {
	out := Value{unknownAll: v.unknownAll, sensitiveAll: v.sensitiveAll, typ: jsonparser.NotExist}
	if v.typ == jsonparser.Array {
		if e, ok := elemAt(v.raw, i); ok {
			out.raw, out.typ = e.raw, e.typ
		}
	}
	if !out.unknownAll {
		if m, ok := elemAt(v.unknown, i); ok {
			out.unknown, out.unknownAll = marker(m)
		}
	}
	if !out.sensitiveAll {
		if m, ok := elemAt(v.sensitive, i); ok {
			out.sensitive, out.sensitiveAll = marker(m)
		}
	}
	return out
}

// child descends into an object member (Get), its markers found the same way
// in v's markers (a parent marked as a whole has marked the child already).
func (v Value) child(key string) Value {
	out := Value{unknownAll: v.unknownAll, sensitiveAll: v.sensitiveAll, typ: jsonparser.NotExist}
	if v.typ == jsonparser.Object {
		if e, ok := lookup(v.raw, key); ok {
			out.raw, out.typ = e.raw, e.typ
		}
	}
	if !out.unknownAll {
		if m, ok := lookup(v.unknown, key); ok {
			out.unknown, out.unknownAll = marker(m)
		}
	}
	if !out.sensitiveAll {
		if m, ok := lookup(v.sensitive, key); ok {
			out.sensitive, out.sensitiveAll = marker(m)
		}
	}
	return out
}

// markChild gives a child of v its unknown and sensitive markers, found in v's
// markers by find (a parent marked as a whole has marked the child already).
func (v Value) markChild(out Value, find func([]byte) (rawElem, bool)) Value {
	if !out.unknownAll {
		if m, ok := find(v.unknown); ok {
			out.unknown, out.unknownAll = marker(m)
		}
	}
	if !out.sensitiveAll {
		if m, ok := find(v.sensitive); ok {
			out.sensitive, out.sensitiveAll = marker(m)
		}
	}
	return out
}

// elemAt returns element n of a validated array (false for anything else).
func elemAt(arr []byte, n int) (rawElem, bool) {
	if n < 0 || len(arr) == 0 || arr[0] != '[' {
		return rawElem{}, false
	}
	i := skipWS(arr, 1)
	for k := 0; i < len(arr) && arr[i] != ']'; k++ {
		if k == n {
			val, _ := valueAt(arr, i)
			return val, true
		}
		i = skipWS(arr, skipValue(arr, i))
		if i < len(arr) && arr[i] == ',' {
			i = skipWS(arr, i+1)
		}
	}
	return rawElem{}, false
}

// Unknown reports that the value is computed during apply (it or a parent is
// marked in after_unknown and has no planned value).
func (v Value) Unknown() bool {
	return v.unknownAll && (v.typ == jsonparser.NotExist || v.typ == jsonparser.Null)
}

// Sensitive reports that the value (or a parent) is marked sensitive.
func (v Value) Sensitive() bool { return v.sensitiveAll }

// Null reports an absent or null value that is not unknown.
func (v Value) Null() bool {
	return !v.Unknown() && (v.typ == jsonparser.NotExist || v.typ == jsonparser.Null)
}

// Str returns a string value.
func (v Value) Str() (string, bool) {
	if v.typ != jsonparser.String {
		return "", false
	}
	return v.str(), true
}

// str is the contents of a string value.
func (v Value) str() string {
	if bytes.IndexByte(v.raw, '\\') < 0 {
		return rawView(v.raw) // a view of the input, which is never modified
	}
	return unquote(v.raw, v.typ)
}

// Bool returns a boolean value; Redshift-style "true"/"false" strings count too.
func (v Value) Bool() (b, ok bool) {
	switch v.typ {
	case jsonparser.Boolean:
		return string(v.raw) == "true", true
	case jsonparser.String:
		switch string(v.raw) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}

// Int returns an integer value (numbers and numeric strings).
func (v Value) Int() (int64, bool) {
	switch v.typ {
	case jsonparser.Number, jsonparser.String:
		if n, ok := smallInt(v.raw); ok {
			return n, true
		}
		if n, err := strconv.ParseInt(string(v.raw), 10, 64); err == nil {
			return n, true
		}
		if f, err := strconv.ParseFloat(string(v.raw), 64); err == nil && f == float64(int64(f)) {
			return int64(f), true
		}
	}
	return 0, false
}

// smallInt reads an integer of at most 18 digits (an optional minus sign, then
// digits only), the ports and counts plans are full of, without the string
// strconv.ParseInt would need; ok is false for anything else.
func smallInt(b []byte) (n int64, ok bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// IsList reports an array value; IsObject an object value.
func (v Value) IsList() bool   { return v.typ == jsonparser.Array }
func (v Value) IsObject() bool { return v.typ == jsonparser.Object }

// Len is the number of elements of a list (0 for anything else).
func (v Value) Len() int {
	if v.typ != jsonparser.Array {
		return 0
	}
	n := 0
	walkArray(v.raw, func(int, rawElem) bool { n++; return true })
	return n
}

// Each calls fn for every element of a list, with its unknown/sensitive markers.
// It walks the list once (linear in its length).
func (v Value) Each(fn func(i int, elem Value)) {
	if v.typ != jsonparser.Array {
		return
	}
	// The markers' elements are read alongside, element i with element i.
	unknown, sensitive := newCursor(v.unknown), newCursor(v.sensitive)
	walkArray(v.raw, func(i int, el rawElem) bool {
		e := Value{raw: el.raw, typ: el.typ, unknownAll: v.unknownAll, sensitiveAll: v.sensitiveAll}
		if m, ok := unknown.next(); ok && !e.unknownAll {
			e.unknown, e.unknownAll = marker(m)
		}
		if m, ok := sensitive.next(); ok && !e.sensitiveAll {
			e.sensitive, e.sensitiveAll = marker(m)
		}
		fn(i, e)
		return true
	})
}

// cursor reads the elements of a validated array one at a time.
type cursor struct {
	d []byte
	i int
}

func newCursor(list []byte) cursor {
	if len(list) == 0 || list[0] != '[' {
		return cursor{}
	}
	return cursor{list, skipWS(list, 1)}
}

func (c *cursor) next() (rawElem, bool) {
	if c.i >= len(c.d) || c.d[c.i] == ']' {
		return rawElem{}, false
	}
	el, end := valueAt(c.d, c.i)
	c.i = skipWS(c.d, end)
	if c.i < len(c.d) && c.d[c.i] == ',' {
		c.i = skipWS(c.d, c.i+1)
	}
	return el, true
}

type rawElem struct {
	raw []byte
	typ jsonparser.ValueType
}

// marker reads a marker of after_unknown or after_sensitive: true marks the
// value as a whole, an object or list marks parts of it. A marker with no true
// in it marks nothing and is dropped, so that readers of the value do not walk
// it (AnyUnknown and AnySensitive judge markers the same way).
func marker(e rawElem) ([]byte, bool) {
	switch e.typ {
	case jsonparser.Boolean:
		return nil, string(e.raw) == "true"
	case jsonparser.Object, jsonparser.Array:
		if !marks(e.raw) {
			return nil, false
		}
		return e.raw, false
	}
	return nil, false
}

// marks reports that a marker object or list has a true somewhere (a key
// holding "true" only makes the answer conservative).
func marks(m []byte) bool { return bytes.Contains(m, trueLiteral) }

var trueLiteral = []byte("true")

// Strings returns the known string elements of a list, and whether any element is unknown.
func (v Value) Strings() (out []string, anyUnknown bool) {
	return v.AppendStrings(nil)
}

// AppendStrings is Strings appending to out, for callers that gather the
// strings of several lists into one slice.
func (v Value) AppendStrings(out []string) (_ []string, anyUnknown bool) {
	if v.Unknown() {
		return out, true
	}
	if v.typ != jsonparser.Array {
		return out, false
	}
	if out, ok := stringElems(v.raw, out); ok {
		return out, false
	}
	return v.appendEachString(out)
}

// appendEachString is AppendStrings for a list, element by element.
func (v Value) appendEachString(out []string) (_ []string, anyUnknown bool) {
	unknown := cursor{}
	if !v.unknownAll {
		unknown = newCursor(v.unknown)
	}
	d := v.raw
	i := skipWS(d, 1)
	for i < len(d) && d[i] != ']' {
		el, end := valueAt(d, i)
		elUnknown := v.unknownAll
		if m, ok := unknown.next(); ok && !elUnknown {
			_, elUnknown = marker(m)
		}
		switch {
		case elUnknown && el.typ == jsonparser.Null:
			anyUnknown = true
		case el.typ == jsonparser.String:
			out = append(out, Value{raw: el.raw, typ: el.typ}.str())
		}
		i = skipWS(d, end)
		if i < len(d) && d[i] == ',' {
			i = skipWS(d, i+1)
		}
	}
	return out, anyUnknown
}

// Display renders the value for a message, hiding sensitive values.
func (v Value) Display() string {
	switch {
	case v.Sensitive():
		return "(sensitive value)"
	case v.Unknown():
		return "(known after apply)"
	case v.typ == jsonparser.String:
		return strconv.Quote(unquote(v.raw, v.typ))
	case v.typ == jsonparser.NotExist, v.typ == jsonparser.Null:
		return "null"
	}
	return string(v.raw)
}

// SensitiveStrings returns every scalar value of the resource's planned state that
// after_sensitive marks (strings unquoted, numbers and booleans as written), so
// that messages can be scrubbed of them.
func (r *Resource) SensitiveStrings() []string {
	// A value is marked sensitive by a literal true: without one (most resources'
	// markers are empty objects and lists) there is nothing to walk.
	var out []string
	if s := r.sensitiveRaw(); len(s) != 0 && bytes.Contains(s, []byte("true")) {
		r.Root().collectSensitive(&out, 0)
	}
	if s := r.raw(r.beforeSensitive); len(s) != 0 && bytes.Contains(s, []byte("true")) {
		r.beforeRoot().collectSensitive(&out, 0)
	}
	return out
}

func (v Value) collectSensitive(out *[]string, depth int) {
	if depth > 64 || v.raw == nil {
		return
	}
	if v.sensitiveAll {
		v.collectLeaves(out, depth)
		return
	}
	if len(v.sensitive) == 0 {
		return
	}
	switch v.typ {
	case jsonparser.Object:
		_ = jsonparser.ObjectEach(v.sensitive, func(key, _ []byte, _ jsonparser.ValueType, _ int) error {
			v.Get(string(key)).collectSensitive(out, depth+1)
			return nil
		})
	case jsonparser.Array:
		v.Each(func(_ int, e Value) { e.collectSensitive(out, depth+1) })
	}
}

func (v Value) collectLeaves(out *[]string, depth int) {
	if depth > 64 {
		return
	}
	switch v.typ {
	case jsonparser.String:
		*out = append(*out, unquote(v.raw, v.typ))
	case jsonparser.Number, jsonparser.Boolean:
		*out = append(*out, string(v.raw))
	case jsonparser.Object:
		_ = jsonparser.ObjectEach(v.raw, func(_, raw []byte, typ jsonparser.ValueType, _ int) error {
			Value{raw: raw, typ: typ}.collectLeaves(out, depth+1)
			return nil
		})
	case jsonparser.Array:
		_, _ = jsonparser.ArrayEach(v.raw, func(raw []byte, typ jsonparser.ValueType, _ int, _ error) {
			Value{raw: raw, typ: typ}.collectLeaves(out, depth+1)
		})
	}
}
