package format

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Hand-made rules and findings: the goldens change when a format changes, never
// when a rule is added or reworded.
var (
	ruleAdmin = engine.Metadata{
		ID: "aws_security_group_world_admin_ports", Title: "Security groups do not open admin ports to the world",
		Severity: controls.SeverityCritical,
		// Findings carry the aliases of their part: SSH or RDP.
		Parts:     []engine.Part{{ID: "ssh", Aliases: []string{"CKV_AWS_24"}}, {ID: "rdp", Aliases: []string{"CKV_AWS_25"}}},
		Related:   []string{"AWS-0104"},
		Controls:  []controls.Control{{ID: "HRD-NET-002", References: []controls.Reference{{Framework: "CIS AWS Foundations v5.0.0", ID: "5.3"}}}},
		Rationale: "Admin ports open to the internet are scanned within minutes.", Remediation: "Restrict the source.",
	}
	ruleRange = engine.Metadata{
		ID: "aws_security_group_wide_port_range", Title: "Security groups open narrow port ranges",
		Severity: controls.SeverityMedium, Controls: []controls.Control{{ID: "HRD-NET-004"}},
		Rationale: "Wide ranges expose services nobody meant to expose.", Remediation: "Split the rule.",
	}
	ruleInfo = engine.Metadata{
		ID: "aws_s3_bucket_lifecycle", Title: "Buckets archive old objects",
		Severity: controls.SeverityInfo, Controls: []controls.Control{{ID: "HRD-S3-009"}},
		Rationale: "Old objects cost money.", Remediation: "Add a lifecycle rule.",
	}
	ruleKMS = engine.Metadata{
		ID: "aws_cloudtrail_kms_encryption", Title: "Trails encrypt logs with KMS",
		Severity: controls.SeverityHigh, Controls: []controls.Control{{ID: "HRD-CT-003"}},
		Rationale: "SSE-S3 keys are not yours.", Remediation: "Set kms_key_id.",
	}
)

// places is a Locator over a fixed table of "address attribute" keys.
type places map[string]Place

func (p places) Locate(address, attribute string) (Place, bool) {
	if pl, ok := p[address+" "+attribute]; ok {
		return pl, true
	}
	pl, ok := p[address+" "]
	return pl, ok
}

