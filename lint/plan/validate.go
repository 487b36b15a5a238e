package plan

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// SyntaxError locates the first byte where the input stops being JSON.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("%s at byte offset %d", e.Msg, e.Offset) }

// validJSON checks that data is exactly one JSON value (RFC 8259) followed only by
// white space. It is a hand-written scanner (see value), several times faster than
// encoding/json.Valid on large plans; a fuzz test keeps the two in agreement.
// UTF-8 validity is checked separately. Nesting deeper than maxDepth is refused.
func validJSON(data []byte) error {
	v := validator{data: data}
	v.ws()
	if v.pos >= len(data) {
		return &SyntaxError{v.pos, "empty input"}
	}
	if err := v.value(0); err != nil {
		return err
	}
	v.ws()
	if v.pos != len(data) {
		return &SyntaxError{v.pos, "unexpected data after the JSON document"}
	}
	return nil
}

const maxDepth = 10000

type validator struct {
	data []byte
	pos  int
	// escaped: the last string scanned had an escape sequence.
	escaped bool
	// stack is value's stack of open containers, kept between calls.
	stack []byte
	// recent holds containers validated before (see spanRecent).
	recent *[recentSets][recentWays]recentValue
}

func (v *validator) ws() { v.pos = wsAt(v.data, v.pos) }

func (v *validator) fail(msg string) error {
	if v.pos >= len(v.data) {
		return &SyntaxError{len(v.data), "unexpected end of input (truncated?)"}
	}
	return &SyntaxError{v.pos, msg}
}

