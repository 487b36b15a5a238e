package main

// Where findings point: CI example commands, paths relative to the repository root
// and resources in modules.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The commands of the CI examples run as written against a sample plan, and the
// SARIF they produce has the structure SARIF 2.1.0 consumers (code scanning) require.
func TestCIExampleCommands(t *testing.T) {
	examples, err := filepath.Abs(filepath.Join("..", "..", "..", "examples", "ci"))
	if err != nil {
		t.Fatal(err)
	}
	sample, err := filepath.Abs(filepath.Join(plans, "generated/insecure_sg_inline_ssh_rdp_open"))
	if err != nil {
		t.Fatal(err)
	}
	for _, example := range []string{"github-actions.yml", "gitlab-ci.yml"} {
		src, err := os.ReadFile(filepath.Join(examples, example))
		if err != nil {
			t.Fatal(err)
		}
		var line string
		for _, l := range strings.Split(string(src), "\n") {
			l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "- "))
			l = strings.TrimPrefix(l, "run: ")
			if strings.HasPrefix(l, "hardened-lint ") {
				line = l
			}
		}
		if line == "" {
			t.Fatalf("%s has no hardened-lint command", example)
		}
		// The examples' layout: the repository root, the configuration in infra/,
		// and the job's working directory infra (--source-dir .).
		root := t.TempDir()
		dir := filepath.Join(root, "infra")
		if err := os.MkdirAll(filepath.Join(root, ".git"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		plan, err := os.ReadFile(filepath.Join(sample, "plan.json"))
		if err != nil {
			t.Fatal(err)
		}
		tf, err := os.ReadFile(filepath.Join(sample, "main.tf"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "plan.json"), plan, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), tf, 0o600); err != nil {
			t.Fatal(err)
		}
		t.Chdir(dir)
		env := map[string]string{"HARDENED_LINT_FAIL_ON": "high", "HARDENED_LINT_SOURCE_DIR": "."}
		code, out, errOut := lint(t, env, strings.Fields(line)[1:]...)
		if code != ExitFindings || errOut != "" {
			t.Fatalf("%s: %q exited %d: %s", example, line, code, errOut)
		}
		// The RDP rule's finding sits on its cidr_blocks line, in infra/main.tf.
		want := fmt.Sprintf("::error file=infra/main.tf,line=%d,col=5,title=aws_security_group_world_admin_ports", rdpCIDRLine(t, string(tf)))
		if strings.Contains(line, "github=-") && !strings.Contains(out, want) {
			t.Errorf("%s: GitHub annotations lack %q:\n%s", example, want, out)
		}
		if strings.Contains(line, "sarif=") {
			checkSARIF(t, filepath.Join(dir, "results.sarif"))
			if data, _ := os.ReadFile(filepath.Join(dir, "results.sarif")); !strings.Contains(string(data), `"uri": "infra/main.tf"`) {
				t.Errorf("%s: SARIF paths are not relative to the repository root", example)
			}
		}
		if strings.Contains(line, "junit=") {
			if data, err := os.ReadFile(filepath.Join(dir, "hardened-lint.xml")); err != nil || !strings.Contains(string(data), "<testsuites") {
				t.Errorf("%s: JUnit report missing or malformed: %v", example, err)
			}
		}
	}
}

// rdpCIDRLine is the line of the cidr_blocks of the sample's RDP ingress block.
func rdpCIDRLine(t *testing.T, tf string) int {
	t.Helper()
	lines := strings.Split(tf, "\n")
	for i, l := range lines {
		if strings.Contains(l, `"RDP from anywhere"`) {
			for j := i; j < len(lines); j++ {
				if strings.Contains(lines[j], "cidr_blocks ") {
					return j + 1
				}
			}
		}
	}
	t.Fatal("the sample has no RDP ingress block with cidr_blocks")
	return 0
}

