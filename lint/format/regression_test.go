package format

import (
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

var (
	ruleDeleted = engine.Metadata{
		ID: "aws_security_control_deleted", Title: "A change does not delete a security control",
		Severity: engine.SeverityHigh, Controls: []controls.Control{{ID: "HRD-IAM-001"}},
		Rationale: "Deleting a control removes it.", Remediation: "Keep it, or move it to hardened_password_policy.",
	}
	ruleWeakened = engine.Metadata{
		ID: "aws_security_control_weakened", Title: "A change does not turn a secure setting insecure",
		Severity: engine.SeverityHigh, Controls: []controls.Control{{ID: "HRD-CT-006"}},
		Rationale: "Turning logging off hides what follows.", Remediation: "Keep enable_logging = true.",
	}
)

// regressionFixture: two regressions (one under fail_on critical, which they fail
// anyway), one waived, one the plan replaces, and a plain failure below fail_on.
func regressionFixture() *Result {
	waiver := &engine.Waiver{RuleID: ruleWeakened.ID, Address: "module.legacy.*", Reason: "trail retired in INFRA-12",
		Expires: time.Date(2999, 1, 1, 0, 0, 0, 0, time.UTC)}
	findings := []engine.Finding{
		{Rule: &ruleDeleted, Status: engine.StatusRegression, Address: "aws_iam_account_password_policy.strict",
			ResourceType: "aws_iam_account_password_policy",
			Message:      "the change deletes aws_iam_account_password_policy.strict, the account's IAM password policy: present -> absent; HRD-IAM-001 (The account has an IAM password policy) is lost"},
		{Rule: &ruleWeakened, Status: engine.StatusRegression, Address: "aws_cloudtrail.main", ResourceType: "aws_cloudtrail",
			Attribute: "enable_logging",
			Message:   "the change turns enable_logging true -> false; HRD-CT-006 (CloudTrail trails are logging) no longer holds"},
		{Rule: &ruleWeakened, Status: engine.StatusWaived, Address: "module.legacy.aws_cloudtrail.old", ResourceType: "aws_cloudtrail",
			Attribute: "is_multi_region_trail", Message: "the change turns is_multi_region_trail true -> false",
			Note: "waived until 2999-01-01: trail retired in INFRA-12", Waiver: waiver},
		{Rule: &ruleDeleted, Status: engine.StatusReplaced, Address: "aws_cloudtrail.legacy", ResourceType: "aws_cloudtrail",
			Message: "the change deletes aws_cloudtrail.legacy, a CloudTrail trail: present -> absent; HRD-CT-001 is lost, " +
				"but the same plan creates hardened_cloudtrail.main in its place: not a regression"},
		{Rule: &ruleKMS, Status: engine.StatusFail, Address: "aws_cloudtrail.main", ResourceType: "aws_cloudtrail",
			Attribute: "kms_key_id", Message: "kms_key_id is not set"},
	}
	pol := engine.Policy{FailOn: engine.SeverityCritical, Unknown: engine.UnknownWarn}
	engine.Sort(findings)
	return &Result{
		ToolName: "hardened-lint", ToolVersion: "1.2.3",
		Summary: pol.Summarize(4, findings), Findings: findings, Policy: pol,
		Rules: []engine.Metadata{ruleKMS, ruleDeleted, ruleWeakened},
		Locator: places{
			"aws_cloudtrail.main ":               {Location: Location{"infra/main.tf", 40, 1}},
			"aws_cloudtrail.main enable_logging": {Location: Location{"infra/main.tf", 45, 3}},
		},
	}
}

// Every format shows regressions as their own status, failing whatever fail_on says.
func TestGoldenRegressions(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			golden(t, filepath.Join("testdata", "regressions."+name), render(t, name, regressionFixture()))
		})
	}
}

func TestRegressionLevels(t *testing.T) {
	r := regressionFixture()
	if s := r.Summary; s.Regressions != 2 || s.Failed != 0 || s.FailingResources != 2 || s.Warnings != 1 || s.Notes != 1 || s.Waived != 1 {
		t.Errorf("summary %+v", s)
	}
	text := render(t, "text", r)
	for _, want := range []string{
		"  REGRESSION [high] aws_security_control_weakened: the change turns enable_logging true -> false",
		"  REGRESSION [high] aws_security_control_deleted: the change deletes aws_iam_account_password_policy.strict",
		"  NOTE [high] aws_security_control_deleted: the change deletes aws_cloudtrail.legacy",
		"  WAIVED [high] aws_security_control_weakened",
		"  WARN [high] aws_cloudtrail_kms_encryption",
		"4 resources checked (0 changed by this plan): 2 failing resources, 0 failing findings, 2 regressions; 1 warning, 1 note (below fail_on critical)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if gh := render(t, "github", r); strings.Count(gh, "::error ") != 2 {
		t.Errorf("github: want 2 errors (the regressions):\n%s", gh)
	}
	var suites struct {
		Failures int `xml:"failures,attr"`
	}
	if err := xml.Unmarshal([]byte(render(t, "junit", r)), &suites); err != nil {
		t.Fatal(err)
	}
	if suites.Failures != 2 {
		t.Errorf("junit: %d failures, want the 2 regressions", suites.Failures)
	}
	var doc struct {
		Summary  map[string]any `json:"summary"`
		Findings []struct {
			Status, Level string
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(render(t, "json", r)), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Summary["regressions"] != 2.0 {
		t.Errorf("json summary %v", doc.Summary)
	}
	statuses := map[string]int{}
	for _, f := range doc.Findings {
		statuses[f.Status+"/"+f.Level]++
	}
	if statuses["regression/regression"] != 2 || statuses["replaced/note"] != 1 {
		t.Errorf("json statuses %v", statuses)
	}
	var sarif struct {
		Runs []struct {
			Results []struct {
				Level      string            `json:"level"`
				Properties map[string]string `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(render(t, "sarif", r)), &sarif); err != nil {
		t.Fatal(err)
	}
	errs := 0
	for _, res := range sarif.Runs[0].Results {
		if res.Properties["status"] == "regression" && res.Level == "error" {
			errs++
		}
	}
	if errs != 2 {
		t.Errorf("sarif: %d regression errors, want 2", errs)
	}
}
