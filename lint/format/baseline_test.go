package format

import (
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/hardened-tf/terraform-provider-hardened/lint/baseline"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// baselineFixture: a run against a baseline. Two findings it records
// (baselined), one whose entry expired (failing again), one new failure, a new
// regression, and one entry nothing matched (fixed).
func baselineFixture() *Result {
	findings := []engine.Finding{
		{Rule: &ruleAdmin, Status: engine.StatusBaselined, Address: "module.net.aws_security_group.web", ResourceType: "aws_security_group",
			Attribute: "ingress[0].cidr_blocks", Message: "ingress[0] allows tcp 22 (SSH) from 0.0.0.0/0", Part: "ssh",
			Baseline: engine.BaselineUnchanged, Fingerprint: "0a1b2c3d4e5f60718293a4b5c6d7e8f9"},
		{Rule: &ruleRange, Status: engine.StatusBaselined, Address: "module.net.aws_security_group.web", ResourceType: "aws_security_group",
			Attribute: "ingress[0].from_port", Message: "ingress[0] opens 1000 tcp ports (1-1000) to 0.0.0.0/0",
			Note:     "baselined until 2999-01-01 in .hardened-lint-baseline.json",
			Baseline: engine.BaselineUnchanged, Fingerprint: "1a1b2c3d4e5f60718293a4b5c6d7e8f9"},
		{Rule: &ruleKMS, Status: engine.StatusFail, Address: "aws_cloudtrail.main", ResourceType: "aws_cloudtrail",
			Attribute: "kms_key_id", Message: "kms_key_id is not set",
			Note:     "baseline entry (.hardened-lint-baseline.json) expired on 2026-01-31: the finding fails again",
			Baseline: engine.BaselineUnchanged, Fingerprint: "2a1b2c3d4e5f60718293a4b5c6d7e8f9"},
		{Rule: &ruleAdmin, Status: engine.StatusFail, Address: "aws_security_group.admin", ResourceType: "aws_security_group",
			Attribute: "ingress[0].cidr_blocks", Message: "ingress[0] allows tcp 3389 (RDP) from 0.0.0.0/0", Part: "rdp",
			Baseline: engine.BaselineNew, Fingerprint: "3a1b2c3d4e5f60718293a4b5c6d7e8f9"},
		{Rule: &ruleDeleted, Status: engine.StatusRegression, Address: "aws_iam_account_password_policy.strict",
			ResourceType: "aws_iam_account_password_policy",
			Message:      "the change deletes aws_iam_account_password_policy.strict, the account's IAM password policy: present -> absent",
			Baseline:     engine.BaselineNew, Fingerprint: "4a1b2c3d4e5f60718293a4b5c6d7e8f9"},
	}
	pol := engine.Policy{FailOn: engine.SeverityLow, Unknown: engine.UnknownWarn, Baseline: noMatch{}}
	engine.Sort(findings)
	sum := pol.Summarize(4, findings)
	sum.Baseline.Fixed = 1
	return &Result{
		ToolName: "hardened-lint", ToolVersion: "1.2.3",
		Summary: sum, Findings: findings, Policy: pol,
		Rules: []engine.Metadata{ruleAdmin, ruleRange, ruleKMS, ruleInfo, ruleDeleted},
		Baseline: &BaselineResult{Path: ".hardened-lint-baseline.json", Fixed: []baseline.Entry{{
			Fingerprint: "5a1b2c3d4e5f60718293a4b5c6d7e8f9", Rule: ruleInfo.ID, Severity: "info",
			ResourceType: "aws_s3_bucket", Address: "aws_s3_bucket.logs",
		}}},
		Locator: places{
			"aws_security_group.admin ":                       {Location: Location{"infra/main.tf", 60, 1}},
			"aws_security_group.admin ingress[0].cidr_blocks": {Location: Location{"infra/main.tf", 64, 5}},
		},
	}
}

// noMatch stands for the baseline in the fixture's policy, whose findings are
// matched already.
type noMatch struct{}

func (noMatch) Match(*engine.Finding) {}

func TestGoldenBaseline(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			golden(t, filepath.Join("testdata", "baseline."+name), render(t, name, baselineFixture()))
		})
	}
}