// Paths: relative to the git top level, else the working directory; --path-prefix overrides.
func TestPathsRelativeToRepositoryRoot(t *testing.T) {
	sample := filepath.Join(plans, "generated/insecure_sg_inline_ssh_rdp_open")
	tf, err := os.ReadFile(filepath.Join(sample, "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	planPath, err := filepath.Abs(filepath.Join(sample, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	infra := filepath.Join(root, "infra")
	if err := os.MkdirAll(infra, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(infra, "main.tf"), tf, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"no git: the working directory", []string{"--source-dir", "infra"}, nil, "file=infra/main.tf,"},
		{"--path-prefix", []string{"--source-dir", "infra", "--path-prefix", "deploy/infra/"}, nil, "file=deploy/infra/main.tf,"},
		{"empty --path-prefix: relative to --source-dir", []string{"--source-dir", "infra", "--path-prefix", ""}, nil, "file=main.tf,"},
		{"environment", []string{"--source-dir", "infra"}, map[string]string{"HARDENED_LINT_PATH_PREFIX": "x"}, "file=x/main.tf,"},
	} {
		_, out, errOut := lint(t, tc.env, append(tc.args, "--format", "github", planPath)...)
		if !strings.Contains(out, tc.want) {
			t.Errorf("%s: want %q\n%s%s", tc.name, tc.want, out, errOut)
		}
	}
}

// A resource in a local module is located in the module's source, with the
// module call that leads to it, in SARIF, JSON and GitHub output.
func TestModuleLocations(t *testing.T) {
	root := t.TempDir()
	write := func(path, content string) {
		p := filepath.Join(root, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(".git/HEAD", "ref: refs/heads/main\n")
	write("infra/main.tf", "module \"app\" {\n  source = \"./modules/app\"\n}\n")
	write("infra/modules/app/sg.tf", "resource \"aws_security_group\" \"db\" {\n  description = \"db\"\n\n  ingress {\n"+
		"    description = \"rdp\"\n    protocol    = \"tcp\"\n    from_port   = 3389\n    to_port     = 3389\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n")
	write("infra/plan.json", `{"format_version":"1.2","planned_values":{},"resource_changes":[
 {"address":"module.app.aws_security_group.db","module_address":"module.app","mode":"managed","type":"aws_security_group","name":"db","change":{"actions":["create"],
  "after":{"description":"db","ingress":[{"description":"rdp","protocol":"tcp","from_port":3389,"to_port":3389,"cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[]}],"egress":[]},
  "after_unknown":{},"after_sensitive":{}}}],
 "configuration":{"root_module":{"module_calls":{"app":{"source":"./modules/app","module":{"resources":[
  {"address":"aws_security_group.db","mode":"managed","type":"aws_security_group","name":"db","expressions":{}}]}}}}}}`)
	t.Chdir(filepath.Join(root, "infra"))
	sarifPath := filepath.Join(root, "r.sarif")
	code, out, errOut := lint(t, nil, "--source-dir", ".", "--format", "json", "--output", "sarif="+sarifPath, "--output", "github=-", "plan.json")
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "::error file=infra/modules/app/sg.tf,line=9,col=5,title=aws_security_group_world_admin_ports (critical)::" +
		"module.app.aws_security_group.db: ingress[0] allows tcp 3389 (RDP) from 0.0.0.0/0: administrative and database ports must never be reachable from the internet (in module.app at infra/main.tf:1)"
	if !strings.Contains(out, want) {
		t.Errorf("GitHub annotation lacks %q:\n%s", want, out)
	}
	for _, s := range []string{`"location": {
        "file": "infra/modules/app/sg.tf",
        "line": 9,
        "column": 5
      },
      "module_calls": [
        {
          "address": "module.app",
          "file": "infra/main.tf",
          "line": 1,
          "column": 1
        }
      ]`} {
		if !strings.Contains(out, s) {
			t.Errorf("JSON lacks %s:\n%s", s, out)
		}
	}
	checkSARIFSchema(t, sarifPath)
	if data, _ := os.ReadFile(sarifPath); !strings.Contains(string(data), `"relatedLocations"`) || !strings.Contains(string(data), `"called by module.app"`) {
		t.Error("SARIF lacks the module call as a related location")
	}
}
