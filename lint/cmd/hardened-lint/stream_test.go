package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/baseline"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/format"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/rules"
)

// The CLI writes findings as engine.Visit hands them out, resource by
// resource; its output is, byte for byte, what every format writes from the
// whole run's findings sorted at the end (engine.Run, ApplyInPlace,
// Summarize), with the same exit code, on every real plan of lint/testdata
// (data sources, plan-wide findings, modules, deleted resources among them).
// On the plans with findings it does so again with --baseline, against a
// baseline of the plan that misses a third of its findings (new), has a
// third expired (failing again) and records one finding the plan no longer
// has (fixed): the matcher sees the findings as they stream, and the fixed
// entries and the baseline counts end every output.
func TestStreamingMatchesWholeRun(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(plans, "*", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	all := rules.All()
	var metas []engine.Metadata
	for _, r := range all {
		metas = append(metas, r.Metadata())
	}
	dir := t.TempDir()
	compared, withFindings, withBaseline := 0, 0, 0
	for _, path := range paths {
		data, err := readFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := plan.Parse(data); err != nil {
			continue // not a plan the CLI lints (its errors are tested elsewhere)
		}
		compared++
		if n := compareWholeRun(t, path, data, metas, ""); n > 0 {
			withFindings++
			if file := partialBaseline(t, dir, path); file != "" {
				withBaseline++
				compareWholeRun(t, path, data, metas, file)
			}
		}
	}
	t.Logf("compared %d plans, %d with findings, %d with a baseline", compared, withFindings, withBaseline)
	if compared < 50 || withFindings < 20 || withBaseline < 20 {
		t.Errorf("compared %d plans, %d with findings, %d with a baseline: expected the testdata's real plans", compared, withFindings, withBaseline)
	}
}

// compareWholeRun compares the CLI's output of a plan in every format (with
// --baseline when baselineFile is set) with the whole run's, and returns how
// many findings the run has.
func compareWholeRun(t *testing.T, path string, data []byte, metas []engine.Metadata, baselineFile string) int {
	t.Helper()
	all := rules.All()
	findingsSeen := 0
	for _, name := range format.Names() {
		args := []string{"--all", "--format", name, path}
		if baselineFile != "" {
			args = append([]string{"--baseline", baselineFile}, args...)
		}
		code, got, errOut := lint(t, nil, args...)
		if code == ExitError {
			t.Fatalf("%s %s: %s", path, name, errOut)
		}
		// The whole run, as the CLI wrote it before it streamed. Waivers are not
		// in play: no configuration file.
		p, _ := plan.Parse(data)
		pol := engine.Policy{Unknown: engine.UnknownWarn, FailOn: controls.SeverityLow, Now: time.Now()}
		var matcher *baseline.Matcher
		if baselineFile != "" {
			loaded, err := baseline.Load(baselineFile, func(string) bool { return true })
			if err != nil {
				t.Fatal(err)
			}
			matcher = baseline.NewMatcher(loaded, baseline.NewFingerprinter(p, nil), pol.Now, nil)
			pol.Baseline = matcher
		}
		rep := engine.Run(p, all, engine.Options{RecordPasses: name == "junit"})
		findings := engine.ApplyInPlace(rep.Findings, pol)
		summary := pol.Summarize(rep.Resources, findings)
		summary.Changing, summary.Unchanged = rep.Changing, rep.Unchanged
		res := &format.Result{ToolName: "hardened-lint", ToolVersion: version, Summary: summary,
			Findings: findings, Passes: rep.Passes, Policy: pol, Rules: metas}
		if matcher != nil {
			res.Baseline = &format.BaselineResult{Path: matcher.Path(), Fixed: matcher.Fixed()}
			res.Summary.Baseline.Fixed = len(res.Baseline.Fixed)
			if len(res.Baseline.Fixed) == 0 || res.Summary.Baseline.New == 0 || res.Summary.Baseline.Unchanged == 0 {
				t.Errorf("%s: baseline counts %+v: the baseline leaves nothing fixed, new or unchanged", path, *res.Summary.Baseline)
			}
		}
		var want bytes.Buffer
		if err := format.WriteAll([]format.Output{{Format: name, Path: format.Stdout}}, res, &want, false); err != nil {
			t.Fatal(err)
		}
		if got != want.String() {
			t.Errorf("%s, %s (baseline %q): the streamed output differs from the whole run's (%d and %d bytes)", path, name, baselineFile, len(got), want.Len())
		}
		wantCode := ExitOK
		if res.Summary.Failed+res.Summary.Regressions > 0 {
			wantCode = ExitFindings
		}
		if code != wantCode {
			t.Errorf("%s, %s (baseline %q): exit code %d, the whole run's %d", path, name, baselineFile, code, wantCode)
		}
		findingsSeen = len(findings)
	}
	return findingsSeen
}

// partialBaseline takes the plan's baseline (hardened-lint baseline) and
// writes it to dir without every third entry, with every third expired and
// with one entry nothing in the plan matches; "" when the plan's baseline has
// fewer than three entries.
func partialBaseline(t *testing.T, dir, path string) string {
	t.Helper()
	code, out, errOut := lint(t, nil, "baseline", "--all", path)
	if code != ExitOK {
		t.Fatalf("%s: baseline exit %d: %s", path, code, errOut)
	}
	var doc baselineDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%s: baseline is not JSON: %v", path, err)
	}
	if len(doc.Findings) < 3 {
		return ""
	}
	kept := doc.Findings[:0:0]
	for i, e := range doc.Findings {
		switch i % 3 {
		case 0:
			continue // new in the run
		case 1:
			e["expires"] = "2000-01-01"
		}
		kept = append(kept, e)
	}
	gone := map[string]any{}
	for k, v := range doc.Findings[0] {
		gone[k] = v
	}
	gone["fingerprint"] = strings.Repeat("f", 32)
	gone["address"] = "aws_s3_bucket.removed_since"
	doc.Findings = append(kept, gone)
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, strings.NewReplacer("/", "_", ".", "_").Replace(path)+".baseline.json")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}
