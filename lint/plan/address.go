package plan

import "strings"

// configAddress strips instance keys from a resource or module instance address:
// `module.a["x"].module.b[0].aws_s3_bucket.c[1]` becomes `module.a.module.b.aws_s3_bucket.c`.
// Keys may be quoted strings containing dots, brackets and escaped quotes.
func configAddress(addr string) string {
	if !strings.Contains(addr, "[") {
		return addr
	}
	var b strings.Builder
	b.Grow(len(addr))
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		if c != '[' {
			b.WriteByte(c)
			continue
		}
		i = skipKey(addr, i)
	}
	return b.String()
}

// InstanceKeyEnd returns the index of the ']' closing the instance key that
// starts at addr[i] == '[' (a string key may hold brackets and escaped quotes),
// or len(addr)-1 when the key is not closed.
func InstanceKeyEnd(addr string, i int) int { return skipKey(addr, i) }

// skipKey returns the index of the ']' closing the key that starts at addr[i] == '['.
func skipKey(addr string, i int) int {
	inString := false
	for j := i + 1; j < len(addr); j++ {
		switch c := addr[j]; {
		case inString && c == '\\':
			j++
		case c == '"':
			inString = !inString
		case !inString && c == ']':
			return j
		}
	}
	return len(addr) - 1
}

// joinAddr joins a module key and a relative address.
func joinAddr(module, rel string) string {
	if module == "" {
		return rel
	}
	return module + "." + rel
}

// lastKey returns the instance key of the final segment of an address: `[0]`
// or `["a"]`, or "" when the last segment has none.
func lastKey(addr string) string {
	if !strings.HasSuffix(addr, "]") {
		return ""
	}
	// Walk forward to find where the last key starts (keys may contain '['),
	// from the first key.
	start := -1
	for i := strings.IndexByte(addr, '['); i >= 0 && i < len(addr); i++ {
		if addr[i] == '[' {
			end := skipKey(addr, i)
			if end == len(addr)-1 {
				start = i
				break
			}
			i = end
		}
	}
	if start < 0 {
		return ""
	}
	return addr[start:]
}

// ConfigAddress strips instance keys from any resource instance address.
func ConfigAddress(addr string) string { return configAddress(addr) }

// appendConfigAddress appends the instance-key-free form of addr to buf.
func appendConfigAddress(buf []byte, addr string) []byte {
	return appendConfigAddressAt(buf, addr, strings.IndexByte(addr, '['))
}

// appendConfigAddressAt is appendConfigAddress for an addr whose first '[' is
// at i (i < 0: none).
func appendConfigAddressAt(buf []byte, addr string, i int) []byte {
	for i >= 0 {
		buf = append(buf, addr[:i]...)
		addr = addr[skipKey(addr, i)+1:]
		i = strings.IndexByte(addr, '[')
	}
	return append(buf, addr...)
}
