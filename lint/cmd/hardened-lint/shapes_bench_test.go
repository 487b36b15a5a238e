package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/internal/genplan"
)

// shapePlanBytes is the size of the plans BenchmarkShapes lints: the issue's
// targets (100 MB/s on one core, peak RSS at most 2x) are for 100 MB plans.
// HARDENED_LINT_BENCH_SHAPE_MB makes them smaller for a quick look.
const shapePlanBytes = 100e6

// shapePlan writes (once per shape and process) a plan of about size bytes of
// one of genplan's shapes.
func shapePlan(b *testing.B, shape string, size int64) string {
	b.Helper()
	s, err := genplan.ShapeNamed(shape)
	if err != nil {
		b.Fatal(err)
	}
	benchMu.Lock()
	defer benchMu.Unlock()
	name := fmt.Sprintf("%s-%dMB.json", shape, size/1e6)
	if p, ok := shapePaths[name]; ok {
		return p
	}
	if benchDir == "" {
		dir, err := os.MkdirTemp("", "hardened-lint-bench-") //nolint:usetesting // shared across benchmarks
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
	}
	n, err := s.CopiesFor("", size)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(benchDir, name)
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Write(f, "", n); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	shapePaths[name] = path
	return path
}

var shapePaths = map[string]string{} // by file name, under benchMu

// BenchmarkShapes lints a 100 MB plan of every genplan shape in every output
// format, the whole CLI run (--all), e.g.
//
//	go test ./lint/cmd/hardened-lint -run '^$' -bench 'Shapes/calls/json' -cpu 1 -benchtime 3x
//
// MB/s is plan bytes per second.
func BenchmarkShapes(b *testing.B) {
	size := int64(shapePlanBytes)
	if v := os.Getenv("HARDENED_LINT_BENCH_SHAPE_MB"); v != "" {
		mb, err := strconv.Atoi(v)
		if err != nil || mb < 1 {
			b.Fatalf("HARDENED_LINT_BENCH_SHAPE_MB=%q: want a whole number of megabytes", v)
		}
		size = int64(mb) * 1e6
	}
	for _, s := range genplan.Shapes {
		b.Run(s.Name, func(b *testing.B) {
			for _, f := range []string{"text", "json", "sarif", "junit", "github", "markdown"} {
				b.Run(f, func(b *testing.B) {
					path := shapePlan(b, s.Name, size)
					st, err := os.Stat(path)
					if err != nil {
						b.Fatal(err)
					}
					b.SetBytes(st.Size())
					b.ReportAllocs()
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						if code := run([]string{"--all", "--format", f, path}, nil, io.Discard, io.Discard, func(string) string { return "" }); code == ExitError {
							b.Fatal("lint failed")
						}
					}
				})
			}
		})
	}
}
