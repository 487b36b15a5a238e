package upgradeplans

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// trailBaselineResult is the JSON output of a lint with a baseline, the parts
// TestTrailBaselineRefactorIntoModule reads.
type trailBaselineResult struct {
	Summary struct {
		Baseline    map[string]int `json:"baseline"`
		Regressions int            `json:"regressions"`
	} `json:"summary"`
	Findings []struct {
		Rule, Status, Level, Address, Attribute, Message, Baseline string
	} `json:"findings"`
	Baseline struct {
		Fixed []struct {
			Rule, Address string
		} `json:"fixed"`
	} `json:"baseline"`
}

// The done-when, for real, on the trail_refactor_into_module workflow
// (v1: a strong password policy and a logging trail without KMS encryption,
// applied to moto; v2: the password policy deleted, the trail moved into a
// module with a moved block and its logging turned off). The built
// hardened-lint takes a baseline on v1's plan once applied (nothing to change)
// and judges v2's plan with it: the pre-existing findings, the trail's among
// them at its new address, are baselined in JSON, text and SARIF; the two
// regressions (before -> after) and the trail's new logging failure fail, as
// new; nothing is fixed. Without the baseline the pre-existing findings fail.
func TestTrailBaselineRefactorIntoModule(t *testing.T) {
	w := setupTrails(t)
	const name = "trail_refactor_into_module"
	prefix := "module." + name + "."
	const oldTrail, newTrail = "aws_cloudtrail.main", "module.audit.aws_cloudtrail.main"
	dir := t.TempDir()

	code, base, errOut := w.run(t, dir, "baseline", w.planFile(t, w.v1, name))
	if code != 0 {
		t.Fatalf("baseline: exit %d: %s", code, errOut)
	}
	var file struct {
		Findings []struct{ Rule, Address, Attribute string } `json:"findings"`
	}
	if err := json.Unmarshal([]byte(base), &file); err != nil {
		t.Fatalf("baseline: %v\n%s", err, base)
	}
	// What v2 must report as baselined: every entry, the trail's at the address it moved to.
	var entries []string
	onTrail := 0
	for _, e := range file.Findings {
		addr := strings.TrimPrefix(e.Address, prefix)
		if addr == oldTrail {
			addr = newTrail
			onTrail++
		}
		if strings.HasPrefix(e.Rule, "aws_security_control_") {
			t.Errorf("a regression in the baseline of applied infrastructure: %+v", e)
		}
		entries = append(entries, e.Rule+" "+addr)
	}
	slices.Sort(entries)
	if onTrail == 0 || !slices.Contains(entries, "aws_cloudtrail_kms_encryption "+newTrail) {
		t.Fatalf("the baseline of v1 has no finding on the trail (its kms_key_id is not set), nothing that a move must keep:\n%s", base)
	}
	t.Logf("v1's baseline: %d entries, %d on the trail:\n  %s", len(entries), onTrail, strings.Join(entries, "\n  "))
	path := writeFile(t, dir, ".hardened-lint-baseline.json", base)
	v2 := w.planFile(t, w.v2, name)

	wantFailing := []string{
		"fail aws_cloudtrail_logging_enabled " + newTrail,
		"regression aws_security_control_deleted aws_iam_account_password_policy.strict",
		"regression aws_security_control_weakened " + newTrail,
	}
	code, out, errOut := w.run(t, dir, "--format", "json", "--baseline", path, v2)
	if code != 1 {
		t.Errorf("json: exit %d, want 1; stderr %s", code, errOut)
	}
	var r trailBaselineResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\nstdout: %s\nstderr: %s", err, out, errOut)
	}
	var failing, baselined []string
	for _, f := range r.Findings {
		key := f.Rule + " " + strings.TrimPrefix(f.Address, prefix)
		switch f.Status {
		case "fail", "regression", "unknown":
			if f.Baseline != "new" {
				t.Errorf("%s: failing with baseline state %q, want new", key, f.Baseline)
			}
			failing = append(failing, f.Status+" "+key)
		case "baselined":
			if f.Baseline != "unchanged" || f.Level != "baselined" {
				t.Errorf("%s: baselined with baseline state %q, level %q", key, f.Baseline, f.Level)
			}
			baselined = append(baselined, key)
		}
		if f.Status == "regression" {
			want := map[string]string{
				"aws_security_control_deleted":  "present -> absent",
				"aws_security_control_weakened": "enable_logging true -> false",
			}[f.Rule]
			if want == "" || !strings.Contains(f.Message, want) {
				t.Errorf("regression %s: %q, want it to name %q", key, f.Message, want)
			}
		}
	}
	slices.Sort(failing)
	slices.Sort(baselined)
	if !slices.Equal(failing, wantFailing) {
		t.Errorf("failing:\n  %s\nwant\n  %s", strings.Join(failing, "\n  "), strings.Join(wantFailing, "\n  "))
	}
	if !slices.Equal(baselined, entries) {
		t.Errorf("baselined:\n  %s\nwant every baseline entry\n  %s", strings.Join(baselined, "\n  "), strings.Join(entries, "\n  "))
	}
	if len(r.Baseline.Fixed) != 0 {
		t.Errorf("fixed %+v: the move fixed nothing", r.Baseline.Fixed)
	}
	// The summary counts regressions apart: "new" is the failures a baseline could have recorded.
	if c := r.Summary.Baseline; c["new"] != 1 || c["unchanged"] != len(entries) || c["fixed"] != 0 || r.Summary.Regressions != 2 {
		t.Errorf("summary: baseline %v and %d regressions, want 1 new, %d unchanged, 0 fixed and 2 regressions",
			c, r.Summary.Regressions, len(entries))
	}

	// The text a reviewer reads.
	code, text, errOut := w.run(t, dir, "--baseline", path, v2)
	if code != 1 {
		t.Errorf("text: exit %d, want 1; stderr %s", code, errOut)
	}
	for _, want := range []string{
		"\n" + prefix + newTrail + "\n",
		"] aws_cloudtrail_kms_encryption: logs are encrypted only with S3-managed keys: kms_key_id is not set",
		"] aws_cloudtrail_logging_enabled: ",
		"REGRESSION [high] aws_security_control_weakened: the change turns enable_logging true -> false",
		"REGRESSION [high] aws_security_control_deleted: the change deletes " + prefix + "aws_iam_account_password_policy.strict, " +
			"the account's IAM password policy: present -> absent",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, "] aws_cloudtrail_kms_encryption: ") && !strings.HasPrefix(strings.TrimSpace(l), "BASELINED [") ||
			strings.Contains(l, "] aws_cloudtrail_logging_enabled: ") && !strings.HasPrefix(strings.TrimSpace(l), "FAIL [") {
			t.Errorf("text: %q, want the trail's KMS finding BASELINED and its logging one FAIL", l)
		}
	}
	if n := strings.Count(text, "BASELINED ["); n != len(entries) {
		t.Errorf("text has %d BASELINED findings, want %d:\n%s", n, len(entries), text)
	}
	if n := strings.Count(text, "REGRESSION ["); n != 2 {
		t.Errorf("text has %d regressions, want 2:\n%s", n, text)
	}
	if strings.Contains(text, "Fixed since the baseline") {
		t.Errorf("text lists fixed entries:\n%s", text)
	}

	// SARIF: code scanning reads baselineState.
	code, sarif, errOut := w.run(t, dir, "--format", "sarif", "--baseline", path, v2)
	if code != 1 {
		t.Errorf("sarif: exit %d, want 1; stderr %s", code, errOut)
	}
	var s struct {
		Runs []struct {
			Results []struct {
				RuleID        string `json:"ruleId"`
				Level         string `json:"level"`
				BaselineState string `json:"baselineState"`
				Locations     []struct {
					LogicalLocations []struct {
						FullyQualifiedName string `json:"fullyQualifiedName"`
					} `json:"logicalLocations"`
				} `json:"locations"`
				Properties struct {
					Status string `json:"status"`
				} `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(sarif), &s); err != nil || len(s.Runs) != 1 {
		t.Fatalf("sarif: %v, %d runs\n%s", err, len(s.Runs), sarif)
	}
	var unchanged, fresh []string
	for _, res := range s.Runs[0].Results {
		addr := ""
		if len(res.Locations) > 0 && len(res.Locations[0].LogicalLocations) > 0 {
			addr = res.Locations[0].LogicalLocations[0].FullyQualifiedName
		}
		key := res.RuleID + " " + strings.TrimPrefix(addr, prefix)
		switch res.BaselineState {
		case "unchanged":
			if res.Properties.Status != "baselined" || res.Level != "note" {
				t.Errorf("sarif %s: unchanged with status %q, level %q; want baselined, note", key, res.Properties.Status, res.Level)
			}
			unchanged = append(unchanged, key)
		case "new":
			fresh = append(fresh, key)
		default:
			t.Errorf("sarif %s: baselineState %q", key, res.BaselineState)
		}
	}
	slices.Sort(unchanged)
	slices.Sort(fresh)
	if !slices.Equal(unchanged, entries) {
		t.Errorf("sarif unchanged:\n  %s\nwant\n  %s", strings.Join(unchanged, "\n  "), strings.Join(entries, "\n  "))
	}
	if len(fresh) != len(wantFailing) {
		t.Errorf("sarif new:\n  %s\nwant the %d failing findings", strings.Join(fresh, "\n  "), len(wantFailing))
	}

	// The same v2 without the baseline: the pre-existing findings fail as well.
	code, nb := w.lintJSON(t, v2)
	if code != 1 {
		t.Errorf("without the baseline: exit %d, want 1", code)
	}
	var all []string
	for _, f := range nb.Findings {
		if f.Status == "baselined" || f.Baseline != "" {
			t.Errorf("without a baseline, %s %s has status %q, baseline %q", f.Rule, f.Address, f.Status, f.Baseline)
		}
		if f.Status == "fail" || f.Status == "regression" {
			all = append(all, f.Status+" "+f.Rule+" "+strings.TrimPrefix(f.Address, prefix))
		}
	}
	for _, e := range entries {
		if !slices.Contains(all, "fail "+e) {
			t.Errorf("without the baseline %s does not fail; failing:\n  %s", e, strings.Join(all, "\n  "))
		}
	}
	if len(all) != len(entries)+len(wantFailing) {
		t.Errorf("without the baseline %d findings fail, want %d (the baseline's and the new):\n  %s",
			len(all), len(entries)+len(wantFailing), strings.Join(all, "\n  "))
	}
}
