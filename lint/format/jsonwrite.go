package format

import (
	"bufio"
	"strconv"
	"unicode/utf8"
)

// Hand-written JSON for the per-finding parts of the json and sarif formats:
// encoding/json with indentation costs tens of microseconds a finding, too slow
// for plans with hundreds of thousands of findings. Strings are escaped exactly
// as encoding/json escapes them (HTML characters included), so the output is
// byte for byte what json.Encoder with SetIndent would write.

const hexDigits = "0123456789abcdef"

// jsonString writes s as a JSON string literal.
func jsonString(b *bufio.Writer, s string) {
	b.WriteByte('"')
	jsonStringBody(b, s)
	b.WriteByte('"')
}

// jsonStringBody writes s escaped, without the quotes.
func jsonStringBody(b *bufio.Writer, s string) {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			default: // other control characters and <, >, &
				b.WriteString(`\u00`)
				b.WriteByte(hexDigits[c>>4])
				b.WriteByte(hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(s[start:i])
			b.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b.WriteString(s[start:i])
			b.WriteString(`\u202`)
			b.WriteByte(hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b.WriteString(s[start:])
}

// jsonField writes `,\n<indent>"key": ` (first: without the comma).
func jsonKey(b *bufio.Writer, indent, key string, first bool) {
	if !first {
		b.WriteByte(',')
	}
	b.WriteByte('\n')
	b.WriteString(indent)
	b.WriteByte('"')
	b.WriteString(key)
	b.WriteString(`": `)
}

func jsonStringField(b *bufio.Writer, indent, key, value string, first bool) {
	jsonKey(b, indent, key, first)
	jsonString(b, value)
}

func jsonIntField(b *bufio.Writer, indent, key string, value int, first bool) {
	jsonKey(b, indent, key, first)
	var buf [20]byte
	b.Write(strconv.AppendInt(buf[:0], int64(value), 10))
}

// jsonLocation writes a Location object's members at indent, then the closing
// brace at outer.
func jsonLocation(b *bufio.Writer, indent, outer string, l Location) {
	b.WriteByte('{')
	jsonStringField(b, indent, "file", l.File, true)
	jsonIntField(b, indent, "line", l.Line, false)
	jsonIntField(b, indent, "column", l.Column, false)
	b.WriteByte('\n')
	b.WriteString(outer)
	b.WriteByte('}')
}
