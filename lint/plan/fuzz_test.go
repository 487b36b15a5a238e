package plan_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// FuzzParse: the loader never panics and either returns a plan or an input error.
func FuzzParse(f *testing.F) {
	for _, name := range []string{
		"generated/insecure_s3_public_bucket_split/plan.json",
		"generated/applied_then_updated/plan.json",
		"terraform-json/110_sensitive_values.json",
		"trivy/module_call.json",
		"checkov/terraform__runner__plan__corrupted-tfplan.json",
	} {
		data, err := os.ReadFile(filepath.Join(fixtures, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[{"address":"a.b","type":"a","change":{"after":{"x":[1]},"after_unknown":true}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := plan.Parse(data)
		if err != nil {
			if _, ok := err.(*plan.InputError); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		for _, r := range p.Resources {
			root := r.Root()
			_ = root.Display()
			r.Attr("ingress").Each(func(_ int, v plan.Value) { _ = v.Get("cidr_blocks").Display() })
			var picked [3]plan.Value
			r.Attr("ingress").EachPick(picked[:], []string{"cidr_blocks", "from_port", "protocol"}, func(_ int, vs []plan.Value) {
				_ = vs[0].Display()
			})
			if doc, ok := r.Attr("policy").Str(); ok {
				if d, ok := plan.Document(doc); ok {
					d.Get("Statement").Each(func(_ int, st plan.Value) {
						st.Members(func(string, plan.Value) bool { return true })
					})
				}
			}
			_ = p.ReferencedBy(r, r.Type, "bucket")
			_ = p.Referenced(r, "bucket", "aws_s3_bucket")
		}
	})
}
