package plan_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/internal/genplan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func shapePlan(t *testing.T, shape string, n int) *plan.Plan {
	t.Helper()
	s, err := genplan.ShapeNamed(shape)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.Write(&buf, "", n); err != nil {
		t.Fatal(err)
	}
	p, err := plan.Parse(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// In a plan of many calls of one module (module "app_<n>", the configuration
// repeated per call and decoded once), every reference resolves inside its own
// call, never to another call's namesake; so do the nested and count/for_each
// shapes, per module instance and per instance key.
func TestReferencesResolvePerModuleCall(t *testing.T) {
	type link struct{ from, attr, to string }
	links := []link{
		{"aws_cloudtrail.main", "s3_bucket_name", "aws_s3_bucket.trail"},
		{"aws_cloudtrail.main", "kms_key_id", "aws_kms_key.trail"},
		{"aws_s3_bucket_logging.data", "bucket", "aws_s3_bucket.data"},
		{"aws_s3_bucket_logging.data", "target_bucket", "aws_s3_bucket.logs"},
		{"aws_s3_bucket_public_access_block.logs", "bucket", "aws_s3_bucket.logs"},
		{"aws_s3_bucket_versioning.data", "bucket", "aws_s3_bucket.data"},
		{"aws_s3_bucket_policy.trail", "bucket", "aws_s3_bucket.trail"},
	}
	const n = 4
	for _, tc := range []struct {
		shape string
		addr  func(i int, rel string) string // instance i's address of rel
	}{
		{"calls", func(i int, rel string) string { return fmt.Sprintf("module.app_%d.%s", i, rel) }},
		{"nested", func(i int, rel string) string {
			return fmt.Sprintf(`module.region_%d.module.app["%s"].%s`, i/2, []string{"blue", "green"}[i%2], rel)
		}},
		{"count", func(i int, rel string) string { return fmt.Sprintf("%s[%d]", rel, i) }},
		{"foreach", func(i int, rel string) string { return fmt.Sprintf(`%s["svc-%06d"]`, rel, i) }},
	} {
		t.Run(tc.shape, func(t *testing.T) {
			p := shapePlan(t, tc.shape, n)
			for i := 0; i < n; i++ {
				for _, l := range links {
					from, to := find(p, tc.addr(i, l.from)), find(p, tc.addr(i, l.to))
					if from == nil || to == nil {
						t.Fatalf("the plan has no %s or %s", tc.addr(i, l.from), tc.addr(i, l.to))
					}
					if got := addresses(p.Referenced(from, l.attr, to.Type)); got != to.Address {
						t.Errorf("%s.%s refers to %q, want %q", from.Address, l.attr, got, to.Address)
					}
					if got := addresses(p.ReferencedBy(to, from.Type, l.attr)); got != from.Address {
						t.Errorf("%s is referred to by %q through %s.%s, want %q", to.Address, got, from.Type, l.attr, from.Address)
					}
				}
			}
		})
	}
}

// Copies that name their targets by a known value shared by every copy (a
// literal bucket name, no configuration reference) pair within their module
// instance, then by instance key; a value named only in other module instances
// still finds them all.
func TestKnownValuesSharedByCopiesPairPerInstance(t *testing.T) {
	pab := `{"bucket":"same-name","block_public_acls":true}`
	var rs []plantest.Res
	for i := 0; i < 3; i++ {
		rs = append(rs,
			plantest.Res{Address: fmt.Sprintf("aws_s3_bucket.b[%d]", i), After: `{"bucket":"same-name"}`},
			plantest.Res{Address: fmt.Sprintf("aws_s3_bucket_public_access_block.p[%d]", i), After: pab},
			plantest.Res{Address: fmt.Sprintf("module.app_%d.aws_s3_bucket.b", i), After: `{"bucket":"same-name"}`},
			plantest.Res{Address: fmt.Sprintf("module.app_%d.aws_s3_bucket_public_access_block.p", i), After: pab})
	}
	rs = append(rs, plantest.Res{Address: "module.other.aws_s3_bucket_public_access_block.p", After: pab})
	p := plantest.Plan(t, rs...)
	for i := 0; i < 3; i++ {
		for _, tc := range []struct{ bucket, block string }{
			{fmt.Sprintf("aws_s3_bucket.b[%d]", i), fmt.Sprintf("aws_s3_bucket_public_access_block.p[%d]", i)},
			{fmt.Sprintf("module.app_%d.aws_s3_bucket.b", i), fmt.Sprintf("module.app_%d.aws_s3_bucket_public_access_block.p", i)},
		} {
			if got := addresses(p.Referenced(find(p, tc.block), "bucket", "aws_s3_bucket")); got != tc.bucket {
				t.Errorf("%s names %q, want %q", tc.block, got, tc.bucket)
			}
			if got := addresses(p.ReferencedBy(find(p, tc.bucket), "aws_s3_bucket_public_access_block", "bucket")); !strings.Contains(got, tc.block) {
				t.Errorf("the blocks naming %s are %q, want %s among them", tc.bucket, got, tc.block)
			}
		}
	}
	if got := p.Referenced(find(p, "module.other.aws_s3_bucket_public_access_block.p"), "bucket", "aws_s3_bucket"); len(got) != 6 {
		t.Errorf("a block in a module without the bucket names %q, want all six buckets", addresses(got))
	}
}

// Root resources under count that reach a module's counted buckets through an
// output pair by count key, and those of a module instance with their parent's
// buckets (the candidates across a module boundary are filtered once per
// target and module instance, then looked up by key).
func TestReferencedAcrossModulesByKey(t *testing.T) {
	const n = 5
	var changes []string
	for i := 0; i < n; i++ {
		changes = append(changes,
			fmt.Sprintf(`{"address":"module.store.aws_s3_bucket.x[%d]","module_address":"module.store","mode":"managed","type":"aws_s3_bucket","name":"x","index":%d,"change":{"actions":["create"],"after":{},"after_unknown":{"id":true}}}`, i, i),
			fmt.Sprintf(`{"address":"aws_s3_bucket_public_access_block.p[%d]","mode":"managed","type":"aws_s3_bucket_public_access_block","name":"p","index":%d,"change":{"actions":["create"],"after":{},"after_unknown":{"bucket":true}}}`, i, i),
			fmt.Sprintf(`{"address":"module.app[%d].aws_s3_bucket_versioning.v","module_address":"module.app[%d]","mode":"managed","type":"aws_s3_bucket_versioning","name":"v","change":{"actions":["create"],"after":{},"after_unknown":{"bucket":true}}}`, i, i))
	}
	doc := `{"format_version":"1.2","planned_values":{},"resource_changes":[` + strings.Join(changes, ",") + `],
"configuration":{"root_module":{
  "resources":[{"address":"aws_s3_bucket_public_access_block.p","mode":"managed","type":"aws_s3_bucket_public_access_block","name":"p",
    "count_expression":{"constant_value":5},"expressions":{"bucket":{"references":["module.store.ids","module.store","count.index"]}}}],
  "module_calls":{
    "store":{"source":"./store","module":{"resources":[{"address":"aws_s3_bucket.x","mode":"managed","type":"aws_s3_bucket","name":"x","count_expression":{"constant_value":5}}],
      "outputs":{"ids":{"expression":{"references":["aws_s3_bucket.x"]}}}}},
    "app":{"source":"./app","count_expression":{"constant_value":5},"expressions":{"bucket":{"references":["module.store.ids","module.store"]}},
      "module":{"resources":[{"address":"aws_s3_bucket_versioning.v","mode":"managed","type":"aws_s3_bucket_versioning","name":"v",
        "expressions":{"bucket":{"references":["var.bucket"]}}}],"variables":{"bucket":{}}}}}}}}`
	p, err := plan.Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	all := make([]string, n)
	for i := range all {
		all[i] = fmt.Sprintf("module.store.aws_s3_bucket.x[%d]", i)
	}
	for i := 0; i < n; i++ {
		pab := find(p, fmt.Sprintf("aws_s3_bucket_public_access_block.p[%d]", i))
		if got, want := addresses(p.Referenced(pab, "bucket", "aws_s3_bucket")), all[i]; got != want {
			t.Errorf("%s refers to %q, want %q", pab.Address, got, want)
		}
		// A module instance's versioning takes the whole list (it has no key of its own).
		v := find(p, fmt.Sprintf("module.app[%d].aws_s3_bucket_versioning.v", i))
		if got, want := addresses(p.Referenced(v, "bucket", "aws_s3_bucket")), strings.Join(all, " "); got != want {
			t.Errorf("%s refers to %q, want %q", v.Address, got, want)
		}
	}
}
