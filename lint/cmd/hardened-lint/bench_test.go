package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/hardened-tf/terraform-provider-hardened/lint/internal/genplan"
)

// largePlanResources makes a plan of about 100 MB (102 MB with genplan's shapes).
const largePlanResources = 120000

var (
	benchMu    sync.Mutex
	benchDir   string
	benchPaths = map[int]string{}
)

// TestMain removes the generated benchmark plans.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// benchPlan writes (once per size and process) a synthetic plan of n resources;
// HARDENED_LINT_BENCH_PLAN points at an existing plan instead (e.g. one made with genplan).
func benchPlan(b *testing.B, n int) string {
	b.Helper()
	if p := os.Getenv("HARDENED_LINT_BENCH_PLAN"); p != "" {
		return p
	}
	benchMu.Lock()
	defer benchMu.Unlock()
	if p, ok := benchPaths[n]; ok {
		return p
	}
	if benchDir == "" {
		// One directory for the whole process, so each plan is generated once for
		// every benchmark (b.TempDir would be removed after the first).
		dir, err := os.MkdirTemp("", "hardened-lint-bench-") //nolint:usetesting // shared across benchmarks
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
	}
	path := filepath.Join(benchDir, "plan-"+strconv.Itoa(n)+".json")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := genplan.Generate(f, n); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	benchPaths[n] = path
	return path
}

// BenchmarkLint is the whole CLI run: read, validate, parse, correlate, check every
// rule, filter, and write JSON. MB/s is plan bytes per second.
func BenchmarkLint10k(b *testing.B) { benchLint(b, 10000) }

// BenchmarkLint100MB is the same on a plan of about 100 MB (120,000 resources).
func BenchmarkLint100MB(b *testing.B) { benchLint(b, largePlanResources) }

func benchLint(b *testing.B, n int) {
	path := benchPlan(b, n)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
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
func BenchmarkTerraformJSONDecode10k(b *testing.B)   { benchDecode(b, 10000) }
func BenchmarkTerraformJSONDecode100MB(b *testing.B) { benchDecode(b, largePlanResources) }

func benchDecode(b *testing.B, n int) {
	path := benchPlan(b, n)
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
