package engine

import (
	"fmt"
	"strconv"
	"strings"
)

// sprintf is fmt.Sprintf(format, args...) for the verbs rules' messages use,
// %s and %q of a string, %d of an int and %%, without fmt's per-call set-up (it was
// most of a failure's cost on plans where most resources fail). Any other
// verb, flag, width or argument type, or a count of arguments that does not
// match, goes to fmt.Sprintf, so the text is always what fmt writes.
func sprintf(format string, args []any) string {
	size, next := len(format), 0
	// Both passes jump from verb to verb (strings.IndexByte), not byte by byte.
	for i := 0; i < len(format); i++ {
		j := strings.IndexByte(format[i:], '%')
		if j < 0 {
			break
		}
		i += j
		if i+1 == len(format) {
			return fmt.Sprintf(format, args...)
		}
		i++
		switch format[i] {
		case '%':
		case 's', 'q':
			if next == len(args) {
				return fmt.Sprintf(format, args...)
			}
			s, ok := args[next].(string)
			if !ok {
				return fmt.Sprintf(format, args...)
			}
			size += len(s) + 2
			next++
		case 'd':
			if next == len(args) {
				return fmt.Sprintf(format, args...)
			}
			if _, ok := args[next].(int); !ok {
				return fmt.Sprintf(format, args...)
			}
			size += 20
			next++
		default:
			return fmt.Sprintf(format, args...)
		}
	}
	if next != len(args) {
		return fmt.Sprintf(format, args...)
	}
	if len(args) == 0 && strings.IndexByte(format, '%') < 0 {
		return format
	}
	var b strings.Builder
	b.Grow(size)
	next = 0
	start := 0
	for i := 0; i < len(format); i++ {
		j := strings.IndexByte(format[i:], '%')
		if j < 0 {
			break
		}
		i += j
		b.WriteString(format[start:i])
		i++
		switch format[i] {
		case '%':
			b.WriteByte('%')
		case 's': // the first pass checked the argument's type
			s, _ := args[next].(string)
			b.WriteString(s)
			next++
		case 'q': // fmt's %q of a string, without flags, is strconv.Quote
			s, _ := args[next].(string)
			var buf [64]byte
			b.Write(strconv.AppendQuote(buf[:0], s))
			next++
		case 'd':
			n, _ := args[next].(int)
			var buf [20]byte
			b.Write(strconv.AppendInt(buf[:0], int64(n), 10))
			next++
		}
		start = i + 1
	}
	b.WriteString(format[start:])
	return b.String()
}
