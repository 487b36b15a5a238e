package exampleplans

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/internal/emulator"
	"github.com/hardened-tf/terraform-provider-hardened/internal/realplan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/rules"
)

const (
	examplesDir = "../../examples/lint"
	commonFile  = "common.tf"
	repoRoot    = "../.."
)

// exampleCase is one example file of a rule: examples/lint/<rule>/<case>.tf.
type exampleCase struct {
	rule engine.Rule
	id   string // rule ID
	name string // file name without .tf: bad, good, bad_module, ...
	src  string
	// shared are the rule's common.tf (declarations the cases refer to: a VPC, a
	// bucket) and the files of its subdirectories (modules the cases call, e.g.
	// source = "./modules/bucket"), planned with each case but not part of the
	// example shown in the docs; keyed by slash-separated path.
	shared map[string]string
}

// module is the case's module name in the batched plan.
func (c exampleCase) module() string { return c.id + "__" + c.name }
func (c exampleCase) bad() bool      { return strings.HasPrefix(c.name, "bad") }
func (c exampleCase) path() string   { return filepath.Join(examplesDir, c.id, c.name+".tf") }

// loadCases reads every rule's example files; a rule without a bad and a good case,
// a top-level file that is neither (nor common.tf), or an example directory
// without a rule fails the test.
//
// HARDENED_EXAMPLE_RULES (rule IDs, comma-separated) plans only those rules'
// cases: make new-rule's test checks the rules it generates without planning all.
func loadCases(t *testing.T) []exampleCase {
	t.Helper()
	var cases []exampleCase
	ids := map[string]bool{}
	only := map[string]bool{}
	for _, id := range strings.Split(os.Getenv("HARDENED_EXAMPLE_RULES"), ",") {
		if id = strings.TrimSpace(id); id != "" {
			only[id] = true
		}
	}
	for _, r := range rules.All() {
		id := r.Metadata().ID
		ids[id] = true
		if len(only) > 0 && !only[id] {
			continue
		}
		if len(r.Metadata().ResourceTypes) == 0 {
			// A data source's verdict comes from the account it reads, not from its
			// configuration: its examples show plan values, and the rule is checked
			// on a real plan read from the emulator (TestHardenedAccountPosture_realPlan).
			continue
		}
		files, err := filepath.Glob(filepath.Join(examplesDir, id, "*.tf"))
		if err != nil {
			t.Fatal(err)
		}
		var bad, good int
		shared := sharedFiles(t, filepath.Join(examplesDir, id))
		for _, f := range files {
			name := strings.TrimSuffix(filepath.Base(f), ".tf")
			switch {
			case filepath.Base(f) == commonFile:
				continue
			case strings.HasPrefix(name, "bad"):
				bad++
			case strings.HasPrefix(name, "good"):
				good++
			default:
				t.Errorf("%s: an example case's file name starts with bad or good", f)
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			cases = append(cases, exampleCase{rule: r, id: id, name: name, src: string(src), shared: shared})
		}
		if bad == 0 || good == 0 {
			t.Errorf("rule %s has %d bad and %d good example files in %s: it needs at least one of each",
				id, bad, good, filepath.Join(examplesDir, id))
		}
	}
	for id := range only {
		if !ids[id] {
			t.Errorf("HARDENED_EXAMPLE_RULES names %s, which no rule has", id)
		}
	}
	var dirs []string
	for _, pattern := range []string{"aws_*", "hardened_*"} {
		found, err := filepath.Glob(filepath.Join(examplesDir, pattern))
		if err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, found...)
	}
	for _, d := range dirs {
		if !ids[filepath.Base(d)] {
			t.Errorf("%s: no rule has this ID", d)
		}
	}
	return cases
}

// sharedFiles reads a rule's common.tf and the *.tf files of its subdirectories.
func sharedFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	shared := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".tf") {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		if rel = filepath.ToSlash(rel); rel == commonFile || strings.Contains(rel, "/") {
			raw, err := os.ReadFile(path)
			shared[rel] = string(raw)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return shared
}

// buildHardened builds the hardened provider for the examples that show it.
func buildHardened(t *testing.T, dir string) string {
	t.Helper()
	exe := filepath.Join(dir, "terraform-provider-hardened")
	cmd := exec.Command("go", "build", "-o", exe, ".")
	cmd.Dir = repoRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the hardened provider for the examples that use it: %v\n%s", err, out)
	}
	return exe
}

// verdicts runs one rule on a plan and returns its failing and unknown findings.
func verdicts(t *testing.T, js []byte, r engine.Rule) (fails, unknowns []engine.Finding) {
	t.Helper()
	p, err := plan.Parse(js)
	if err != nil {
		t.Fatalf("the linter cannot read the real plan: %v", err)
	}
	for _, f := range engine.Run(p, []engine.Rule{r}, engine.Options{}).Findings {
		switch f.Status {
		case engine.StatusFail:
			fails = append(fails, f)
		case engine.StatusUnknown:
			unknowns = append(unknowns, f)
		}
	}
	return fails, unknowns
}

