package plan

import (
	"fmt"
	"strings"
	"testing"
)

// pickKeysLists are lists of objects whose members a Picker with arranged
// keys must read exactly as PickInto reads each element: names escaped, with
// bytes above 0x7f, duplicated, prefixes and extensions of the keys asked for,
// short names at the very end of the data; every kind of value, white space
// everywhere, elements that are no objects.
var pickKeysLists = []string{
	`[]`,
	`[{}]`,
	`[{"protocol":"tcp","from_port":22,"to_port":22,"cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[],"description":"ssh","self":false,"prefix_list_ids":[],"security_groups":[]}]`,
	`[{"proto\u0063ol":"escaped","from_port":1},{"protocol":"plain","protocol":"duplicate","descr\"iption":"q"}]`,
	`[{"protocolé":"high","é":1,"protocol":"après","description":"naïve \u00e9"}]`,
	`[{"protoco":"short","protocols":"long","xprotocol":"x","protocoL":"case","to_porT":1,"to_port":-7,"from_port":1e3}]`,
	` [ { "protocol" : "tcp" , "from_port" : 22 , "cidr_blocks" : [ "a" , "b" ] } , { } , 7 , "s" , null , [ 1 ] , { "to_port" : null } ] `,
	`[{"from_port":"22","to_port":true,"protocol":null,"cidr_blocks":{},"ipv6_cidr_blocks":[[],{}],"description":""}]`,
	`[{"description":"with \"quotes\" and \\ backslash","cidr_blocks":["x\"y",null,"\u0030"]}]`,
	`[{"a":1},{"a":2,"b":[{"c":"}"}],"a":3}]`,
	`[{"self":true,"self":false,"nul":null,"t":true,"f":false,"n":null}]`,
	`[{"cidr_blocks":["10.0.0.0/8","0.0.0.0/0"],"ipv6_cidr_blocks":["::/0"],"from_port":0,"to_port":65535,"protocol":"-1"},{"protocol":"6"}]`,
	`[{"ipv6_cidr_blocks_":1,"ipv6_cidr_block":2,"ipv6_cidr_blocks":3,"cidr_blocks\u0020":4}]`,
	`[{"":"empty name","x":"` + strings.Repeat("long value ", 20) + `"}]`,
	`[{"a":1}]`,
	`[{"to":1}]`,
}

var pickKeysSets = [][]string{
	{"protocol", "from_port", "to_port", "cidr_blocks", "ipv6_cidr_blocks", "description"},
	{"a", "b", "self", "to", "t", "f", "n", "nul"},
	{"", "x", "é", "protocolé"},                                          // a name with a high byte: slow path
	{"a", "b", "c", "d", "e", "f", "g", "h", "i"},                        // more than eight keys: slow path
	{"protocol", "a_member_name_longer_than_sixteen"},                    // a long key: slow path
	{"cidr_blocks", "description", "description", "protocoL", "to_porT"}, // a key asked for twice
}

// picked is what a picked value reads as, markers included.
func picked(v Value) string {
	return fmt.Sprintf("%q %v %q %v %q %v", v.raw, v.typ, v.unknown, v.unknownAll, v.sensitive, v.sensitiveAll)
}

func TestPickKeysAgreesWithPickInto(t *testing.T) {
	for _, list := range pickKeysLists {
		for _, keys := range pickKeysSets {
			checkPickKeys(t, list, `[]`, `[]`, keys)
		}
	}
}

// Markers are picked by the same loop: unknown and sensitive members,
// elements marked as a whole, escaped and duplicated names in markers.
func TestPickKeysMarkers(t *testing.T) {
	list := `[{"protocol":"tcp","cidr_blocks":[null],"description":null},{"protocol":null},{"from_port":1},{}]`
	for _, m := range [][2]string{
		{`[{"cidr_blocks":[true],"description":true},{"protocol":true},true,false]`, `[]`},
		{`[{"proto\u0063ol":true,"protocol":false}]`, `[{},{"protocol":true,"protocol":false}]`},
		{`[{"cidr_blocks":[false]},{}]`, `[{"description":true},true]`},
		{`true`, `[{"protocol":true}]`},
		{`[]`, `true`},
	} {
		for _, keys := range pickKeysSets {
			checkPickKeys(t, list, m[0], m[1], keys)
		}
	}
}

