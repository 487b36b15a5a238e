package plan

import (
	"encoding/json"
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
