package upgradeplans

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/internal/realplan"
)

// adminGroup is a security group that opens an admin port to the internet.
func adminGroup(label, name, port string) string {
	return `
resource "aws_security_group" "` + label + `" {
  name        = "` + name + `"
  description = "admin"

  ingress {
    description = "admin from anywhere"
    from_port   = ` + port + `
    to_port     = ` + port + `
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`
}

// movedTo is the moved blocks that move resources into a module.
func movedTo(module string, addrs ...string) string {
	var b strings.Builder
	for _, a := range addrs {
		b.WriteString("\nmoved {\n  from = " + a + "\n  to   = module." + module + "." + a + "\n}\n")
	}
	return b.String()
}

// baselineCases are the baseline workflows: a baseline is taken on v1 once
// applied (hardened-lint baseline on a plan with nothing to change), then v2
// is linted with --baseline. A case (a trail moved into a module, say) is one
// entry here and one in baselineWants.
var baselineCases = []upgradeCase{
	{
		// Everything moved into a module with moved blocks, and one new insecure group.
		name: "baseline_refactor",
		v1:   realplan.Config{"main.tf": adminGroup("web", "br-web", "22") + pab("br-data", "false")},
		v2: realplan.Config{
			"main.tf": "module \"app\" {\n  source = \"./modules/app\"\n}\n" +
				movedTo("app", "aws_security_group.web", "aws_s3_bucket.data", "aws_s3_bucket_public_access_block.data") +
				adminGroup("rdp", "br-rdp", "3389"),
			"modules/app/main.tf": adminGroup("web", "br-web", "22") + pab("br-data", "false"),
		},
	},
	{
		// One finding fixed: the public access block blocks public policies again.
		name: "baseline_fix",
		v1:   realplan.Config{"main.tf": adminGroup("web", "bf-web", "22") + pab("bf-data", "false")},
		v2:   realplan.Config{"main.tf": adminGroup("web", "bf-web", "22") + pab("bf-data", "true")},
	},
	{
		// A rename through moved.
		name: "baseline_rename",
		v1:   realplan.Config{"main.tf": adminGroup("old", "bn-web", "22")},
		v2: realplan.Config{"main.tf": adminGroup("new", "bn-web", "22") + `
moved {
  from = aws_security_group.old
  to   = aws_security_group.new
}
`},
	},
	{
		// The case with what moto can apply (no trail): the password
		// policy deleted, and the public access block moved into a module by
		// moved blocks and weakened there. The pre-existing findings are
		// baselined; the regressions and the new failure fail.
		name: "baseline_regressions",
		v1:   realplan.Config{"main.tf": passwordPolicy + adminGroup("web", "bg-web", "22") + pab("bg-data", "true")},
		v2: realplan.Config{
			"main.tf": adminGroup("web", "bg-web", "22") + "module \"storage\" {\n  source = \"./modules/storage\"\n}\n" +
				movedTo("storage", "aws_s3_bucket.data", "aws_s3_bucket_public_access_block.data"),
			"modules/storage/main.tf": pab("bg-data", "false"),
		},
	},
}

// baselineWant is what linting a case's v2 against the baseline of its v1
// gives: "rule address" (the address within the case's module) of the
// failing findings and of the fixed entries (each list sorted), findings that
// must be among the baselined ones, and the exit code.
type baselineWant struct {
	failing, fixed, baselined []string
	exit                      int
}

var baselineWants = map[string]baselineWant{
	"baseline_refactor": {
		failing: []string{
			"aws_security_group_world_admin_ports aws_security_group.rdp",
		},
		baselined: []string{
			"aws_security_group_world_admin_ports module.app.aws_security_group.web",
			"aws_s3_bucket_public_access_block module.app.aws_s3_bucket.data",
		},
		exit: 1,
	},
	"baseline_fix": {
		// The rule reports on the bucket its access block leaves public.
		fixed:     []string{"aws_s3_bucket_public_access_block aws_s3_bucket.data"},
		baselined: []string{"aws_security_group_world_admin_ports aws_security_group.web"},
	},
	"baseline_rename": {
		baselined: []string{"aws_security_group_world_admin_ports aws_security_group.new"},
	},
	"baseline_regressions": {
		failing: []string{
			"aws_s3_bucket_public_access_block module.storage.aws_s3_bucket.data",
			"aws_security_control_deleted aws_iam_account_password_policy.strict",
			"aws_security_control_weakened module.storage.aws_s3_bucket_public_access_block.data",
		},
		baselined: []string{"aws_security_group_world_admin_ports aws_security_group.web"},
		exit:      1,
	},
}

// baselineResult is the JSON output's baseline parts.
type baselineResult struct {
	Summary struct {
		Baseline map[string]int `json:"baseline"`
	} `json:"summary"`
	Findings []struct {
		Rule, Status, Address, Baseline string
	} `json:"findings"`
	Baseline struct {
		Fixed []struct {
			Rule, Address string
		} `json:"fixed"`
	} `json:"baseline"`
}

