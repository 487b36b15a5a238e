package realplan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestApplyNeedsTheEmulator(t *testing.T) {
	err := (&Runner{}).Apply(context.Background(), map[string]Config{"a": {"main.tf": ""}})
	if err == nil || !strings.Contains(err.Error(), "Options.Endpoint") {
		t.Errorf("Apply without an endpoint: %v", err)
	}
}

// RootConfig's files go into the root module (and only there), replaced at every write.
func TestRootConfigFiles(t *testing.T) {
	r := &Runner{work: t.TempDir()}
	if _, err := r.write(map[string]Config{RootConfig: {"imports.tf": "# import"}, "a": {"main.tf": "# a"}}); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(r.work, rootFilePrefix+"imports.tf")); err != nil || string(b) != "# import" {
		t.Errorf("root file: %q, %v", b, err)
	}
	if main, _ := os.ReadFile(filepath.Join(r.work, "main.tf")); strings.Contains(string(main), RootConfig) {
		t.Errorf("the root configuration is called as a module:\n%s", main)
	}
	if _, err := r.write(map[string]Config{"a": {"main.tf": "# a"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(r.work, rootFilePrefix+"imports.tf")); !os.IsNotExist(err) {
		t.Errorf("a root file outlives the write that no longer has it: %v", err)
	}
	if _, err := r.write(map[string]Config{RootConfig: {"sub/x.tf": ""}}); err == nil {
		t.Error("a root file in a subdirectory is accepted")
	}
}
