package baseline

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
	"github.com/hardened-tf/terraform-provider-hardened/lint/rules"
)

// group is a security group open to the world on port.
func group(address, port string) plantest.Res {
	return plantest.Res{Address: address, After: `{"name":"web","description":"web","egress":[],"ingress":[` +
		`{"description":"office","from_port":443,"to_port":443,"protocol":"tcp","cidr_blocks":["10.0.0.0/8"],"ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[],"self":false},` +
		`{"description":"admin","from_port":` + port + `,"to_port":` + port + `,"protocol":"tcp","cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[],"self":false}]}`}
}

// pab is a bucket public access block that lets public policies through.
func pab(address string) plantest.Res {
	return plantest.Res{Address: address, After: `{"bucket":"data","block_public_acls":true,"block_public_policy":false,"ignore_public_acls":true,"restrict_public_buckets":true}`}
}

func moved(r plantest.Res, from string) plantest.Res {
	r.PreviousAddress = from
	return r
}

// lint runs every rule over a plan and applies pol, as the CLI does.
func lint(t *testing.T, p *plan.Plan, pol engine.Policy) []engine.Finding {
	t.Helper()
	rep := engine.Run(p, rules.All(), engine.Options{})
	return engine.ApplyInPlace(rep.Findings, pol)
}

// take writes the baseline of a plan, as hardened-lint baseline does.
func take(t *testing.T, p *plan.Plan) []byte {
	t.Helper()
	pol := engine.Policy{Unknown: engine.UnknownWarn, Now: time.Now()}
	fp := NewFingerprinter(p, nil)
	var buf bytes.Buffer
	if err := Build(Tool{Name: "hardened-lint", Version: "test"}, "sha256:test", lint(t, p, pol), pol, fp, nil).Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// against lints a plan with a baseline: it returns the findings and the entries fixed.
func against(t *testing.T, file []byte, p *plan.Plan, renames Renames, now time.Time) ([]engine.Finding, []Entry) {
	t.Helper()
	l, err := Parse(file, ".hardened-lint-baseline.json", func(id string) bool { _, ok := rules.Lookup(id); return ok })
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(l, NewFingerprinter(p, renames), now, nil)
	fs := lint(t, p, engine.Policy{Unknown: engine.UnknownWarn, Now: now, Baseline: m})
	return fs, m.Fixed()
}

// states lists "status rule address" of the findings that fail or are baselined.
func states(fs []engine.Finding) []string {
	var out []string
	for _, f := range fs {
		if f.Status == engine.StatusFail || f.Status == engine.StatusBaselined {
			out = append(out, string(f.Status)+" "+f.Rule.ID+" "+f.Address)
		}
	}
	return out
}

func count(fs []engine.Finding, status engine.Status) int {
	n := 0
	for _, f := range fs {
		if f.Status == status {
			n++
		}
	}
	return n
}

func TestBaselineIsDeterministicUnderReorderingAndReformatting(t *testing.T) {
	a := plantest.JSON(t, group("aws_security_group.web", "22"), pab("aws_s3_bucket_public_access_block.data"))
	b := plantest.JSON(t, pab("aws_s3_bucket_public_access_block.data"), group("aws_security_group.web", "22"))
	var indented bytes.Buffer
	if err := json.Indent(&indented, b, "", "\t\t"); err != nil {
		t.Fatal(err)
	}
	pa, err := plan.Parse(a)
	if err != nil {
		t.Fatal(err)
	}
	pb, err := plan.Parse(indented.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	fa, fb := take(t, pa), take(t, pb)
	if !bytes.Equal(fa, fb) {
		t.Errorf("baselines differ:\n%s\n%s", fa, fb)
	}
	if !bytes.Contains(fa, []byte(`"rule": "aws_security_group_world_admin_ports"`)) ||
		!bytes.Contains(fa, []byte(`"attribute": "ingress[1].cidr_blocks"`)) {
		t.Errorf("baseline lacks the reviewable fields:\n%s", fa)
	}
	// Matched against itself: everything baselined, nothing new or fixed.
	fs, fixed := against(t, fa, pb, nil, time.Now())
	if n := count(fs, engine.StatusFail); n != 0 || len(fixed) != 0 || count(fs, engine.StatusBaselined) == 0 {
		t.Errorf("against its own plan: %d failing, %d fixed: %v", n, len(fixed), states(fs))
	}
}

// A set element's position is not part of the identity: a new rule before it
// in the group leaves the old finding baselined.
func TestFingerprintIgnoresListPositions(t *testing.T) {
	base := take(t, plantest.Plan(t, group("aws_security_group.web", "22")))
	r := group("aws_security_group.web", "22")
	r.After = strings.Replace(r.After, `"ingress":[`, `"ingress":[{"description":"more","from_port":80,"to_port":80,"protocol":"tcp","cidr_blocks":["10.1.0.0/16"],"ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[],"self":false},`, 1)
	fs, _ := against(t, base, plantest.Plan(t, r), nil, time.Now())
	if n := count(fs, engine.StatusFail); n != 0 {
		t.Errorf("%d failing after adding a rule before the baselined one: %v", n, states(fs))
	}
}

func TestFingerprintFollowsRenames(t *testing.T) {
	base := take(t, plantest.Plan(t, group(`aws_security_group.web["a"]`, "22"), pab("aws_s3_bucket_public_access_block.data")))
	cases := []struct {
		name    string
		plan    *plan.Plan
		renames Renames
	}{
		{"previous_address, renamed", plantest.Plan(t,
			moved(group(`aws_security_group.app["a"]`, "22"), `aws_security_group.web["a"]`),
			moved(pab("aws_s3_bucket_public_access_block.logs"), "aws_s3_bucket_public_access_block.data")), nil},
		{"previous_address, into a module with the key kept", plantest.Plan(t,
			moved(group(`module.net["a"].aws_security_group.web`, "22"), `aws_security_group.web["a"]`),
			moved(pab("module.storage.aws_s3_bucket_public_access_block.data"), "aws_s3_bucket_public_access_block.data")), nil},
		// After apply the plan has no previous_address: the moved blocks, kept
		// in the configuration, carry the identity.
		{"moved blocks, applied", plantest.Plan(t,
			group(`module.net["a"].aws_security_group.web`, "22"),
			pab("module.storage.aws_s3_bucket_public_access_block.data")), Renames{
			{From: `aws_security_group.web["a"]`, To: `module.net["a"].aws_security_group.web`},
			{From: "aws_s3_bucket_public_access_block.data", To: "module.storage.aws_s3_bucket_public_access_block.renamed"},
			{Module: "module.storage", From: "aws_s3_bucket_public_access_block.renamed", To: "aws_s3_bucket_public_access_block.data"},
		}},
		{"moved blocks, whole module", plantest.Plan(t,
			group(`module.net["a"].aws_security_group.web`, "22"),
			pab("module.store.aws_s3_bucket_public_access_block.data")), Renames{
			{From: `aws_security_group.web["a"]`, To: `module.network["a"].aws_security_group.web`},
			{From: `module.network`, To: `module.net`},
			{From: "module.storage", To: "module.store"},
			{From: "aws_s3_bucket_public_access_block.data", To: "module.storage.aws_s3_bucket_public_access_block.data"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs, fixed := against(t, base, c.plan, c.renames, time.Now())
			if n := count(fs, engine.StatusFail); n != 0 || len(fixed) != 0 {
				t.Errorf("%d failing, %d fixed after the rename: %v %v", n, len(fixed), states(fs), fixed)
			}
			if count(fs, engine.StatusBaselined) == 0 {
				t.Error("nothing baselined")
			}
		})
	}
	// Without the rename, the same resources at new addresses are new findings
	// and the old entries fixed.
	fs, fixed := against(t, base, plantest.Plan(t, group(`module.net["a"].aws_security_group.web`, "22")), nil, time.Now())
	if count(fs, engine.StatusBaselined) != 0 || len(fixed) == 0 {
		t.Errorf("unrelated addresses matched: %v, fixed %v", states(fs), fixed)
	}
}

func TestFingerprintChangesWithTheValue(t *testing.T) {
	base := take(t, plantest.Plan(t, group("aws_security_group.web", "22")))
	fs, fixed := against(t, base, plantest.Plan(t, group("aws_security_group.web", "3389")), nil, time.Now())
	if count(fs, engine.StatusFail) == 0 || len(fixed) == 0 {
		t.Errorf("port 22 -> 3389 is a new finding and the old one fixed: %v, fixed %v", states(fs), fixed)
	}
	for _, f := range fs {
		if f.Status == engine.StatusFail && f.Baseline != engine.BaselineNew {
			t.Errorf("%s: baseline state %q, want new", f.Rule.ID, f.Baseline)
		}
	}
}

func TestSensitiveAndUnknownValuesAreDigestedAsMarkers(t *testing.T) {
	rule := &engine.Metadata{ID: "test_rule"}
	secret := func(value string) *plan.Plan {
		return plantest.Plan(t, plantest.Res{Address: "aws_db_instance.db",
			After: `{"password":"` + value + `","ingress":[{"cidr":"` + value + `"}]}`, Sensitive: `{"password":true,"ingress":[{"cidr":true}]}`})
	}
	for _, attr := range []string{"password", "ingress[0].cidr"} {
		f := engine.Finding{Rule: rule, Status: engine.StatusFail, Address: "aws_db_instance.db", ResourceType: "aws_db_instance", Attribute: attr}
		a, b := NewFingerprinter(secret("hunter2-old"), nil), NewFingerprinter(secret("hunter2-new"), nil)
		if da, db := a.ValueDigest(&f), b.ValueDigest(&f); da != db || da != digest([]byte(markSensitive)) {
			t.Errorf("%s: sensitive values digested as %s and %s, want the marker", attr, da, db)
		}
		file := Build(Tool{}, "", []engine.Finding{f}, engine.Policy{}, a, nil)
		var buf bytes.Buffer
		if err := file.Write(&buf); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(buf.Bytes(), []byte("hunter2")) {
			t.Errorf("the baseline holds the sensitive value:\n%s", buf.Bytes())
		}
	}
	unknown := NewFingerprinter(plantest.Plan(t, plantest.Res{Address: "aws_db_instance.db", After: `{}`, Unknown: `{"password":true}`}), nil)
	f := engine.Finding{Rule: rule, Status: engine.StatusFail, Address: "aws_db_instance.db", Attribute: "password"}
	if d := unknown.ValueDigest(&f); d != digest([]byte(markUnknown)) {
		t.Errorf("unknown value digested as %s, want the marker", d)
	}
	plain := NewFingerprinter(plantest.Plan(t, plantest.Res{Address: "aws_db_instance.db", After: `{"password":"a"}`}), nil)
	if d := plain.ValueDigest(&f); d == digest([]byte(markSensitive)) || d == digest([]byte(markAbsent)) {
		t.Errorf("a plain value digested as a marker")
	}
}

func TestNormalizeAttribute(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "",
		"policy":                  "policy",
		"ingress[0].cidr_blocks":  "ingress[*].cidr_blocks",
		"rule[12].x[3]":           "rule[*].x[*]",
		`tags["a[0]"]`:            `tags["a[0]"]`,
		"metadata_options.tokens": "metadata_options.tokens",
	} {
		if got := NormalizeAttribute(in); got != want {
			t.Errorf("NormalizeAttribute(%q) = %q, want %q", in, got, want)
		}
	}
}

// Two findings with one fingerprint need two entries: one entry baselines one.
func TestEachEntryMatchesOneFinding(t *testing.T) {
	p := plantest.Plan(t, group("aws_security_group.web", "22"))
	base := take(t, p)
	var file File
	if err := json.Unmarshal(base, &file); err != nil {
		t.Fatal(err)
	}
	l := &Loaded{Path: "b.json", File: &File{Version: Version, Findings: file.Findings[:1]}}
	m := NewMatcher(l, NewFingerprinter(p, nil), time.Now(), nil)
	f := engine.Finding{Rule: &engine.Metadata{ID: file.Findings[0].Rule}, Status: engine.StatusFail,
		Address: file.Findings[0].Address, ResourceType: file.Findings[0].ResourceType, Attribute: file.Findings[0].Attribute}
	first, second := f, f
	m.Match(&first)
	m.Match(&second)
	if first.Status != engine.StatusBaselined || second.Status != engine.StatusFail || second.Baseline != engine.BaselineNew {
		t.Errorf("first %s, second %s/%s", first.Status, second.Status, second.Baseline)
	}
}

func TestExpiredEntryFailsAgain(t *testing.T) {
	p := plantest.Plan(t, group("aws_security_group.web", "22"))
	var file File
	if err := json.Unmarshal(take(t, p), &file); err != nil {
		t.Fatal(err)
	}
	for i := range file.Findings {
		file.Findings[i].Expires = "2026-06-30"
	}
	data, _ := json.Marshal(file)
	// Through the whole day it expires on, then not.
	fs, _ := against(t, data, p, nil, time.Date(2026, 6, 30, 23, 59, 0, 0, time.UTC))
	if count(fs, engine.StatusFail) != 0 {
		t.Errorf("failing on the day the entries expire: %v", states(fs))
	}
	fs, fixed := against(t, data, p, nil, time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC))
	if count(fs, engine.StatusBaselined) != 0 || len(fixed) != 0 {
		t.Errorf("expired entries still baseline, or are listed fixed: %v %v", states(fs), fixed)
	}
	for _, f := range fs {
		if f.Status == engine.StatusFail && !strings.Contains(f.Note, "baseline entry (.hardened-lint-baseline.json) expired on 2026-06-30") {
			t.Errorf("%s: note %q", f.Rule.ID, f.Note)
		}
	}
}

// A refresh keeps the expires of the entries it takes over, through a rename.
func TestRefreshKeepsExpires(t *testing.T) {
	p := plantest.Plan(t, group("aws_security_group.web", "22"))
	var file File
	if err := json.Unmarshal(take(t, p), &file); err != nil {
		t.Fatal(err)
	}
	file.Findings[0].Expires = "2027-03-31"
	data, _ := json.Marshal(file)
	old, err := Parse(data, "old.json", nil)
	if err != nil {
		t.Fatal(err)
	}
	renamed := plantest.Plan(t, moved(group("aws_security_group.app", "22"), "aws_security_group.web"))
	pol := engine.Policy{Now: time.Now()}
	refreshed := Build(Tool{}, "", lint(t, renamed, pol), pol, NewFingerprinter(renamed, nil), old)
	kept := 0
	for _, e := range refreshed.Findings {
		if e.Address != "aws_security_group.app" {
			t.Errorf("entry at %s, want the new address", e.Address)
		}
		if e.Expires == "2027-03-31" {
			kept++
		}
	}
	if kept != 1 || len(refreshed.Findings) != len(file.Findings) {
		t.Errorf("%d entries kept the expiry, want 1: %+v", kept, refreshed.Findings)
	}
}

func TestReadMoved(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", `
moved {
  from = aws_security_group.web["a"]
  to   = module.net["a"].aws_security_group.web
}
moved {
    from =   aws_s3_bucket.logs
  to = module.net.aws_s3_bucket.logs
}
`)
	write("broken.tf", "moved {")
	write("modules/net/main.tf", `moved {
  from = aws_security_group.old[0]
  to   = aws_security_group.web
}`)
	p := plantest.Plan(t, group(`module.net["a"].aws_security_group.web`, "22"))
	got := ReadMoved(dir, p.Config)
	want := Renames{
		{From: "aws_s3_bucket.logs", To: "module.net.aws_s3_bucket.logs"},
		{From: `aws_security_group.web["a"]`, To: `module.net["a"].aws_security_group.web`},
		{Module: "module.net", From: "aws_security_group.old[0]", To: "aws_security_group.web"},
	}
	if len(got) != len(want) {
		t.Fatalf("ReadMoved = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("move %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	fp := NewFingerprinter(p, got)
	ids := fp.Identities(`module.net["a"].aws_security_group.web`)
	for _, id := range []string{`aws_security_group.web["a"]`, `module.net["a"].aws_security_group.old[0]`} {
		if !contains(ids, id) {
			t.Errorf("identities %v lack %s", ids, id)
		}
	}
	if prev := got.Previous("module.network.aws_s3_bucket.logs"); len(prev) != 0 {
		t.Errorf("module.network matched module.net: %v", prev)
	}
}

// A plan-wide finding's carrier depends on the order resources are judged in:
// its fingerprint does not depend on it.
func TestPlanWideFingerprintIgnoresTheCarrier(t *testing.T) {
	rule := &engine.Metadata{ID: "aws_cloudtrail_s3_data_events", PlanWide: true}
	p := plantest.Plan(t, plantest.Res{Address: "aws_cloudtrail.a", After: `{"name":"a"}`}, plantest.Res{Address: "aws_cloudtrail.b", After: `{"name":"b"}`})
	fp := NewFingerprinter(p, nil)
	a := engine.Finding{Rule: rule, Status: engine.StatusFail, Address: "aws_cloudtrail.a", ResourceType: "aws_cloudtrail", Attribute: "event_selector"}
	b := a
	b.Address = "aws_cloudtrail.b"
	if fa, fb := fp.Fingerprints(&a), fp.Fingerprints(&b); len(fa) != 1 || fa[0] != fb[0] {
		t.Errorf("plan-wide fingerprints %v and %v differ", fa, fb)
	}
}

// The case, on plans as Terraform writes them (moto cannot apply a
// trail, see lint/upgradeplans): a baseline of a trail and a password policy,
// then a change that deletes the policy and moves the trail into a module with
// a moved block while turning its logging off. The trail's pre-existing
// findings are baselined; the two regressions and the new logging failure fail.
func TestTrailMovedIntoModuleWithRegressions(t *testing.T) {
	const trail = `{"name":"main","s3_bucket_name":"audit-logs","is_multi_region_trail":true,"include_global_service_events":true,` +
		`"enable_log_file_validation":true,"kms_key_id":null,"cloud_watch_logs_group_arn":null,"sns_topic_name":null,"event_selector":[],` +
		`"advanced_event_selector":[],"enable_logging":`
	const policy = `{"minimum_password_length":14,"password_reuse_prevention":24,"max_password_age":90,"require_uppercase_characters":true,` +
		`"require_lowercase_characters":true,"require_numbers":true,"require_symbols":true,"allow_users_to_change_password":true}`
	v1 := plantest.Plan(t,
		plantest.Res{Address: "aws_cloudtrail.main", Actions: []string{"no-op"}, Before: trail + "true}", After: trail + "true}"},
		plantest.Res{Address: "aws_iam_account_password_policy.strict", Actions: []string{"no-op"}, Before: policy, After: policy})
	base := take(t, v1)
	v2 := plantest.Plan(t,
		plantest.Res{Address: "module.audit.aws_cloudtrail.main", PreviousAddress: "aws_cloudtrail.main", Actions: []string{"update"},
			Before: trail + "true}", After: trail + "false}"},
		plantest.Res{Address: "aws_iam_account_password_policy.strict", Actions: []string{"delete"}, Before: policy})
	fs, fixed := against(t, base, v2, nil, time.Now())
	var failing []string
	baselined := 0
	for _, f := range fs {
		switch f.Status {
		case engine.StatusFail, engine.StatusRegression:
			failing = append(failing, string(f.Status)+" "+f.Rule.ID+" "+f.Address+" "+f.Attribute)
			if f.Baseline != engine.BaselineNew {
				t.Errorf("%s %s is failing with baseline state %q", f.Rule.ID, f.Address, f.Baseline)
			}
		case engine.StatusBaselined:
			baselined++
			if f.Address != "module.audit.aws_cloudtrail.main" {
				t.Errorf("baselined at %s", f.Address)
			}
		}
	}
	want := []string{
		"fail aws_cloudtrail_logging_enabled module.audit.aws_cloudtrail.main enable_logging",
		"regression aws_security_control_weakened module.audit.aws_cloudtrail.main enable_logging",
		"regression aws_security_control_deleted aws_iam_account_password_policy.strict ",
	}
	slices.Sort(failing)
	slices.Sort(want)
	if !slices.Equal(failing, want) {
		t.Errorf("failing:\n  %s\nwant\n  %s", strings.Join(failing, "\n  "), strings.Join(want, "\n  "))
	}
	var file File
	if err := json.Unmarshal(base, &file); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d pre-existing findings baselined", baselined)
	if baselined == 0 || baselined != len(file.Findings) || len(fixed) != 0 {
		t.Errorf("%d baselined of %d entries, %d fixed", baselined, len(file.Findings), len(fixed))
	}
}
