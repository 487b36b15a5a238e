package plan

import (
	"bytes"
	"encoding/binary"
	"math/bits"

	"github.com/buger/jsonparser"
)

// The plan is read in one pass by the validating scanner: it checks every byte
// and, on the way, records where the few parts the linter needs start and end.
// Values are kept as sub-slices of the input, never copied or decoded.

// span scans one value and returns its raw bytes (strings without their quotes,
// as jsonparser returns them) and type.
func (v *validator) span(depth int) ([]byte, jsonparser.ValueType, error) {
	start := v.pos
	if err := v.value(depth); err != nil {
		return nil, jsonparser.Unknown, err
	}
	raw := v.data[start:v.pos]
	return trimValue(raw)
}

// strSpan scans one value and returns it (raw, between the quotes) if it is a
// string. A string is read here a run between escapes at a time (stopAt); a
// \u escape or anything else is scanned by span, which checks it (and
// reports its errors) as before.
func (v *validator) strSpan(depth int) ([]byte, bool, error) {
	d := v.data
	if i := v.pos; i < len(d) && d[i] == '"' {
		j, esc := stopAt(d, i+1), false
		for j < len(d)-1 && d[j] == '\\' && isShortEscape(d[j+1]) {
			j, esc = stopAt(d, j+2), true
		}
		if j < len(d) && d[j] == '"' {
			v.pos, v.escaped = j+1, esc
			return d[i+1 : j], true, nil
		}
	}
	raw, typ, err := v.span(depth)
	return raw, err == nil && typ == jsonparser.String, err
}

// isShortEscape reports whether c after a backslash makes a two-byte escape.
func isShortEscape(c byte) bool {
	switch c {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return true
	}
	return false
}

func trimValue(raw []byte) ([]byte, jsonparser.ValueType, error) {
	switch raw[0] {
	case '{':
		return raw, jsonparser.Object, nil
	case '[':
		return raw, jsonparser.Array, nil
	case '"':
		return raw[1 : len(raw)-1], jsonparser.String, nil
	case 't', 'f':
		return raw, jsonparser.Boolean, nil
	case 'n':
		return raw, jsonparser.Null, nil
	}
	return raw, jsonparser.Number, nil
}

// eachMember scans an object at v.pos, calling fn for each key (raw, unescaped
// only if needed); fn must consume the member's value (span or skip).
func (v *validator) eachMember(depth int, fn func(key []byte) error) error {
	if depth > maxDepth {
		return v.fail("nesting too deep")
	}
	d := v.data
	if v.pos >= len(d) || d[v.pos] != '{' {
		return v.fail("expected an object")
	}
	v.pos++
	v.ws()
	if v.pos < len(d) && d[v.pos] == '}' {
		v.pos++
		return nil
	}
	for {
		// White space is looked for only where the expected byte is not.
		i := v.pos
		if i >= len(d) || d[i] != '"' {
			v.ws()
			if i = v.pos; i >= len(d) || d[i] != '"' {
				return v.fail("expected an object key")
			}
		}
		var key []byte
		// A key of up to fifteen bytes ends in the two words after its quote: no call.
		if w := i + 1; w < len(d)-15 {
			m := swarStopASCII(binary.LittleEndian.Uint64(d[w:]))
			if m == 0 {
				w += 8
				m = swarStopASCII(binary.LittleEndian.Uint64(d[w:]))
			}
			if m != 0 {
				if j := w + bits.TrailingZeros64(m)>>3; d[j] == '"' {
					key, v.pos, v.escaped = d[i+1:j], j+1, false
					goto colon
				}
			}
		}
		if j := stopAt(d, i+1); j < len(d) && d[j] == '"' {
			key, v.pos, v.escaped = d[i+1:j], j+1, false
		} else { // escapes, or an error
			if err := v.str(); err != nil {
				return err
			}
			key = d[i+1 : v.pos-1]
			if v.escaped {
				key = []byte(unquote(key, jsonparser.String))
			}
		}
	colon:
		if i = v.pos; i < len(d)-1 && d[i] == ':' && d[i+1] > ' ' {
			v.pos = i + 1
		} else {
			v.ws()
			if v.pos >= len(d) || d[v.pos] != ':' {
				return v.fail("expected ':' after an object key")
			}
			v.pos++
			v.ws()
		}
		if err := fn(key); err != nil {
			return err
		}
		if i = v.pos; i >= len(d) || d[i] <= ' ' {
			v.ws()
			if i = v.pos; i >= len(d) {
				return v.fail("unterminated object")
			}
		}
		switch d[i] {
		case ',':
			v.pos = i + 1
		case '}':
			v.pos = i + 1
			return nil
		default:
			return v.fail("expected ',' or '}' in an object")
		}
	}
}

