package plan_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/internal/genplan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
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
