package plan

import (
	"encoding/binary"
	"math/bits"

	"github.com/buger/jsonparser"
)

// A Picker reads the same few members of every element of a list: rather
// than reading each member's name into a slice and comparing it with every key
// asked for, it matches names by their length and their first and last eight
// bytes (pickKeys), read in the same pass that finds the name's closing quote,
// and skips or reads each value in one loop per element (pickKeys.pick).

// pickMaxKeys and pickMaxKeyLen bound the keys pickKeys matches: at most eight
// keys (a bit each) of at most sixteen bytes (two words), plain ASCII without
// quotes or backslashes. Pickers asked for other keys read elements as
// PickInto does.
const (
	pickMaxKeys   = 8
	pickMaxKeyLen = 16
)

// pickKeys are a Picker's keys arranged for matching member names.
type pickKeys struct {
	// byLen[n] has bit j set when keys[j] is n bytes long.
	byLen [pickMaxKeyLen + 1]uint8
	// first and last are keys[j]'s first and last eight bytes, little endian
	// (first: all of it, zero-padded, for a key shorter than eight bytes; last:
	// zero then).
	first, last [pickMaxKeys]uint64
	// state is pickKeysFast, or pickKeysSlow for keys pickKeys cannot match.
	state uint8
}

const (
	pickKeysSlow = iota
	pickKeysFast
)

// Keys are member names a Picker reads from every element of a list
// (Resource.PickAttrKeys), arranged once for matching the elements' member
// names without comparing strings: build them once, in a package variable.
type Keys struct {
	names []string
	tab   pickKeys
}

// NewKeys arranges names for picking.
func NewKeys(names ...string) *Keys {
	k := &Keys{names: names}
	k.tab.set(names)
	return k
}

// Names are the names, in the order picked values are given.
func (k *Keys) Names() []string { return k.names }

// set arranges keys, or marks them for the slow path.
func (t *pickKeys) set(keys []string) {
	t.state = pickKeysSlow
	if len(keys) > pickMaxKeys {
		return
	}
	for j, k := range keys {
		if len(k) > pickMaxKeyLen {
			return
		}
		for i := 0; i < len(k); i++ {
			if c := k[i]; c == '"' || c == '\\' || c >= 0x80 {
				return
			}
		}
		t.byLen[len(k)] |= 1 << j
		t.first[j] = wordOf(k[:min(8, len(k))])
		if len(k) >= 8 {
			t.last[j] = wordOf(k[len(k)-8:])
		}
	}
	t.state = pickKeysFast
}

// wordOf is s (at most eight bytes) as a little-endian word, zero-padded.
func wordOf[T string | []byte](s T) uint64 {
	var w uint64
	for i := len(s) - 1; i >= 0; i-- {
		w = w<<8 | uint64(s[i])
	}
	return w
}

// pickObject is pickObject by t, when t matches the keys (t may be nil).
func (t *pickKeys) pickObject(d []byte, i int, keys []string, out []Value, kind pickKind) int {
	if t != nil && t.state == pickKeysFast {
		return t.pick(d, i, keys, out, kind)
	}
	return pickObject(d, i, keys, out, kind)
}

// pick is pickObject for the keys t arranges: it reads the object starting
// at d[i] (anything else is skipped), setting out[j]'s part kind from the
// member named keys[j] (the last of that name), and returns the index just
// past the value. Names with escapes or bytes above 0x7f are read and
// compared as pickObject does; the rest are matched by their length and
// words, and the values read or skipped here, calls kept for long strings,
// non-empty containers and escapes.
func (t *pickKeys) pick(d []byte, i int, keys []string, out []Value, kind pickKind) (end int) {
	if i >= len(d) {
		return i
	}
	if d[i] != '{' {
		return skipValue(d, i)
	}
	i = skipWS(d, i+1)
	for i < len(d) && d[i] == '"' {
		// The name, eight bytes at a time up to a quote, backslash or high
		// byte: every byte before j is none of them, so a quote at j closes it.
		k0, j := i+1, i+1
		for j <= len(d)-8 {
			if m := swarQuoteOrBack(binary.LittleEndian.Uint64(d[j:])); m != 0 {
				j += bits.TrailingZeros64(m) >> 3
				break
			}
			j += 8
		}
		slot := -1
		if j < len(d) && d[j] == '"' {
			if n := j - k0; n <= pickMaxKeyLen {
				if c := t.byLen[n]; c != 0 {
					var a, b uint64
					switch {
					case n >= 8:
						a, b = binary.LittleEndian.Uint64(d[k0:]), binary.LittleEndian.Uint64(d[j-8:])
					case k0+8 <= len(d):
						a = binary.LittleEndian.Uint64(d[k0:]) & (1<<(8*n) - 1)
					default: // a short name within eight bytes of the end of d
						a = wordOf(d[k0:j])
					}
					for ; c != 0; c &= c - 1 {
						if k := bits.TrailingZeros8(c); t.first[k] == a && t.last[k] == b {
							slot = k
							break
						}
					}
				}
			}
			j++
		} else {
			var key []byte
			key, j = readKey(d, i)
			slot = keyIndex(keys, key)
		}
		// White space is looked for only where the delimiter is not next.
		if j < len(d)-1 && d[j] == ':' && d[j+1] > ' ' {
			i = j + 1
		} else {
			i = skipWS(d, j)
			i = skipWS(d, i+1) // ':'
		}
		if slot < 0 {
			end = skipMember(d, i)
		} else {
			var val rawElem
			val, end = pickValueAt(d, i)
			out[slot].setPart(kind, val)
		}
		if end < len(d)-1 && d[end] == ',' && d[end+1] > ' ' {
			i = end + 1
			continue
		}
		i = skipWS(d, end)
		if i < len(d) && d[i] == ',' {
			i = skipWS(d, i+1)
		}
	}
	return min(i+1, len(d)) // past '}'
}

