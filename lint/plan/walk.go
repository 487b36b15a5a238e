package plan

import (
	"encoding/binary"
	"math/bits"

	"github.com/buger/jsonparser"
)

// The functions here walk JSON that Parse has already validated: they skip
// values without checking them again, which is several times faster than the
// validating scanner. Never call them on unvalidated input.

// skipWS returns the index of the first non-space byte at or after i.
func skipWS(d []byte, i int) int { return wsAt(d, i) }

// readKey reads the member name starting at d[i] == '"': the name, unescaped
// when it has escapes (a view of d when it has none), and the index just past
// its closing quote.
func readKey(d []byte, i int) (key []byte, end int) {
	end, escaped := skipStringEsc(d, i)
	key = d[i+1 : end-1]
	if escaped {
		key = unquoteKey(key)
	}
	return key, end
}

// unquoteKey unescapes a member name (out of readKey, which stays inlined).
func unquoteKey(key []byte) []byte { return []byte(unquote(key, jsonparser.String)) }

// skipString returns the index just past the string starting at d[i] == '"'.
func skipString(d []byte, i int) int {
	end, _ := skipStringEsc(d, i)
	return end
}

// skipStringEsc is skipString that also tells whether the string has escapes.
func skipStringEsc(d []byte, i int) (end int, escaped bool) {
	j := i + 1
scan: // string contents from d[j] on
	for ; j < len(d)-7; j += 8 {
		if m := swarQuoteOrBack(binary.LittleEndian.Uint64(d[j:])); m != 0 {
			j += bits.TrailingZeros64(m) >> 3
			goto stop
		}
	}
	for ; j < len(d) && d[j] != '"' && d[j] != '\\'; j++ {
	}
	if j >= len(d) {
		return len(d), escaped
	}
stop:
	switch d[j] {
	case '"':
		return j + 1, escaped
	case '\\':
		escaped = true
		j += 2 // a backslash and the character it escapes (\uXXXX's digits are no quotes)
	default:
		j++ // a byte above 0x7f
	}
	goto scan
}

// SWAR ("SIMD within a register") constants: a byte repeated eight times.
const (
	swarOnes  = 0x0101010101010101
	swarHighs = 0x8080808080808080
	swarQuote = '"' * swarOnes
	swarBack  = '\\' * swarOnes
)

// swarQuoteOrBack has the high bit set in (at least) the lowest byte of x
// that is a quote or a backslash, or above 0x7f: exact on ASCII, and two
// operations fewer than excluding the high bytes. A caller that finds a high
// byte there goes on after it. Most strings in plans are ASCII.
func swarQuoteOrBack(x uint64) uint64 {
	q, b := x^swarQuote, x^swarBack
	return ((q - swarOnes) | (b - swarOnes)) & swarHighs
}

// class sorts the bytes skipValue stops at inside a container.
var class = func() (c [256]uint8) {
	c['"'] = classQuote
	c['{'], c['['] = classOpen, classOpen
	c['}'], c[']'] = classClose, classClose
	return c
}()

const (
	classOther = iota
	classQuote
	classOpen
	classClose
)

// scalarEnd holds the bytes that end a number or literal.
var scalarEnd = func() (e [256]bool) {
	for _, c := range []byte(",}] \t\n\r") {
		e[c] = true
	}
	return e
}()

// skipValue returns the index just past the value starting at d[i].
func skipValue(d []byte, i int) int {
	if i >= len(d) {
		return i
	}
	switch d[i] {
	case '"':
		return skipString(d, i)
	case '{', '[':
		return skipContainer(d, i)
	}
	return skipScalar(d, i)
}

// skipScalar returns the index just past the number or literal starting at d[i].
func skipScalar(d []byte, i int) int {
	for i < len(d) && !scalarEnd[d[i]] {
		i++
	}
	return i
}

