package plan_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/internal/genplan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func addresses(rs []*plan.Resource) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Address)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func find(p *plan.Plan, addr string) *plan.Resource {
	for _, r := range p.Resources {
		if r.Address == addr {
			return r
		}
	}
	return nil
}

func TestReferencedByCountAndForEach(t *testing.T) {
	ref := map[string][]string{"bucket": {"aws_s3_bucket.b.id", "aws_s3_bucket.b"}}
	p := plantest.Plan(t,
		plantest.Res{Address: "aws_s3_bucket.b[0]", Unknown: `{"id":true}`},
		plantest.Res{Address: "aws_s3_bucket.b[1]", Unknown: `{"id":true}`},
		plantest.Res{Address: "aws_s3_bucket_public_access_block.p[0]", Unknown: `{"bucket":true}`, Refs: ref},
		plantest.Res{Address: "aws_s3_bucket_public_access_block.p[1]", Unknown: `{"bucket":true}`, Refs: ref},
		plantest.Res{Address: `aws_s3_bucket.e["logs"]`},
		plantest.Res{Address: `aws_s3_bucket.e["data"]`},
		plantest.Res{Address: `aws_s3_bucket_versioning.v["data"]`, Unknown: `{"bucket":true}`,
			Refs: map[string][]string{"bucket": {"aws_s3_bucket.e"}}},
	)
	for bucket, want := range map[string]string{
		"aws_s3_bucket.b[0]": "aws_s3_bucket_public_access_block.p[0]",
		"aws_s3_bucket.b[1]": "aws_s3_bucket_public_access_block.p[1]",
	} {
		if got := addresses(p.ReferencedBy(find(p, bucket), "aws_s3_bucket_public_access_block", "bucket")); got != want {
			t.Errorf("public access block of %s = %q, want %q", bucket, got, want)
		}
	}
	if got := addresses(p.ReferencedBy(find(p, `aws_s3_bucket.e["data"]`), "aws_s3_bucket_versioning", "bucket")); got != `aws_s3_bucket_versioning.v["data"]` {
		t.Errorf("versioning of e[data] = %q", got)
	}
	if got := p.ReferencedBy(find(p, `aws_s3_bucket.e["logs"]`), "aws_s3_bucket_versioning", "bucket"); len(got) != 0 {
		t.Errorf("e[logs] should have no versioning, got %s", addresses(got))
	}
}

// Inside module instances, each instance's resources pair with each other.
func TestReferencedInsideModuleInstances(t *testing.T) {
	ref := map[string][]string{"bucket": {"aws_s3_bucket.this.id", "aws_s3_bucket.this"}}
	p := plantest.Plan(t,
		plantest.Res{Address: `module.logs["a"].aws_s3_bucket.this`},
		plantest.Res{Address: `module.logs["b"].aws_s3_bucket.this`},
		plantest.Res{Address: `module.logs["a"].aws_s3_bucket_public_access_block.this`, Refs: ref},
	)
	if got := addresses(p.ReferencedBy(find(p, `module.logs["a"].aws_s3_bucket.this`), "aws_s3_bucket_public_access_block", "bucket")); got != `module.logs["a"].aws_s3_bucket_public_access_block.this` {
		t.Errorf("module a: %q", got)
	}
	if got := p.ReferencedBy(find(p, `module.logs["b"].aws_s3_bucket.this`), "aws_s3_bucket_public_access_block", "bucket"); len(got) != 0 {
		t.Errorf("module b has no block of its own, got %s", addresses(got))
	}
}

// Known values correlate resources the configuration cannot (an existing bucket by name).
func TestReferencedByKnownValue(t *testing.T) {
	p := plantest.Plan(t,
		plantest.Res{Address: "aws_s3_bucket.b", After: `{"bucket":"my-logs"}`, Actions: []string{"no-op"}},
		plantest.Res{Address: "aws_s3_bucket_public_access_block.p", After: `{"bucket":"my-logs"}`, Set: []string{"bucket"}},
	)
	if got := addresses(p.ReferencedBy(find(p, "aws_s3_bucket.b"), "aws_s3_bucket_public_access_block", "bucket")); got != "aws_s3_bucket_public_access_block.p" {
		t.Errorf("got %q", got)
	}
}

