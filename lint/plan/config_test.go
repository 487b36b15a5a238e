package plan_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// A resource's configuration block is found by its module path and its
// "type.name", looked up without joining them: a data block of the same type
// and name is not it, nor a block whose address has no dot, and a type with a
// dot (hand-made input) is matched as its joined address would be.
func TestConfigResourceLookup(t *testing.T) {
	rc := func(addr, typ, name string) string {
		mod := ""
		if i := strings.LastIndex(addr, "."+typ+"."); i > 0 {
			mod = `"module_address":"` + addr[:i] + `",`
		}
		return `{"address":"` + addr + `",` + mod + `"type":"` + typ + `","name":"` + name + `","mode":"managed",` +
			`"change":{"actions":["create"],"after":{}}}`
	}
	p, err := plan.Parse([]byte(`{"format_version":"1.2","resource_changes":[` +
		rc("aws_s3_bucket.b", "aws_s3_bucket", "b") + `,` +
		rc("aws_s3_bucket.d", "aws_s3_bucket", "d") + `,` +
		rc("module.m.aws_s3_bucket.b", "aws_s3_bucket", "b") + `,` +
		rc("module.m.aws_s3_bucket.b2", "aws_s3_bucket", "b2") + `,` +
		rc("a.b.c", "a.b", "c") + `,` +
		rc("module.gone.aws_s3_bucket.b", "aws_s3_bucket", "b") +
		`],"configuration":{"root_module":{"resources":[` +
		`{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","expressions":{"bucket":{"constant_value":"x"}}},` +
		`{"address":"data.aws_s3_bucket.d","mode":"data","type":"aws_s3_bucket","name":"d","expressions":{"bucket":{"constant_value":"x"}}},` +
		`{"address":"aws_s3_bucketb2","mode":"managed","type":"aws_s3_bucket","name":"b2","expressions":{"bucket":{"constant_value":"x"}}},` +
		`{"address":"a.b.c","mode":"managed","type":"a.b","name":"c","expressions":{"bucket":{"constant_value":"x"}}}` +
		`],"module_calls":{"m":{"source":"./m","module":{"resources":[` +
		`{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","expressions":{"acl":{"constant_value":"private"}}}` +
		`]}}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		addr, attr string
		want       bool
	}{
		{"aws_s3_bucket.b", "bucket", true},
		{"aws_s3_bucket.b", "acl", false},
		{"aws_s3_bucket.d", "bucket", false},           // only a data block of that name
		{"module.m.aws_s3_bucket.b", "acl", true},      // the module's own block
		{"module.m.aws_s3_bucket.b", "bucket", false},  // not the root's namesake
		{"module.m.aws_s3_bucket.b2", "bucket", false}, // no block in the module
		{"a.b.c", "bucket", true},
		{"module.gone.aws_s3_bucket.b", "bucket", false}, // no such module in the configuration
	} {
		var r *plan.Resource
		for _, x := range p.Resources {
			if x.Address == c.addr {
				r = x
			}
		}
		if r == nil {
			t.Fatalf("no resource %s", c.addr)
		}
		// Asked twice: the second answer comes from the caches.
		for i := 0; i < 2; i++ {
			if got := p.AttrConfigured(r, c.attr); got != c.want {
				t.Errorf("AttrConfigured(%s, %s) = %v, want %v", c.addr, c.attr, got, c.want)
			}
		}
	}
}

// The calls of one module body resolve its expressions once for all of them
// (localRefs), yet each call's references name that call's resources; an
// expression leading out of the module (var.x) is still followed call by call.
func TestLocalReferencesSharedByModuleCalls(t *testing.T) {
	const calls = 4
	var changes, moduleCalls []string
	rc := func(mod, typ, name string) string {
		return `{"address":"` + mod + typ + "." + name + `",` + map[bool]string{true: `"module_address":"` + strings.TrimSuffix(mod, ".") + `",`}[mod != ""] +
			`"mode":"managed","type":"` + typ + `","name":"` + name + `","change":{"actions":["create"],"after":{},"after_unknown":{"id":true,"bucket":true}}}`
	}
	// Twenty references, repeated, with some that name nothing, in one expression.
	many := `"aws_s3_bucket.b.id","aws_s3_bucket.b","data.aws_caller_identity.c.id","local.z","count.index"`
	for i := 0; i < 5; i++ {
		many += `,"aws_s3_bucket.other.id","aws_s3_bucket.other","aws_s3_bucket.b"`
	}
	body := `{"resources":[` +
		`{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","expressions":{}},` +
		`{"address":"aws_s3_bucket.other","mode":"managed","type":"aws_s3_bucket","name":"other","expressions":{}},` +
		`{"address":"aws_s3_bucket_public_access_block.p","mode":"managed","type":"aws_s3_bucket_public_access_block","name":"p",` +
		`"expressions":{"bucket":{"references":["aws_s3_bucket.b.id","aws_s3_bucket.b"]}}},` +
		`{"address":"aws_s3_bucket_policy.many","mode":"managed","type":"aws_s3_bucket_policy","name":"many",` +
		`"expressions":{"bucket":{"references":[` + many + `]}}},` +
		`{"address":"aws_s3_bucket_versioning.v","mode":"managed","type":"aws_s3_bucket_versioning","name":"v",` +
		`"expressions":{"bucket":{"references":["var.x"]}}}],"variables":{"x":{}}}`
	var rootResources []string
	for i := 0; i < calls; i++ {
		mod := fmt.Sprintf("module.c%d.", i)
		changes = append(changes, rc(mod, "aws_s3_bucket", "b"), rc(mod, "aws_s3_bucket", "other"),
			rc(mod, "aws_s3_bucket_public_access_block", "p"), rc(mod, "aws_s3_bucket_policy", "many"),
			rc(mod, "aws_s3_bucket_versioning", "v"), rc("", "aws_s3_bucket", fmt.Sprintf("root%d", i)))
		rootResources = append(rootResources, fmt.Sprintf(`{"address":"aws_s3_bucket.root%d","mode":"managed","type":"aws_s3_bucket","name":"root%d","expressions":{}}`, i, i))
		moduleCalls = append(moduleCalls, fmt.Sprintf(`"c%d":{"source":"./m","expressions":{"x":{"references":["aws_s3_bucket.root%d.id","aws_s3_bucket.root%d"]}},"module":%s}`, i, i, i, body))
	}
	p, err := plan.Parse([]byte(`{"format_version":"1.2","resource_changes":[` + strings.Join(changes, ",") +
		`],"configuration":{"root_module":{"resources":[` + strings.Join(rootResources, ",") + `],"module_calls":{` + strings.Join(moduleCalls, ",") + `}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < calls; i++ {
		mod := fmt.Sprintf("module.c%d.", i)
		b := find(p, mod+"aws_s3_bucket.b")
		if got := addresses(p.ReferencedBy(b, "aws_s3_bucket_public_access_block", "bucket")); got != mod+"aws_s3_bucket_public_access_block.p" {
			t.Errorf("public access block of %s = %q", b.Address, got)
		}
		if got := addresses(p.Referenced(find(p, mod+"aws_s3_bucket_policy.many"), "bucket", "aws_s3_bucket")); got != mod+"aws_s3_bucket.b "+mod+"aws_s3_bucket.other" {
			t.Errorf("the buckets of %saws_s3_bucket_policy.many = %q", mod, got)
		}
		if got := addresses(p.Referenced(find(p, mod+"aws_s3_bucket_versioning.v"), "bucket", "aws_s3_bucket")); got != fmt.Sprintf("aws_s3_bucket.root%d", i) {
			t.Errorf("through var.x of call c%d: %q", i, got)
		}
	}
}

// An expression naming a resource and each.value, beside a for_each naming
// another: both answers of the reused buffer are read, neither overwrites the
// other.
func TestReferencedThroughEachValueAndAResource(t *testing.T) {
	rc := func(addr, typ, name, key string) string {
		index := ""
		if key != "" {
			index = `"index":"` + key + `",`
		}
		return `{"address":"` + addr + `","mode":"managed","type":"` + typ + `","name":"` + name + `",` + index +
			`"change":{"actions":["create"],"after":{},"after_unknown":{"id":true,"bucket":true}}}`
	}
	p, err := plan.Parse([]byte(`{"format_version":"1.2","resource_changes":[` +
		rc(`aws_s3_bucket.b[\"data\"]`, "aws_s3_bucket", "b", "data") + `,` +
		rc(`aws_s3_bucket.b[\"logs\"]`, "aws_s3_bucket", "b", "logs") + `,` +
		rc(`aws_s3_bucket.other`, "aws_s3_bucket", "other", "") + `,` +
		rc(`aws_s3_bucket_policy.p[\"data\"]`, "aws_s3_bucket_policy", "p", "data") + `],` +
		`"configuration":{"root_module":{"resources":[` +
		`{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","expressions":{},"for_each_expression":{"constant_value":["data","logs"]}},` +
		`{"address":"aws_s3_bucket.other","mode":"managed","type":"aws_s3_bucket","name":"other","expressions":{}},` +
		`{"address":"aws_s3_bucket_policy.p","mode":"managed","type":"aws_s3_bucket_policy","name":"p",` +
		`"expressions":{"bucket":{"references":["aws_s3_bucket.other.id","aws_s3_bucket.other","each.value.id","each.value"]}},` +
		`"for_each_expression":{"references":["aws_s3_bucket.b"]}}]}}}`))
	if err != nil {
		t.Fatal(err)
	}
	pol := find(p, `aws_s3_bucket_policy.p["data"]`)
	for i := 0; i < 2; i++ {
		if got := addresses(p.Referenced(pol, "bucket", "aws_s3_bucket")); got != `aws_s3_bucket.b["data"] aws_s3_bucket.other` {
			t.Errorf("buckets of %s = %q", pol.Address, got)
		}
	}
	if got := addresses(p.ReferencedBy(find(p, "aws_s3_bucket.other"), "aws_s3_bucket_policy", "bucket")); got != pol.Address {
		t.Errorf("policies of aws_s3_bucket.other = %q", got)
	}
}
