package plan

import "testing"

// Data sources read during plan are in prior_state (root and child modules); a
// read deferred to apply is in resource_changes; neither joins Resources.
func TestDataSources(t *testing.T) {
	doc := `{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{"root_module":{}},
"resource_changes":[
 {"address":"module.m[\"a.data.x\"].data.hardened_account_posture.late","module_address":"module.m[\"a.data.x\"]","mode":"data","type":"hardened_account_posture","name":"late",
  "change":{"actions":["read"],"before":null,"after":{},"after_unknown":{"checks":true},"after_sensitive":{}}},
 {"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","change":{"actions":["create"],"after":{"bucket":"b"},"after_unknown":{},"after_sensitive":{}}}],
"prior_state":{"format_version":"1.0","values":{"root_module":{
 "resources":[
  {"address":"data.hardened_account_posture.this","mode":"data","type":"hardened_account_posture","name":"this","values":{"id":"123456789012","checks":[{"status":"fail"}]},"sensitive_values":{}},
  {"address":"aws_s3_bucket.old","mode":"managed","type":"aws_s3_bucket","name":"old","values":{"bucket":"old"}}],
 "child_modules":[{"address":"module.m[\"a.data.x\"]","resources":[
  {"address":"module.m[\"a.data.x\"].data.hardened_account_posture.late","mode":"data","type":"hardened_account_posture","name":"late","values":{"checks":[]}},
  {"address":"module.m[\"a.data.x\"].data.hardened_account_posture.inner","mode":"data","type":"hardened_account_posture","name":"inner","index":0,"values":{"checks":[]}}]}]}}}}`
	p, err := Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Resources) != 1 || p.Resources[0].Address != "aws_s3_bucket.b" {
		t.Fatalf("resources %v", p.Resources)
	}
	want := []struct{ addr, module, index string }{
		{`module.m["a.data.x"].data.hardened_account_posture.late`, `module.m["a.data.x"]`, ""},
		{"data.hardened_account_posture.this", "", ""},
		{`module.m["a.data.x"].data.hardened_account_posture.inner`, `module.m["a.data.x"]`, "0"},
	}
	if len(p.DataSources) != len(want) {
		t.Fatalf("data sources %v", p.DataSources)
	}
	for i, w := range want {
		d := p.DataSources[i]
		if d.Address != w.addr || d.ModuleAddress() != w.module || d.Index != w.index || d.Type != "hardened_account_posture" {
			t.Errorf("data source %d: %q module %q index %q", i, d.Address, d.ModuleAddress(), d.Index)
		}
	}
	// The deferred read wins over a value of an earlier run.
	if !p.DataSources[0].Attr("checks").Unknown() {
		t.Error("the deferred read's checks are not unknown")
	}
	if s, _ := p.DataSources[1].Attr("checks").Index(0).Get("status").Str(); s != "fail" {
		t.Errorf("checks[0].status = %q", s)
	}
}
