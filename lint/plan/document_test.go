package plan

import (
	"strconv"
	"strings"
	"testing"

	"github.com/buger/jsonparser"
)

func TestDocument(t *testing.T) {
	doc := " {\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Condition\":{\"Bool\":{\"aws:Secure\\u0054ransport\":[false]}}},{\"Effect\":\"Allow\"}]} \n"
	v, ok := Document(doc)
	if !ok || !v.IsObject() {
		t.Fatalf("Document(%q) = %v, %v; want an object", doc, v, ok)
	}
	st := v.Get("Statement")
	if st.Len() != 2 {
		t.Fatalf("Statement has %d elements, want 2", st.Len())
	}
	if e, _ := st.Index(1).Get("Effect").Str(); e != "Allow" {
		t.Errorf("second Effect = %q, want Allow", e)
	}
	var keys []string
	st.Index(0).Get("Condition").Get("Bool").Members(func(k string, val Value) bool {
		keys = append(keys, strings.Clone(k))
		if b, ok := val.Index(0).Bool(); !ok || b {
			t.Errorf("%s[0] = %v, %v; want false", k, b, ok)
		}
		return true
	})
	if len(keys) != 1 || keys[0] != "aws:SecureTransport" {
		t.Errorf("members = %q, want the unescaped key aws:SecureTransport", keys)
	}

	// Members stops when fn returns false, and is empty for non-objects.
	n := 0
	v.Members(func(string, Value) bool { n++; return false })
	if n != 1 {
		t.Errorf("Members called fn %d times after false, want 1", n)
	}
	st.Members(func(string, Value) bool { t.Error("Members on a list called fn"); return true })

	for _, bad := range []string{"", "   ", "{", `{"a":1}x`, "not json", `{"a":}`} {
		if _, ok := Document(bad); ok {
			t.Errorf("Document(%q) accepted", bad)
		}
	}
	if s, ok := Document(`"just a string"`); !ok {
		t.Error("a JSON string is a document")
	} else if got, _ := s.Str(); got != "just a string" {
		t.Errorf("string document = %q", got)
	}
}

func TestMembersCarryMarkers(t *testing.T) {
	// Build the Value the way Attr would, from after, after_unknown and after_sensitive.
	after := []byte(`{"tags":{"a":"x","b":null}}`)
	unknown := []byte(`{"tags":{"b":true}}`)
	sensitive := []byte(`{"tags":{"a":true}}`)
	var v Value
	if e, ok := lookup(after, "tags"); ok {
		v.raw, v.typ = e.raw, e.typ
	}
	if m, ok := lookup(unknown, "tags"); ok {
		v.unknown, v.unknownAll = marker(m)
	}
	if m, ok := lookup(sensitive, "tags"); ok {
		v.sensitive, v.sensitiveAll = marker(m)
	}
	got := map[string][2]bool{}
	v.Members(func(k string, m Value) bool {
		got[strings.Clone(k)] = [2]bool{m.Unknown(), m.Sensitive()}
		return true
	})
	if got["a"] != [2]bool{false, true} || got["b"] != [2]bool{true, false} {
		t.Errorf("markers (unknown, sensitive) = %v; want a sensitive, b unknown", got)
	}
}

