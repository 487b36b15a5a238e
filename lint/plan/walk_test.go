package plan

import (
	"strings"
	"testing"

	"github.com/buger/jsonparser"
)

// skipSeeds are valid documents for the skipping functions: strings of every
// length around the eight-byte words, escapes on word boundaries, brackets and
// quotes inside strings, nesting, scalars.
var skipSeeds = func() []string {
	s := []string{
		`{}`, `[]`, `[[],{}]`, `"x"`, `""`, `1`, `-2.5e10`, `true`, `null`, `{"a":[1,{"b":"}"},"]"],"c":"{["}`,
		`{"a\"b":"c\\","d":"\\\"","e":"\u005c\""}`, `["\\\\\\\\\\\\\\\\\\\\"]`, `[" \" \" \" \" \" \" \" \" "]`,
		`{"k":"é€𝄞","l":[true,false,null,0]}`, `["ééééé\"é","\\é"]`, "[\"\xdc\xdc\xdc\xdc\xdc\xdc\xdc\xdc\xdc\"]",
		"[\"\x80\xa0\xa1\xff\\\\\xff\xff\xff\xff\xff\xff\xff\"]", `[[[[[[[["deep"]]]]]]]]`, ` [ 1 , "a" , { } ] `,
		`[123456789012345678901234567890e999,-0.000000000000000000001E-400,1e+9]`, `{"":{"":[[],{}]},"x":[{},{}]}`,
		"{\"a\"\t:\n[\r1 ,\n2\t]\r\n}",
	}
	for n := 0; n < 20; n++ {
		body := strings.Repeat("x", n)
		s = append(s, `["`+body+`"]`, `{"`+body+`":"`+body+`\""}`, `["`+body+`\\","]"]`, `["`+body+`\u0022{"]`)
	}
	return s
}()

func TestSkipValueEndsWhereTheValidatorDoes(t *testing.T) {
	for _, doc := range skipSeeds {
		checkSkip(t, []byte(doc))
	}
}

func checkSkip(t *testing.T, d []byte) {
	t.Helper()
	if validJSON(d) != nil {
		return // skipValue is only for validated input
	}
	v := validator{data: d}
	v.ws()
	start := v.pos
	_ = v.value(0)
	if got := skipValue(d, start); got != v.pos {
		t.Errorf("skipValue(%q, %d) = %d, want %d", d, start, got, v.pos)
	}
	// From every quote (string or not), skipStringEsc agrees with a byte loop;
	// from every byte, stopAt does.
	for i := start; i < v.pos; i++ {
		if d[i] == '"' {
			end, esc := skipStringEsc(d, i)
			want := naiveStringEnd(d, i)
			if end != want || esc != (naiveIndexAny(d[:want], i+1, `\`) < want) {
				t.Fatalf("skipStringEsc(%q, %d) = %d, %v; want %d", d, i, end, esc, want)
			}
		}
		if got, want := stopAt(d, i), naiveStop(d, i); got != want {
			t.Fatalf("stopAt(%q, %d) = %d, want %d", d, i, got, want)
		}
	}
}

func naiveIndexAny(d []byte, i int, set string) int {
	for ; i < len(d); i++ {
		if strings.IndexByte(set, d[i]) >= 0 {
			return i
		}
	}
	return len(d)
}

// naiveStringEnd is the index just past the string starting at d[i] == '"'.
func naiveStringEnd(d []byte, i int) int {
	for i++; i < len(d); i++ {
		switch d[i] {
		case '"':
			return i + 1
		case '\\':
			i++
		}
	}
	return len(d)
}

func naiveStop(d []byte, i int) int {
	for ; i < len(d); i++ {
		if d[i] == '"' || d[i] == '\\' || d[i] < 0x20 {
			return i
		}
	}
	return len(d)
}

func TestStopAtFindsControlCharacters(t *testing.T) {
	for n := 0; n < 20; n++ {
		for _, c := range []byte{0, 0x1f, '"', '\\'} {
			d := []byte(strings.Repeat("a\x7f\x80 !#[~", 3)[:n] + string(c) + "zzzzzzzz")
			if got := stopAt(d, 0); got != n {
				t.Errorf("stopAt(%q, 0) = %d, want %d", d, got, n)
			}
		}
	}
}

// FuzzSkipValue: on any valid document, skipValue ends where the validator does.
func FuzzSkipValue(f *testing.F) {
	for _, s := range skipSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkSkip(t, data) })
}

// walkObject reads the same members whatever the white space around the
// delimiters (it skips white space only where a delimiter is not next).
func TestWalkObjectWhiteSpace(t *testing.T) {
	want := `a=1;b="x";c={"d":[1, 2]};e\"=[];`
	for _, doc := range []string{
		`{"a":1,"b":"x","c":{"d":[1, 2]},"e\"":[]}`,
		`{ "a" : 1 , "b" :"x", "c": {"d":[1, 2]} ,"e\"":[] }`,
		"{\n\t\"a\":\n1,\r\n\"b\":\t\"x\",\"c\":{\"d\":[1, 2]},\n\"e\\\"\" :[]\n}",
	} {
		got := ""
		end := walkObjectAt([]byte(doc), 0, func(k []byte, v rawElem) bool {
			raw := string(v.raw)
			if v.typ == jsonparser.String {
				raw = `"` + raw + `"`
			}
			got += string(k) + "=" + raw + ";"
			return true
		})
		if got != strings.ReplaceAll(want, `e\"`, `e"`) || end != len(doc) {
			t.Errorf("walkObjectAt(%q) read %q, ended at %d of %d", doc, got, end, len(doc))
		}
	}
}
