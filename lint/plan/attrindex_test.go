package plan

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/buger/jsonparser"
)

// The attribute index must answer exactly as walking the objects does: first
// member of a duplicated key, escaped keys (before or after the members asked
// for), nested values, markers, literals; whichever order members are asked
// for in (it indexes only as far as the questions need).
func TestAttrIndexAgreesWithWalking(t *testing.T) {
	objects := []string{
		`{}`,
		`null`,
		`[{"a":1}]`,
		`{"a":1,"b":"x\"y","c":{"d":[1,{"e":"}"}]},"a":2}`,
		` { "a" : [ ] , "b" : null , "c" : true } `,
		`{"k\u0065y":"escaped key","key":"plain"}`,
		`{"a":true,"b\u0062":1,"bb":2,"a":3,"c":true}`,
		`{"a":true,"t":true ,"f":false,"n":null,"tt":"true","l":[true],"o":{"true":true},"a":false}`,
		`{"t":true}`,
		`{"s":"","n":-1.5e3,"t":true,"f":false,"o":{},"l":[[]]}`,
	}
	keys := []string{"a", "b", "bb", "c", "d", "e", "key", "s", "n", "t", "tt", "f", "o", "l", "true", "missing", ""}
	for _, obj := range objects {
		data := []byte(obj)
		if err := validJSON(data); err != nil {
			t.Fatalf("%s: %v", obj, err)
		}
		var forward, backward objIndex
		forward.reset(data)
		backward.reset(data)
		for i, k := range keys {
			want, wantOK := lookup(data, k)
			var fresh objIndex
			fresh.reset(data)
			for _, ix := range []struct {
				name string
				*objIndex
			}{{"fresh", &fresh}, {"forward", &forward}} {
				got, gotOK := ix.member(k)
				if gotOK != wantOK || string(got.raw) != string(want.raw) || got.typ != want.typ {
					t.Errorf("%s[%q] (%s): index gives %q %v %v, walking %q %v %v", obj, k, ix.name, got.raw, got.typ, gotOK, want.raw, want.typ, wantOK)
				}
			}
			k = keys[len(keys)-1-i]
			want, wantOK = lookup(data, k)
			if got, gotOK := backward.member(k); gotOK != wantOK || string(got.raw) != string(want.raw) || got.typ != want.typ {
				t.Errorf("%s[%q] (backward): index gives %q %v %v, walking %q %v %v", obj, k, got.raw, got.typ, gotOK, want.raw, want.typ, wantOK)
			}
		}
	}
}

// A member asked for near the start leaves the rest of the object unindexed,
// and the index goes on from there for later questions.
func TestAttrIndexStopsAtMemberFound(t *testing.T) {
	data := []byte(`{"a":true,"b":[1,2],"c":"x","d":null}`)
	var ix objIndex
	ix.reset(data)
	if got, ok := ix.member("b"); !ok || string(got.raw) != "[1,2]" || len(ix.ms) != 2 || ix.done {
		t.Fatalf("b: %q %v, %d members indexed, done %v", got.raw, ok, len(ix.ms), ix.done)
	}
	if got, ok := ix.member("a"); !ok || string(got.raw) != "true" || got.typ != jsonparser.Boolean || len(ix.ms) != 2 {
		t.Fatalf("a: %q %v %v, %d members indexed", got.raw, got.typ, ok, len(ix.ms))
	}
	if _, ok := ix.member("z"); ok || len(ix.ms) != 4 || !ix.done || ix.walk {
		t.Fatalf("z: found %v, %d members indexed, done %v, walk %v", ok, len(ix.ms), ix.done, ix.walk)
	}
	if got, ok := ix.member("d"); !ok || got.typ != jsonparser.Null {
		t.Fatalf("d: %q %v %v", got.raw, got.typ, ok)
	}
}

// Resources that lose their index slot to others rebuild it and still answer right.
func TestAttrIndexRingEviction(t *testing.T) {
	var changes string
	n := indexRing*2 + 3
	for i := 0; i < n; i++ {
		if i > 0 {
			changes += ","
		}
		changes += fmt.Sprintf(`{"address":"t.r%d","type":"t","name":"r%d","change":{"actions":["create"],`+
			`"after":{"v":%d,"s":"secret%d"},"after_unknown":{"u":true},"after_sensitive":{"s":true}}}`, i, i, i, i)
	}
	p, err := Parse([]byte(`{"format_version":"1.2","planned_values":{},"resource_changes":[` + changes + `]}`))
	if err != nil {
		t.Fatal(err)
	}
	for round := 0; round < 2; round++ {
		for i, r := range p.Resources {
			if got, _ := r.Attr("v").Int(); got != int64(i) {
				t.Fatalf("round %d: %s.v = %d", round, r.Address, got)
			}
			if !r.Attr("u").Unknown() || !r.Attr("s").Sensitive() || r.Attr("v").Sensitive() {
				t.Fatalf("round %d: %s has wrong markers", round, r.Address)
			}
		}
	}
}

