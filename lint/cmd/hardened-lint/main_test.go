package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/internal/acctest"
)

var update = flag.Bool("update", false, "rewrite golden files")

const plans = "../../testdata/plans"

func lint(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errOut, func(k string) string { return env[k] })
	return code, out.String(), errOut.String()
}

type jsonReport struct {
	Tool struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"tool"`
	Summary struct {
		Resources, Failed, Unknown, Waived int
	} `json:"summary"`
	Findings []struct {
		Rule, Title, Severity, Status, Address, Message, Remediation string
		ResourceType                                                 string   `json:"resource_type"`
		Attribute                                                    string   `json:"attribute"`
		Controls                                                     []string `json:"controls"`
		Aliases                                                      []string `json:"aliases"`
		Location                                                     *struct {
			File string `json:"file"`
			Line int    `json:"line"`
		} `json:"location"`
	} `json:"findings"`
}

func lintJSON(t *testing.T, args ...string) (int, jsonReport) {
	t.Helper()
	code, out, errOut := lint(t, nil, append([]string{"--format", "json"}, args...)...)
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("json output does not parse: %v\nstdout: %s\nstderr: %s", err, out, errOut)
	}
	return code, rep
}

// Input errors exit 2 with one line naming the problem; nothing on stdout.
func TestBadInputExits2(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{filepath.Join(dir, "nope.json")}, "no such file"},
		{"state file", []string{write("terraform.tfstate", `{"version":4,"serial":1,"lineage":"x","resources":[]}`)}, "Terraform state file, not a plan"},
		{"truncated", []string{write("t.json", `{"format_version":"1.2","resource_changes":[`)}, "truncated"},
		{"corrupted real plan", []string{filepath.Join(plans, "checkov/terraform__runner__plan__corrupted-tfplan.json")}, "not of a plan"},
		{"no args", nil, "expected one PLAN argument"},
		{"two plans", []string{"a.json", "b.json"}, "expected one PLAN argument"},
		{"bad format", []string{"--format", "xml", "p.json"}, `unknown format "xml"`},
		{"bad fail-on", []string{"--fail-on", "urgent", filepath.Join(plans, "trivy/plan.json")}, `unknown severity "urgent"`},
		{"bad output", []string{"--output", "sarif", "p.json"}, "FORMAT=PATH"},
		{"bad config", []string{"--config", write("c.hcl", "fail_on = \"x\""), filepath.Join(plans, "trivy/plan.json")}, "c.hcl:1:11: Invalid fail_on"},
		{"unknown rule in config", []string{"--config", write("r.hcl", "rule \"aws_nope\" {}"), filepath.Join(plans, "trivy/plan.json")}, `r.hcl:1:1: Unknown rule: no rule "aws_nope"`},
		{"rule option not supported", []string{"--config", write("o.hcl", "rule \"aws_cloudtrail_multi_region\" {\n  threshold = 3\n}"), filepath.Join(plans, "trivy/plan.json")}, `o.hcl:2:3: Unsupported argument`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := lint(t, nil, tc.args...)
			if code != ExitError {
				t.Errorf("exit %d, want 2", code)
			}
			if out != "" {
				t.Errorf("stdout should be empty, got %q", out)
			}
			if !strings.Contains(errOut, tc.want) {
				t.Errorf("stderr %q does not contain %q", errOut, tc.want)
			}
		})
	}
}

func TestStdinFlagsAfterPlanAndFailOn(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(plans, "generated/insecure_default_sg_with_rules/plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run([]string{"-", "--format", "json", "--fail-on", "critical"}, bytes.NewReader(data), &out, &errOut, func(string) string { return "" })
	if code != ExitFindings || !strings.Contains(out.String(), `"aws_security_group_world_admin_ports"`) {
		t.Fatalf("code %d stderr %s", code, errOut.String())
	}
	// Only high findings with fail_on = critical: exit 0 (still reported).
	code, out2, _ := lint(t, map[string]string{"HARDENED_LINT_FAIL_ON": "critical"},
		filepath.Join(plans, "generated/secure_cloudtrail_multi_region_kms_cwl/plan.json"))
	if code != ExitOK || !strings.Contains(out2, "aws_cloudtrail_bucket_access_logging") {
		t.Errorf("fail_on from the environment: code %d\n%s", code, out2)
	}
}

func TestWaiversAndDisabledRules(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".hardened-lint.hcl")
	src := `
rule "aws_cloudtrail_bucket_access_logging" {
  enabled = false
}
waiver "aws_cloudtrail_multi_region" {
  address = "aws_cloudtrail.*"
  reason  = "single-region sandbox account"
  expires = "2999-12-31"
}
waiver "aws_cloudtrail_kms_encryption" {
  address = "aws_cloudtrail.main"
  reason  = "old waiver"
  expires = "2020-01-01"
}
`
	if err := os.WriteFile(cfg, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	_, rep := lintJSON(t, "--config", cfg, filepath.Join(plans, "generated/insecure_cloudtrail_single_region_no_validation/plan.json"))
	counts := map[string]int{}
	for _, f := range rep.Findings {
		counts[f.Rule+" "+f.Status]++
	}
	if counts["aws_cloudtrail_bucket_access_logging fail"] != 0 {
		t.Error("a disabled rule reported findings")
	}
	if counts["aws_cloudtrail_multi_region waived"] != 2 || counts["aws_cloudtrail_multi_region fail"] != 0 {
		t.Errorf("waiver did not apply: %v", counts)
	}
	if counts["aws_cloudtrail_kms_encryption fail"] != 2 {
		t.Errorf("expired waiver must not apply: %v", counts)
	}
	if rep.Summary.Waived != 2 {
		t.Errorf("summary waived = %d", rep.Summary.Waived)
	}
}

// Values marked sensitive never reach any output format.
func TestSensitiveValuesNeverPrinted(t *testing.T) {
	const secretCIDR = "203.0.113.77/32"
	doc := `{"format_version":"1.2","planned_values":{},"resource_changes":[
 {"address":"aws_security_group.s","mode":"managed","type":"aws_security_group","name":"s","change":{"actions":["create"],
  "after":{"ingress":[{"protocol":"tcp","from_port":0,"to_port":65535,"cidr_blocks":["` + secretCIDR + `","0.0.0.0/0"],"ipv6_cidr_blocks":[]}],"description":"TOPSECRET-DESC"},
  "after_unknown":{},"after_sensitive":{"ingress":[{"cidr_blocks":[true,true]}],"description":true}}},
 {"address":"aws_iam_account_password_policy.p","mode":"managed","type":"aws_iam_account_password_policy","name":"p","change":{"actions":["create"],
  "after":{"minimum_password_length":9,"password_reuse_prevention":3,"max_password_age":999},
  "after_unknown":{},"after_sensitive":{"minimum_password_length":true,"password_reuse_prevention":true,"max_password_age":true}}}
]}`
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"text", "json", "sarif", "junit", "github", "markdown"} {
		code, out, errOut := lint(t, nil, "--format", f, path)
		if code != ExitFindings {
			t.Fatalf("%s: exit %d, stderr %s", f, code, errOut)
		}
		for _, secret := range []string{"203.0.113.77", "TOPSECRET", "999", "is 9;", "is 3;"} {
			if strings.Contains(out, secret) || strings.Contains(errOut, secret) {
				t.Errorf("%s output contains the sensitive value %q:\n%s", f, secret, out)
			}
		}
		if !strings.Contains(out, "(sensitive value)") {
			t.Errorf("%s output should say a value was hidden", f)
		}
		// The world CIDR is sensitive here too: no finding message may quote it.
		if strings.Contains(out, "from 0.0.0.0/0:") || strings.Contains(out, "from 0.0.0.0/0\"") {
			t.Errorf("%s output quotes the sensitive CIDR 0.0.0.0/0", f)
		}
	}
}

func TestRulesAndExplain(t *testing.T) {
	code, out, _ := lint(t, nil, "rules")
	if code != 0 || !strings.Contains(out, "aws_cloudtrail_multi_region") || !strings.Contains(out, "CKV_AWS_67,AWS-0014") {
		t.Errorf("rules: %d\n%s", code, out)
	}
	code, out, _ = lint(t, nil, "rules", "--format", "json")
	var list []struct {
		ID, Title, Severity        string
		Controls, Aliases, Related []string
		Parts                      []struct {
			ID      string
			Aliases []string
		}
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != 0 || len(list) < 16 {
		t.Fatalf("rules --format json: code %d, %d rules, %v", code, len(list), err)
	}
	for _, r := range list {
		if r.ID == "" || r.Title == "" || r.Severity == "" || len(r.Controls) == 0 || r.Aliases == nil || r.Related == nil {
			t.Errorf("rule entry incomplete: %+v", r)
		}
		// Aliases are per part where peers split a rule; related IDs are listed apart.
		switch r.ID {
		case "aws_iam_password_policy_reuse_prevention":
			if strings.Join(r.Aliases, ",") != "CKV_AWS_13" || strings.Join(r.Related, ",") != "AWS-0056" {
				t.Errorf("%s: aliases %v related %v", r.ID, r.Aliases, r.Related)
			}
		case "aws_iam_password_policy_character_classes":
			if len(r.Parts) != 4 || r.Parts[3].ID != "require_symbols" || strings.Join(r.Parts[3].Aliases, ",") != "CKV_AWS_14,AWS-0060" {
				t.Errorf("%s: parts %+v", r.ID, r.Parts)
			}
		}
	}
	code, out, _ = lint(t, nil, "explain", "aws_security_group_world_admin_ports")
	for _, want := range []string{"Why:", "Fix:", "hardened_security_group", "HRD-NET-002", "Insecure:", "Secure:", "docs/lint/rules/aws_security_group_world_admin_ports.md"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain output lacks %q:\n%s", want, out)
		}
	}
	if code != 0 {
		t.Error("explain exit code")
	}
	if code, _, errOut := lint(t, nil, "explain", "nope"); code != 2 || !strings.Contains(errOut, `no rule "nope"`) {
		t.Error("explain of an unknown rule should exit 2")
	}
	if code, out, _ := lint(t, nil, "--version"); code != 0 || !strings.HasPrefix(out, "hardened-lint ") {
		t.Error("--version")
	}
}

// Golden files: the CLI end to end on one real plan, with source locations. Each
// format's own goldens (lint/format/testdata) are built from a few hand-picked
// findings; SARIF and JUnit, which list every rule or every passing check, are
// checked here by structure only (TestSARIFSchema, TestOutputsAndJSONShape), so
// that adding a rule does not rewrite them.
func TestGoldenFormats(t *testing.T) {
	dir := filepath.Join(plans, "generated/insecure_cloudtrail_single_region_no_validation")
	for _, f := range []string{"text", "json", "github", "markdown"} {
		t.Run(f, func(t *testing.T) {
			_, out, errOut := lint(t, nil, "--format", f, "--source-dir", dir, "--path-prefix", "infra", filepath.Join(dir, "plan.json"))
			if errOut != "" {
				t.Fatal(errOut)
			}
			golden := filepath.Join("testdata", "golden", "cloudtrail."+f)
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if out != string(want) {
				t.Errorf("%s output differs from %s (go test -update rewrites it):\n%s", f, golden, out)
			}
		})
	}
}

// --output writes several formats in one run; JSON on stdout keeps the documented shape.
func TestOutputsAndJSONShape(t *testing.T) {
	dir := t.TempDir()
	sarif, junit := filepath.Join(dir, "r.sarif"), filepath.Join(dir, "r.xml")
	code, out, _ := lint(t, nil, "--output", "sarif="+sarif, "--output", "junit="+junit, "--format", "json",
		filepath.Join(plans, "generated/insecure_sg_rule_db_ports_open/plan.json"))
	if code != ExitFindings {
		t.Fatalf("exit %d", code)
	}
	for _, p := range []string{sarif, junit} {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s not written", p)
		}
	}
	var generic map[string]any
	if err := json.Unmarshal([]byte(out), &generic); err != nil {
		t.Fatal(err)
	}
	findings, _ := generic["findings"].([]any)
	if len(findings) == 0 {
		t.Fatal("no findings")
	}
	f0, _ := findings[0].(map[string]any)
	for _, k := range []string{"rule", "title", "severity", "status", "address", "resource_type", "attribute", "message", "controls", "aliases", "remediation"} {
		if _, ok := f0[k]; !ok {
			t.Errorf("finding lacks %q", k)
		}
	}
	sum, _ := generic["summary"].(map[string]any)
	for _, k := range []string{"resources", "failed", "unknown", "waived"} {
		if _, ok := sum[k]; !ok {
			t.Errorf("summary lacks %q", k)
		}
	}
	if tool, _ := generic["tool"].(map[string]any); tool["name"] != "hardened-lint" {
		t.Error("tool.name")
	}
}

// A binary plan file (terraform plan -out) is converted with terraform show -json.
// terraform_data needs no provider download, so this runs offline.
func TestBinaryPlanFile(t *testing.T) {
	tf, err := acctest.TerraformPath()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("resource \"terraform_data\" \"x\" {\n  input = \"a\"\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", "-input=false", "-no-color"}, {"plan", "-input=false", "-no-color", "-out=tfplan"}} {
		cmd := exec.Command(tf, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE=", "CHECKPOINT_DISABLE=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("terraform %s: %v\n%s", args[0], err, out)
		}
	}
	t.Setenv("TF_CLI_CONFIG_FILE", "")
	code, rep := lintJSON(t, filepath.Join(dir, "tfplan"))
	// terraform_data is judged by no rule, so no resource counts as checked.
	if code != ExitOK || rep.Summary.Resources != 0 {
		t.Fatalf("exit %d, summary %+v", code, rep.Summary)
	}
	// A binary plan on stdin cannot be converted: say what to do instead.
	data, err := os.ReadFile(filepath.Join(dir, "tfplan"))
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"-"}, bytes.NewReader(data), &out, &errOut, func(string) string { return "" }); code != ExitError ||
		!strings.Contains(errOut.String(), "pipe terraform show -json PLANFILE") {
		t.Fatalf("stdin binary plan: exit %d, %s", code, errOut.String())
	}
}

// Text, summary and exit code tell one story: failures below fail_on are WARN
// (NOTE for info rules), not FAIL, and do not fail the run.
func TestFailOnLevels(t *testing.T) {
	p := filepath.Join(plans, "generated/secure_cloudtrail_multi_region_kms_cwl/plan.json")
	code, out, errOut := lint(t, nil, "--fail-on", "high", p)
	if code != ExitOK || errOut != "" {
		t.Fatalf("--fail-on high with medium and low findings: exit %d, %s", code, errOut)
	}
	if strings.Contains(out, "FAIL") || !strings.Contains(out, "  WARN [medium] aws_s3_bucket_versioning") ||
		!strings.Contains(out, "0 failing resources, 0 failing findings; 7 warnings, 0 notes (below fail_on high)") {
		t.Errorf("--fail-on high output:\n%s", out)
	}
	code, out, _ = lint(t, nil, p)
	if code != ExitFindings || !strings.Contains(out, "  FAIL [medium] aws_s3_bucket_versioning") ||
		!strings.Contains(out, "2 failing resources, 7 failing findings (2 medium, 5 low); 0 warnings") {
		t.Errorf("default fail_on low: exit %d\n%s", code, out)
	}
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.hcl")
	if err := os.WriteFile(cfg, []byte("fail_on = \"none\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want int
	}{
		{"flag none", nil, []string{"--fail-on", "none"}, ExitOK},
		{"env none", map[string]string{"HARDENED_LINT_FAIL_ON": "none"}, nil, ExitOK},
		{"config none", nil, []string{"--config", cfg}, ExitOK},
		{"flag over config", nil, []string{"--config", cfg, "--fail-on", "info"}, ExitFindings},
		{"flag info", nil, []string{"--fail-on", "INFO"}, ExitFindings},
	} {
		if code, _, errOut := lint(t, tc.env, append(tc.args, p)...); code != tc.want {
			t.Errorf("%s: exit %d, want %d (%s)", tc.name, code, tc.want, errOut)
		}
	}
}

// explain accepts an alias (every rule carrying it) and answers a typo with the
// closest IDs, not a list of every rule.
func TestExplainAliasesAndTypos(t *testing.T) {
	code, out, _ := lint(t, nil, "explain", "CKV_AWS_24")
	// Every protocol open to the world covers SSH: both rules carry checkov's SSH check.
	if code != ExitOK || !strings.HasPrefix(out, "CKV_AWS_24 is an alias of aws_security_group_world_admin_ports, aws_security_group_world_all_protocols\n") ||
		!strings.Contains(out, "Why:") {
		t.Errorf("explain of an alias: exit %d\n%s", code, out)
	}
	// A per-part alias is found too; a related ID says it is not equivalent.
	if code, out, _ := lint(t, nil, "explain", "AWS-0060"); code != ExitOK || !strings.HasPrefix(out, "AWS-0060 is an alias of aws_iam_password_policy_character_classes\n") {
		t.Errorf("explain of a part's alias: exit %d\n%s", code, out)
	}
	if code, out, _ := lint(t, nil, "explain", "AWS-0056"); code != ExitOK ||
		!strings.HasPrefix(out, "AWS-0056 is related to (overlapping, not equivalent) aws_iam_password_policy_reuse_prevention\n") ||
		!strings.Contains(out, "Related (overlapping, not equivalent): AWS-0056") {
		t.Errorf("explain of a related ID: exit %d\n%s", code, out)
	}
	if code, out, _ := lint(t, nil, "explain", "ckv_aws_67"); code != ExitOK || !strings.Contains(out, "aws_cloudtrail_multi_region (high)") {
		t.Errorf("aliases are case-insensitive: exit %d\n%s", code, out)
	}
	for typo, want := range map[string]string{
		"aws_security_group_world_admin_port": "did you mean aws_security_group_world_admin_ports?",
		"aws_cloudtrail_multiregion":          "did you mean aws_cloudtrail_multi_region?",
		"CKV_AWS_244":                         "CKV_AWS_24",
	} {
		code, out, errOut := lint(t, nil, "explain", typo)
		if code != ExitError || out != "" || !strings.Contains(errOut, `no rule "`+typo+`"`) || !strings.Contains(errOut, want) {
			t.Errorf("explain %s: exit %d, stderr %q, want %q", typo, code, errOut, want)
		}
		if strings.Count(errOut, "aws_") > 3 {
			t.Errorf("explain %s dumps rule IDs: %s", typo, errOut)
		}
	}
}

// A redacted value reveals nothing, its label included.
func TestRedactedValueLabel(t *testing.T) {
	doc := `{"format_version":"1.2","planned_values":{},"resource_changes":[
 {"address":"aws_security_group.s","mode":"managed","type":"aws_security_group","name":"s","change":{"actions":["create"],
  "after":{"description":"web","ingress":[{"description":"x","protocol":"tcp","from_port":3389,"to_port":3389,"cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[]},
   {"description":"y","protocol":"tcp","from_port":22,"to_port":22,"cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[]}]},
  "after_unknown":{},"after_sensitive":{"ingress":[{"from_port":true,"to_port":true},{"from_port":true,"to_port":true}]}}}]}`
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"text", "json", "sarif", "junit", "github", "markdown"} {
		code, out, _ := lint(t, nil, "--format", f, path)
		if code != ExitFindings || !strings.Contains(out, "(sensitive value)") {
			t.Fatalf("%s: exit %d, no redaction:\n%s", f, code, out)
		}
		if f == "sarif" { // the rules' metadata, before the results, names RDP of course
			out = out[strings.Index(out, `"results"`):]
		}
		if strings.Contains(out, "RDP") || strings.Contains(out, "3389") || strings.Contains(out, "SSH") || strings.Contains(out, " 22") {
			t.Errorf("%s names the redacted port:\n%s", f, out)
		}
	}
}

// Control characters in a hand-made plan's addresses are escaped in text output.
func TestControlCharactersInAddresses(t *testing.T) {
	doc := "{\"format_version\":\"1.2\",\"planned_values\":{},\"resource_changes\":[\n" +
		`{"address":"aws_security_group.s[\"\u001b[2J\"]","mode":"managed","type":"aws_security_group","name":"s","index":"\u001b[2J","change":{"actions":["create"],` +
		`"after":{"ingress":[{"protocol":"-1","from_port":0,"to_port":0,"cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[]}]},"after_unknown":{}}}]}`
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"text", "github", "markdown", "junit"} {
		code, out, errOut := lint(t, nil, "--format", f, path)
		if code != ExitFindings {
			t.Fatalf("%s: exit %d %s", f, code, errOut)
		}
		if strings.Contains(out, "\x1b") || !strings.Contains(out, `\x1b[2J`) {
			t.Errorf("%s prints the escape sequence raw:\n%q", f, out)
		}
	}
}

// By default every resource that exists after apply is judged, unchanged ones
// included (a plan of existing infrastructure is an audit, not "0 resources
// checked"); --changes-only restricts the verdict to what the plan creates,
// updates or replaces; --all names the default. The summary says both counts.
func TestScopeEveryResourceOrChangesOnly(t *testing.T) {
	planPath := filepath.Join(plans, "generated/applied_then_updated/plan.json")
	type summary struct {
		Resources   int  `json:"resources"`
		Changing    int  `json:"changing"`
		ChangesOnly bool `json:"changes_only"`
		Unchanged   int  `json:"unchanged_not_judged"`
	}
	scope := func(env map[string]string, args ...string) (int, summary, map[string]bool) {
		t.Helper()
		code, out, errOut := lint(t, env, append([]string{"--format", "json"}, append(args, planPath)...)...)
		var rep struct {
			Summary  summary `json:"summary"`
			Findings []struct {
				Address string `json:"address"`
			} `json:"findings"`
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errOut)
		}
		addrs := map[string]bool{}
		for _, f := range rep.Findings {
			addrs[f.Address] = true
		}
		return code, rep.Summary, addrs
	}
	// aws_s3_bucket.app and aws_vpc.main are no-op in this plan; both have findings.
	for _, args := range [][]string{nil, {"--all"}} {
		code, s, addrs := scope(nil, args...)
		if code != ExitFindings || s != (summary{Resources: 9, Changing: 7}) || !addrs["aws_s3_bucket.app"] || !addrs["aws_vpc.main"] {
			t.Errorf("%v: exit %d, summary %+v, unchanged resources judged: %v %v", args, code, s, addrs["aws_s3_bucket.app"], addrs["aws_vpc.main"])
		}
	}
	for _, env := range []map[string]string{nil, {"HARDENED_LINT_CHANGES_ONLY": "true"}} {
		args := []string{"--changes-only"}
		if env != nil {
			args = nil
		}
		code, s, addrs := scope(env, args...)
		if code != ExitFindings || s != (summary{Resources: 7, Changing: 7, ChangesOnly: true, Unchanged: 2}) || addrs["aws_s3_bucket.app"] || addrs["aws_vpc.main"] {
			t.Errorf("changes only (%v %v): exit %d, summary %+v, findings on %v", args, env, code, s, addrs)
		}
	}
	code, out, _ := lint(t, nil, "--changes-only", planPath)
	if !strings.Contains(out, "7 resources checked (changes only, 2 unchanged not judged): ") || code != ExitFindings {
		t.Errorf("text summary under --changes-only: exit %d\n%s", code, out)
	}
	if code, _, errOut := lint(t, nil, "--all", "--changes-only", planPath); code != ExitError || !strings.Contains(errOut, "contradict") {
		t.Errorf("--all with --changes-only: exit %d, %q", code, errOut)
	}
	if code, _, errOut := lint(t, map[string]string{"HARDENED_LINT_CHANGES_ONLY": "sometimes"}, planPath); code != ExitError || !strings.Contains(errOut, "HARDENED_LINT_CHANGES_ONLY") {
		t.Errorf("a bad HARDENED_LINT_CHANGES_ONLY: exit %d, %q", code, errOut)
	}
	// --all overrides the environment, as flags do.
	if _, s, _ := scope(map[string]string{"HARDENED_LINT_CHANGES_ONLY": "1"}, "--all"); s.ChangesOnly || s.Resources != 9 {
		t.Errorf("--all over HARDENED_LINT_CHANGES_ONLY: %+v", s)
	}
}

// The account posture read by data "hardened_account_posture" during a real
// plan (scripts/gen-posture-plan.sh) gates the pipeline: its failed checks are
// findings, exit 1, and a waiver for the rule and address waives them.
func TestAccountPosturePlan(t *testing.T) {
	planFile := filepath.Join("..", "..", "testdata", "plans", "hardened", "account_posture", "plan.json")
	var out, errOut bytes.Buffer
	code := run([]string{"--format", "json", planFile}, nil, &out, &errOut, func(string) string { return "" })
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d (findings); stderr: %s", code, ExitFindings, errOut.String())
	}
	var doc struct {
		Findings []struct {
			Rule    string `json:"rule"`
			Status  string `json:"status"`
			Address string `json:"address"`
			Message string `json:"message"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	failed := 0
	for _, f := range doc.Findings {
		if f.Rule == "hardened_account_posture" && f.Address == "data.hardened_account_posture.this" && f.Status == "fail" {
			failed++
		}
	}
	if failed != 7 {
		t.Errorf("%d failed posture findings, want 7:\n%s", failed, out.String())
	}

	dir := t.TempDir()
	cfg := filepath.Join(dir, "waiver.hcl")
	waiver := `waiver "hardened_account_posture" {
  address = "data.hardened_account_posture.this"
  reason  = "root MFA is being set up this week"
  expires = "2099-01-01"
}
`
	if err := os.WriteFile(cfg, []byte(waiver), 0o600); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	errOut.Reset()
	if code := run([]string{"--config", cfg, "--unknown", "ignore", planFile}, nil, &out, &errOut, func(string) string { return "" }); code != ExitOK {
		t.Errorf("with the waiver: exit %d, want 0\n%s%s", code, out.String(), errOut.String())
	}
}