func fixture() *Result {
	waiver := &engine.Waiver{RuleID: ruleKMS.ID, Address: "aws_cloudtrail.*", Reason: "sandbox account", Expires: time.Date(2999, 1, 1, 0, 0, 0, 0, time.UTC)}
	findings := []engine.Finding{
		{Rule: &ruleKMS, Status: engine.StatusWaived, Address: "aws_cloudtrail.main", ResourceType: "aws_cloudtrail",
			Attribute: "kms_key_id", Message: "kms_key_id is not set", Note: "waived until 2999-01-01: sandbox account", Waiver: waiver},
		{Rule: &ruleInfo, Status: engine.StatusFail, Address: "aws_s3_bucket.logs", ResourceType: "aws_s3_bucket",
			Message: "no lifecycle rule"},
		{Rule: &ruleAdmin, Status: engine.StatusFail, Address: "aws_security_group.web", ResourceType: "aws_security_group",
			Attribute: "ingress[0].cidr_blocks", Message: "ingress[0] allows tcp 22 (SSH) from 0.0.0.0/0",
			Part: "ssh"},
		{Rule: &ruleRange, Status: engine.StatusFail, Address: "aws_security_group.web", ResourceType: "aws_security_group",
			Attribute: "ingress[0].from_port", Message: "ingress[0] opens 1000 tcp ports (1-1000) to 0.0.0.0/0"},
		{Rule: &ruleRange, Status: engine.StatusUnknown, Address: "aws_security_group.web", ResourceType: "aws_security_group",
			Attribute: "ingress[1].from_port", Message: "ingress[1] allows 0.0.0.0/0 on ports computed during apply"},
		{Rule: &ruleAdmin, Status: engine.StatusFail, Address: `module.app["a"].aws_security_group.db`, ResourceType: "aws_security_group",
			Attribute: "egress[0].cidr_blocks", Message: "egress[0] allows tcp 3389 (RDP) to 0.0.0.0/0",
			Part: "rdp"},
		// A hand-made plan's address and message with control characters and markup.
		{Rule: &ruleAdmin, Status: engine.StatusFail, Address: "aws_security_group.\x1b[2Jevil|`<b>`", ResourceType: "aws_security_group",
			Message: "line one\nline two\r\u202e, 50% <b>done</b>: ok"},
	}
	pol := engine.Policy{FailOn: controls.SeverityHigh, Unknown: engine.UnknownWarn}
	engine.Sort(findings)
	summary := pol.Summarize(5, findings)
	summary.Changing = 2 // of the 5 judged; the others are unchanged (no-op)
	return &Result{
		ToolName: "hardened-lint", ToolVersion: "1.2.3",
		Summary:  summary,
		Findings: findings, Policy: pol,
		Passes: []engine.Finding{
			{Rule: &ruleKMS, Status: engine.StatusPass, Address: "aws_cloudtrail.other", ResourceType: "aws_cloudtrail"},
			{Rule: &ruleRange, Status: engine.StatusPass, Address: `module.app["a"].aws_security_group.db`, ResourceType: "aws_security_group"},
		},
		Rules: []engine.Metadata{ruleKMS, ruleInfo, ruleRange, ruleAdmin},
		Locator: places{
			"aws_cloudtrail.main ":                                        {Location: Location{"infra/main.tf", 40, 1}},
			"aws_cloudtrail.main kms_key_id":                              {Location: Location{"infra/main.tf", 44, 3}},
			"aws_s3_bucket.logs ":                                         {Location: Location{"infra/main.tf", 30, 1}},
			"aws_security_group.web ":                                     {Location: Location{"infra/main.tf", 1, 1}},
			"aws_security_group.web ingress[0].cidr_blocks":               {Location: Location{"infra/main.tf", 7, 5}},
			"aws_security_group.web ingress[0].from_port":                 {Location: Location{"infra/main.tf", 5, 5}},
			"aws_security_group.web ingress[1].from_port":                 {Location: Location{"infra/main.tf", 12, 5}},
			`module.app["a"].aws_security_group.db `:                      {Location: Location{"infra/modules/app/sg.tf", 3, 1}, ModuleCalls: []ModuleCall{{"module.app", Location{"infra/main.tf", 50, 1}}}},
			`module.app["a"].aws_security_group.db egress[0].cidr_blocks`: {Location: Location{"infra/modules/app/sg.tf", 9, 5}, ModuleCalls: []ModuleCall{{"module.app", Location{"infra/main.tf", 50, 1}}}},
		},
	}
}

func render(t *testing.T, name string, r *Result) string {
	t.Helper()
	f, err := Get(name)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./lint/format -update creates it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test ./lint/format -update rewrites it):\n%s", path, got)
	}
}

// Every format on the hand-made findings, and on a run without findings.
func TestGolden(t *testing.T) {
	empty := &Result{ToolName: "hardened-lint", ToolVersion: "1.2.3", Summary: engine.Policy{}.Summarize(3, nil),
		Rules: []engine.Metadata{ruleRange}}
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			golden(t, filepath.Join("testdata", "findings."+name), render(t, name, fixture()))
			golden(t, filepath.Join("testdata", "empty."+name), render(t, name, empty))
		})
	}
}

// JSON keys are snake_case at every level; the per-finding fields are all there.
func TestJSONKeysSnakeCase(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal([]byte(render(t, "json", fixture())), &doc); err != nil {
		t.Fatal(err)
	}
	snake := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				// failed_by_severity is keyed by severity names, which are snake_case too.
				if !snake.MatchString(k) {
					t.Errorf("%s: key %q is not snake_case", path, k)
				}
				walk(path+"."+k, e)
			}
		case []any:
			for _, e := range v {
				walk(path+"[]", e)
			}
		}
	}
	walk("", doc)
	findings, _ := doc["findings"].([]any)
	var located map[string]any
	for _, f := range findings {
		if m, _ := f.(map[string]any); m["address"] == `module.app["a"].aws_security_group.db` {
			located = m
		}
	}
	for _, k := range []string{"rule", "title", "severity", "status", "level", "address", "resource_type", "attribute", "message",
		"controls", "aliases", "remediation", "help_uri", "location", "module_calls"} {
		if _, ok := located[k]; !ok {
			t.Errorf("finding lacks %q: %v", k, located)
		}
	}
	if loc, _ := located["location"].(map[string]any); loc["file"] != "infra/modules/app/sg.tf" || loc["line"] != 9.0 || loc["column"] != 5.0 {
		t.Errorf("location = %v", loc)
	}
}