// value checks the value at v.pos and moves past it. It is one loop over the
// containers open inside the value (a stack of their kinds) rather than
// recursive descent: a plan is mostly small values, and a call per value cost
// more than checking it. Its errors (message and offset) are those of the
// recursive scanner it replaced (refValidator in the tests).
func (v *validator) value(depth int) error {
	// Few variables live across the loop, so that they stay in registers: the
	// stack of open containers is in v, and an error returns at once.
	d := v.data
	i := v.pos
	v.stack = v.stack[:0] // kinds of the containers open around top
	var top byte          // kind of the innermost open container: '{', '[' or 0 for none
	var key bool          // the string being scanned is an object key
	var esc bool          // the string being scanned has an escape
	var c byte
value:
	if depth > maxDepth {
		return v.failAt(i, "nesting too deep")
	}
	if i >= len(d) {
		return v.failAt(i, "expected a value")
	}
	switch c = d[i]; c {
	case '"':
		key = false
		goto str
	case '{':
		i = wsAt(d, i+1)
		if i < len(d) && d[i] == '}' {
			i++
			break
		}
		v.stack = append(v.stack, top)
		top = '{'
		depth++
		goto key
	case '[':
		i = wsAt(d, i+1)
		if i < len(d) && d[i] == ']' {
			i++
			break
		}
		v.stack = append(v.stack, top)
		top = '['
		depth++
		goto value
	case 't':
		if len(d)-i < 4 || string(d[i:i+4]) != "true" {
			return v.failAt(i, "invalid literal")
		}
		i += 4
	case 'f':
		if len(d)-i < 5 || string(d[i:i+5]) != "false" {
			return v.failAt(i, "invalid literal")
		}
		i += 5
	case 'n':
		if len(d)-i < 4 || string(d[i:i+4]) != "null" {
			return v.failAt(i, "invalid literal")
		}
		i += 4
	default:
		if c != '-' && c-'0' > 9 {
			return v.failAt(i, "invalid character")
		}
		n, msg := scanNumber(d, i)
		if msg != "" {
			return v.failAt(n, msg)
		}
		i = n
	}
next: // a value ends at i
	if top == 0 {
		v.pos = i
		return nil
	}
	// White space is looked for only where a byte below '!' is (plans have none).
	if i >= len(d) {
		return v.failAt(i, "") // unexpected end of input, whatever the container
	}
	if c = d[i]; c <= ' ' {
		if i = wsAt(d, i); i >= len(d) {
			return v.failAt(i, "")
		}
		c = d[i]
	}
	if top == '{' {
		switch c {
		case ',':
			i++
			goto key
		case '}':
			i++
			top = v.pop()
			depth--
			goto next
		}
		return v.failAt(i, "expected ',' or '}' in an object")
	}
	switch c {
	case ',':
		i = wsAt(d, i+1)
		goto value
	case ']':
		i++
		top = v.pop()
		depth--
		goto next
	}
	return v.failAt(i, "expected ',' or ']' in an array")
key:
	if i >= len(d) || d[i] != '"' {
		if i = wsAt(d, i); i >= len(d) || d[i] != '"' {
			return v.failAt(i, "expected an object key")
		}
	}
	key = true
	goto str
afterKey:
	// Most members' values are literals, empty containers or strings: a word
	// tells the commonest at once, and of a literal or empty container followed
	// by another member (`:true,"`) nothing is left to check. Not beyond
	// maxDepth, where value fails at the member's value.
	if i < len(d)-7 && depth <= maxDepth {
		w := binary.LittleEndian.Uint64(d[i:])
		switch {
		case w&0xffff == wordColonQuote:
			i += 2
			key, esc = false, false
			goto strBody
		case w&0xffffffffffffff == wordTrueKey, w&0xffffffffffffff == wordNullKey:
			i += 7
			goto nextKey
		case w&0xffffffffff == wordEmptyArrayKey, w&0xffffffffff == wordEmptyObjectKey:
			i += 5
			goto nextKey
		case w == wordFalseKey:
			i += 8
			goto nextKey
		}
		if byte(w) == ':' && byte(w>>8) > ' ' {
			i++
			goto value
		}
	}
	i = wsAt(d, i)
	if i >= len(d) || d[i] != ':' {
		return v.failAt(i, "expected ':' after an object key")
	}
	i = wsAt(d, i+1)
	goto value
nextKey: // a member's key starts just before i (its opening quote)
	key, esc = true, false
	goto strBody
str: // a string starts at d[i]; key says where to go on after it
	esc = false
	i++
strBody:
	// The next quote, backslash or control character, eight bytes at a time
	// (see swarStopASCII), then what it is.
	for ; i < len(d)-7; i += 8 {
		if m := swarStopASCII(binary.LittleEndian.Uint64(d[i:])); m != 0 {
			i += bits.TrailingZeros64(m) >> 3
			goto strStop
		}
	}
	for ; i < len(d); i++ {
		if c = d[i]; c == '"' || c == '\\' || c < 0x20 {
			goto strStop
		}
	}
	return v.failAt(i, "")
strStop:
	if c = d[i]; c == '"' {
		i++
		if key {
			goto afterKey
		}
		v.escaped = esc
		goto next
	}
	if c < 0x20 {
		return v.failAt(i, "control character in string")
	}
	if c != '\\' {
		i++ // a byte above 0x7f
		goto strBody
	}
	// d[i] is a backslash: check the escape and go on after it.
	esc = true
	if i++; i >= len(d) {
		return v.failAt(i, "")
	}
	switch d[i] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		i++
		goto strBody
	case 'u':
		if len(d)-i < 5 {
			return v.failAt(len(d), "")
		}
		if !isHex(d[i+1]) || !isHex(d[i+2]) || !isHex(d[i+3]) || !isHex(d[i+4]) {
			return v.failAt(i, "invalid \\u escape")
		}
		i += 5
		goto strBody
	}
	return v.failAt(i, "invalid escape in string")
}

// The words (eight bytes, little-endian) afterKey compares the input with,
// masked to their length: `:"`, `:true,"`, `:null,"`, `:[],"`, `:{},"` and
// `:false,"` (TestAfterKeyWords spells them out).
const (
	wordColonQuote     = 0x223a
	wordTrueKey        = 0x222c657572743a
	wordNullKey        = 0x222c6c6c756e3a
	wordEmptyArrayKey  = 0x222c5d5b3a
	wordEmptyObjectKey = 0x222c7d7b3a
	wordFalseKey       = 0x222c65736c61663a
)

// failAt is fail at offset i.
func (v *validator) failAt(i int, msg string) error {
	v.pos = i
	return v.fail(msg)
}

