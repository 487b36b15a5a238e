package main

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
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
	compared, withFindings := 0, 0
	for _, path := range paths {
		data, err := readFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := plan.Parse(data); err != nil {
			continue // not a plan the CLI lints (its errors are tested elsewhere)
		}
		for _, name := range format.Names() {
			code, got, errOut := lint(t, nil, "--all", "--format", name, path)
			if code == ExitError {
				t.Fatalf("%s %s: %s", path, name, errOut)
			}
			// The whole run, as the CLI wrote it before it streamed. Waivers and
			// the time are not in play: no configuration file.
			p, _ := plan.Parse(data)
			pol := engine.Policy{Unknown: engine.UnknownWarn, FailOn: controls.SeverityLow, Now: time.Now()}
			rep := engine.Run(p, all, engine.Options{RecordPasses: name == "junit"})
			findings := engine.ApplyInPlace(rep.Findings, pol)
			summary := pol.Summarize(rep.Resources, findings)
			summary.Changing, summary.Unchanged = rep.Changing, rep.Unchanged
			res := &format.Result{ToolName: "hardened-lint", ToolVersion: version, Summary: summary,
				Findings: findings, Passes: rep.Passes, Policy: pol, Rules: metas}
			var want bytes.Buffer
			if err := format.WriteAll([]format.Output{{Format: name, Path: format.Stdout}}, res, &want, false); err != nil {
				t.Fatal(err)
			}
			if got != want.String() {
				t.Errorf("%s, %s: the streamed output differs from the whole run's (%d and %d bytes)", path, name, len(got), want.Len())
			}
			wantCode := ExitOK
			if summary.Failed+summary.Regressions > 0 {
				wantCode = ExitFindings
			}
			if code != wantCode {
				t.Errorf("%s, %s: exit code %d, the whole run's %d", path, name, code, wantCode)
			}
			if name == "json" {
				compared++
				if len(findings) > 0 {
					withFindings++
				}
			}
		}
	}
	t.Logf("compared %d plans, %d with findings", compared, withFindings)
	if compared < 50 || withFindings < 20 {
		t.Errorf("compared %d plans, %d with findings: expected the testdata's real plans", compared, withFindings)
	}
}
