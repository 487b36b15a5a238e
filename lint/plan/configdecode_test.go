package plan

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

// TestDecodeConfigMatchesEncodingJSON: for every real plan of the fixtures, the
// configuration decodes to what encoding/json makes of it.
func TestDecodeConfigMatchesEncodingJSON(t *testing.T) {
	paths, err := filepath.Glob("../testdata/plans/*/*.json")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("../testdata/plans/generated/*/*.json")
	paths = append(paths, more...)
	checked, recorded := 0, 0
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Configuration json.RawMessage `json:"configuration"`
		}
		if json.Unmarshal(data, &doc) != nil || len(doc.Configuration) == 0 || doc.Configuration[0] != '{' {
			continue
		}
		var want tfjson.Config
		wantErr := json.Unmarshal(doc.Configuration, &want)
		got, err := decodeConfig(doc.Configuration, nil)
		if (err != nil) != (wantErr != nil) {
			t.Errorf("%s: error %v, encoding/json: %v", path, err, wantErr)
			continue
		}
		if err == nil && !reflect.DeepEqual(got, &want) {
			t.Errorf("%s: the configuration decodes differently from encoding/json", path)
		}
		// With the module bodies' ends the validating walk records, the same.
		v := &validator{data: doc.Configuration}
		raw, ends, err := v.scanConfig()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if got, err := decodeConfig(raw, ends); (err != nil) != (wantErr != nil) || (err == nil && !reflect.DeepEqual(got, &want)) {
			t.Errorf("%s: the configuration decodes differently with the recorded module ends (%v)", path, err)
		}
		recorded += len(ends)
		for start, end := range ends {
			if raw[start] != '{' || skipValue(raw, start) != end {
				t.Errorf("%s: module body at %d recorded as ending at %d", path, start, end)
			}
		}
		checked++
	}
	if checked < 50 || recorded < 10 {
		t.Fatalf("only %d plans with a configuration and %d module bodies checked: are the fixtures in ../testdata/plans?",
			checked, recorded)
	}
}

// TestDecodeConfigSharesModuleBodies: calls of one module with the same body
// share one decoded module; a different body gets its own.
func TestDecodeConfigSharesModuleBodies(t *testing.T) {
	body := `{"resources":[{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","expressions":{"bucket":{"references":["var.name"]}}}],"variables":{"name":{}}}`
	other := strings.Replace(body, `"b"`, `"c"`, 1)
	raw := `{"root_module":{"module_calls":{` +
		`"a":{"source":"./m","expressions":{"name":{"constant_value":"a"}},"module":` + body + `},` +
		`"b":{"source":"./m","expressions":{"name":{"constant_value":"b"}},"module":` + body + `},` +
		`"c":{"source":"./n","module":` + other + `}}}}`
	cfg, err := decodeConfig([]byte(raw), nil)
	if err != nil {
		t.Fatal(err)
	}
	calls := cfg.RootModule.ModuleCalls
	if calls["a"].Module != calls["b"].Module {
		t.Error("module calls with the same body do not share the decoded module")
	}
	if calls["a"].Module == calls["c"].Module {
		t.Error("a module call with another body shares the decoded module")
	}
	if calls["a"].Expressions["name"] == calls["b"].Expressions["name"] {
		t.Error("the calls' own expressions are shared")
	}
	var want tfjson.Config
	if err := json.Unmarshal([]byte(raw), &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg, &want) {
		t.Error("the configuration decodes differently from encoding/json")
	}
}

// TestDecodeConfigFallsBack: members of unexpected types or names get encoding/json's answer;
// the other inputs here decode as encoding/json decodes them.
func TestDecodeConfigFallsBack(t *testing.T) {
	for _, raw := range []string{
		`{"root_module":{"Resources":[{"address":"a.b"}]}}`,
		`{"root_module":{"resources":"x"}}`,
		`{"root_module":"x"}`,
		`{"root_module":{"module_calls":{"a":{"module":{"resources":[{"address":"a.b","name":7}]}}}}}`,
		// Read in place: white space, nulls, escaped keys and members nobody reads between the ones decoded.
		"{ \"x\" : {\"y\":[{\"z\":{}}]} ,\n \"root_module\" : { \"module_calls\" : { \"a\\u0062\" : { \"x\":[[{}]], \"source\" : \"./m\" ," +
			" \"module\" : { \"module_calls\" : { \"n\" : null , \"m\" : { \"module\" : null } } , \"outputs\" : null } } , \"c\" : null } } , \"provider_config\" : {} }",
		`{"root_module":{"module_calls":null,"resources":[{"address":"a.b"}]},"root_module":null}`,
		`{"root_module":{"module_calls":{"a":{"module":{}},"b":{"module":{}}}}}`,
		`{"root_module":{"module_calls":{"a":{"source":7}}}}`,
		`{"root_module":{"module_calls":{"a":[]}}}`,
		`{"root_module":{"module_calls":{"a":{"module":[]}}}}`,
	} {
		var want tfjson.Config
		wantErr := json.Unmarshal([]byte(raw), &want)
		got, err := decodeConfig([]byte(raw), nil)
		if (err != nil) != (wantErr != nil) {
			t.Errorf("%s: error %v, encoding/json: %v", raw, err, wantErr)
			continue
		}
		if err == nil && !reflect.DeepEqual(got, &want) {
			t.Errorf("%s: decodes to %+v, encoding/json to %+v", raw, got.RootModule, want.RootModule)
		}
	}
}

// TestScanConfigRecordsModuleBodies: the validating walk records the end of
// every module call's body, nested ones included, and only of bodies that are
// objects; with or without the record, the configuration decodes the same.
func TestScanConfigRecordsModuleBodies(t *testing.T) {
	inner := `{"outputs":{"o":{"expression":{"references":["x"]}}}}`
	body := `{"resources":[],"module_calls":{"in":{"source":"./in","module":` + inner + `},` +
		`"nul":{"source":"./n","module":null},"str":"x"}}`
	raw := `{"provider_config":{},"root_module":{"module_calls":{` +
		`"a":{"source":"./a","module":` + body + `},` +
		`"b" : { "source" : "./a" , "modul\u0065" : ` + body + ` },` +
		`"c":{"source":"./c","module":[]}}}}`
	v := &validator{data: []byte(raw)}
	got, ends, err := v.scanConfig()
	if err != nil || string(got) != raw {
		t.Fatalf("scanConfig: %q, %v", got, err)
	}
	want := map[string]int{body: 2, inner: 2}
	seen := map[string]int{}
	for start, end := range ends {
		seen[raw[start:end]]++
	}
	if !reflect.DeepEqual(seen, want) {
		t.Errorf("recorded bodies %v, want %v", seen, want)
	}
	with, err1 := decodeConfig(got, ends)
	without, err2 := decodeConfig(got, nil)
	if (err1 != nil) != (err2 != nil) || !reflect.DeepEqual(with, without) {
		t.Errorf("decodeConfig with ends: %v (%v), without: %v (%v)", with, err1, without, err2)
	}
}
