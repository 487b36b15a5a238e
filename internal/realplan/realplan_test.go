package realplan

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/internal/emulator"
)

// A developer's Terraform and AWS settings never reach the Terraform run.
func TestIsolatedEnv(t *testing.T) {
	env := isolatedEnv([]string{
		"PATH=/usr/bin", "HOME=/home/dev", "TF_CLI_CONFIG_FILE=/home/dev/.terraformrc",
		"TF_PLUGIN_CACHE_DIR=/home/dev/.cache", "TF_VAR_region=eu-west-1", "TF_LOG=trace",
		"AWS_PROFILE=prod", "AWS_ENDPOINT_URL_S3=https://s3.example", "XDG_DATA_HOME=/home/dev/.local",
		"CHECKPOINT_DISABLE=", "LANG=C",
	}, map[string]string{"HOME": "/tmp/h", "TF_CLI_CONFIG_FILE": "/tmp/rc", "AWS_ENDPOINT_URL": ""})
	want := []string{"PATH=/usr/bin", "LANG=C", "HOME=/tmp/h", "TF_CLI_CONFIG_FILE=/tmp/rc"}
	if !reflect.DeepEqual(env, want) {
		t.Errorf("isolatedEnv = %q, want %q", env, want)
	}
}

// Without Terraform the run fails, saying what to install; it never skips.
func TestNewRunnerWithoutTerraform(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("TF_ACC_TERRAFORM_PATH", "")
	_, err := NewRunner(Options{})
	if err == nil || !strings.Contains(err.Error(), "install Terraform") {
		t.Fatalf("NewRunner without terraform: %v, want an error saying to install Terraform", err)
	}
}

func TestNewRunnerRejectsABadMirror(t *testing.T) {
	t.Setenv(EnvPluginMirror, t.TempDir())
	_, err := NewRunner(Options{})
	if err == nil || !strings.Contains(err.Error(), EnvPluginMirror) || !strings.Contains(err.Error(), "registry.terraform.io") {
		t.Fatalf("NewRunner with an empty mirror: %v, want an error naming %s and the expected layout", err, EnvPluginMirror)
	}
}

// resourceAddresses lists a plan's resource_changes addresses and module calls.
func shareOf(t *testing.T, js []byte) (addrs, calls []string, after map[string]map[string]any) {
	t.Helper()
	var p struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				After map[string]any `json:"after"`
			} `json:"change"`
		} `json:"resource_changes"`
		PlannedValues struct {
			RootModule struct {
				ChildModules []struct {
					Address string `json:"address"`
				} `json:"child_modules"`
			} `json:"root_module"`
		} `json:"planned_values"`
		Configuration struct {
			RootModule struct {
				ModuleCalls map[string]json.RawMessage `json:"module_calls"`
			} `json:"root_module"`
		} `json:"configuration"`
	}
	if err := json.Unmarshal(js, &p); err != nil {
		t.Fatal(err)
	}
	after = map[string]map[string]any{}
	for _, rc := range p.ResourceChanges {
		addrs = append(addrs, rc.Address)
		after[rc.Address] = rc.Change.After
	}
	for name := range p.Configuration.RootModule.ModuleCalls {
		calls = append(calls, name)
	}
	for _, m := range p.PlannedValues.RootModule.ChildModules {
		calls = append(calls, m.Address)
	}
	sort.Strings(addrs)
	sort.Strings(calls)
	return addrs, calls, after
}

