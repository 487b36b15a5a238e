package plan

import (
	"encoding/binary"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

var jsonSeeds = []string{
	`{}`, `[]`, `{"a":[1,-2.5e10,true,false,null,"x\u00e9\n"]}`, ` {"a" : { } } `, `"s"`, `0`, `-0.1E+3`,
	`{"a":1,}`, `[1,]`, `{"a"}`, `{"a":01}`, `[1.]`, `[.5]`, `["\x"]`, `["\u12"]`, "[\"\x01\"]", `{"a":tru}`,
	`[1] [2]`, `{`, `[`, `"`, ``, `nul`, `{"a":1}}`, `[-]`, `[1e]`, `{"\\":"\/"}`,
}

func TestValidJSONAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range jsonSeeds {
		got := validJSON([]byte(s)) == nil
		if want := json.Valid([]byte(s)); got != want {
			t.Errorf("validJSON(%q) = %v, encoding/json says %v", s, got, want)
		}
	}
}

// FuzzValidJSON keeps the fast validator in agreement with encoding/json.
func FuzzValidJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got := validJSON(data) == nil
		if want := json.Valid(data); got != want {
			t.Fatalf("validJSON(%q) = %v, encoding/json says %v", data, got, want)
		}
	})
}

// errorSeeds are malformed documents whose errors (message and offset) the
// validator must report exactly as the recursive scanner it replaced did.
var errorSeeds = []string{
	`{"a":[1,2,{"b":[true,false,null,"x"]}],"c":{}}`, `{"a":[{"b":[1,}]}]}`, `{"a":{"b":{"c":1,"d"}}}`,
	`[[[[[]]]],[[]],{}]`, `[[1,2] 3]`, `{"a":1 "b":2}`, `{"a" 1}`, `{1:2}`, `{"a":1,"b":}`, `[1,2`, `{"a":[`,
	`{"a":{`, `{"a":"b`, `{"a":"\`, `{"a":"\u00`, `{"a":"\u00zz"}`, `{"a":"\q"}`, "{\"a\":\"x\ty\"}", `[tru]`,
	`[fals]`, `[nul]`, `[nulx]`, `[truex]`, `[-]`, `[-a]`, `[01]`, `[1.e5]`, `[1e+]`, `[1E-x]`, `[-0.5e-7]`,
	`[1.5.2]`, `{"a":+1}`, ` [ 1 , [ 2 , { "k" : "v" } ] ] `, "[\n1\r,\t2]", `[]]`, `{}}`, `{"a":[]}x`,
	`["12345678\"12345678\\"]`, `["1234567890123456789"`, `["123456789012345678\u12g4"]`,
	"[\"123456789012\x1f\"]", `["aaaaaaaa\/bbbbbbbb\bcccccccc"]`, `[1,{"a":[2,{"b":[3,{"c":[4,x]}]}]}]`,
	`{"a":{},"b":[],"c":[{}],"d":{"e":[]}}`, `[{"a":1}{"b":2}]`, `[{"a":1},,]`, `{,}`, `[,]`, `{"a":1,}`,
	`[123456789012345678901234567890e999]`, `[1e999999999999999999]`, `[-]`, `[--1]`, `[1e+-2]`, `[0x10]`, `[1.0e]`,
	// Bytes above 0x7f next to the stops: the quick word test flags them too.
	`["é"]`, `["ééééé\"é"]`, `["aaaaaaé\\"]`, "[\"\xdc\xdc\xdc\xdc\xdc\xdc\xdc\xdc\xdc\"]", "[\"\x80\xa0\xa1\xff\x01\"]",
	"[\"1234567\xdc\x1f\"]", "[\"\xff\xff\xff\xff\xff\xff\xff\\q\"]", `{"€€€€":"𝄞𝄞\u00e9"}`, "[\"\xa1\xa1\xa1\xa1\xa1\xa1\xa1\xa1",
}

func TestValidJSONErrorsAsBefore(t *testing.T) {
	for _, s := range append(errorSeeds, jsonSeeds...) {
		checkSameError(t, []byte(s))
	}
	deep := func(n int, opener, closer string) []byte {
		return []byte(strings.Repeat(opener, n) + "1" + strings.Repeat(closer, n))
	}
	for _, n := range []int{maxDepth - 1, maxDepth, maxDepth + 1, maxDepth + 2} {
		checkSameError(t, deep(n, "[", "]"))
		checkSameError(t, deep(n, `{"a":`, "}"))
		checkSameError(t, deep(n, `[{"a":`, "}]"))
	}
}

func checkSameError(t *testing.T, data []byte) {
	t.Helper()
	got, want := validJSON(data), refValidJSON(data)
	if (got == nil) != (want == nil) || (got != nil && got.Error() != want.Error()) {
		t.Errorf("validJSON(%.80q) = %v, the recursive scanner says %v", data, got, want)
	}
}

// FuzzValidJSONErrors keeps the validator's errors those of the recursive scanner.
func FuzzValidJSONErrors(f *testing.F) {
	for _, s := range append(errorSeeds, jsonSeeds...) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkSameError(t, data) })
}

