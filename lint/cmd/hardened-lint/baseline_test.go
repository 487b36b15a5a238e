package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sgPlan = plans + "/generated/insecure_sg_rule_db_ports_open/plan.json"

// baselineDoc is a baseline file, its entries as they are.
type baselineDoc struct {
	Version  int              `json:"version"`
	Tool     map[string]any   `json:"tool"`
	RuleSet  string           `json:"rule_set"`
	Findings []map[string]any `json:"findings"`
}

// takeBaseline runs hardened-lint baseline and writes its stdout to a file.
func takeBaseline(t *testing.T, dir string, env map[string]string, args ...string) (string, baselineDoc) {
	t.Helper()
	code, out, errOut := lint(t, env, append([]string{"baseline"}, args...)...)
	if code != ExitOK {
		t.Fatalf("baseline exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(errOut, "hardened-lint: baseline of ") {
		t.Errorf("stderr %q", errOut)
	}
	var doc baselineDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("baseline is not JSON: %v\n%s", err, out)
	}
	path := filepath.Join(dir, ".hardened-lint-baseline.json")
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, doc
}

type baselineReport struct {
	Summary struct {
		Failed   int            `json:"failed"`
		Baseline map[string]int `json:"baseline"`
	} `json:"summary"`
	Findings []struct {
		Rule, Status, Address, Note, Baseline, Fingerprint string
	} `json:"findings"`
	Baseline *struct {
		File  string           `json:"file"`
		Fixed []map[string]any `json:"fixed"`
	} `json:"baseline"`
}

func lintBaseline(t *testing.T, env map[string]string, args ...string) (int, baselineReport, string) {
	t.Helper()
	code, out, errOut := lint(t, env, append([]string{"--format", "json"}, args...)...)
	var r baselineReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\nstdout: %s\nstderr: %s", err, out, errOut)
	}
	return code, r, errOut
}