// What every format says of baselined, new and fixed findings, and that the
// exit code's findings (Failing) are the new ones, the expired one and the regression.
func TestBaselineLevels(t *testing.T) {
	r := baselineFixture()
	if c := r.Summary.Baseline; c == nil || c.New != 1 || c.Unchanged != 2 || c.Expired != 1 || c.Fixed != 1 {
		t.Fatalf("baseline counts %+v", c)
	}
	if s := r.Summary; s.Failed != 2 || s.Regressions != 1 {
		t.Errorf("summary %+v: want the new and the expired finding failing, and the regression", s)
	}
	text := render(t, "text", r)
	for _, want := range []string{
		"  BASELINED [critical] aws_security_group_world_admin_ports: ingress[0] allows tcp 22",
		"  FAIL [high] aws_cloudtrail_kms_encryption: kms_key_id is not set\n      note: baseline entry (.hardened-lint-baseline.json) expired on 2026-01-31: the finding fails again",
		"Fixed since the baseline .hardened-lint-baseline.json\n  FIXED aws_s3_bucket_lifecycle: aws_s3_bucket.logs\n",
		"; baseline: 1 new, 2 unchanged, 1 fixed, 1 expired\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if gh := render(t, "github", r); strings.Contains(gh, "aws_security_group.web") || strings.Count(gh, "::error ") != 3 {
		t.Errorf("github: baselined findings are left out, the 3 failing ones are errors:\n%s", gh)
	}
	var suites struct {
		Failures int `xml:"failures,attr"`
		Skipped  int `xml:"skipped,attr"`
	}
	if err := xml.Unmarshal([]byte(render(t, "junit", r)), &suites); err != nil {
		t.Fatal(err)
	}
	if suites.Failures != 3 || suites.Skipped != 2 {
		t.Errorf("junit: %d failures, %d skipped; want 3 and the 2 baselined", suites.Failures, suites.Skipped)
	}
	var doc struct {
		Summary struct {
			Baseline map[string]int `json:"baseline"`
		} `json:"summary"`
		Findings []struct {
			Status   string `json:"status"`
			Baseline string `json:"baseline"`
		} `json:"findings"`
		Baseline struct {
			File  string           `json:"file"`
			Fixed []map[string]any `json:"fixed"`
		} `json:"baseline"`
	}
	js := render(t, "json", r)
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Summary.Baseline["new"] != 1 || doc.Summary.Baseline["fixed"] != 1 || doc.Baseline.File != ".hardened-lint-baseline.json" ||
		len(doc.Baseline.Fixed) != 1 || doc.Baseline.Fixed[0]["address"] != "aws_s3_bucket.logs" {
		t.Errorf("json baseline:\n%s", js)
	}
	states := map[string]int{}
	for _, f := range doc.Findings {
		states[f.Status+"/"+f.Baseline]++
	}
	if states["baselined/unchanged"] != 2 || states["fail/new"] != 1 || states["fail/unchanged"] != 1 || states["regression/new"] != 1 {
		t.Errorf("json statuses %v", states)
	}

	out := render(t, "sarif", r)
	report, err := sarif.FromBytes([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := report.Validate(); err != nil {
		t.Fatalf("fails the SARIF 2.1.0 schema: %v", err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Level         string `json:"level"`
				Kind          string `json:"kind"`
				BaselineState string `json:"baselineState"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, res := range log.Runs[0].Results {
		got[res.BaselineState+"/"+res.Level+"/"+res.Kind]++
	}
	if got["unchanged/note/fail"] != 2 || got["new/error/fail"] != 2 || got["unchanged/error/fail"] != 1 || got["absent/none/pass"] != 1 || len(log.Runs[0].Results) != 6 {
		t.Errorf("sarif baseline states %v", got)
	}
}

// Without a baseline, nothing of it is written: the other goldens hold that.
func TestNoBaselineNoBaselineFields(t *testing.T) {
	for _, name := range Names() {
		out := render(t, name, fixture())
		if strings.Contains(out, "baseline") || strings.Contains(out, "BASELINED") {
			t.Errorf("%s mentions a baseline without one", name)
		}
	}
}