// EachPick reads what Each followed by PickInto reads, markers included.
func TestEachPickAgreesWithEachAndPickInto(t *testing.T) {
	keys := []string{"protocol", "from_port", "cidr_blocks", "description", "absent"}
	for _, tc := range []struct{ after, unknown, sensitive string }{
		{`{"ingress":[{"protocol":"tcp","from_port":22,"cidr_blocks":["0.0.0.0/0"],"description":"ssh"},{"protocol":"-1","from_port":0}]}`, `{}`, `{}`},
		{`{"ingress":[{"protocol":"tcp","cidr_blocks":["a"]},{"from_port":1}]}`, `{"ingress":[{"cidr_blocks":[false],"description":true},true]}`, `{"ingress":[{"description":true}]}`},
		{`{"ingress":[{"protocol":"tcp"} , 7, "x", {"de\\u0073cription":"escaped key"} ]}`, `{"ingress":[{},false]}`, `{"ingress":true}`},
		{`{"ingress":[]}`, `{"ingress":[]}`, `{}`},
		{`{"ingress":[{"protocol":"udp"}]}`, `{"ingress":true}`, `{}`},
		{`{"ingress":{"protocol":"udp"}}`, `{}`, `{}`},
		{`{"ingress":[{"protocol":"udp","protocol":"tcp"},{}]}`, `{"ingress":[{"protocol":true,"protocol":false}]}`, `{"ingress":[{},{"protocol":true}]}`},
	} {
		var v Value
		if e, ok := lookup([]byte(tc.after), "ingress"); ok {
			v.raw, v.typ = e.raw, e.typ
		}
		if m, ok := lookup([]byte(tc.unknown), "ingress"); ok {
			v.unknown, v.unknownAll = marker(m)
		}
		if m, ok := lookup([]byte(tc.sensitive), "ingress"); ok {
			v.sensitive, v.sensitiveAll = marker(m)
		}
		var want [][]Value
		v.Each(func(_ int, e Value) {
			picked := make([]Value, len(keys))
			e.PickInto(picked, keys...)
			want = append(want, picked)
		})
		var got [][]Value
		var buf [5]Value
		v.EachPick(buf[:], keys, func(_ int, picked []Value) { got = append(got, append([]Value(nil), picked...)) })
		if len(got) != len(want) {
			t.Fatalf("%s: EachPick read %d elements, Each %d", tc.after, len(got), len(want))
		}
		n := 0
		for it := v.Picks(buf[:], keys); it.Next(); n++ {
			if it.Index() != n {
				t.Errorf("%s: Picks element %d has index %d", tc.after, n, it.Index())
			}
			for j := range keys {
				if g, w := buf[j], got[n][j]; string(g.raw) != string(w.raw) || g.typ != w.typ || g.unknownAll != w.unknownAll ||
					g.sensitiveAll != w.sensitiveAll || string(g.unknown) != string(w.unknown) || string(g.sensitive) != string(w.sensitive) {
					t.Errorf("%s: element %d %s: Picks %+v, EachPick %+v", tc.after, n, keys[j], g, w)
				}
			}
		}
		if n != len(got) {
			t.Errorf("%s: Picks read %d elements, EachPick %d", tc.after, n, len(got))
		}
		// NextInto picks into a buffer of the caller's, the picker holding none.
		n = 0
		var into [5]Value
		for it := v.Picks(nil, keys); it.NextInto(into[:]); n++ {
			for j := range keys {
				if g, w := into[j], got[n][j]; string(g.raw) != string(w.raw) || g.typ != w.typ || g.unknownAll != w.unknownAll ||
					g.sensitiveAll != w.sensitiveAll || string(g.unknown) != string(w.unknown) || string(g.sensitive) != string(w.sensitive) {
					t.Errorf("%s: element %d %s: NextInto %+v, EachPick %+v", tc.after, n, keys[j], g, w)
				}
			}
		}
		if n != len(got) {
			t.Errorf("%s: NextInto read %d elements, EachPick %d", tc.after, n, len(got))
		}
		for i := range want {
			for j := range keys {
				g, w := got[i][j], want[i][j]
				if string(g.raw) != string(w.raw) || g.typ != w.typ || g.Unknown() != w.Unknown() || g.Sensitive() != w.Sensitive() ||
					string(g.unknown) != string(w.unknown) || string(g.sensitive) != string(w.sensitive) {
					t.Errorf("%s: element %d %s: EachPick %+v, Each+PickInto %+v", tc.after, i, keys[j], g, w)
				}
			}
		}
	}
}

