package engine

import (
	"fmt"
	"strconv"
	"strings"
)

// appendf appends fmt.Sprintf(format, args...) to dst, formatting itself the
// verbs rules' messages use, %s and %q of a string, %d of an int and %%,
// without fmt's per-call set-up (it was most of a failure's cost on plans
// where most resources fail). Any other verb, flag, width or argument type, or
// a count of arguments that does not match, drops what it appended and hands
// the whole message to fmt.Appendf, so the text is always what fmt writes.
func appendf(dst []byte, format string, args []any) []byte {
	start, next, from := len(dst), 0, 0
	for i := 0; i < len(format); i++ {
		j := strings.IndexByte(format[i:], '%')
		if j < 0 {
			break
		}
		i += j
		if i+1 == len(format) {
			return fmt.Appendf(dst[:start], format, args...)
		}
		dst = append(dst, format[from:i]...)
		i++
		switch format[i] {
		case '%':
			dst = append(dst, '%')
		case 's', 'q':
			if next == len(args) {
				return fmt.Appendf(dst[:start], format, args...)
			}
			s, ok := args[next].(string)
			if !ok {
				return fmt.Appendf(dst[:start], format, args...)
			}
			if format[i] == 's' {
				dst = append(dst, s...)
			} else { // fmt's %q of a string, without flags, is strconv.Quote
				dst = appendQuote(dst, s)
			}
			next++
		case 'd':
			if next == len(args) {
				return fmt.Appendf(dst[:start], format, args...)
			}
			n, ok := args[next].(int)
			if !ok {
				return fmt.Appendf(dst[:start], format, args...)
			}
			dst = strconv.AppendInt(dst, int64(n), 10)
			next++
		default:
			return fmt.Appendf(dst[:start], format, args...)
		}
		from = i + 1
	}
	if next != len(args) {
		return fmt.Appendf(dst[:start], format, args...)
	}
	return append(dst, format[from:]...)
}

// appendQuote is strconv.AppendQuote, which writes printable ASCII but for
// quotes and backslashes as it is: such a string is copied between quotes
// without strconv's rune by rune decoding (messages quote provider defaults).
func appendQuote(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return strconv.AppendQuote(dst, s)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// sprintf is appendf to a new string.
func sprintf(format string, args []any) string {
	if len(args) == 0 && strings.IndexByte(format, '%') < 0 {
		return format
	}
	return string(appendf(nil, format, args))
}