// syntaxPlan has every part Parse walks member by member: resource_changes,
// change, prior_state and a configuration with nested module calls.
const syntaxPlan = `{"format_version":"1.2","terraform_version":"1.11.0","planned_values":{"root_module":{}},` +
	`"resource_changes":[{"address":"module.a.aws_s3_bucket.b","module_address":"module.a","mode":"managed",` +
	`"type":"aws_s3_bucket","name":"b","index":0,"provider_name":"aws","change":{"actions":["create"],` +
	`"before":null,"after":{"bucket":"x\"y","tags":{"k":"v"}},"after_unknown":{"id":true},` +
	`"before_sensitive":false,"after_sensitive":{"tags":{}},"importing":{"id":"i"}}}],` +
	`"prior_state":{"values":{"root_module":{"resources":[{"address":"data.aws_caller_identity.c","mode":"data",` +
	`"type":"aws_caller_identity","name":"c","values":{"account_id":"1"},"sensitive_values":{}}],` +
	`"child_modules":[{"resources":[]}]}}},` +
	`"configuration":{"provider_config":{"aws":{"name":"aws"}},"root_module":{"module_calls":{"a":{"source":"./a",` +
	`"expressions":{"n":{"constant_value":1}},"module":{"resources":[{"address":"aws_s3_bucket.b"}],` +
	`"module_calls":{"in":{"source":"./in","module":{"outputs":{}}}}}}}}}}`

// cutAndChange checks Parse's syntax errors (checkParseSyntaxError) on d cut
// at every byte and changed at every byte to each of a few delimiters and
// bad bytes, and returns how many errors it checked.
func cutAndChange(t *testing.T, d []byte) int {
	t.Helper()
	checked := 0
	for n := 1; n < len(d); n++ {
		checked += checkParseSyntaxError(t, d[:n])
	}
	for i := 1; i < len(d); i++ {
		for _, c := range []byte(`}],":x\ 0{[` + "\x01") {
			m := append([]byte(nil), d...)
			m[i] = c
			checked += checkParseSyntaxError(t, m)
		}
	}
	return checked
}

// TestParseSyntaxErrorsAsBefore: whenever Parse reports a plan as invalid JSON,
// the error is the first one the recursive scanner finds in the document.
func TestParseSyntaxErrorsAsBefore(t *testing.T) {
	d := []byte(syntaxPlan)
	if _, err := Parse(d); err != nil {
		t.Fatal(err)
	}
	checked := cutAndChange(t, d)
	if checked < 1000 {
		t.Fatalf("only %d syntax errors checked", checked)
	}
}

func checkParseSyntaxError(t *testing.T, data []byte) int {
	t.Helper()
	const prefix = "input is not valid JSON: "
	_, err := Parse(data)
	if err == nil || !strings.HasPrefix(err.Error(), prefix) {
		return 0
	}
	want := refValidJSON(data)
	if want == nil || err.Error() != prefix+want.Error() {
		t.Errorf("Parse(%q): %v, the recursive scanner says %v", data, err, want)
	}
	return 1
}

// FuzzParseSyntaxErrors is TestParseSyntaxErrorsAsBefore on any input.
func FuzzParseSyntaxErrors(f *testing.F) {
	f.Add([]byte(syntaxPlan))
	f.Add([]byte(recentPlan))
	f.Fuzz(func(t *testing.T, data []byte) { checkParseSyntaxError(t, data) })
}