func TestText(t *testing.T) {
	after := []byte(`{"plain":"{\"a\":1}","escaped":"x\u0041\\y","empty":"","num":1,"nul":null}`)
	get := func(key string) Value {
		e, ok := lookup(after, key)
		if !ok {
			t.Fatalf("no %s in %s", key, after)
		}
		return Value{raw: e.raw, typ: e.typ}
	}
	for key, want := range map[string]string{"plain": `{\"a\":1}`, "escaped": `x\u0041\\y`, "empty": ""} {
		got, ok := get(key).Text()
		if !ok || got != want {
			t.Errorf("%s: Text() = %q, %v; want %q, true", key, got, ok, want)
		}
	}
	// The text keys the string: the unescaped value differs where escapes do.
	if s, _ := get("escaped").Str(); s != `xA\y` {
		t.Errorf("escaped: Str() = %q", s)
	}
	for _, key := range []string{"num", "nul"} {
		if got, ok := get(key).Text(); ok {
			t.Errorf("%s: Text() = %q, true; want not a string", key, got)
		}
	}
	if got, ok := (Value{}).Text(); ok || got != "" {
		t.Errorf("zero Value: Text() = %q, %v", got, ok)
	}
}

// StrDocument reads the same document as Document of Str, whatever the
// escapes: the two-byte ones it unescapes itself, the others (\uXXXX,
// surrogates) it leaves to Str; invalid UTF-8 is kept as it is.
func TestStrDocument(t *testing.T) {
	docs := []string{
		`{"a":"b"}`,
		`{"Statement":[{"Effect":"Allow","Principal":"*"}]}`,
		"{\"s\":\"tab\\t nl\\n cr\\r bs\\\\ sl\\/ b\\b f\\f q\\\"\"}",
		`{"k\u0041":"\u00e9\ud83d\ude00 lone \ud800"}`,
		"{\"raw\":\"\xff\xfe invalid\"}",
		`{"a":`, // not JSON
		``,
		`"just a string"`,
		` [1, 2, {"x": null}] `,
	}
	var quotedDocs []string
	for _, doc := range docs {
		quoted := strconv.Quote(doc) // Go escapes are JSON's for these texts but \x..
		if strings.Contains(quoted, `\x`) {
			quoted = `"` + strings.ReplaceAll(strings.ReplaceAll(doc, `\`, `\\`), `"`, `\"`) + `"`
		}
		quotedDocs = append(quotedDocs, quoted)
	}
	// Escapes of the plan's own string: \u escapes (left to Str) anywhere.
	quotedDocs = append(quotedDocs, `"{\u0022a\u0022:1}"`, `"{\"a\":\"\u00e9\ud83d\ude00\"}"`,
		`"{\"a\":\"x\"}\u0020"`, `"\u007b}"`)
	for _, quoted := range quotedDocs {
		after := []byte(`{"policy":` + quoted + `}`)
		e, ok := lookup(after, "policy")
		if !ok {
			t.Fatalf("no policy in %s", after)
		}
		v := Value{raw: e.raw, typ: e.typ}
		s, _ := v.Str()
		want, wantOK := Document(s)
		got, gotOK := v.StrDocument()
		if gotOK != wantOK || string(got.raw) != string(want.raw) || got.typ != want.typ {
			t.Errorf("%s: StrDocument() = %q %v %v; Document(Str()) = %q %v %v",
				quoted, got.raw, got.typ, gotOK, want.raw, want.typ, wantOK)
		}
	}
	for _, v := range []Value{{}, {raw: []byte("1"), typ: jsonparser.Number}, {raw: []byte("null"), typ: jsonparser.Null}} {
		if d, ok := v.StrDocument(); ok || d.typ != jsonparser.NotExist {
			t.Errorf("StrDocument of %q = %v, %v; want none", v.raw, d, ok)
		}
	}
	for text, want := range map[string]string{
		``: ``, `plain`: `plain`, `\"`: `"`, `a\\\"b\/`: `a\"b/`, `\b\f\n\r\t`: "\b\f\n\r\t", `x\"`: `x"`,
	} {
		if got, ok := unescapeShort(text); !ok || got != want {
			t.Errorf("unescapeShort(%q) = %q, %v; want %q", text, got, ok, want)
		}
	}
	for _, text := range []string{`\`, `a\`, `\u0041`, `\x`, `ok\"then\u0041`} {
		if got, ok := unescapeShort(text); ok {
			t.Errorf("unescapeShort(%q) = %q, true; want it left to the general unescape", text, got)
		}
	}
}