// Levels agree with the policy: only failures at or above fail_on are FAIL.
func TestLevelsMatchPolicy(t *testing.T) {
	r := fixture()
	s := r.Summary
	if s.Failed != 3 || s.FailingResources != 3 || s.Warnings != 1 || s.Notes != 1 || s.Unknown != 1 || s.Waived != 1 ||
		s.FailedBySeverity[controls.SeverityCritical] != 3 {
		t.Errorf("summary %+v", s)
	}
	text := render(t, "text", r)
	for _, want := range []string{
		"  WARN [medium] aws_security_group_wide_port_range",
		"  NOTE [info] aws_s3_bucket_lifecycle",
		"  FAIL [critical] aws_security_group_world_admin_ports",
		"5 resources checked (2 changed by this plan): 3 failing resources, 3 failing findings (3 critical); 1 warning, 1 note (below fail_on high), 1 unknown, 1 waived",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "FAIL [medium]") || strings.Contains(text, "FAIL [info]") {
		t.Errorf("a finding below fail_on is printed as FAIL:\n%s", text)
	}
	gh := render(t, "github", r)
	if strings.Count(gh, "::error ") != 3 {
		t.Errorf("github: want 3 errors (the failing findings):\n%s", gh)
	}
	var suites struct {
		Failures int `xml:"failures,attr"`
		Skipped  int `xml:"skipped,attr"`
		Tests    int `xml:"tests,attr"`
	}
	if err := xml.Unmarshal([]byte(render(t, "junit", r)), &suites); err != nil {
		t.Fatal(err)
	}
	if suites.Failures != 3 || suites.Skipped != 4 || suites.Tests != 9 {
		t.Errorf("junit counts %+v, want 3 failures, 4 skipped, 9 tests", suites)
	}
}

