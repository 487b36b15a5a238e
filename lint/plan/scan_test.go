package plan

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/buger/jsonparser"
)

var strSpanSeeds = []string{
	`"aws_s3_bucket.a"`, `""`, `"a"`, `"aws_s3_bucket.a[\"k\"]"`, `"\\"`, `"\/\b\f\n\r\t"`, `"a\"`,
	`"\u00e9t\u00e9"`, `"a\u12"`, `"a\x"`, `"a` + "\x01" + `b"`, "\"\xc3\xa9t\xc3\xa9 long enough to take words\"",
	`"unterminated`, `"unterminated\`, `"`, `null`, `12`, `-1e999999`, `true`, `{"a":"b"}`, `["a"]`, ``, ` "a"`,
	`"ends with a backslash and a quote \\"`, `"\\\\\\\""`, `"tab` + "\t" + `"`, "\"\xff\xfe\"",
}

// TestStrSpanAgreesWithSpan: the string fast path returns what span returns,
// ends where it does, with the same escaped flag, and leaves errors to it.
func TestStrSpanAgreesWithSpan(t *testing.T) {
	for _, s := range strSpanSeeds {
		checkStrSpan(t, []byte(s+`,"next"`))
		checkStrSpan(t, []byte(s))
	}
}

func checkStrSpan(t *testing.T, d []byte) {
	t.Helper()
	fast, slow := validator{data: d}, validator{data: d}
	raw, ok, err := fast.strSpan(3)
	want, typ, werr := slow.span(3)
	wantOK := werr == nil && typ == jsonparser.String
	if ok != wantOK || fmt.Sprint(err) != fmt.Sprint(werr) || fast.pos != slow.pos {
		t.Fatalf("%q: strSpan = %v %v at %d, span = %v %v at %d", d, ok, err, fast.pos, wantOK, werr, slow.pos)
	}
	if ok && (!bytes.Equal(raw, want) || fast.escaped != slow.escaped) {
		t.Fatalf("%q: strSpan = %q escaped %v, span = %q escaped %v", d, raw, fast.escaped, want, slow.escaped)
	}
}

func FuzzStrSpan(f *testing.F) {
	for _, s := range strSpanSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, d []byte) { checkStrSpan(t, d) })
}
