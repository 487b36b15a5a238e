package plan

import (
	"bytes"
	"encoding/json"
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

// TestEachMemberKeys: keys short enough to end in the word after their quote,
// longer ones, escaped ones and ones with high bytes are all read as
// encoding/json reads them, in order.
func TestEachMemberKeys(t *testing.T) {
	for _, obj := range []string{
		`{"":1,"a":2,"abcdef":3,"abcdefg":4,"abcdefgh":5,"abcdefghi":6}`,
		`{"addr\u0065ss":"x","ty\"pe":1,"n\\":2,"\u00e9":3,"` + "\xc3\xa9t\xc3\xa9" + `":4}`,
		`{ "a" : 1 , "b"` + "\n:\t" + `2}`,
		`{"k":1}`, `{"k":{"x":[1,{"y":2}]},"last key at the end":null}`, `{}`,
	} {
		d := []byte(obj)
		v := validator{data: d}
		var got []string
		err := v.eachMember(1, func(key []byte) error {
			got = append(got, string(key))
			return v.skip(2)
		})
		if err != nil || v.pos != len(d) {
			t.Fatalf("%s: %v at %d", obj, err, v.pos)
		}
		var want []string
		dec := json.NewDecoder(bytes.NewReader(d))
		var m map[string]json.RawMessage
		if err := dec.Decode(&m); err != nil {
			t.Fatal(err)
		}
		keys := json.NewDecoder(bytes.NewReader(d))
		depth := 0
		for {
			tok, err := keys.Token()
			if err != nil {
				break
			}
			switch tok := tok.(type) {
			case json.Delim:
				if tok == '{' || tok == '[' {
					depth++
				} else {
					depth--
				}
			case string:
				if depth == 1 && len(want) < len(m) && keys.More() {
					want = append(want, tok)
					var skip json.RawMessage
					if err := keys.Decode(&skip); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		if len(want) != len(m) {
			t.Fatalf("%s: %d keys read by encoding/json, want %d", obj, len(want), len(m))
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: keys %q, want %q", obj, got, want)
		}
	}
}