// pop takes the innermost container's kind off the stack.
func (v *validator) pop() byte {
	n := len(v.stack) - 1
	top := v.stack[n]
	v.stack = v.stack[:n]
	return top
}

// wsAt returns the index of the first byte at or after i that is not white space.
func wsAt(d []byte, i int) int {
	// Every byte above ' ' ends the white space: one comparison in the common case.
	for i < len(d) && d[i] <= ' ' && (d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r') {
		i++
	}
	return i
}

// str checks the string at v.pos (an opening quote) and moves past it.
func (v *validator) str() error {
	i, esc, msg := scanStr(v.data, v.pos)
	v.pos, v.escaped = i, esc
	if msg != "" {
		return v.fail(msg)
	}
	return nil
}

// swarStopASCII has the high bit set in (at least) the lowest byte of x that
// ends a run of string contents: a quote, a backslash or a control character;
// or in a byte above 0x7f before it, which a caller steps over. x ^ 2 maps '"'
// to 0x20 and the control characters onto themselves, so one "less than 0x21"
// test finds both. Exact on ASCII (most strings in plans), and cheaper than
// excluding the high bytes.
func swarStopASCII(x uint64) uint64 {
	t, b := x^(2*swarOnes), x^swarBack
	return ((t - 0x21*swarOnes) | (b - swarOnes)) & swarHighs
}

// stopAt returns the index of the first quote, backslash or control character
// at or after i, or len(d), eight bytes at a time.
func stopAt(d []byte, i int) int {
	if i >= len(d) {
		return len(d)
	}
	// Indexing s from 0 below len(s)-7 lets the compiler drop the bounds checks.
	s := d[i:]
	k := 0
	for k < len(s)-7 {
		m := swarStopASCII(binary.LittleEndian.Uint64(s[k:]))
		if m == 0 {
			k += 8
			continue
		}
		if k += bits.TrailingZeros64(m) >> 3; s[k] < 0x80 {
			return i + k
		}
		k++ // a byte above 0x7f
	}
	for i += k; i < len(d); i++ {
		if c := d[i]; c == '"' || c == '\\' || c < 0x20 {
			return i
		}
	}
	return i
}

// scanStr checks the string whose opening quote is d[i] and returns the index
// just past it and whether it has escapes; or, with a message, the offset of
// the error.
func scanStr(d []byte, i int) (end int, escaped bool, msg string) {
	i++ // opening quote
	for {
		if i = stopAt(d, i); i >= len(d) {
			return len(d), escaped, "unterminated string"
		}
		switch c := d[i]; {
		case c == '"':
			return i + 1, escaped, ""
		case c < 0x20:
			return i, escaped, "control character in string"
		}
		// d[i] is a backslash: check the escape and continue after it.
		escaped = true
		i++
		if i >= len(d) {
			return i, escaped, "unterminated string"
		}
		switch d[i] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i++
		case 'u':
			if len(d)-i < 5 {
				return len(d), escaped, "unterminated string"
			}
			for _, h := range d[i+1 : i+5] {
				if !isHex(h) {
					return i, escaped, "invalid \\u escape"
				}
			}
			i += 5
		default:
			return i, escaped, "invalid escape in string"
		}
	}
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// scanNumber checks the number starting at d[i] and returns the index just
// past it, or, with a message, the offset of the error.
func scanNumber(d []byte, i int) (int, string) {
	if d[i] == '-' {
		i++
	}
	if i >= len(d) {
		return i, "invalid number"
	}
	switch {
	case d[i] == '0':
		i++
	case d[i] >= '1' && d[i] <= '9':
		for i < len(d) && d[i]-'0' <= 9 {
			i++
		}
	default:
		return i, "invalid number"
	}
	if i < len(d) && d[i] == '.' {
		i++
		start := i
		for i < len(d) && d[i]-'0' <= 9 {
			i++
		}
		if i == start {
			return i, "invalid number"
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		start := i
		for i < len(d) && d[i]-'0' <= 9 {
			i++
		}
		if i == start {
			return i, "invalid number"
		}
	}
	return i, ""
}