// References are followed through module variables and outputs.
func TestReferencedThroughModuleVariablesAndOutputs(t *testing.T) {
	doc := `{
  "format_version": "1.2", "planned_values": {},
  "resource_changes": [
    {"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs",
     "change": {"actions": ["create"], "after": {}, "after_unknown": {"id": true}}},
    {"address": "module.trail.aws_cloudtrail.t", "module_address": "module.trail", "mode": "managed",
     "type": "aws_cloudtrail", "name": "t",
     "change": {"actions": ["create"], "after": {}, "after_unknown": {"s3_bucket_name": true}}},
    {"address": "module.store.aws_s3_bucket.inner", "module_address": "module.store", "mode": "managed",
     "type": "aws_s3_bucket", "name": "inner", "change": {"actions": ["create"], "after": {}, "after_unknown": {"id": true}}},
    {"address": "aws_s3_bucket_public_access_block.p", "mode": "managed", "type": "aws_s3_bucket_public_access_block", "name": "p",
     "change": {"actions": ["create"], "after": {}, "after_unknown": {"bucket": true}}}
  ],
  "configuration": {"root_module": {
    "resources": [
      {"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "name": "logs", "expressions": {}},
      {"address": "aws_s3_bucket_public_access_block.p", "mode": "managed", "type": "aws_s3_bucket_public_access_block", "name": "p",
       "expressions": {"bucket": {"references": ["module.store.bucket_id", "module.store"]}}}
    ],
    "module_calls": {
      "trail": {"source": "./trail", "expressions": {"bucket": {"references": ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"]}},
        "module": {"resources": [{"address": "aws_cloudtrail.t", "mode": "managed", "type": "aws_cloudtrail", "name": "t",
          "expressions": {"s3_bucket_name": {"references": ["var.bucket"]}}}],
          "variables": {"bucket": {}}}},
      "store": {"source": "./store",
        "module": {"resources": [{"address": "aws_s3_bucket.inner", "mode": "managed", "type": "aws_s3_bucket", "name": "inner", "expressions": {}}],
          "outputs": {"bucket_id": {"expression": {"references": ["aws_s3_bucket.inner.id", "aws_s3_bucket.inner"]}}}}}
    }
  }}
}`
	p, err := plan.Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	trail := find(p, "module.trail.aws_cloudtrail.t")
	if got := addresses(p.Referenced(trail, "s3_bucket_name", "aws_s3_bucket")); got != "aws_s3_bucket.logs" {
		t.Errorf("through a module variable: %q", got)
	}
	pab := find(p, "aws_s3_bucket_public_access_block.p")
	if got := addresses(p.Referenced(pab, "bucket", "aws_s3_bucket")); got != "module.store.aws_s3_bucket.inner" {
		t.Errorf("through a module output: %q", got)
	}
	if !p.AttrConfigured(pab, "bucket") || p.AttrConfigured(pab, "block_public_acls") {
		t.Error("AttrConfigured should follow the configuration's expressions")
	}
}