func TestBaselineWorkflows(t *testing.T) {
	w := setup(t)
	for _, c := range baselineCases {
		t.Run(c.name, func(t *testing.T) {
			want, ok := baselineWants[c.name]
			if !ok {
				t.Fatalf("no baselineWants entry for %s", c.name)
			}
			prefix := "module." + c.name + "."
			dir := t.TempDir()
			code, base, errOut := w.run(t, dir, "baseline", w.planFile(t, w.v1Applied, c.name))
			if code != 0 {
				t.Fatalf("baseline: exit %d: %s", code, errOut)
			}
			var file struct {
				Findings []map[string]string `json:"findings"`
			}
			if err := json.Unmarshal([]byte(base), &file); err != nil {
				t.Fatalf("baseline: %v\n%s", err, base)
			}
			if len(file.Findings) == 0 {
				t.Fatal("empty baseline: v1 has findings to record")
			}
			path := filepath.Join(dir, ".hardened-lint-baseline.json")
			if err := os.WriteFile(path, []byte(base), 0o644); err != nil {
				t.Fatal(err)
			}
			// The same plan, its own baseline: nothing new, nothing fixed.
			if code, _, errOut := w.run(t, dir, "--baseline", path, w.planFile(t, w.v1Applied, c.name)); code != 0 {
				t.Errorf("v1 against its own baseline: exit %d %s", code, errOut)
			}

			code, out, errOut := w.run(t, dir, "--format", "json", "--baseline", path, w.planFile(t, w.v2, c.name))
			var r baselineResult
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatalf("%v\nstdout: %s\nstderr: %s", err, out, errOut)
			}
			var failing, baselined, fixed []string
			for _, f := range r.Findings {
				key := f.Rule + " " + strings.TrimPrefix(f.Address, prefix)
				switch f.Status {
				case "fail", "regression":
					if f.Baseline != "new" {
						t.Errorf("%s: failing with baseline state %q", key, f.Baseline)
					}
					failing = append(failing, key)
				case "baselined":
					baselined = append(baselined, key)
				}
			}
			for _, e := range r.Baseline.Fixed {
				fixed = append(fixed, e.Rule+" "+strings.TrimPrefix(e.Address, prefix))
			}
			slices.Sort(failing)
			slices.Sort(fixed)
			if !slices.Equal(failing, want.failing) {
				t.Errorf("failing:\n  %s\nwant\n  %s", strings.Join(failing, "\n  "), strings.Join(want.failing, "\n  "))
			}
			if !slices.Equal(fixed, want.fixed) {
				t.Errorf("fixed:\n  %s\nwant\n  %s", strings.Join(fixed, "\n  "), strings.Join(want.fixed, "\n  "))
			}
			for _, b := range want.baselined {
				if !slices.Contains(baselined, b) {
					t.Errorf("%s is not baselined; baselined:\n  %s", b, strings.Join(baselined, "\n  "))
				}
			}
			// Every entry is matched or fixed: the counts add up to the file.
			counts := r.Summary.Baseline
			if counts["unchanged"] != len(baselined) || counts["unchanged"]+counts["fixed"] != len(file.Findings) || counts["fixed"] != len(fixed) {
				t.Errorf("counts %v, %d baselined, %d entries, %d fixed", counts, len(baselined), len(file.Findings), len(fixed))
			}
			if code != want.exit {
				t.Errorf("exit %d, want %d", code, want.exit)
			}
		})
	}
}

// sourceDir writes a case's configuration as the runner lays it out (a root
// module calling ./cases/<name>), for --source-dir.
func sourceDir(t *testing.T, c upgradeCase, cfg realplan.Config) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", "module \""+c.name+"\" {\n  source = \"./cases/"+c.name+"\"\n}\n")
	for name, src := range cfg {
		path := filepath.Join(dir, "cases", c.name, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Dir(path), filepath.Base(path), src)
	}
	return dir
}

// Once a move is applied, the plan has no previous_address any more: the moved
// blocks kept in the configuration carry the findings' identity. Without the
// configuration, the moved findings are new and their entries fixed.
func TestBaselineAfterMovesApplied(t *testing.T) {
	w := setup(t)
	for _, c := range baselineCases {
		if c.name != "baseline_refactor" && c.name != "baseline_rename" {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			code, base, errOut := w.run(t, dir, "baseline", w.planFile(t, w.v1Applied, c.name))
			if code != 0 {
				t.Fatalf("baseline: exit %d: %s", code, errOut)
			}
			path := writeFile(t, dir, ".hardened-lint-baseline.json", base)
			plan := w.planFile(t, w.v2Applied, c.name)
			if js, _ := os.ReadFile(plan); strings.Contains(string(js), `"previous_address"`) {
				t.Fatal("the plan after apply still has previous_address: the test would not test moved blocks")
			}
			want := baselineWants[c.name]
			lintWith := func(args ...string) (int, baselineResult) {
				code, out, errOut := w.run(t, dir, append([]string{"--format", "json", "--baseline", path}, append(args, plan)...)...)
				var r baselineResult
				if err := json.Unmarshal([]byte(out), &r); err != nil {
					t.Fatalf("%v\nstdout: %s\nstderr: %s", err, out, errOut)
				}
				return code, r
			}
			code, r := lintWith("--source-dir", sourceDir(t, c, c.v2))
			if code != want.exit || r.Summary.Baseline["new"] != len(want.failing) || r.Summary.Baseline["fixed"] != 0 {
				t.Errorf("with the moved blocks: exit %d (want %d), counts %v", code, want.exit, r.Summary.Baseline)
			}
			code, r = lintWith()
			if code != 1 || r.Summary.Baseline["fixed"] == 0 || r.Summary.Baseline["new"] <= len(want.failing) {
				t.Errorf("without them: exit %d, counts %v; want the moved findings new and their entries fixed", code, r.Summary.Baseline)
			}
		})
	}
}
