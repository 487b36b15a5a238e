package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestGoName(t *testing.T) {
	for id, want := range map[string]string{
		"aws_sqs_queue_encryption":          "AwsSQSQueueEncryption",
		"aws_cloudtrail_kms_encryption":     "AwsCloudtrailKMSEncryption",
		"aws_instance_imdsv2":               "AwsInstanceIMDSv2",
		"aws_kinesis_stream_encryption":     "AwsKinesisStreamEncryption",
		"aws_s3_bucket_public_access_block": "AwsS3BucketPublicAccessBlock",
	} {
		if got := goName(id); got != want {
			t.Errorf("goName(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestNewSpec(t *testing.T) {
	s, err := newSpec("aws_kinesis_stream_encryption", "HRD-KIN-001", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if s.ResourceType != "aws_kinesis_stream" || s.Attr != "enabled" || s.Type != "AwsKinesisStreamEncryption" {
		t.Errorf("defaults: %+v", s)
	}
	for _, tc := range []struct{ id, control, typ, attr, want string }{
		{"sqs_queue_encryption", "HRD-SQS-001", "", "", "aws_<resource>_<problem>"},
		{"aws_SQS_queue", "HRD-SQS-001", "", "", "snake_case"},
		{"aws_sqs_queue_encryption", "SQS-1", "", "", "HRD-SQS-001"},
		{"aws_sqs_queue_encryption", "HRD-SQS-001", "sqs_queue", "", "TYPE=aws_sqs_queue"},
		{"aws_sqs_queue_encryption", "HRD-SQS-001", "", "Bad-Attr", "ATTR="},
	} {
		if _, err := newSpec(tc.id, tc.control, tc.typ, tc.attr); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("newSpec(%q, %q, %q, %q) = %v, want an error mentioning %q", tc.id, tc.control, tc.typ, tc.attr, err, tc.want)
		}
	}
}

// The generator runs into a copy of the packages lint/rules builds from, and
// the rules it writes pass their table tests, the metadata and layout tests and
// the examples meta-test there, with no change: the templates cannot rot.
func TestGenerateIntoCopy(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build the generated rules: %v", err)
	}
	repo, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	root := copyModule(t, goTool, repo)

	generated := []struct {
		args    []string
		id, typ string
		// catalogChanged is the catalog file the control stub goes to, "" when
		// the control exists; "HRD-DB-" names the file declaring those controls.
		catalogChanged string
	}{
		// A new control whose prefix has a catalog file: appended there.
		{[]string{"-id", "aws_neptune_cluster_deletion_protection", "-control", "HRD-DB-901", "-type", "aws_neptune_cluster", "-attr", "deletion_protection"},
			"aws_neptune_cluster_deletion_protection", "AwsNeptuneClusterDeletionProtection", "HRD-DB-"},
		// A new control with a new prefix: a new catalog file; type and attribute
		// defaulted (aws_ebs_encryption_by_default's "enabled", so the examples plan).
		{[]string{"-id", "aws_ebs_encryption_by_default_enabled", "-control", "HRD-KIN-001"},
			"aws_ebs_encryption_by_default_enabled", "AwsEBSEncryptionByDefaultEnabled", "internal/controls/kin.go"},
		// An existing control: the catalog is not touched.
		{[]string{"-id", "aws_guardduty_detector_enable", "-control", "HRD-SVC-001", "-attr", "enable"},
			"aws_guardduty_detector_enable", "AwsGuarddutyDetectorEnable", ""},
	}
	var ids, tests []string
	for _, g := range generated {
		var stdout, stderr bytes.Buffer
		if code := run(append(g.args, "-root", root), &stdout, &stderr); code != 0 {
			t.Fatalf("newrule %v: exit %d\n%s", g.args, code, stderr.String())
		}
		want := []string{"lint/rules/" + g.id + ".go", "lint/rules/" + g.id + "_test.go",
			"examples/lint/" + g.id + "/bad.tf", "examples/lint/" + g.id + "/good.tf", "lint/rules/provider.go"}
		switch {
		case strings.HasPrefix(g.catalogChanged, "HRD-"):
			stub := strings.SplitN(stdout.String(), "wrote internal/controls/", 2)
			if len(stub) < 2 {
				t.Fatalf("newrule %s wrote no control stub:\n%s", g.id, stdout.String())
			}
			file := "internal/controls/" + strings.SplitN(stub[1], "\n", 2)[0]
			if orig, err := os.ReadFile(filepath.Join(repo, file)); err != nil || !bytes.Contains(orig, []byte(`"`+g.catalogChanged)) {
				t.Errorf("newrule %s put the control stub in %s, which declares no %s controls", g.id, file, g.catalogChanged)
			}
			want = append(want, file)
		case g.catalogChanged != "":
			want = append(want, g.catalogChanged)
		}
		for _, f := range want {
			if !strings.Contains(stdout.String(), "wrote "+f+"\n") {
				t.Errorf("newrule %s did not report writing %s:\n%s", g.id, f, stdout.String())
			}
		}
		if n := strings.Count(stdout.String(), "wrote "); n != len(want) {
			t.Errorf("newrule %s wrote %d files, want %d:\n%s", g.id, n, len(want), stdout.String())
		}
		ids = append(ids, g.id)
		tests = append(tests, "Test"+g.typ)
	}

	// A second run for a taken ID fails and changes nothing.
	before, _ := os.ReadFile(filepath.Join(root, "lint", "rules", "provider.go"))
	var stderr bytes.Buffer
	if code := run([]string{"-id", ids[0], "-control", "HRD-DB-901", "-root", root}, &bytes.Buffer{}, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "exists already") {
		t.Errorf("regenerating %s: exit %d, %q; want exit 1 saying it exists already", ids[0], code, stderr.String())
	}
	if after, _ := os.ReadFile(filepath.Join(root, "lint", "rules", "provider.go")); !bytes.Equal(before, after) {
		t.Error("a failed run changed the registry")
	}

	goTest := func(env []string, args ...string) {
		t.Helper()
		cmd := exec.Command(goTool, append([]string{"test", "-count=1"}, args...)...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go test %s in the generated copy: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	goTest(nil, "-run", "^("+strings.Join(tests, "|")+"|TestRuleMetadata|TestRuleFiles|TestRegistrySorted|TestExamplesHaveRules|TestCatalogEntriesAreComplete|TestCaseLayout)$",
		"./lint/rules", "./internal/controls", "./examples/lint")
	// The real-plan meta-test plans the generated rules' examples with Terraform.
	goTest([]string{"HARDENED_EXAMPLE_RULES=" + strings.Join(ids, ",")}, "-run", "^TestRuleExamples$", "./lint/exampleplans")
}

// copyModule copies go.mod, go.sum and the module's packages that lint/rules
// and the catalog build and test with into a temporary directory.
func copyModule(t *testing.T, goTool, repo string) string {
	t.Helper()
	cmd := exec.Command(goTool, "list", "-deps", "-test", "-f", "{{if .Module}}{{if .Module.Main}}{{.Dir}}{{end}}{{end}}",
		"./lint/rules", "./internal/controls", "./examples/lint", "./lint/exampleplans")
	cmd.Dir = repo
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	root := t.TempDir()
	for _, f := range []string{"go.mod", "go.sum"} {
		copyFile(t, filepath.Join(repo, f), filepath.Join(root, f))
	}
	seen := map[string]bool{}
	for _, dir := range strings.Fields(string(out)) {
		if seen[dir] {
			continue
		}
		seen[dir] = true
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if d.IsDir() {
				return nil
			}
			rel, err := filepath.Rel(repo, path)
			if err != nil {
				return err
			}
			copyFile(t, path, filepath.Join(root, rel))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// CONTRIBUTING.md's "Adding a lint rule" names the command and every file the
// generator writes or changes, so the steps stay true.
func TestContributingDescribesGenerator(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "..", "CONTRIBUTING.md"))
	if err != nil {
		t.Fatal(err)
	}
	makefile, err := os.ReadFile(filepath.Join("..", "..", "..", "GNUmakefile"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Adding a lint rule", "make new-rule ID=", "CONTROL=", "TYPE=", "ATTR=",
		"lint/rules/<rule_id>.go", "lint/rules/<rule_id>_test.go", "examples/lint/<rule_id>/bad.tf", "good.tf",
		"lint/rules/provider.go", "internal/controls", "read(p, r,", "make generate"} {
		if !bytes.Contains(doc, []byte(want)) {
			t.Errorf("CONTRIBUTING.md does not mention %q", want)
		}
	}
	for _, want := range []string{"new-rule:", "./lint/internal/newrule", "-id '$(ID)'", "-control '$(CONTROL)'", "-type '$(TYPE)'", "-attr '$(ATTR)'"} {
		if !bytes.Contains(makefile, []byte(want)) {
			t.Errorf("the GNUmakefile's new-rule target lacks %q", want)
		}
	}
}
