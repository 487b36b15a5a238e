package plan_test

import (
	"bytes"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/internal/genplan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// BenchmarkParse10k is loading alone (validation and resource records) of the
// 10,000-resource generated plan; lint/cmd/hardened-lint benchmarks whole runs.
func BenchmarkParse10k(b *testing.B) {
	var buf bytes.Buffer
	if err := genplan.Generate(&buf, 10000); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := plan.Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseShapes is loading alone of a 20 MB plan of each genplan shape
// (the configuration of the module-call shapes included).
func BenchmarkParseShapes(b *testing.B) {
	for _, s := range genplan.Shapes {
		b.Run(s.Name, func(b *testing.B) {
			n, err := s.CopiesFor("", 20e6)
			if err != nil {
				b.Fatal(err)
			}
			var buf bytes.Buffer
			if err := s.Write(&buf, "", n); err != nil {
				b.Fatal(err)
			}
			data := buf.Bytes()
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := plan.Parse(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
