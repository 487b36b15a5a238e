package format

import (
	"unicode/utf8"
)

// Hand-written JSON for the per-finding parts of the json and sarif formats:
// encoding/json with indentation costs tens of microseconds a finding, too slow
// for plans with hundreds of thousands of findings. Strings are escaped exactly
// as encoding/json escapes them (HTML characters included), so the output is
// byte for byte what json.Encoder with SetIndent would write.

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string literal.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendJSONBody(b, s)
	return append(b, '"')
}

// appendJSONBody appends s escaped, without the quotes: the runs of bytes
// that need no escaping whole.
func appendJSONBody(b []byte, s string) []byte {
	for {
		n := jsonSet.plainLen(s)
		b = append(b, s[:n]...)
		if n == len(s) {
			return b
		}
		s = s[n:]
		c := s[0]
		if c < utf8.RuneSelf {
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case 0x7f: // not escaped by encoding/json
				b = append(b, c)
			default: // other control characters and <, >, &
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			s = s[1:]
			continue
		}
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			b = append(b, s[:size]...)
		}
		s = s[size:]
	}
}

// appendJSONSized appends s escaped after the escaped length (a uvarint).
func appendJSONSized(b []byte, s string) []byte { return appendSized(b, s, appendJSONBody) }

// appendJSONKey appends `,\n<indent>"key": ` (first: without the comma).
func appendJSONKey(b []byte, indent, key string, first bool) []byte {
	if !first {
		b = append(b, ',')
	}
	b = append(b, '\n')
	b = append(b, indent...)
	b = append(b, '"')
	b = append(b, key...)
	return append(b, `": `...)
}

func appendJSONStringField(b []byte, indent, key, value string, first bool) []byte {
	b = appendJSONKey(b, indent, key, first)
	return appendJSONString(b, value)
}

func appendJSONIntField(b []byte, indent, key string, value int, first bool) []byte {
	b = appendJSONKey(b, indent, key, first)
	return appendInt(b, value)
}

// appendJSONLocation appends a Location object's members at indent, then the
// closing brace at outer.
func appendJSONLocation(b []byte, indent, outer string, l Location) []byte {
	b = append(b, '{')
	b = appendJSONStringField(b, indent, "file", l.File, true)
	b = appendJSONIntField(b, indent, "line", l.Line, false)
	b = appendJSONIntField(b, indent, "column", l.Column, false)
	b = append(b, '\n')
	b = append(b, outer...)
	return append(b, '}')
}

// appendJSONStringList appends a list of strings as the value of a member
// at indent (the list's items one level deeper).
func appendJSONStringList(b []byte, indent string, list []string) []byte {
	if len(list) == 0 {
		return append(b, "[]"...)
	}
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		b = append(b, indent...)
		b = append(b, "  "...)
		b = appendJSONString(b, s)
	}
	b = append(b, '\n')
	b = append(b, indent...)
	return append(b, ']')
}