// skipContainer returns the index just past the object or array starting at
// d[i]. Strings are skipped in the loop, eight bytes at a time, not by a call
// per string: most of what it skips is short strings.
func skipContainer(d []byte, i int) int {
	depth := 0
	for ; i < len(d); i++ {
		switch class[d[i]] {
		case classOther:
			continue
		case classOpen:
			depth++
			continue
		case classClose:
			if depth--; depth == 0 {
				return i + 1
			}
			continue
		}
		var c byte
		j := i + 1
	scan: // string contents from d[j] on
		for ; j < len(d)-7; j += 8 {
			if m := swarQuoteOrBack(binary.LittleEndian.Uint64(d[j:])); m != 0 {
				j += bits.TrailingZeros64(m) >> 3
				goto stop
			}
		}
		for ; j < len(d) && d[j] != '"' && d[j] != '\\'; j++ {
		}
		if j >= len(d) {
			return len(d)
		}
	stop:
		if c = d[j]; c != '"' {
			j++ // a byte above 0x7f
			if c == '\\' {
				j++ // and the character a backslash escapes (\uXXXX's digits are no quotes)
			}
			goto scan
		}
		i = j // the closing quote
	}
	return i
}

// valueAt returns the value starting at d[i] in the form span returns.
func valueAt(d []byte, i int) (rawElem, int) {
	if i < len(d) {
		switch d[i] {
		case '"':
			end, _ := skipStringEsc(d, i)
			if end > i+1 {
				return rawElem{d[i+1 : end-1], jsonparser.String}, end
			}
		case '{':
			end := skipContainer(d, i)
			return rawElem{d[i:end], jsonparser.Object}, end
		case '[':
			end := skipContainer(d, i)
			return rawElem{d[i:end], jsonparser.Array}, end
		}
	}
	end := skipValue(d, i)
	raw, typ, _ := trimValue(d[i:end])
	return rawElem{raw, typ}, end
}

// walkObject calls fn for each member of a validated object until fn returns false.
func walkObject(obj []byte, fn func(key []byte, val rawElem) bool) {
	walkObjectAt(obj, 0, fn)
}

// walkObjectAt is walkObject on the object starting at d[i]; when fn never
// stops it, it returns the index just past the object (so a caller walking a
// list reads each element once, not once to skip it and once to walk it).
func walkObjectAt(d []byte, i int, fn func(key []byte, val rawElem) bool) (end int) {
	if i >= len(d) || d[i] != '{' {
		return i
	}
	i = skipWS(d, i+1)
	for i < len(d) && d[i] == '"' {
		key, kEnd := readKey(d, i)
		// White space is looked for only where the delimiter is not next.
		if kEnd < len(d)-1 && d[kEnd] == ':' && d[kEnd+1] > ' ' {
			i = kEnd + 1
		} else {
			i = skipWS(d, kEnd)
			i = skipWS(d, i+1) // ':'
		}
		val, end := valueAt(d, i)
		if !fn(key, val) {
			return end
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

// walkArray calls fn for each element of a validated array until fn returns false.
func walkArray(arr []byte, fn func(i int, val rawElem) bool) {
	if len(arr) == 0 || arr[0] != '[' {
		return
	}
	i := skipWS(arr, 1)
	for n := 0; i < len(arr) && arr[i] != ']'; n++ {
		val, end := valueAt(arr, i)
		if !fn(n, val) {
			return
		}
		i = skipWS(arr, end)
		if i < len(arr) && arr[i] == ',' {
			i = skipWS(arr, i+1)
		}
	}
}

// lookup finds a top-level member of a validated object by walking it, without
// allocating (but for an escaped key). Objects in plans are small; walking beats
// keeping an index for every resource of a 100 MB plan in memory.
func lookup(obj []byte, key string) (rawElem, bool) {
	if len(obj) == 0 || obj[0] != '{' {
		return rawElem{}, false
	}
	i := skipWS(obj, 1)
	for i < len(obj) && obj[i] == '"' {
		kEnd, escaped := skipStringEsc(obj, i)
		k := obj[i+1 : kEnd-1]
		i = skipWS(obj, kEnd)
		i = skipWS(obj, i+1) // ':'
		if string(k) == key && !escaped || escaped && unquote(k, jsonparser.String) == key {
			val, _ := valueAt(obj, i)
			return val, true
		}
		i = skipWS(obj, skipValue(obj, i))
		if i < len(obj) && obj[i] == ',' {
			i = skipWS(obj, i+1)
		}
	}
	return rawElem{}, false
}