// One module instance however its address is escaped in the JSON; and slices
// returned by correlation can be appended to without changing the plan's indexes.
func TestModuleAddressEscapesAndAppendSafety(t *testing.T) {
	rc := func(addr, mod, typ, name string) string {
		return `{"address":"` + addr + `","module_address":"` + mod + `","mode":"managed","type":"` + typ +
			`","name":"` + name + `","change":{"actions":["create"],"after":{},"after_unknown":{"bucket":true}}}`
	}
	data := `{"format_version":"1.2","planned_values":{},"resource_changes":[` +
		rc(`module.m[\"a\"].aws_s3_bucket.b`, `module.m[\"a\"]`, "aws_s3_bucket", "b") + `,` +
		rc(`module.m[\"b\"].aws_s3_bucket.b`, `module.m[\"b\"]`, "aws_s3_bucket", "b") + `,` +
		rc(`module.m[\u0022a\u0022].aws_s3_bucket_versioning.v`, `module.m[\u0022a\u0022]`, "aws_s3_bucket_versioning", "v") + `,` +
		rc(`module.m[\"b\"].aws_s3_bucket_versioning.v`, `module.m[\"b\"]`, "aws_s3_bucket_versioning", "v") +
		`],"configuration":{"root_module":{"module_calls":{"m":{"source":"./m","module":{"resources":[` +
		`{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b"},` +
		`{"address":"aws_s3_bucket_versioning.v","mode":"managed","type":"aws_s3_bucket_versioning","name":"v",` +
		`"expressions":{"bucket":{"references":["aws_s3_bucket.b.id","aws_s3_bucket.b"]}}}]}}}}}}`
	p, err := plan.Parse([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	bucket := find(p, `module.m["a"].aws_s3_bucket.b`)
	if bucket == nil {
		t.Fatal("no bucket")
	}
	got := p.ReferencedBy(bucket, "aws_s3_bucket_versioning", "bucket")
	if addresses(got) != `module.m["a"].aws_s3_bucket_versioning.v` {
		t.Fatalf("versioning of %s = %q", bucket.Address, addresses(got))
	}
	_ = append(got, bucket)
	_ = append(p.OfType("aws_s3_bucket"), bucket)
	if again := p.ReferencedBy(bucket, "aws_s3_bucket_versioning", "bucket"); addresses(again) != addresses(got) {
		t.Errorf("after appending: %q", addresses(again))
	}
	if n := len(p.OfType("aws_s3_bucket")); n != 2 {
		t.Errorf("OfType: %d buckets", n)
	}
	other := p.OfType("aws_s3_bucket")[1]
	if got := addresses(p.ReferencedBy(other, "aws_s3_bucket_versioning", "bucket")); got != `module.m["b"].aws_s3_bucket_versioning.v` {
		t.Errorf("versioning of %s = %q", other.Address, got)
	}
}

// A reference inside a module instance names that instance's resource: when the
// plan holds only another instance's namesake (a -target plan, say), or only
// another key, nothing is correlated.
func TestReferencedNotAcrossModuleInstances(t *testing.T) {
	refs := map[string][]string{"bucket": {"aws_s3_bucket.b.id", "aws_s3_bucket.b"}}
	p := plantest.Plan(t,
		plantest.Res{Address: `module.app["a"].aws_s3_bucket.b`, After: `{"bucket":"data-a"}`, Unknown: `{"id":true}`},
		plantest.Res{Address: `module.app["b"].aws_s3_bucket_versioning.b`, After: `{}`, Unknown: `{"bucket":true}`, Refs: refs},
		plantest.Res{Address: `module.app["a"].aws_s3_bucket_versioning.b`, After: `{}`, Unknown: `{"bucket":true}`, Refs: refs},
		plantest.Res{Address: `aws_s3_bucket.k["x"]`, After: `{"bucket":"k-x"}`, Unknown: `{"id":true}`},
		plantest.Res{Address: `aws_s3_bucket_policy.k`, After: `{}`, Unknown: `{"bucket":true}`,
			Refs: map[string][]string{"bucket": {`aws_s3_bucket.k["y"].id`, `aws_s3_bucket.k["y"]`}}},
	)
	get := func(addr string) *plan.Resource {
		for _, r := range p.Resources {
			if r.Address == addr {
				return r
			}
		}
		t.Fatalf("no %s", addr)
		return nil
	}
	if got := addresses(p.Referenced(get(`module.app["b"].aws_s3_bucket_versioning.b`), "bucket", "aws_s3_bucket")); got != "" {
		t.Errorf(`module.app["b"] versioning correlated with %q, want nothing`, got)
	}
	if got := addresses(p.Referenced(get(`module.app["a"].aws_s3_bucket_versioning.b`), "bucket", "aws_s3_bucket")); got != `module.app["a"].aws_s3_bucket.b` {
		t.Errorf(`module.app["a"] versioning correlated with %q`, got)
	}
	if got := addresses(p.ReferencedBy(get(`module.app["a"].aws_s3_bucket.b`), "aws_s3_bucket_versioning", "bucket")); got != `module.app["a"].aws_s3_bucket_versioning.b` {
		t.Errorf(`bucket ["a"] referenced by %q`, got)
	}
	if got := addresses(p.Referenced(get(`aws_s3_bucket_policy.k`), "bucket", "aws_s3_bucket")); got != "" {
		t.Errorf(`a reference to key ["y"] correlated with %q`, got)
	}
}

// An attribute inside a nested block ("logging.target_bucket") is correlated
// through its block's references, and by known value in every block.
func TestReferencedThroughNestedBlocks(t *testing.T) {
	p := plantest.Plan(t,
		plantest.Res{Address: "aws_s3_bucket.logs", After: `{"bucket":"access-logs"}`, Unknown: `{"id":true}`},
		plantest.Res{Address: "aws_s3_bucket.old", After: `{"bucket":"old-logs"}`},
		plantest.Res{Address: "aws_s3_bucket.app", After: `{"bucket":"app","logging":[{}]}`, Unknown: `{"logging":[{"target_bucket":true}]}`,
			NestedRefs: map[string][]string{"logging.target_bucket": {"aws_s3_bucket.logs.id", "aws_s3_bucket.logs"}}},
		plantest.Res{Address: "aws_s3_bucket.web", After: `{"bucket":"web","logging":[{"target_bucket":"old-logs"}]}`},
	)
	byAddr := map[string]*plan.Resource{}
	for _, r := range p.Resources {
		byAddr[r.Address] = r
	}
	if got := addresses(p.Referenced(byAddr["aws_s3_bucket.app"], "logging.target_bucket", "aws_s3_bucket")); got != "aws_s3_bucket.logs" {
		t.Errorf("app logs into %q, want aws_s3_bucket.logs", got)
	}
	if got := addresses(p.ReferencedBy(byAddr["aws_s3_bucket.old"], "aws_s3_bucket", "logging.target_bucket")); got != "aws_s3_bucket.web" {
		t.Errorf("old-logs receives from %q, want aws_s3_bucket.web (by its known name)", got)
	}
	if got := addresses(p.ReferencedBy(byAddr["aws_s3_bucket.app"], "aws_s3_bucket", "logging.target_bucket")); got != "" {
		t.Errorf("app receives logs from %q, want none", got)
	}
}

// `for_each = aws_s3_bucket.b` with `bucket = each.value.id`: Terraform records the
// reference as each.value (as in a real plan); each instance pairs with the bucket
// of its own key, and a bucket the for_each leaves out pairs with none.
func TestReferencedThroughForEachValue(t *testing.T) {
	rc := func(addr, typ, key string) string {
		return `{"address":"` + addr + `","mode":"managed","type":"` + typ + `","name":"b","index":"` + key +
			`","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,` +
			`"after":{},"after_unknown":{"id":true,"bucket":true},"before_sensitive":false,"after_sensitive":{}}}`
	}
	p, err := plan.Parse([]byte(`{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{"root_module":{}},` +
		`"resource_changes":[` + rc(`aws_s3_bucket.b[\"data\"]`, "aws_s3_bucket", "data") + `,` +
		rc(`aws_s3_bucket.b[\"logs\"]`, "aws_s3_bucket", "logs") + `,` +
		rc(`aws_s3_bucket_public_access_block.b[\"data\"]`, "aws_s3_bucket_public_access_block", "data") + `],` +
		`"configuration":{"root_module":{"resources":[` +
		`{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","expressions":{"bucket":{"references":["each.key"]}},"for_each_expression":{"constant_value":["data","logs"]}},` +
		`{"address":"aws_s3_bucket_public_access_block.b","mode":"managed","type":"aws_s3_bucket_public_access_block","name":"b",` +
		`"expressions":{"bucket":{"references":["each.value.id","each.value"]}},"for_each_expression":{"references":["aws_s3_bucket.b"]}}]}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := addresses(p.ReferencedBy(find(p, `aws_s3_bucket.b["data"]`), "aws_s3_bucket_public_access_block", "bucket")); got != `aws_s3_bucket_public_access_block.b["data"]` {
		t.Errorf("access block of b[data] = %q", got)
	}
	if got := p.ReferencedBy(find(p, `aws_s3_bucket.b["logs"]`), "aws_s3_bucket_public_access_block", "bucket"); len(got) != 0 {
		t.Errorf("b[logs] has no access block, got %s", addresses(got))
	}
}

// With more reverse indexes than the cache of recent lookups holds, each
// key still answers its own index, asked first or again.
func TestReferencedByManyIndexes(t *testing.T) {
	res := []plantest.Res{{Address: "aws_s3_bucket.b", Unknown: `{"id":true}`}}
	const n = 40 // more than the recent lookups cache holds
	attr := func(i int) string { return "bucket" + strings.Repeat("x", i) }
	for i := 0; i < n; i++ {
		res = append(res, plantest.Res{Address: "aws_s3_bucket_policy.p" + strings.Repeat("y", i),
			Unknown: `{"` + attr(i) + `":true}`, Refs: map[string][]string{attr(i): {"aws_s3_bucket.b.id"}}})
	}
	p := plantest.Plan(t, res...)
	b := find(p, "aws_s3_bucket.b")
	for round := 0; round < 2; round++ {
		for i := 0; i < n; i++ {
			want := "aws_s3_bucket_policy.p" + strings.Repeat("y", i)
			if got := addresses(p.ReferencedBy(b, "aws_s3_bucket_policy", attr(i))); got != want {
				t.Errorf("round %d, attribute %s: %q, want %q", round, attr(i), got, want)
			}
		}
		if got := p.ReferencedBy(b, "aws_s3_bucket_versioning", attr(0)); len(got) != 0 {
			t.Errorf("round %d: no versioning refers to the bucket, got %s", round, addresses(got))
		}
	}
}

// A reverse index and Referenced, built for every instance of the referring
// type at once (configuration targets shared by the instances of an address),
// answer what each instance's references worked out alone do: on every
// genplan shape and every plan of lint/testdata.
func TestReferencedByAgreesWithReferenced(t *testing.T) {
	var plans []*plan.Plan
	for _, s := range genplan.Shapes {
		var buf bytes.Buffer
		if err := s.Write(&buf, "", 12); err != nil {
			t.Fatal(err)
		}
		p, err := plan.Parse(buf.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		plans = append(plans, p)
	}
	var files []string
	err := filepath.WalkDir("../testdata/plans", func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") {
			files = append(files, path)
		}
		return err
	})
	if err != nil || len(files) == 0 {
		t.Fatalf("no plans in ../testdata/plans: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if p, err := plan.Parse(data); err == nil {
			plans = append(plans, p)
		}
	}
	refs := []struct{ refType, attr string }{
		{"aws_s3_bucket_public_access_block", "bucket"}, {"aws_s3_bucket_policy", "bucket"},
		{"aws_s3_bucket_versioning", "bucket"}, {"aws_s3_bucket_logging", "bucket"},
		{"aws_s3_bucket_logging", "target_bucket"}, {"aws_s3_bucket", "logging.target_bucket"},
		{"aws_s3_bucket_server_side_encryption_configuration", "bucket"},
		{"aws_cloudtrail", "s3_bucket_name"}, {"aws_cloudtrail", "kms_key_id"},
		{"aws_vpc_security_group_ingress_rule", "security_group_id"}, {"aws_security_group_rule", "security_group_id"},
		{"aws_flow_log", "vpc_id"},
	}
	targets := []string{"aws_s3_bucket", "aws_kms_key", "aws_security_group", "aws_vpc"}
	compared := 0
	for i, p := range plans {
		for _, ref := range refs {
			for _, typ := range targets {
				want := map[*plan.Resource][]string{}
				for _, r := range p.OfType(ref.refType) {
					one := plan.ReferencedOneByOne(p, r, ref.attr, typ)
					for _, x := range one {
						want[x] = append(want[x], r.Address)
					}
					if got := p.Referenced(r, ref.attr, typ); addresses(got) != addresses(one) || len(got) != len(one) {
						t.Errorf("plan %d: Referenced(%s, %s, %s) = %q; worked out alone %q", i, r.Address, ref.attr, typ,
							addresses(got), addresses(one))
					} else {
						for j := range got {
							if got[j] != one[j] {
								t.Errorf("plan %d: Referenced(%s, %s, %s) is in another order than worked out alone", i, r.Address, ref.attr, typ)
								break
							}
						}
					}
				}
				for _, x := range p.OfType(typ) {
					var got []string
					for _, r := range p.ReferencedBy(x, ref.refType, ref.attr) {
						got = append(got, r.Address)
					}
					if strings.Join(got, " ") != strings.Join(want[x], " ") {
						t.Errorf("plan %d: ReferencedBy(%s, %s, %s) = %q; the instances' Referenced say %q",
							i, x.Address, ref.refType, ref.attr, got, want[x])
					}
					compared += len(got)
				}
			}
		}
	}
	if compared < 500 {
		t.Errorf("only %d references compared: the plans lost their correlations", compared)
	}
}

// A deleted resource and a data source are not among the resources of their
// type that the one-type index answers by position: Referenced answers them as
// the general lookup does, not with another resource's targets.
func TestReferencedOfDeletedAndDataSources(t *testing.T) {
	p := plantest.Plan(t,
		plantest.Res{Address: "aws_s3_bucket.a", After: `{"bucket":"a","id":"a"}`},
		plantest.Res{Address: "aws_s3_bucket.b", After: `{"bucket":"b","id":"b"}`},
		plantest.Res{Address: "aws_cloudtrail.a", After: `{"s3_bucket_name":"a"}`,
			Refs: map[string][]string{"s3_bucket_name": {"aws_s3_bucket.a.id", "aws_s3_bucket.a"}}},
		plantest.Res{Address: "aws_cloudtrail.b", Actions: []string{"delete"}, Before: `{"s3_bucket_name":"b"}`,
			Refs: map[string][]string{"s3_bucket_name": {"aws_s3_bucket.b.id", "aws_s3_bucket.b"}}},
		plantest.Res{Address: "data.aws_s3_bucket_policy.d", After: `{"bucket":"b"}`,
			Refs: map[string][]string{"bucket": {"aws_s3_bucket.b.id", "aws_s3_bucket.b"}}},
	)
	if len(p.Deleted) != 1 || len(p.DataSources) != 1 {
		t.Fatalf("%d deleted, %d data sources", len(p.Deleted), len(p.DataSources))
	}
	for _, c := range []struct {
		r    *plan.Resource
		attr string
	}{{find(p, "aws_cloudtrail.a"), "s3_bucket_name"}, {p.Deleted[0], "s3_bucket_name"}, {p.DataSources[0], "bucket"}} {
		// Two types (the same one twice) take the general lookup.
		want := addresses(p.Referenced(c.r, c.attr, "aws_s3_bucket", "aws_s3_bucket"))
		if got := addresses(p.Referenced(c.r, c.attr, "aws_s3_bucket")); got != want {
			t.Errorf("%s: %q, the general lookup gives %q", c.r.Address, got, want)
		}
	}
	if got := addresses(p.Referenced(p.Deleted[0], "s3_bucket_name", "aws_s3_bucket")); got == "aws_s3_bucket.a" {
		t.Errorf("the deleted trail got the live trail's bucket")
	}
}