// eachElement scans an array at v.pos, calling fn for each element; fn must consume it.
func (v *validator) eachElement(depth int, fn func(i int) error) error {
	if depth > maxDepth {
		return v.fail("nesting too deep")
	}
	v.pos++ // [
	v.ws()
	if v.pos < len(v.data) && v.data[v.pos] == ']' {
		v.pos++
		return nil
	}
	for i := 0; ; i++ {
		v.ws()
		if err := fn(i); err != nil {
			return err
		}
		v.ws()
		if v.pos >= len(v.data) {
			return v.fail("unterminated array")
		}
		switch v.data[v.pos] {
		case ',':
			v.pos++
		case ']':
			v.pos++
			return nil
		default:
			return v.fail("expected ',' or ']' in an array")
		}
	}
}

func (v *validator) skip(depth int) error { return v.value(depth) }

// peek is the byte at the scanner's position, or 0 at the end of input.
func (v *validator) peek() byte {
	if v.pos >= len(v.data) {
		return 0
	}
	return v.data[v.pos]
}

// A plan repeats whole values: the after_unknown and after_sensitive objects
// of resources of one type, a module's resources in every call of it. A value
// once validated is remembered (recent), and where the input has the same
// bytes again, as deep or less, they are compared instead of validated: a
// valid object or array ends at its closing bracket, so the same bytes are the
// same valid value, whatever follows, and one valid deeper is valid here.
// Values are filed by their first bytes in sets of recentWays, the last found
// or validated first (the after_unknown objects of two kinds of security
// group begin alike, and alternate). Only containers of recentMin bytes or
// more are remembered; anything else is validated as ever.
const (
	recentBits = 9
	recentSets = 1 << recentBits
	recentWays = 4
	recentMin  = 64
)

type recentValue struct {
	raw   []byte
	depth int
}

// recentSet is the set of the value at d[i] (a bracket), from its next 16
// bytes; ok is false where fewer are left.
func recentSet(d []byte, i int) (set int, ok bool) {
	if i > len(d)-17 {
		return 0, false
	}
	w := binary.LittleEndian.Uint64(d[i+1:]) ^ bits.RotateLeft64(binary.LittleEndian.Uint64(d[i+9:]), 29)
	return int((w * 0x9e3779b97f4a7c15) >> (64 - recentBits)), true
}

// skipRecent is skip, comparing a container with the ones last validated in
// its set first.
func (v *validator) skipRecent(depth int) error {
	_, err := v.spanRecent(depth)
	return err
}

// spanRecent scans one value like span and returns its raw bytes, comparing a
// container with the ones last validated in its set first.
func (v *validator) spanRecent(depth int) ([]byte, error) {
	d, i := v.data, v.pos
	if i >= len(d) || (d[i] != '{' && d[i] != '[') {
		err := v.value(depth)
		return d[i:v.pos], err
	}
	set, ok := recentSet(d, i)
	if !ok {
		err := v.value(depth)
		return d[i:v.pos], err
	}
	if v.recent == nil {
		v.recent = new([recentSets][recentWays]recentValue)
	}
	ways := &v.recent[set]
	for w := range ways {
		e := ways[w]
		if n := len(e.raw); n > 0 && depth <= e.depth && n <= len(d)-i && bytes.Equal(d[i:i+n], e.raw) {
			copy(ways[1:w+1], ways[:w]) // e first
			ways[0] = e
			v.pos = i + n
			return d[i:v.pos], nil
		}
	}
	if err := v.value(depth); err != nil {
		return nil, err
	}
	if raw := d[i:v.pos]; len(raw) >= recentMin {
		copy(ways[1:], ways[:recentWays-1])
		ways[0] = recentValue{raw, depth}
	}
	return d[i:v.pos], nil
}
