package plan

import (
	"math/bits"

	"github.com/buger/jsonparser"
)

// The functions here walk JSON that Parse has already validated: they skip
// values without checking them again, which is several times faster than the
// validating scanner. Never call them on unvalidated input.

// skipWS returns the index of the first non-space byte at or after i.
func skipWS(d []byte, i int) int {
	for i < len(d) {
		if d[i] > ' ' { // every token starts above the space: one test in compact plans
			return i
		}
		switch d[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns the index just past the string starting at d[i] == '"'.
func skipString(d []byte, i int) int {
	end, _ := skipStringEsc(d, i)
	return end
}

// skipStringEsc is skipString that also tells whether the string has escapes.
func skipStringEsc(d []byte, i int) (end int, escaped bool) {
	i++
	for {
		i = nextQuoteOrEscape(d, i)
		if i >= len(d) {
			return len(d), escaped
		}
		if d[i] == '"' {
			return i + 1, escaped
		}
		escaped = true
		i += 2 // a backslash and the character it escapes (\uXXXX's digits are no quotes)
	}
}

// SWAR ("SIMD within a register") constants: a byte repeated eight times.
const (
	swarOnes  = 0x0101010101010101
	swarHighs = 0x8080808080808080
	swarQuote = '"' * swarOnes
	swarBack  = '\\' * swarOnes
	swarSpace = ' ' * swarOnes
)

// swarZero has the high bit set in (at least) the lowest byte of x that is zero;
// bits above a zero byte may be set spuriously, so only the lowest counts.
func swarZero(x uint64) uint64 { return (x - swarOnes) &^ x & swarHighs }

// nextQuoteOrEscape returns the index of the first '"' or '\\' at or after i,
// or len(d), eight bytes at a time: most of a plan is string contents.
func nextQuoteOrEscape(d []byte, i int) int {
	for ; i+8 <= len(d); i += 8 {
		x := load8(d, i)
		if m := swarZero(x^swarQuote) | swarZero(x^swarBack); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for ; i < len(d); i++ {
		if c := d[i]; c == '"' || c == '\\' {
			return i
		}
	}
	return i
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

// skipValue returns the index just past the value starting at d[i].
func skipValue(d []byte, i int) int {
	if i >= len(d) {
		return i
	}
	switch d[i] {
	case '"':
		return skipString(d, i)
	case '{', '[':
		depth := 0
		for i < len(d) {
			switch class[d[i]] {
			case classQuote:
				i = skipString(d, i)
				continue
			case classOpen:
				depth++
			case classClose:
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return i
	}
	for i < len(d) {
		switch d[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}

// valueAt returns the value starting at d[i] in the form span returns.
func valueAt(d []byte, i int) (rawElem, int) {
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
		kEnd, escaped := skipStringEsc(d, i)
		key := d[i+1 : kEnd-1]
		if escaped {
			key = []byte(unquote(key, jsonparser.String))
		}
		i = skipWS(d, kEnd)
		i = skipWS(d, i+1) // ':'
		val, end := valueAt(d, i)
		if !fn(key, val) {
			return end
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