// TestAfterKeyWords: the words afterKey compares a member's start with are the
// bytes they stand for (little-endian, masked to their length).
func TestAfterKeyWords(t *testing.T) {
	for _, c := range []struct {
		word uint64
		s    string
	}{
		{wordColonQuote, `:"`}, {wordTrueKey, `:true,"`}, {wordNullKey, `:null,"`}, {wordEmptyArrayKey, `:[],"`},
		{wordEmptyObjectKey, `:{},"`}, {wordFalseKey, `:false,"`},
	} {
		var b [8]byte
		copy(b[:], c.s)
		if got := binary.LittleEndian.Uint64(b[:]); got != c.word {
			t.Errorf("%s is %#x, the constant %#x", c.s, got, c.word)
		}
	}
}

// TestMemberWordsErrorsAsBefore: members afterKey reads a word at a time
// (literals, empty containers and strings followed by another member), cut at
// every byte, changed at every byte and nested around the depth limit, fail
// as the recursive scanner fails.
func TestMemberWordsErrorsAsBefore(t *testing.T) {
	obj := `{"a":true,"b":null,"c":[],"d":{},"e":false,"f":"s","g":true,"h":"x\"y","i":nul,"j":[]}`
	docs := []string{
		`[` + obj + `]`, strings.ReplaceAll(obj, `,"i":nul`, ``), `{"a":true}`, `{"a":true,"`, `{"a":false,"`,
		`{"a":[],"b`, `{"a":{},"b":1}`, `{"a":true,}`, `{"a":true, "b":1}`, `{"a":truex"b":1}`, `{"a":"`,
		`{"a":tru,"b":1}`, `{"a":[],}`, `{"a":{}}`, `{"a":null,"b":"c","d":false,"e":true}`,
	}
	for _, d := range docs {
		checkSameError(t, []byte(d))
		for n := 1; n < len(d); n++ {
			checkSameError(t, []byte(d[:n]))
		}
		for i := range len(d) {
			for _, c := range []byte(`}],":x\ 0{[t` + "\x01") {
				m := []byte(d)
				m[i] = c
				checkSameError(t, m)
			}
		}
	}
	inner := strings.ReplaceAll(obj, `,"i":nul`, ``)
	for _, n := range []int{maxDepth - 2, maxDepth - 1, maxDepth, maxDepth + 1} {
		checkSameError(t, []byte(strings.Repeat(`{"a":`, n)+inner+strings.Repeat("}", n)))
		checkSameError(t, []byte(strings.Repeat(`[`, n)+inner+strings.Repeat("]", n)))
	}
}

// recentPlan repeats a change's objects (of recentMin bytes or more) and a
// module's resources, which Parse compares with the ones validated before.
var recentPlan = func() string {
	unknown := `{"arn":true,"id":true,"tags_all":true,"policy":true,"versioning":[{"enabled":true}],"x":"\u00e9"}`
	sensitive := `{"grant":[],"cors_rule":[],"lifecycle_rule":[],"logging":[],"website":[],"tags_all":{}}`
	rc := func(name string) string {
		return `{"address":"aws_s3_bucket.` + name + `","mode":"managed","type":"aws_s3_bucket","name":"` + name +
			`","change":{"actions":["create"],"after":{"bucket":"` + name + `"},"after_unknown":` + unknown +
			`,"after_sensitive":` + sensitive + `}}`
	}
	module := `{"resources":[{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b"}]}`
	return `{"format_version":"1.2","resource_changes":[` + rc("a") + `,` + rc("b") + `,` + rc("c") + `],` +
		`"configuration":{"root_module":{"module_calls":{"m":{"source":"./m","module":` + module + `},` +
		`"n":{"source":"./m","module":` + module + `}}}}}`
}()

// TestRecentValuesErrorsAsBefore: a plan whose repeated objects are compared
// with the ones validated before, cut at every byte and changed at every
// byte, fails as the recursive scanner fails.
func TestRecentValuesErrorsAsBefore(t *testing.T) {
	d := []byte(recentPlan)
	p, err := Parse(d)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Resources) != 3 || string(p.Resources[2].unknownRaw()) != string(p.Resources[0].unknownRaw()) ||
		len(p.Resources[2].sensitiveRaw()) < recentMin {
		t.Fatalf("resources %v", p.Resources)
	}
	checked := cutAndChange(t, d)
	if checked < 2000 {
		t.Fatalf("only %d syntax errors checked", checked)
	}
}