// Configurations planned together come back apart: each share holds only its
// module's resources, planned values and module call; data sources read from the
// emulator; a second Plan on the same Runner replaces the first one's cases.
func TestPlanSplitsPerConfiguration(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	emu, err := emulator.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Stop()
	r, err := NewRunner(Options{Endpoint: emu.Endpoint})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()

	start := time.Now()
	res, err := r.Plan(ctx, map[string]Config{
		"hub": {"main.tf": "resource \"aws_securityhub_account\" \"main\" {}\n"},
		"storage": {"main.tf": "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"data-${data.aws_caller_identity.me.account_id}\"\n}\n\n" +
			"data \"aws_caller_identity\" \"me\" {}\n",
			"pab.tf":              "module \"pab\" {\n  source = \"./modules/pab\"\n  bucket = aws_s3_bucket.b.id\n}\n",
			"modules/pab/main.tf": "variable \"bucket\" {}\n\nresource \"aws_s3_bucket_public_access_block\" \"this\" {\n  bucket = var.bucket\n}\n"},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first plan: %s (%s)", time.Since(start).Round(time.Millisecond), res.Timings)
	if got := res.Names(); !reflect.DeepEqual(got, []string{"hub", "storage"}) {
		t.Errorf("Names() = %q", got)
	}
	whole, _, _ := shareOf(t, res.JSON)
	if len(whole) != 3 {
		t.Errorf("the whole plan holds %q, want 3 resources", whole)
	}

	js, err := res.Module("hub")
	if err != nil {
		t.Fatal(err)
	}
	addrs, calls, _ := shareOf(t, js)
	if want := []string{"module.hub.aws_securityhub_account.main"}; !reflect.DeepEqual(addrs, want) {
		t.Errorf("hub's share holds %q, want %q", addrs, want)
	}
	if want := []string{"hub", "module.hub"}; !reflect.DeepEqual(calls, want) {
		t.Errorf("hub's share calls %q, want %q", calls, want)
	}

	js, err = res.Module("storage")
	if err != nil {
		t.Fatal(err)
	}
	addrs, _, after := shareOf(t, js)
	if want := []string{"module.storage.aws_s3_bucket.b", "module.storage.module.pab.aws_s3_bucket_public_access_block.this"}; !reflect.DeepEqual(addrs, want) {
		t.Errorf("storage's share holds %q, want %q", addrs, want)
	}
	// The bucket's name comes from STS GetCallerIdentity, answered by the emulator.
	if got := after["module.storage.aws_s3_bucket.b"]["bucket"]; got != "data-"+emulator.DefaultAccountID {
		t.Errorf("bucket = %v, want the data source's account from the emulator", got)
	}
	if !strings.Contains(string(js), `"references":["aws_s3_bucket.b.id","aws_s3_bucket.b"]`) {
		t.Errorf("storage's share lost the configuration reference from the module call to its bucket")
	}
	if _, err := res.Module("nope"); err == nil {
		t.Error("Module of an unknown configuration: no error")
	}

	// A second run on the same Runner replaces the first run's cases; a
	// configuration Terraform rejects fails the run, naming its case.
	start = time.Now()
	_, err = r.Plan(ctx, map[string]Config{"broken": {"main.tf": "resource \"aws_s3_bucket\" \"b\" {\n  bucket = aws_s3_bucket.missing.id\n}\n"}})
	if err == nil || !strings.Contains(err.Error(), "cases/broken/main.tf") {
		t.Errorf("planning an invalid configuration: %v, want Terraform's diagnostics naming cases/broken/main.tf", err)
	}
	t.Logf("second, failing run on the same Runner: %s", time.Since(start).Round(time.Millisecond))
	entries, err := os.ReadDir(filepath.Join(r.work, "cases"))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "broken" {
		t.Errorf("the second run's cases are %v, want only broken: the first run's were left behind", entries)
	}
	for name, cfg := range map[string]Config{"1st": {"main.tf": ""}, "ok": {"../x.tf": ""}, "ok2": {providersFile: ""},
		"ok3": {"/etc/x.tf": ""}, "ok4": {"a/../../x.tf": ""}, "ok5": {"main.tf.txt": ""}} {
		if _, err := r.Plan(ctx, map[string]Config{name: cfg}); err == nil {
			t.Errorf("Plan(%q: %v): no error", name, cfg)
		}
	}
}

func TestMain(m *testing.M) {
	// Say early, once, why every real plan would fail.
	if os.Getenv(EnvPluginMirror) == "" {
		os.Stderr.WriteString(EnvPluginMirror + " is not set: terraform init downloads hashicorp/aws " + AWSProviderVersion +
			" from the registry (make test sets it from scripts/find-tf-mirror.sh)\n")
	}
	os.Exit(m.Run())
}
