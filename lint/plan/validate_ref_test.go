package plan

import (
	"encoding/binary"
	"math/bits"
)

// refValidator is the recursive-descent validator the loop in validate.go
// replaced, kept as the reference its errors (message and offset) are
// compared with.

const swarSpace = ' ' * swarOnes

// swarZero has the high bit set in (at least) the lowest byte of x that is zero;
// bits above a zero byte may be set spuriously, so only the lowest counts.
func swarZero(x uint64) uint64 { return (x - swarOnes) &^ x & swarHighs }

func refValidJSON(data []byte) error {
	v := refValidator{data: data}
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

type refValidator struct {
	data []byte
	pos  int
	// escaped: the last string scanned had an escape sequence.
	escaped bool
}

func (v *refValidator) ws() {
	d, i := v.data, v.pos
	// Every byte above ' ' ends the white space: one comparison in the common case.
	for i < len(d) && d[i] <= ' ' && (d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r') {
		i++
	}
	v.pos = i
}

func (v *refValidator) fail(msg string) error {
	if v.pos >= len(v.data) {
		return &SyntaxError{len(v.data), "unexpected end of input (truncated?)"}
	}
	return &SyntaxError{v.pos, msg}
}

func (v *refValidator) value(depth int) error {
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

func (v *refValidator) literal(word string) error {
	if len(v.data)-v.pos < len(word) || string(v.data[v.pos:v.pos+len(word)]) != word {
		return v.fail("invalid literal")
	}
	v.pos += len(word)
	return nil
}

func (v *refValidator) object(depth int) error {
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

func (v *refValidator) array(depth int) error {
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

func (v *refValidator) str() error {
	v.pos++ // opening quote
	v.escaped = false
	d := v.data
	for {
		// Find the next quote, backslash or control character eight bytes at a
		// time (see nextQuoteOrEscape), then look at what it is.
		i := v.pos
		for ; i+8 <= len(d); i += 8 {
			x := binary.LittleEndian.Uint64(d[i:])
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

func (v *refValidator) number() error {
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
