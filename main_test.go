package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The provider and hardened-lint are released under one version, set with
// -ldflags "-X main.version=...", and both report it.
func TestVersionsAgree(t *testing.T) {
	dir := t.TempDir()
	const v = "9.8.7-test"
	for name, pkg := range map[string]string{"terraform-provider-hardened": ".", "hardened-lint": "./lint/cmd/hardened-lint"} {
		out, err := exec.Command("go", "build", "-ldflags", "-X main.version="+v, "-o", filepath.Join(dir, name), pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("building %s: %v\n%s", name, err, out)
		}
	}
	for name, want := range map[string]string{
		"terraform-provider-hardened": "terraform-provider-hardened " + v,
		"hardened-lint":               "hardened-lint " + v,
	} {
		out, err := exec.Command(filepath.Join(dir, name), "-version").Output()
		if err != nil {
			t.Fatalf("%s -version: %v", name, err)
		}
		if got := strings.TrimSpace(string(out)); got != want {
			t.Errorf("%s -version = %q, want %q", name, got, want)
		}
	}
}