func checkPickKeys(t *testing.T, list, unknown, sensitive string, keys []string) {
	t.Helper()
	if err := validJSON([]byte(list)); err != nil {
		t.Fatalf("%s: %v", list, err)
	}
	v := Value{raw: []byte(strings.TrimSpace(list)), typ: 0}
	if e, ok := lookup([]byte(`{"l":`+list+`}`), "l"); ok {
		v.raw, v.typ = e.raw, e.typ
	}
	if m, ok := lookup([]byte(`{"l":`+unknown+`}`), "l"); ok {
		v.unknown, v.unknownAll = marker(m)
	}
	if m, ok := lookup([]byte(`{"l":`+sensitive+`}`), "l"); ok {
		v.sensitive, v.sensitiveAll = marker(m)
	}
	var want []string
	v.Each(func(i int, e Value) {
		out := make([]Value, len(keys))
		e.PickInto(out, keys...)
		for j, o := range out {
			want = append(want, fmt.Sprintf("%d %s: %s", i, keys[j], picked(o)))
		}
	})
	// The list's bytes copied to the end of a buffer of their own, so that
	// names at the end of the list are at the end of the data.
	v.raw = append([]byte(nil), v.raw...)
	it := v.Picks(nil, keys)
	it.tab = &NewKeys(keys...).tab
	var got []string
	out := make([]Value, len(keys))
	for it.NextInto(out) {
		for j, o := range out {
			got = append(got, fmt.Sprintf("%d %s: %s", it.Index(), keys[j], picked(o)))
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("list %s (unknown %s, sensitive %s), keys %q:\npicked\n%s\nwant\n%s", list, unknown, sensitive, keys,
			strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestNewKeysSlowPath(t *testing.T) {
	for _, tc := range []struct {
		keys []string
		fast bool
	}{
		{[]string{"protocol", "from_port"}, true},
		{[]string{"", "sixteen_bytes_ab"}, true},
		{[]string{"seventeen_bytes_a"}, false},
		{[]string{"a\"b"}, false},
		{[]string{`a\b`}, false},
		{[]string{"é"}, false},
		{[]string{"1", "2", "3", "4", "5", "6", "7", "8"}, true},
		{[]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, false},
	} {
		if got := NewKeys(tc.keys...).tab.state == pickKeysFast; got != tc.fast {
			t.Errorf("NewKeys(%q) matches by words: %v, want %v", tc.keys, got, tc.fast)
		}
	}
}

// AppendStrings reads a list of plain strings in one loop: it appends what
// the element-by-element walk appends, whatever the list and its markers.
func TestAppendStringsAgreesWithWalk(t *testing.T) {
	for _, list := range []string{
		`[]`, `[ ]`, `["a"]`, `["0.0.0.0/0","::/0"]`, ` [ "a" , "b" ] `, `["x\"y"]`, `["\u0041"]`, `["naïve","日本"]`,
		`[""]`, `["a",null]`, `[null]`, `[1,"a"]`, `["a",["b"]]`, `["` + strings.Repeat("long", 10) + `","é` + strings.Repeat("x", 9) + `"]`,
		`["a\\"]`, `[true]`,
	} {
		for _, unknown := range []string{`[]`, `true`, `[true]`, `[false,true]`, `[false]`} {
			v := Value{}
			if e, ok := lookup([]byte(`{"l":`+list+`}`), "l"); ok {
				v.raw, v.typ = append([]byte(nil), e.raw...), e.typ
			}
			if m, ok := lookup([]byte(`{"l":`+unknown+`}`), "l"); ok {
				v.unknown, v.unknownAll = marker(m)
			}
			got, gotUnknown := v.AppendStrings([]string{"kept"})
			want, wantUnknown := v.appendEachString([]string{"kept"})
			if fmt.Sprintf("%q %v", got, gotUnknown) != fmt.Sprintf("%q %v", want, wantUnknown) {
				t.Errorf("%s (unknown %s): AppendStrings = %q %v, want %q %v", list, unknown, got, gotUnknown, want, wantUnknown)
			}
		}
	}
}

// FuzzPickKeys: on any valid JSON list (and markers), a Picker with arranged
// keys picks what PickInto picks from each element.
func FuzzPickKeys(f *testing.F) {
	for _, list := range pickKeysLists {
		f.Add(list, `[]`)
	}
	f.Add(`[{"protocol":"tcp"},{"a":1}]`, `[{"protocol":true},true]`)
	f.Fuzz(func(t *testing.T, list, unknown string) {
		if validJSON([]byte(list)) != nil || validJSON([]byte(unknown)) != nil {
			return
		}
		for _, keys := range pickKeysSets[:3] {
			checkPickKeys(t, list, unknown, `[]`, keys)
		}
	})
}
