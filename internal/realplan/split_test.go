package realplan

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// Every member of a plan that names modules is cut along module calls, and
// nothing of one configuration shows in another's share.
func TestSplitKeepsEachShareToItsModule(t *testing.T) {
	child := func(name string) string {
		return `{"address":"module.` + name + `","resources":[{"address":"module.` + name + `.aws_s3_bucket.b"}]}`
	}
	rc := func(addr string) string { return `{"address":"` + addr + `","type":"aws_s3_bucket"}` }
	plan := `{"format_version":"1.2","terraform_version":"1.11.4",
	  "planned_values":{"outputs":{"o":{}},"root_module":{"child_modules":[` + child("a") + `,` + child("b") + `]}},
	  "resource_changes":[` + rc("module.a.aws_s3_bucket.b") + `,` + rc(`module.b.aws_s3_bucket.b`) + `,` + rc(`module.b[\"k\"].aws_s3_bucket.c`) + `],
	  "resource_drift":[` + rc("module.a.aws_s3_bucket.b") + `],
	  "relevant_attributes":[{"resource":"module.b.aws_s3_bucket.b","attribute":["bucket"]}],
	  "output_changes":{"o":{}},
	  "prior_state":{"format_version":"1.0","values":{"root_module":{"child_modules":[` + child("a") + `]}}},
	  "checks":[{"address":{"kind":"resource","module":"module.a","to_display":"module.a.aws_s3_bucket.b"}}],
	  "configuration":{"provider_config":{"aws":{"name":"aws"}},"root_module":{"module_calls":{
	    "a":{"source":"./cases/a","module":{}},"b":{"source":"./cases/b","module":{}}}}}}`
	shares, err := split([]byte(plan), []string{"a", "b"})
	if err != nil {
		t.Fatal(err)
	}
	for name, other := range map[string]string{"a": "module.b", "b": "module.a"} {
		js := string(shares[name])
		if strings.Contains(js, other) || strings.Contains(js, `"./cases/`+strings.TrimPrefix(other, "module.")+`"`) {
			t.Errorf("%s's share mentions %s: %s", name, other, js)
		}
		if strings.Contains(js, "output_changes") || strings.Contains(js, `"outputs"`) {
			t.Errorf("%s's share keeps the root outputs: %s", name, js)
		}
		var doc map[string]json.RawMessage
		if err := json.Unmarshal(shares[name], &doc); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"format_version", "planned_values", "resource_changes", "resource_drift",
			"relevant_attributes", "prior_state", "checks", "configuration"} {
			if _, ok := doc[key]; !ok {
				t.Errorf("%s's share lost %s", name, key)
			}
		}
		if !strings.Contains(string(doc["configuration"]), `"provider_config":{"aws"`) {
			t.Errorf("%s's share lost the provider configuration", name)
		}
	}
	var b struct {
		ResourceChanges []struct{ Address string } `json:"resource_changes"`
		PriorState      json.RawMessage            `json:"prior_state"`
		Drift           []any                      `json:"resource_drift"`
	}
	if err := json.Unmarshal(shares["b"], &b); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range b.ResourceChanges {
		got = append(got, r.Address)
	}
	if want := []string{"module.b.aws_s3_bucket.b", `module.b["k"].aws_s3_bucket.c`}; !reflect.DeepEqual(got, want) {
		t.Errorf("b's resource changes = %q, want %q", got, want)
	}
	if string(b.PriorState) != `{"format_version":"1.0","values":{"root_module":{}}}` || b.Drift == nil || len(b.Drift) != 0 {
		t.Errorf("b's prior state %s and drift %v, want empty ones", b.PriorState, b.Drift)
	}
	if _, err := split([]byte(plan), []string{"a", "c"}); err == nil {
		t.Error("a configuration the plan does not call: no error")
	}
	if _, err := split([]byte(`{"resource_changes":{}}`), []string{"a"}); err == nil {
		t.Error("a malformed plan: no error")
	}
}

func TestModuleOf(t *testing.T) {
	for addr, want := range map[string]string{
		"module.a.aws_s3_bucket.b": "a", `module.a["x"].aws_s3_bucket.b`: "a", "module.a": "a",
		"module.a-b_c.module.d.x.y": "a-b_c", "aws_s3_bucket.b": "", "": "",
	} {
		if got := moduleOf(addr); got != want {
			t.Errorf("moduleOf(%q) = %q, want %q", addr, got, want)
		}
	}
}
