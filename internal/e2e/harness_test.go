// Package e2e runs the built provider binary with the Terraform CLI, exactly as a
// user does (dev_overrides, no registry), against the AWS emulator through the
// fault-injecting proxy: convergence under faults, the API-call budget and
// credentials hygiene.
package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/acctest"
	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/faultproxy"
)

// cliConfig is a Terraform CLI configuration whose dev_overrides serve the provider
// binary TestMain built.
var cliConfig string

// TestMain builds the provider binary once, then runs the tests with the emulator up.
func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "hardened-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-hardened"),
		"github.com/hardened-tf/terraform-provider-hardened")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the provider: %v\n%s", err, out)
		return 1
	}
	cliConfig = filepath.Join(dir, "terraformrc")
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"hardened-tf/hardened\" = %q\n  }\n  direct {}\n}\n", dir)
	if err := os.WriteFile(cliConfig, []byte(rc), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return acctest.Run(m)
}

// baselineDir is examples/baseline, relative to this package.
const baselineDir = "../../examples/baseline"

// workspace is a Terraform working directory run with the built provider.
type workspace struct {
	t   *testing.T
	dir string
	env map[string]string
	// vars are passed to plan, apply and destroy as -var.
	vars []string
}

// newWorkspace copies the .tf files of src (if any) and extra files into a fresh
// directory whose Terraform runs reach AWS through the proxy.
func newWorkspace(t *testing.T, src string, proxy *faultproxy.Proxy, extra map[string]string) *workspace {
	t.Helper()
	dir := t.TempDir()
	if src != "" {
		files, err := filepath.Glob(filepath.Join(src, "*.tf"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no .tf files in %s (%v)", src, err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	w := &workspace{t: t, dir: dir, env: map[string]string{
		"TF_CLI_CONFIG_FILE": cliConfig,
		"TF_IN_AUTOMATION":   "1",
		"CHECKPOINT_DISABLE": "1",
		"TF_LOG":             "",
		"TF_LOG_PATH":        "",
		"TF_LOG_PROVIDER":    "",
	}}
	if proxy != nil {
		w.env["AWS_ENDPOINT_URL"] = proxy.URL
	}
	for name, content := range extra {
		w.write(name, content)
	}
	return w
}

func (w *workspace) write(name, content string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, name), []byte(content), 0o644); err != nil {
		w.t.Fatal(err)
	}
}

func (w *workspace) remove(name string) {
	w.t.Helper()
	if err := os.Remove(filepath.Join(w.dir, name)); err != nil {
		w.t.Fatal(err)
	}
}

// result is one Terraform run.
type result struct {
	args           []string
	code           int
	stdout, stderr string
	elapsed        time.Duration
}

func (r result) String() string {
	return fmt.Sprintf("terraform %s: exit %d after %s\n--- stdout (tail)\n%s\n--- stderr\n%s",
		strings.Join(r.args, " "), r.code, r.elapsed.Round(time.Millisecond), tail(r.stdout, 4000), tail(r.stderr, 8000))
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}

// tf runs terraform with the workspace's environment and vars (for plan, apply and destroy).
func (w *workspace) tf(args ...string) result {
	w.t.Helper()
	tfPath, err := acctest.TerraformPath()
	if err != nil {
		w.t.Fatal(err)
	}
	full := append([]string{}, args...)
	full = append(full, "-no-color")
	switch args[0] {
	case "plan", "apply", "destroy":
		full = append(full, "-input=false")
		for _, v := range w.vars {
			full = append(full, "-var="+v)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, tfPath, full...)
	cmd.Dir = w.dir
	cmd.Env = environ(w.env)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err = cmd.Run()
	r := result{args: full, stdout: stdout.String(), stderr: stderr.String(), elapsed: time.Since(start)}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	case err != nil:
		w.t.Fatalf("running terraform %s: %v", args[0], err)
	}
	return r
}

// environ is the test process's environment with overrides; "" removes a variable.
func environ(over map[string]string) []string {
	var out []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := over[k]; !ok {
			out = append(out, kv)
		}
	}
	for k, v := range over {
		if v != "" {
			out = append(out, k+"="+v)
		}
	}
	return out
}

func (w *workspace) apply() result   { return w.tf("apply", "-auto-approve") }
func (w *workspace) destroy() result { return w.tf("destroy", "-auto-approve") }

// plan runs terraform plan -detailed-exitcode: 0 means no changes.
func (w *workspace) plan(extra ...string) result {
	return w.tf(append([]string{"plan", "-detailed-exitcode"}, extra...)...)
}

// startProxy starts a fault proxy in front of the emulator for one test.
func startProxy(t *testing.T, cfg faultproxy.Config) *faultproxy.Proxy {
	t.Helper()
	p, err := faultproxy.Start(acctest.Emulator.Endpoint, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// direct is a client that talks to the emulator itself, never through the proxy,
// for checking what exists.
func direct(t *testing.T) *awsclient.Client {
	t.Helper()
	c, err := awsclient.New(context.Background(), awsclient.Config{MaxRetries: 2})
	if err != nil {
		t.Fatalf("building the checking AWS client: %v", err)
	}
	return c
}

// resetEmulator empties the emulator and returns the default VPC the baseline locks down.
func resetEmulator(t *testing.T) string {
	t.Helper()
	if err := acctest.Emulator.Reset(); err != nil {
		t.Fatal(err)
	}
	out, err := direct(t).EC2().DescribeVpcs(context.Background(), &ec2.DescribeVpcsInput{
		Filters: []ec2types.Filter{{Name: aws.String("is-default"), Values: []string{"true"}}},
	})
	if err != nil || len(out.Vpcs) == 0 {
		t.Fatalf("finding the emulator's default VPC: %v", err)
	}
	return aws.ToString(out.Vpcs[0].VpcId)
}
