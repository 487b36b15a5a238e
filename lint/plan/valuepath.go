package plan

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/buger/jsonparser"
)

// AttrPath returns the planned value at an attribute path as rules report it
// ("ingress[0].cidr_blocks", "metadata_options.http_tokens", "" for the whole
// resource). A name applied to a list descends into its first element (a
// nested block of one, written without its index). A path that leads nowhere
// is an absent value.
func (r *Resource) AttrPath(path string) Value {
	v := r.Root()
	if path == "" {
		return v
	}
	for _, seg := range strings.Split(path, ".") {
		name, rest, _ := strings.Cut(seg, "[")
		if name != "" {
			if v.IsList() {
				v = v.Index(0)
			}
			v = v.Get(name)
		}
		for rest != "" {
			idx, after, ok := strings.Cut(rest, "]")
			if !ok {
				return Value{typ: jsonparser.NotExist}
			}
			n, err := strconv.Atoi(idx)
			if err != nil {
				v = v.Get(strings.Trim(idx, `"`))
			} else {
				v = v.Index(n)
			}
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return v
}

// JSON is the value as a JSON document (strings quoted), nil when absent.
func (v Value) JSON() []byte {
	switch v.typ {
	case jsonparser.NotExist:
		return nil
	case jsonparser.String:
		return append(append([]byte{'"'}, v.raw...), '"')
	}
	return v.raw
}

// AnySensitive reports that the value or any part of it is marked sensitive.
func (v Value) AnySensitive() bool {
	return v.sensitiveAll || bytes.Contains(v.sensitive, []byte("true"))
}

// AnyUnknown reports that the value or any part of it is known only after apply.
func (v Value) AnyUnknown() bool {
	return v.Unknown() || v.unknownAll || bytes.Contains(v.unknown, []byte("true"))
}
