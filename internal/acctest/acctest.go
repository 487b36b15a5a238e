// Package acctest is the acceptance-test harness: it finds the Terraform CLI, starts
// the AWS emulator for a test binary, and points the AWS environment at it.
package acctest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/emulator"
)

// Emulator is the moto_server started by Main, for tests that reset it or need its endpoint.
var Emulator *emulator.Emulator

// TerraformPath finds the Terraform CLI: TF_ACC_TERRAFORM_PATH, then PATH.
func TerraformPath() (string, error) {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		if st, err := os.Stat(p); err != nil || st.IsDir() {
			return "", fmt.Errorf("TF_ACC_TERRAFORM_PATH=%s is not a terraform executable", p)
		}
		return p, nil
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		return "", errors.New("terraform not found on PATH: install Terraform 1.11 or later " +
			"(https://developer.hashicorp.com/terraform/install) or set TF_ACC_TERRAFORM_PATH to its binary")
	}
	return p, nil
}

// Main runs a package's tests with the emulator up. Acceptance tests never skip:
// if terraform or moto_server is missing, the run fails with what to install.
func Main(m *testing.M) {
	os.Exit(Run(m))
}

// Run is Main without the exit, for a TestMain with its own setup and cleanup
// around it: it returns the exit code.
func Run(m *testing.M) int {
	tf, err := TerraformPath()
	if err != nil {
		fmt.Fprintln(os.Stderr, "acceptance tests cannot run:", err)
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	emu, err := emulator.Start(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "acceptance tests cannot run:", err)
		return 1
	}
	defer emu.Stop()
	Emulator = emu

	// An empty CLI configuration of our own: a developer's dev_overrides or
	// credentials for other registries must not change what the tests run.
	dir, err := os.MkdirTemp("", "hardened-acctest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "acceptance tests cannot run:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	cliConfig := filepath.Join(dir, "terraformrc")
	if err := os.WriteFile(cliConfig, []byte("# empty: acceptance tests serve the provider in-process\n"), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "acceptance tests cannot run:", err)
		return 1
	}

	env := emu.Env()
	env["TF_CLI_CONFIG_FILE"] = cliConfig
	env["TF_ACC"] = "1"
	env["TF_ACC_TERRAFORM_PATH"] = tf
	env["CHECKPOINT_DISABLE"] = "1"
	// A developer's service endpoints would win over the emulator's.
	for _, s := range awsclient.Services {
		env["AWS_ENDPOINT_URL_"+s.EnvSuffix] = ""
	}
	env["AWS_DEFAULT_REGION"] = ""
	for k, v := range env {
		if v == "" {
			os.Unsetenv(k)
		} else {
			os.Setenv(k, v)
		}
	}
	return m.Run()
}

// ProviderBlock is a provider configuration for tests that need one beyond the
// environment (extra attributes are HCL lines placed inside the block).
func ProviderBlock(lines ...string) string {
	return "provider \"hardened\" {\n  " + strings.Join(lines, "\n  ") + "\n}\n"
}