// Control characters never reach a text format raw; JSON and SARIF carry them escaped by JSON.
func TestControlCharactersEscaped(t *testing.T) {
	r := fixture()
	for _, name := range []string{"text", "github", "markdown", "junit"} {
		out := render(t, name, r)
		for i, c := range []byte(out) {
			if (c < 0x20 && c != '\n') || c == 0x7f {
				t.Errorf("%s: control byte %#x at %d", name, c, i)
				break
			}
		}
		if strings.Contains(out, "\u202e") {
			t.Errorf("%s: bidi override printed raw", name)
		}
		if !strings.Contains(out, `\x1b[2J`) {
			t.Errorf("%s: the escape is not shown escaped:\n%s", name, out)
		}
	}
	if md := render(t, "markdown", r); strings.Contains(md, "<b>done") || !strings.Contains(md, "&lt;b&gt;done") ||
		!strings.Contains(md, "`aws_security_group.\\x1b[2Jevil\\|'<b>'`") {
		t.Errorf("markdown: raw markup or a broken code span:\n%s", md)
	}
	for _, name := range []string{"json", "sarif"} {
		if !json.Valid([]byte(render(t, name, r))) {
			t.Errorf("%s is not valid JSON", name)
		}
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"plain":        "plain",
		"café ✓":       "café ✓",
		"a\nb\tc\rd":   `a\nb\tc\rd`,
		"\x1b[31mred":  `\x1b[31mred`,
		"\x00\x7f":     `\x00\x7f`,
		"\u0085\u202e": `\u0085\u202e`,
		"bad\xffutf8":  `bad\xffutf8`,
		`already \x1b`: `already \x1b`,
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}

// The SARIF is valid SARIF 2.1.0 and carries module calls as related locations.
func TestSARIFSchemaAndModuleCalls(t *testing.T) {
	out := render(t, "sarif", fixture())
	report, err := sarif.FromBytes([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := report.Validate(); err != nil {
		t.Fatalf("fails the SARIF 2.1.0 schema: %v", err)
	}
	if !strings.Contains(out, `"relatedLocations"`) || !strings.Contains(out, `"called by module.app"`) {
		t.Error("module calls are not related locations")
	}
	empty := render(t, "sarif", &Result{ToolName: "hardened-lint", Rules: []engine.Metadata{ruleRange}})
	if report, err := sarif.FromBytes([]byte(empty)); err != nil || report.Validate() != nil {
		t.Errorf("empty SARIF is invalid: %v", err)
	}
}

func TestOutputs(t *testing.T) {
	if _, err := ParseOutput("sarif"); err == nil || !strings.Contains(err.Error(), "FORMAT=PATH") {
		t.Errorf("ParseOutput without a path: %v", err)
	}
	if _, err := ParseOutput("xml=out.xml"); err == nil || !strings.Contains(err.Error(), `unknown format "xml"`) {
		t.Errorf("ParseOutput of an unknown format: %v", err)
	}
	dir := t.TempDir()
	sarifOut, _ := ParseOutput("sarif=" + filepath.Join(dir, "r.sarif"))
	junitOut, _ := ParseOutput("junit=" + filepath.Join(dir, "r.xml"))
	ghOut, _ := ParseOutput("github=-")

	for _, tc := range []struct {
		outputs  []Output
		format   string
		explicit bool
		want     string
	}{
		{nil, "", false, "text=-"},
		{[]Output{sarifOut}, "", false, "sarif=" + sarifOut.Path + " text=-"},
		{[]Output{ghOut}, "", false, "github=-"},
		{[]Output{ghOut}, "json", true, "github=- json=-"},
		{[]Output{ghOut}, "json", false, "github=-"}, // HARDENED_LINT_FORMAT does not add a second stdout output
	} {
		got, err := Plan(tc.outputs, tc.format, tc.explicit)
		if err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, o := range got {
			parts = append(parts, o.Format+"="+o.Path)
		}
		if strings.Join(parts, " ") != tc.want {
			t.Errorf("Plan(%v, %q, %v) = %v, want %s", tc.outputs, tc.format, tc.explicit, parts, tc.want)
		}
	}
	if _, err := Plan(nil, "xml", true); err == nil {
		t.Error("Plan accepted an unknown stdout format")
	}
	if NeedsPasses([]Output{sarifOut, ghOut}) || !NeedsPasses([]Output{sarifOut, junitOut}) {
		t.Error("only JUnit needs passes")
	}

	outs, _ := Plan([]Output{sarifOut, junitOut}, "text", false)
	var stdout bytes.Buffer
	if err := WriteAll(outs, fixture(), &stdout, true); err != nil {
		t.Fatal(err)
	}
	for _, o := range []Output{sarifOut, junitOut} {
		data, err := os.ReadFile(o.Path)
		if err != nil || string(data) != render(t, o.Format, fixture()) {
			t.Errorf("%s: file does not hold the format's output (%v)", o.Path, err)
		}
	}
	if !strings.Contains(stdout.String(), ansiRed+"FAIL"+ansiReset) {
		t.Error("text on stdout should be coloured when asked")
	}
	bad := Output{Format: "json", Path: filepath.Join(dir, "missing", "r.json")}
	if err := WriteAll([]Output{bad}, fixture(), &stdout, false); err == nil || !strings.Contains(err.Error(), "writing json output to") {
		t.Errorf("an unwritable path: %v", err)
	}
}

// writeRecorder records the largest single write and the number of writes.
type writeRecorder struct{ writes, largest, total int }

func (w *writeRecorder) Write(p []byte) (int, error) {
	w.writes++
	w.total += len(p)
	if len(p) > w.largest {
		w.largest = len(p)
	}
	return len(p), nil
}

// many makes n findings over n/4 resources, located, with passes.
func many(n int) *Result {
	r := fixture()
	r.Findings = make([]engine.Finding, 0, n)
	for i := 0; i < n; i++ {
		addr := "aws_security_group.g" + strings.Repeat("x", i%7) + "[" + strconv.Itoa(i/4) + "]"
		r.Findings = append(r.Findings, engine.Finding{Rule: []*engine.Metadata{&ruleAdmin, &ruleRange, &ruleKMS, &ruleInfo}[i%4],
			Status: engine.StatusFail, Address: addr, ResourceType: "aws_security_group", Attribute: "ingress[0].cidr_blocks",
			Message: "ingress[0] allows tcp 22 (SSH) from 0.0.0.0/0"})
		r.Passes = append(r.Passes, engine.Finding{Rule: &ruleRange, Status: engine.StatusPass, Address: addr})
	}
	engine.Sort(r.Findings)
	r.Summary = r.Policy.Summarize(n/4, r.Findings)
	r.Locator = places{} // every lookup misses but is asked
	return r
}

// Every format streams (output leaves in bounded writes while findings are
// formatted, never as one document) and allocates in proportion to the findings:
// four times the findings may take at most about four times the memory
// (a per-finding scan of all findings would take sixteen).
func TestFormatsStreamLinearly(t *testing.T) {
	small, large := many(1000), many(4000)
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			f, _ := Get(name)
			rec := &writeRecorder{}
			if err := f.Write(rec, large); err != nil {
				t.Fatal(err)
			}
			if rec.writes < rec.total/(64<<10) || rec.largest > 64<<10 {
				t.Errorf("%d bytes in %d writes, the largest %d: not streamed", rec.total, rec.writes, rec.largest)
			}
			allocs := func(r *Result) float64 {
				return testing.AllocsPerRun(3, func() { _ = f.Write(&writeRecorder{}, r) })
			}
			a, b := allocs(small), allocs(large)
			if b > 5*a+100 {
				t.Errorf("allocations grow faster than the findings: %.0f for 1000, %.0f for 4000", a, b)
			}
		})
	}
}