// Markers with no true in them mark nothing: the index drops them, and the
// values read under them are neither unknown nor sensitive, while a true at any
// depth (or a key that merely reads "true") still marks what it marks.
func TestAttrMarkersWithoutTrue(t *testing.T) {
	p, err := Parse([]byte(`{"format_version":"1.2","planned_values":{},"resource_changes":[` +
		`{"address":"t.a","type":"t","name":"a","change":{"actions":["create"],` +
		`"after":{"l":[{"c":["x",null],"d":"y"}],"n":null,"o":{"true":null}},` +
		`"after_unknown":{"l":[{"c":[false,false]}],"n":false},"after_sensitive":{"l":[{"c":[]}],"o":{"true":false}}}},` +
		`{"address":"t.b","type":"t","name":"b","change":{"actions":["create"],` +
		`"after":{"l":[{"c":["x",null],"d":"y"}],"n":null},` +
		`"after_unknown":{"l":[{"c":[false,true]}],"n":true},"after_sensitive":{"l":[{"d":true}]}}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	a, b := p.Resources[0], p.Resources[1]
	if a.Attr("n").Unknown() || !a.Attr("n").Null() || a.Attr("l").AnyUnknown() || a.Attr("l").AnySensitive() {
		t.Errorf("t.a: markers without true mark values")
	}
	if o := a.Attr("o"); o.Get("true").Sensitive() {
		t.Errorf("t.a: a key named true marks its value")
	}
	var picked [2]Value
	a.Attr("l").EachPick(picked[:], []string{"c", "d"}, func(_ int, f []Value) {
		if got, unknown := f[0].Strings(); unknown || len(got) != 1 || got[0] != "x" || f[1].Sensitive() {
			t.Errorf("t.a: element read as %q unknown %v, d sensitive %v", got, unknown, f[1].Sensitive())
		}
	})
	if !b.Attr("n").Unknown() || !b.Attr("l").AnyUnknown() || !b.Attr("l").AnySensitive() {
		t.Errorf("t.b: markers with true lost")
	}
	b.Attr("l").EachPick(picked[:], []string{"c", "d"}, func(_ int, f []Value) {
		if got, unknown := f[0].Strings(); !unknown || len(got) != 1 || got[0] != "x" || !f[1].Sensitive() {
			t.Errorf("t.b: element read as %q unknown %v, d sensitive %v", got, unknown, f[1].Sensitive())
		}
	})
}

// Int reads the integers it reads without a string as strconv does, and
// leaves everything else to strconv.
func TestIntAgreesWithStrconv(t *testing.T) {
	for _, raw := range []string{"0", "-0", "22", "65535", "-1", "007", "999999999999999999", "-999999999999999999",
		"9223372036854775807", "-9223372036854775808", "9223372036854775808", "1e3", "1.0", "1.5", "+5", "-", "", "0x10", "1_000", " 1", "２"} {
		for _, typ := range []jsonparser.ValueType{jsonparser.Number, jsonparser.String} {
			got, gotOK := Value{raw: []byte(raw), typ: typ}.Int()
			var want int64
			wantOK := false
			if n, err := strconv.ParseInt(raw, 10, 64); err == nil {
				want, wantOK = n, true
			} else if f, err := strconv.ParseFloat(raw, 64); err == nil && f == float64(int64(f)) {
				want, wantOK = int64(f), true
			}
			if got != want || gotOK != wantOK {
				t.Errorf("Int(%q) = %d, %v; want %d, %v", raw, got, gotOK, want, wantOK)
			}
		}
	}
}

// lookup and elemAt find what walking every member or element finds: the first
// member of a duplicated key, escaped keys, nested values, nothing in non-containers.
func TestLookupAndElemAtAgreeWithWalking(t *testing.T) {
	docs := []string{`{}`, `[]`, `""`, `7`, `null`, `{"a":1,"b":"x\"y","c":{"d":[1,{"e":"}"}]},"a":2}`,
		` { "a" : [ ] , "b" : null , "c" : true } `, `{"k\u0065y":"escaped key","key":"plain","a\"":3}`,
		`[1, "two", {"three":3}, [4], null, true]`, ` [ [ ] , { } ] `}
	keys := []string{"a", "b", "c", "d", "key", `a"`, "three", "missing", ""}
	for _, doc := range docs {
		data := []byte(doc)
		if err := validJSON(data); err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		trimmed, _, _ := trimValue(data[skipWS(data, 0):])
		for _, k := range keys {
			var want rawElem
			wantOK := false
			walkObject(trimmed, func(key []byte, val rawElem) bool {
				if string(key) == k {
					want, wantOK = val, true
					return false
				}
				return true
			})
			got, gotOK := lookup(trimmed, k)
			if gotOK != wantOK || string(got.raw) != string(want.raw) || got.typ != want.typ {
				t.Errorf("lookup(%s, %q) = %q %v %v, walking %q %v %v", doc, k, got.raw, got.typ, gotOK, want.raw, want.typ, wantOK)
			}
		}
		for n := -1; n < 8; n++ {
			var want rawElem
			wantOK := false
			walkArray(trimmed, func(i int, val rawElem) bool {
				if i == n {
					want, wantOK = val, true
					return false
				}
				return true
			})
			got, gotOK := elemAt(trimmed, n)
			if gotOK != wantOK || string(got.raw) != string(want.raw) || got.typ != want.typ {
				t.Errorf("elemAt(%s, %d) = %q %v %v, walking %q %v %v", doc, n, got.raw, got.typ, gotOK, want.raw, want.typ, wantOK)
			}
		}
	}
}

// PickAttr picks what Attr(name).Picks picks, whatever the index had read
// before, and the index answers as before after it left a list open.
func TestPickAttrAgreesWithAttr(t *testing.T) {
	for _, after := range []string{
		`{"a":"x","l":[{"p":"1","q":[true]},{"p":"2\"","r":null}],"o":{"p":"3"},"m":[],"n":null,"e":[{"p":"4"}],"l":[{"p":"dup"}],"z":true}`,
		`{"a":"x", "o" : {"p":"3"} , "\u006d":[{"p":"esc"}],"m":[],"l":[{"p":"1"}],"e":[{"p":"4"}]}`,
	} {
		testPickAttr(t, after)
	}
}

func testPickAttr(t *testing.T, after string) {
	plan := func() *Plan {
		p, err := Parse([]byte(`{"format_version":"1.2","planned_values":{},"resource_changes":[` +
			`{"address":"t.a","type":"t","name":"a","change":{"actions":["create"],"after":` + after + `,` +
			`"after_unknown":{"l":[{"q":[true]},{"r":true}],"u":true,"e":true},"after_sensitive":{"l":[{"p":true}]}}}]}`))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	keys := []string{"p", "q", "r"}
	read := func(it Picker, out []Value) string {
		var s string
		for it.Next() {
			for j, v := range out {
				str, _ := v.Str()
				list, unknown := v.Strings()
				s += fmt.Sprintf("%d.%s:%q %v %v %v %q %v;", it.Index(), keys[j], str, v.Unknown(), v.Sensitive(), v.Null(), list, unknown)
			}
		}
		return s
	}
	names := []string{"l", "o", "m", "n", "e", "a", "z", "u", "missing"}
	for _, before := range append([]string{""}, names...) {
		for _, name := range names {
			want := plan().Resources[0]
			wantOut := make([]Value, len(keys))
			wantPicks := read(want.Attr(name).Picks(wantOut, keys), wantOut)
			r := plan().Resources[0]
			if before != "" {
				r.Attr(before)
			}
			out := make([]Value, len(keys))
			if got := read(r.PickAttr(name, out, keys), out); got != wantPicks {
				t.Errorf("after %q, PickAttr(%q) = %s, want %s", before, name, got, wantPicks)
			}
			for _, n := range append([]string{name}, names...) {
				got, w := r.Attr(n), want.Attr(n)
				if string(got.raw) != string(w.raw) || got.typ != w.typ || got.Unknown() != w.Unknown() || got.Sensitive() != w.Sensitive() {
					t.Errorf("after %q and PickAttr(%q), Attr(%q) = %q %v, want %q %v", before, name, n, got.raw, got.typ, w.raw, w.typ)
				}
			}
		}
	}
}
