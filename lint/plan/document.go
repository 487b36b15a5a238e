package plan

import (
	"strings"
	"unsafe"

	"github.com/buger/jsonparser"
)

// Document reads JSON held in a string attribute (an IAM or bucket policy, say)
// as a Value without unknown or sensitive markers, so that rules read it with the
// same lazy accessors as the plan itself instead of decoding it into maps.
// ok is false when s is not exactly one JSON value.
func Document(s string) (Value, bool) {
	if len(s) == 0 {
		return Value{typ: jsonparser.NotExist}, false
	}
	// A read-only view: the walkers never write to their input.
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	if validJSON(b) != nil {
		return Value{typ: jsonparser.NotExist}, false
	}
	start, end := skipWS(b, 0), len(b)
	for end > start {
		if c := b[end-1]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			break
		}
		end--
	}
	raw, typ, _ := trimValue(b[start:end])
	return Value{raw: raw, typ: typ}, true
}

// Members calls fn for each member of an object value, in document order, until
// fn returns false. key is only valid during the call (it may point into the
// input); markers are carried as Get would carry them.
func (v Value) Members(fn func(key string, val Value) bool) {
	if v.typ != jsonparser.Object {
		return
	}
	walkObject(v.raw, func(k []byte, val rawElem) bool {
		key := ""
		if len(k) > 0 {
			key = unsafe.String(&k[0], len(k))
		}
		m := Value{raw: val.raw, typ: val.typ, unknownAll: v.unknownAll, sensitiveAll: v.sensitiveAll}
		return fn(key, v.markChild(m, func(d []byte) (rawElem, bool) { return lookup(d, key) }))
	})
}

// Text is a string value's JSON text as the plan holds it: still escaped and
// without its quotes, a view of the input (nothing is copied or unescaped).
// Equal texts are equal strings, so it keys a cache of what rules derive from a
// document (a policy read by several rules, or the same policy on many
// instances) without unescaping the document at each lookup. ok is false for a
// value that is not a string (null, unknown, or of another type).
func (v Value) Text() (string, bool) {
	if v.typ != jsonparser.String {
		return "", false
	}
	return rawView(v.raw), true
}

// StrDocument is Document(s) of a string value's text s (Str), unescaped in
// one pass: a document held in a string attribute is mostly escaped quotes,
// which the general unescape handled one call each. Escapes other than the
// two-byte ones (\uXXXX) are left to Str, so the text is exactly Str's. ok is
// false for a value that is not a string or whose text is not JSON.
func (v Value) StrDocument() (Value, bool) {
	text, ok := v.Text()
	if !ok {
		return Value{typ: jsonparser.NotExist}, false
	}
	s, ok := unescapeShort(text)
	if !ok {
		s, _ = v.Str()
	}
	return Document(s)
}

// shortEscapes maps the letter of a two-byte escape to its byte (0: not one).
var shortEscapes = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// unescapeShort unescapes the text of a JSON string whose escapes are all
// two-byte ones (\" \\ \/ \b \f \n \r \t); ok is false when it holds another
// (or a trailing backslash), left to the general unescape.
func unescapeShort(text string) (string, bool) {
	i := strings.IndexByte(text, '\\')
	if i < 0 {
		return text, true
	}
	var b strings.Builder
	b.Grow(len(text) - 1)
	for i >= 0 {
		if i+1 >= len(text) {
			return "", false
		}
		c := shortEscapes[text[i+1]]
		if c == 0 {
			return "", false
		}
		b.WriteString(text[:i])
		b.WriteByte(c)
		text = text[i+2:]
		i = strings.IndexByte(text, '\\')
	}
	b.WriteString(text)
	return b.String(), true
}