// BenchmarkFormats writes 150,000 located findings (the 50,000 insecure
// security groups' count) in each format to io.Discard.
func BenchmarkFormats(b *testing.B) {
	r := many(150000)
	for _, name := range Names() {
		b.Run(name, func(b *testing.B) {
			f, _ := Get(name)
			rec := &writeRecorder{}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if err := f.Write(rec, r); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(rec.total / b.N))
		})
	}
}

// The hand-written escapers write exactly what encoding/json and encoding/xml write.
func TestEscapersMatchTheStandardLibrary(t *testing.T) {
	for _, s := range []string{"", "plain", `q"uote\back`, "<a href='x'>&amp;</a>", "\x00\x01\x1b\x7f\n\r\t",
		"\u2028\u2029", "bad\xff\xfeutf8", "é ✓ 😀", "\ufffe\uffff", "\ud7ff\ue000", "mixed <\n> \"é\" \x1b"} {
		got := appendJSONString(nil, s)
		want, _ := json.Marshal(s)
		if string(got) != string(want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
		got = appendXMLText(nil, s)
		var x bytes.Buffer
		_ = xml.EscapeText(&x, []byte(s))
		if string(got) != x.String() {
			t.Errorf("appendXMLText(%q) = %q, want %q", s, got, x.String())
		}
	}
}

// The summary says how many resources were judged and how many the plan
// changes, or, with --changes-only, how many unchanged ones were left out.
func TestSummaryLineScope(t *testing.T) {
	pol := engine.Policy{FailOn: controls.SeverityLow}
	all := engine.Summary{Resources: 12, Changing: 3}
	if got := SummaryLine(all, pol); !strings.HasPrefix(got, "12 resources checked (3 changed by this plan): 0 failing resources") {
		t.Errorf("default scope: %q", got)
	}
	only := engine.Summary{Resources: 3, Changing: 3, ChangesOnly: true, Unchanged: 9}
	if got := SummaryLine(only, pol); !strings.HasPrefix(got, "3 resources checked (changes only, 9 unchanged not judged): ") {
		t.Errorf("--changes-only: %q", got)
	}
}

// Two outputs on stdout (--output json=- beside an explicit --format text)
// come one after the other, each whole, however large: the second is kept
// aside (in a temporary file once large) until the first ends.
func TestTwoOutputsOnStdoutFollowEachOther(t *testing.T) {
	for _, r := range []*Result{fixture(), many(10000)} {
		var stdout bytes.Buffer
		outs := []Output{{Format: "json", Path: Stdout}, {Format: "text", Path: Stdout}}
		if err := WriteAll(outs, r, &stdout, false); err != nil {
			t.Fatal(err)
		}
		if want := render(t, "json", r) + render(t, "text", r); stdout.String() != want {
			t.Errorf("%d findings: stdout is not the json output followed by the text output (%d bytes, want %d)",
				len(r.Findings), stdout.Len(), len(want))
		}
	}
}
