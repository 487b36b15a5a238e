package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/hardened-tf/terraform-provider-hardened/lint/internal/genplan"
)

// benchPlan writes (once per size) a synthetic plan of n resources; HARDENED_LINT_BENCH_PLAN
// points at an existing plan instead (e.g. a 100 MB one made with genplan).
func benchPlan(b *testing.B, n int) string {
	b.Helper()
	if p := os.Getenv("HARDENED_LINT_BENCH_PLAN"); p != "" {
		return p
	}
	path := filepath.Join(b.TempDir(), "plan-"+strconv.Itoa(n)+".json")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := genplan.Generate(f, n); err != nil {
		b.Fatal(err)
	}
	f.Close()
	return path
}

// BenchmarkLint is the whole CLI run: read, validate, parse, correlate, check every
// rule, filter, and write JSON. MB/s is plan bytes per second.
func BenchmarkLint10k(b *testing.B) { benchLint(b, 10000) }

func benchLint(b *testing.B, n int) {
	path := benchPlan(b, n)
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var out bytes.Buffer
		if code := run([]string{"--format", "json", path}, nil, &out, io.Discard, func(string) string { return "" }); code == ExitError {
			b.Fatal("lint failed")
		}
	}
}

// BenchmarkTerraformJSONDecode is the baseline: decoding the same plan into
// terraform-json's Plan with encoding/json.
func BenchmarkTerraformJSONDecode10k(b *testing.B) {
	path := benchPlan(b, 10000)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var p tfjson.Plan
		if err := json.Unmarshal(data, &p); err != nil {
			b.Fatal(err)
		}
	}
}
