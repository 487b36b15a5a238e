package plan

import (
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
// white space. It is a hand-written recursive-descent scanner, several times faster
// than encoding/json.Valid on large plans; a fuzz test keeps the two in agreement.
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
}

func (v *validator) ws() {
	d, i := v.data, v.pos
	// Every byte above ' ' ends the white space: one comparison in the common case.
	for i < len(d) && d[i] <= ' ' && (d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r') {
		i++
	}
	v.pos = i
}

func (v *validator) fail(msg string) error {
	if v.pos >= len(v.data) {
		return &SyntaxError{len(v.data), "unexpected end of input (truncated?)"}
	}
	return &SyntaxError{v.pos, msg}
}

func (v *validator) value(depth int) error {
	if depth > maxDepth {
		return v.fail("nesting too deep")
	}
	if v.pos >= len(v.data) {
		return v.fail("expected a value")
	}
	switch c := v.data[v.pos]; {
	case c == '{':
		return v.object(depth)
	case c == '[':
		return v.array(depth)
	case c == '"':
		return v.str()
	case c == '-' || (c >= '0' && c <= '9'):
		return v.number()
	case c == 't':
		return v.literal("true")
	case c == 'f':
		return v.literal("false")
	case c == 'n':
		return v.literal("null")
	}
	return v.fail("invalid character")
}

func (v *validator) literal(word string) error {
	if len(v.data)-v.pos < len(word) || string(v.data[v.pos:v.pos+len(word)]) != word {
		return v.fail("invalid literal")
	}
	v.pos += len(word)
	return nil
}

func (v *validator) object(depth int) error {
	v.pos++ // {
	v.ws()
	if v.pos < len(v.data) && v.data[v.pos] == '}' {
		v.pos++
		return nil
	}
	for {
		v.ws()
		if v.pos >= len(v.data) || v.data[v.pos] != '"' {
			return v.fail("expected an object key")
		}
		if err := v.str(); err != nil {
			return err
		}
		v.ws()
		if v.pos >= len(v.data) || v.data[v.pos] != ':' {
			return v.fail("expected ':' after an object key")
		}
		v.pos++
		v.ws()
		if err := v.value(depth + 1); err != nil {
			return err
		}
		v.ws()
		if v.pos >= len(v.data) {
			return v.fail("unterminated object")
		}
		switch v.data[v.pos] {
		case ',':
			v.pos++
		case '}':
			v.pos++
			return nil
		default:
			return v.fail("expected ',' or '}' in an object")
		}
	}
}

func (v *validator) array(depth int) error {
	v.pos++ // [
	v.ws()
	if v.pos < len(v.data) && v.data[v.pos] == ']' {
		v.pos++
		return nil
	}
	for {
		v.ws()
		if err := v.value(depth + 1); err != nil {
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

func (v *validator) str() error {
	v.pos++ // opening quote
	v.escaped = false
	d := v.data
	for {
		// Find the next quote, backslash or control character eight bytes at a
		// time (see nextQuoteOrEscape), then look at what it is.
		i := v.pos
		for ; i+8 <= len(d); i += 8 {
			x := load8(d, i)
			// (x - 0x20 in each byte) &^ x has the high bit set in the lowest byte below 0x20.
			if m := swarZero(x^swarQuote) | swarZero(x^swarBack) | ((x - swarSpace) &^ x & swarHighs); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				goto found
			}
		}
		for ; i < len(d); i++ {
			if c := d[i]; c == '"' || c == '\\' || c < 0x20 {
				goto found
			}
		}
		v.pos = len(d)
		return v.fail("unterminated string")
	found:
		v.pos = i
		switch c := d[i]; {
		case c == '"':
			v.pos++
			return nil
		case c < 0x20:
			return v.fail("control character in string")
		}
		// d[v.pos] is a backslash: validate the escape and continue after it.
		v.escaped = true
		v.pos++
		if v.pos >= len(d) {
			return v.fail("unterminated string")
		}
		switch d[v.pos] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			v.pos++
		case 'u':
			if len(d)-v.pos < 5 {
				v.pos = len(d)
				return v.fail("unterminated string")
			}
			for _, h := range d[v.pos+1 : v.pos+5] {
				if !isHex(h) {
					return v.fail("invalid \\u escape")
				}
			}
			v.pos += 5
		default:
			return v.fail("invalid escape in string")
		}
	}
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func (v *validator) number() error {
	d := v.data
	if d[v.pos] == '-' {
		v.pos++
	}
	if v.pos >= len(d) {
		return v.fail("invalid number")
	}
	switch {
	case d[v.pos] == '0':
		v.pos++
	case d[v.pos] >= '1' && d[v.pos] <= '9':
		for v.pos < len(d) && d[v.pos] >= '0' && d[v.pos] <= '9' {
			v.pos++
		}
	default:
		return v.fail("invalid number")
	}
	if v.pos < len(d) && d[v.pos] == '.' {
		v.pos++
		start := v.pos
		for v.pos < len(d) && d[v.pos] >= '0' && d[v.pos] <= '9' {
			v.pos++
		}
		if v.pos == start {
			return v.fail("invalid number")
		}
	}
	if v.pos < len(d) && (d[v.pos] == 'e' || d[v.pos] == 'E') {
		v.pos++
		if v.pos < len(d) && (d[v.pos] == '+' || d[v.pos] == '-') {
			v.pos++
		}
		start := v.pos
		for v.pos < len(d) && d[v.pos] >= '0' && d[v.pos] <= '9' {
			v.pos++
		}
		if v.pos == start {
			return v.fail("invalid number")
		}
	}
	return nil
}