// Every rule's bad examples fail it and its good examples pass it, on plans made
// by the real Terraform CLI and hashicorp/aws (and the hardened provider, built
// here, for examples that show it): the examples in the docs and in
// `hardened-lint explain` are checked, not decorative. All cases are planned in one
// run, each as a module; each verdict is taken on its own module's share of the
// plan, so a rule that looks across the whole plan sees only its case.
func TestRuleExamples(t *testing.T) {
	cases := loadCases(t)
	if t.Failed() {
		t.FailNow()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	emu, err := emulator.Start(ctx)
	if err != nil {
		t.Fatalf("the examples' data sources read from the AWS emulator: %v", err)
	}
	defer emu.Stop()

	opts := realplan.Options{Endpoint: emu.Endpoint}
	configs := map[string]realplan.Config{}
	usesHardened := false
	for _, c := range cases {
		cfg := realplan.Config{"main.tf": c.src}
		for path, src := range c.shared {
			cfg[path] = src
		}
		configs[c.module()] = cfg
		usesHardened = usesHardened || strings.Contains(c.src, "resource \"hardened_")
	}
	if usesHardened {
		opts.LocalProviders = []realplan.LocalProvider{{
			Name: "hardened", Source: "hardened-tf/hardened", Executable: buildHardened(t, t.TempDir()),
			Config: "  region                      = \"" + realplan.Region + "\"\n" +
				"  access_key                  = \"test\"\n  secret_key                  = \"test\"\n" +
				"  skip_credentials_validation = true",
		}}
	}
	runner, err := realplan.NewRunner(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer runner.Close()
	start := time.Now()
	res, err := runner.Plan(ctx, configs)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("planned %d example cases of %d rules in one terraform run: %s (%s)", len(cases), len(rules.All()),
		time.Since(start).Round(time.Millisecond), res.Timings)

	for _, c := range cases {
		t.Run(c.id+"/"+c.name, func(t *testing.T) {
			js, err := res.Module(c.module())
			if err != nil {
				t.Fatal(err)
			}
			prefix := "module." + c.module() + "."
			fails, unknowns := verdicts(t, js, c.rule)
			if c.bad() {
				if len(fails) == 0 {
					t.Errorf("%s does not fail the rule on its real plan:\n%s", c.path(), c.src)
				}
				for _, f := range fails {
					if !strings.HasPrefix(f.Address, prefix) {
						t.Errorf("%s fails at %s, outside its own module %s", c.path(), f.Address, prefix)
					}
				}
				return
			}
			for _, f := range append(fails, unknowns...) {
				t.Errorf("%s gets %s at %s (%s): %s\n%s", c.path(), f.Status, f.Address, f.Attribute, f.Message, c.src)
			}
		})
	}

	// The split is what keeps cases apart. Rules that look across the plan
	// (Security Hub enabled anywhere? EBS encrypted by default?) would pass some
	// bad cases on the whole plan, because another case fixes the account; on its
	// own share each fails, and each share holds only its own module. It needs
	// every rule's cases, so a run restricted by HARDENED_EXAMPLE_RULES leaves it out.
	if os.Getenv("HARDENED_EXAMPLE_RULES") != "" {
		return
	}
	t.Run("isolation", func(t *testing.T) {
		p, err := plan.Parse(res.JSON)
		if err != nil {
			t.Fatal(err)
		}
		leaked := map[string]bool{}
		for _, c := range cases {
			if !c.bad() {
				continue
			}
			prefix := "module." + c.module() + "."
			failsHere := false
			for _, f := range engine.Run(p, []engine.Rule{c.rule}, engine.Options{}).Findings {
				failsHere = failsHere || (f.Status == engine.StatusFail && strings.HasPrefix(f.Address, prefix))
			}
			if !failsHere {
				leaked[c.id+"/"+c.name] = true
			}
		}
		t.Logf("bad cases that would pass if verdicts were taken on the whole plan: %v", sortedKeys(leaked))
		for _, want := range []string{"aws_securityhub_enabled/bad", "aws_ebs_volume_encryption/bad_instance_root"} {
			if !leaked[want] {
				t.Errorf("%s fails on the whole plan too: this check no longer shows that the split isolates cases", want)
			}
		}
		for _, name := range res.Names() {
			js, err := res.Module(name)
			if err != nil {
				t.Fatal(err)
			}
			var share struct {
				ResourceChanges []struct {
					Address string `json:"address"`
				} `json:"resource_changes"`
			}
			if err := json.Unmarshal(js, &share); err != nil {
				t.Fatal(err)
			}
			if len(share.ResourceChanges) == 0 {
				t.Errorf("the share of %s holds no resource", name)
			}
			var addrs []string
			for _, rc := range share.ResourceChanges {
				addrs = append(addrs, rc.Address)
			}
			sort.Strings(addrs)
			for _, a := range addrs {
				if !strings.HasPrefix(a, "module."+name+".") {
					t.Errorf("the share of %s holds %s", name, a)
				}
			}
		}
	})
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