// pickValueAt is valueAt, with strings of plain ASCII and scalars read here.
func pickValueAt(d []byte, i int) (rawElem, int) {
	if i >= len(d) {
		return valueAt(d, i)
	}
	switch c := d[i]; c {
	case '"':
		j := i + 1
		for j <= len(d)-8 {
			if m := swarQuoteOrBack(binary.LittleEndian.Uint64(d[j:])); m != 0 {
				j += bits.TrailingZeros64(m) >> 3
				break
			}
			j += 8
		}
		if j < len(d) && d[j] == '"' {
			return rawElem{d[i+1 : j], jsonparser.String}, j + 1
		}
	case '[', '{':
		typ := jsonparser.Array
		if c == '{' {
			typ = jsonparser.Object
		}
		if i+1 < len(d) && d[i+1] == c+2 { // ']' and '}' are two code points on from '[' and '{'
			return rawElem{d[i : i+2], typ}, i + 2
		}
		end := skipContainer(d, i)
		return rawElem{d[i:end], typ}, end
	default:
		end := skipScalar(d, i)
		if end == i {
			break
		}
		typ := jsonparser.Number
		switch c {
		case 't', 'f':
			typ = jsonparser.Boolean
		case 'n':
			typ = jsonparser.Null
		}
		return rawElem{d[i:end], typ}, end
	}
	return valueAt(d, i)
}

// skipMember is skipValue for a member pick does not read: empty lists and
// objects (what unread members of rule blocks mostly hold) and literals are
// passed over without a call.
func skipMember(d []byte, i int) int {
	if i+1 < len(d) {
		switch c := d[i]; c {
		case '[', '{':
			if d[i+1] == c+2 { // ']' and '}' follow '[' and '{' two code points on
				return i + 2
			}
			return skipContainer(d, i)
		case 't', 'n':
			if i+4 < len(d) && scalarEnd[d[i+4]] {
				return i + 4
			}
		case 'f':
			if i+5 < len(d) && scalarEnd[d[i+5]] {
				return i + 5
			}
		}
	}
	return skipValue(d, i)
}

// stringElems appends the elements of a list (d, its raw value) when every
// one is a string without escapes, as views of d (what AppendStrings appends
// for them, whatever the markers say: they mark strings neither unknown nor
// absent); ok is false, and out as given, for any other list.
func stringElems(d []byte, out []string) (_ []string, ok bool) {
	n := len(out)
	i := skipWS(d, 1)
	for i < len(d) && d[i] == '"' {
		j := i + 1
	scan: // string contents from d[j] on
		for ; j <= len(d)-8; j += 8 {
			if m := swarQuoteOrBack(binary.LittleEndian.Uint64(d[j:])); m != 0 {
				j += bits.TrailingZeros64(m) >> 3
				goto stop
			}
		}
		for j < len(d) && d[j] != '"' && d[j] != '\\' && d[j] < 0x80 {
			j++
		}
		if j >= len(d) {
			return out[:n], false
		}
	stop:
		switch d[j] {
		case '"':
		case '\\':
			return out[:n], false
		default: // a byte above 0x7f
			j++
			goto scan
		}
		out = append(out, rawView(d[i+1:j]))
		if i = skipWS(d, j+1); i < len(d) && d[i] == ',' {
			i = skipWS(d, i+1)
		}
	}
	if i >= len(d) || d[i] != ']' {
		return out[:n], false
	}
	return out, true
}