// The plan against its own baseline passes: everything baselined, in every
// way of naming the file (flag, environment, configuration file).
func TestBaselineRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path, doc := takeBaseline(t, dir, nil, sgPlan)
	if doc.Version != 1 || len(doc.Findings) != 12 || !strings.HasPrefix(doc.RuleSet, "sha256:") {
		t.Fatalf("baseline %v", doc)
	}
	code, r, _ := lintBaseline(t, nil, "--baseline", path, sgPlan)
	if code != ExitOK || r.Summary.Failed != 0 || r.Summary.Baseline["unchanged"] != 12 || r.Summary.Baseline["new"] != 0 ||
		r.Baseline == nil || len(r.Baseline.Fixed) != 0 {
		t.Errorf("against its own baseline: exit %d, %+v", code, r.Summary)
	}
	for _, f := range r.Findings {
		if f.Status != "baselined" || f.Baseline != "unchanged" || len(f.Fingerprint) != 32 {
			t.Errorf("%s %s: status %s, baseline %q, fingerprint %q", f.Rule, f.Address, f.Status, f.Baseline, f.Fingerprint)
		}
	}
	if code, _, _ := lintBaseline(t, map[string]string{"HARDENED_LINT_BASELINE": path}, sgPlan); code != ExitOK {
		t.Errorf("HARDENED_LINT_BASELINE: exit %d", code)
	}
	cfg := filepath.Join(dir, "lint.hcl")
	if err := os.WriteFile(cfg, []byte(`baseline = ".hardened-lint-baseline.json"`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, r, errOut := lintBaseline(t, nil, "--config", cfg, sgPlan); code != ExitOK || r.Baseline == nil {
		t.Errorf("baseline in the configuration, relative to it: exit %d %s", code, errOut)
	}
	// The text summary.
	_, text, _ := lint(t, nil, "--baseline", path, sgPlan)
	if !strings.Contains(text, "BASELINED [critical]") || !strings.Contains(text, "; baseline: 0 new, 12 unchanged, 0 fixed\n") {
		t.Errorf("text:\n%s", text)
	}
}

// Only the findings a baseline does not record fail; entries gone are listed fixed.
func TestBaselineNewAndFixed(t *testing.T) {
	dir := t.TempDir()
	path, doc := takeBaseline(t, dir, nil, sgPlan)
	// Drop one entry (its finding is new), add one nothing matches (fixed).
	dropped := doc.Findings[0]
	gone := map[string]any{"fingerprint": "00000000000000000000000000000000", "rule": "aws_rds_public",
		"resource_type": "aws_db_instance", "address": "aws_db_instance.gone", "attribute": "publicly_accessible"}
	doc.Findings = append(doc.Findings[1:], gone)
	writeJSON(t, path, doc)
	code, r, _ := lintBaseline(t, nil, "--baseline", path, sgPlan)
	if code != ExitFindings || r.Summary.Baseline["new"] != 1 || r.Summary.Baseline["fixed"] != 1 || r.Summary.Baseline["unchanged"] != 11 {
		t.Fatalf("exit %d, counts %v", code, r.Summary.Baseline)
	}
	for _, f := range r.Findings {
		if f.Status == "fail" && (f.Address != dropped["address"] || f.Rule != dropped["rule"] || f.Baseline != "new") {
			t.Errorf("failing: %+v, want only %v", f, dropped)
		}
	}
	if len(r.Baseline.Fixed) != 1 || r.Baseline.Fixed[0]["address"] != "aws_db_instance.gone" {
		t.Errorf("fixed %v", r.Baseline.Fixed)
	}
	// Disabled rules' entries are not fixed: the rule did not run.
	cfg := filepath.Join(dir, "lint.hcl")
	if err := os.WriteFile(cfg, []byte("rule \"aws_rds_public\" {\n  enabled = false\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, r, _ := lintBaseline(t, nil, "--config", cfg, "--baseline", path, sgPlan); len(r.Baseline.Fixed) != 0 {
		t.Errorf("a disabled rule's entry listed fixed: %v", r.Baseline.Fixed)
	}
}

func TestBaselineExpiredEntryFails(t *testing.T) {
	dir := t.TempDir()
	path, doc := takeBaseline(t, dir, nil, sgPlan)
	expired := doc.Findings[3]
	expired["expires"] = "2020-01-31"
	doc.Findings[4]["expires"] = "2999-12-31"
	writeJSON(t, path, doc)
	code, r, _ := lintBaseline(t, nil, "--baseline", path, sgPlan)
	if code != ExitFindings || r.Summary.Baseline["expired"] != 1 || r.Summary.Failed != 1 {
		t.Fatalf("exit %d, summary %+v", code, r.Summary)
	}
	for _, f := range r.Findings {
		if f.Status == "fail" && (f.Address != expired["address"] || f.Rule != expired["rule"] ||
			f.Note != "baseline entry ("+path+") expired on 2020-01-31: the finding fails again") {
			t.Errorf("failing: %+v", f)
		}
	}
	_, text, _ := lint(t, nil, "--baseline", path, sgPlan)
	if !strings.Contains(text, "expired on 2020-01-31: the finding fails again") || !strings.Contains(text, "baselined until 2999-12-31") {
		t.Errorf("text:\n%s", text)
	}
	// A refresh with --baseline OLD keeps the dates.
	_, refreshed := takeBaseline(t, t.TempDir(), nil, "--baseline", path, sgPlan)
	dates := map[string]int{}
	for _, e := range refreshed.Findings {
		if d, ok := e["expires"].(string); ok {
			dates[d]++
		}
	}
	if len(dates) != 2 || dates["2020-01-31"] != 1 || dates["2999-12-31"] != 1 {
		t.Errorf("refreshed baseline's expires: %v", dates)
	}
}

// A baseline from another rule set loads; its unknown rules are noted on stderr.
func TestBaselineUnknownRuleNoted(t *testing.T) {
	dir := t.TempDir()
	path, doc := takeBaseline(t, dir, nil, sgPlan)
	doc.Findings = append(doc.Findings, map[string]any{"fingerprint": "ab", "rule": "aws_rule_from_the_future", "address": "aws_x.y"})
	writeJSON(t, path, doc)
	code, r, errOut := lintBaseline(t, nil, "--baseline", path, sgPlan)
	want := "hardened-lint: note: baseline " + path + ": 1 entry of rules this hardened-lint does not have ignored: aws_rule_from_the_future\n"
	if code != ExitOK || errOut != want || len(r.Baseline.Fixed) != 0 {
		t.Errorf("exit %d, stderr %q, fixed %v", code, errOut, r.Baseline.Fixed)
	}
}

// A bad baseline exits 2 with one line naming the file and the problem; nothing on stdout.
func TestBadBaselineExits2(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--baseline", write("text.json", "not json")}, "text.json: not JSON"},
		{[]string{"--baseline", write("v2.json", `{"version": 2, "findings": []}`)}, "v2.json: format version 2, this hardened-lint reads version 1"},
		{[]string{"--baseline", write("fields.json", `{"version": 1, "findings": [{"rule": "aws_rds_public"}]}`)}, `has no "fingerprint", "address"`},
		{[]string{"--baseline", filepath.Join(dir, "missing.json")}, "missing.json: no such file"},
		{[]string{"baseline", "--format", "json"}, "baseline writes the baseline file on stdout and takes no --format"},
		{[]string{"baseline", "--baseline", write("old.json", "")}, "old.json: empty file"},
		{[]string{"baseline", "--fail-on", "none"}, "--fail-on none would record nothing"},
		{[]string{"baseline", "--source-dir", filepath.Join(dir, "nowhere")}, "--source-dir " + filepath.Join(dir, "nowhere") + " is not a directory"},
	} {
		code, out, errOut := lint(t, nil, append(c.args, sgPlan)...)
		if code != ExitError || out != "" || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", c.args, code, out, errOut, c.want)
		}
	}
	cfg := write("empty.hcl", `baseline = ""`)
	if code, _, errOut := lint(t, nil, "--config", cfg, sgPlan); code != ExitError || !strings.Contains(errOut, "baseline must name a baseline file") {
		t.Errorf("empty baseline in the configuration: exit %d, %s", code, errOut)
	}
}

// baseline records every severity unless --fail-on says otherwise, and
// failing unknowns; it is the same whatever --baseline says.
func TestBaselineSeverityFloor(t *testing.T) {
	dir := t.TempDir()
	_, all := takeBaseline(t, dir, nil, sgPlan)
	_, critical := takeBaseline(t, dir, nil, "--fail-on", "critical", sgPlan)
	_, env := takeBaseline(t, dir, map[string]string{"HARDENED_LINT_FAIL_ON": "critical"}, sgPlan)
	n := func(doc baselineDoc) int { return len(doc.Findings) }
	if n(all) != 12 || n(critical) != 5 || n(env) != 5 {
		t.Errorf("entries: %d every severity, %d critical, %d with the variable; want 12, 5, 5", n(all), n(critical), n(env))
	}
	cfg := filepath.Join(dir, "lint.hcl")
	if err := os.WriteFile(cfg, []byte(`fail_on = "critical"`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, doc := takeBaseline(t, dir, nil, "--config", cfg, sgPlan); n(doc) != 12 {
		t.Errorf("the configuration's fail_on filtered the baseline: %d entries", n(doc))
	}
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