// TestSpanRecent: a container is compared with the ones of its set only where
// it was valid as deep or deeper; shorter input, other bytes and more depth
// are validated, with the errors value reports.
func TestSpanRecent(t *testing.T) {
	inner := `{"a":[[[[1]]]],"b":"0123456789012345678901234567890123456789012345678901234567890"}`
	d := []byte(`[` + inner + `,` + inner + `,` + inner[:40] + `]`)
	v := &validator{data: d, pos: 1}
	for round := range 2 {
		raw, err := v.spanRecent(maxDepth - 5)
		if err != nil || string(raw) != inner {
			t.Fatalf("round %d: %q, %v", round, raw, err)
		}
		v.pos++ // ,
	}
	truncated := "unexpected end of input (truncated?) at byte offset " + strconv.Itoa(len(d))
	if _, err := v.spanRecent(maxDepth - 5); err == nil || err.Error() != truncated {
		t.Errorf("truncated copy: %v", err)
	}
	// Deeper than validated: value's depth check, not the remembered bytes.
	v.pos = 1 + len(inner) + 1
	_, err := v.spanRecent(maxDepth - 3)
	want := (&validator{data: d, pos: 1 + len(inner) + 1}).value(maxDepth - 3)
	if err == nil || want == nil || err.Error() != want.Error() {
		t.Errorf("deeper: %v, want %v", err, want)
	}
	// Less deep: the remembered bytes.
	v.pos = 1 + len(inner) + 1
	if raw, err := v.spanRecent(0); err != nil || string(raw) != inner {
		t.Errorf("less deep: %q, %v", raw, err)
	}
}

// TestMemberKeysInTwoWords: keys eachMember reads in the two words after their
// quote (up to fifteen bytes), and longer ones, escaped ones and ones with
// bytes above 0x7f, are read as keys, and the plan cut at every byte fails as
// the recursive scanner fails.
func TestMemberKeysInTwoWords(t *testing.T) {
	plan := `{"format_version":"1.2","resource_changes":[{"addr\u0065ss":"aws_s3_bucket.b","provider_name":"p",` +
		`"module_addres\u0073":"","type":"aws_s3_bucket","name":"b","mode":"managed","ünknown_key_éé":1,` + //nolint:misspell // module_address, its last letter escaped
		`"sixteen_bytes_ky":2,"fifteen_byte_ky":3,"change":{"actions":["create"],"after_sensitive":{},` +
		`"before_sensitive":false,"after":{"a":1}}}]}`
	p, err := Parse([]byte(plan))
	if err != nil {
		t.Fatal(err)
	}
	r := p.Resources[0]
	if r.Address != "aws_s3_bucket.b" || r.ProviderName != "p" || r.Name != "b" || r.sensitive.n != 2 ||
		r.beforeSensitive.n != 5 || string(r.afterRaw()) != `{"a":1}` {
		t.Errorf("resource %+v", r)
	}
	d := []byte(plan)
	for n := 1; n < len(d); n++ {
		checkParseSyntaxError(t, d[:n])
	}
}

// TestRecentSetsKeepAlikeValues: containers that begin alike share a set, and
// each is kept, the last found or validated first, until recentWays others
// push it out.
func TestRecentSetsKeepAlikeValues(t *testing.T) {
	var values []string
	for i := range recentWays + 1 {
		values = append(values, `{"0123456789abcdef":`+strconv.Itoa(i)+`,"pad":"`+strings.Repeat("x", recentMin)+`"}`)
	}
	order := []int{0, 1, 0, 2, 3, 1, 4}
	var parts []string
	for _, k := range order {
		parts = append(parts, values[k])
	}
	d := []byte("[" + strings.Join(parts, ",") + "]")
	v := &validator{data: d, pos: 1}
	for _, k := range order {
		raw, err := v.spanRecent(2)
		if err != nil || string(raw) != values[k] {
			t.Fatalf("value %d: %q, %v", k, raw, err)
		}
		v.pos++
	}
	set, _ := recentSet(d, 1)
	var got []string
	for _, e := range v.recent[set] {
		got = append(got, string(e.raw))
	}
	want := []string{values[4], values[1], values[3], values[2]} // 0 pushed out
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("set holds %q, want %q", got, want)
	}
}
