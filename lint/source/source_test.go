package source

import (
	"os"
	"path/filepath"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/hardened-tf/terraform-provider-hardened/lint/format"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

const rootTF = `module "app" {
  source = "./modules/app"
}

module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}

resource "aws_security_group" "web" {
  name = "web"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  dynamic "egress" {
    for_each = var.egress
    content {
      cidr_blocks = egress.value
    }
  }
}

resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "s3:GetObject", Resource = "*" },
      {
        "Effect" = "Allow"
        Action   = "*"
        Resource = "*"
      },
    ]
  })
}

data "aws_iam_policy_document" "star" {
  statement {
    actions = ["s3:GetObject"]
  }

  statement {
    actions = ["*"]
  }
}

resource "aws_iam_role_policy" "r" {
  policy = data.aws_iam_policy_document.star.json
}
`

const appTF = `module "db" {
  source = "./db"
}
`

const dbTF = `resource "aws_db_instance" "main" {
  engine            = "postgres"
  storage_encrypted = false
}
`

func writeTree(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for path, src := range map[string]string{
		"infra/main.tf":                rootTF,
		"infra/modules/app/main.tf":    appTF,
		"infra/modules/app/db/main.tf": dbTF,
		"infra/broken.tf":              "resource \"x\" {",
	} {
		p := filepath.Join(root, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	return root
}

var config = &tfjson.Config{RootModule: &tfjson.ConfigModule{ModuleCalls: map[string]*tfjson.ModuleCall{
	"app": {Source: "./modules/app", Module: &tfjson.ConfigModule{ModuleCalls: map[string]*tfjson.ModuleCall{
		"db": {Source: "./db", Module: &tfjson.ConfigModule{}},
	}}},
	"vpc": {Source: "terraform-aws-modules/vpc/aws", Module: &tfjson.ConfigModule{}},
}}}

func TestLocateAttributesBlocksAndModules(t *testing.T) {
	root := writeTree(t)
	// The plan lists the set-typed ingress blocks in its own order: RDP first.
	p := plantest.Plan(t, plantest.Res{Address: "aws_security_group.web", After: `{"ingress":[
		{"from_port":3389,"to_port":3389,"protocol":"tcp","cidr_blocks":["0.0.0.0/0"]},
		{"from_port":22,"to_port":22,"protocol":"tcp","cidr_blocks":["10.0.0.0/8"]}]}`})
	l := New(filepath.Join(root, "infra"), config, Options{Plan: p})
	loc := func(line, col int) format.Location {
		return format.Location{File: "infra/main.tf", Line: line, Column: col}
	}
	dbCalls := []format.ModuleCall{
		{Address: "module.app", Location: loc(1, 1)},
		{Address: "module.app.module.db", Location: format.Location{File: "infra/modules/app/main.tf", Line: 1, Column: 1}},
	}
	for _, tc := range []struct {
		address, attribute string
		want               format.Location
		calls              []format.ModuleCall
	}{
		{"aws_security_group.web", "", loc(9, 1), nil},
		{"aws_security_group.web", "name", loc(10, 3), nil},
		// ingress[0] of the plan is the second block written (matched by content).
		{"aws_security_group.web", "ingress[0].cidr_blocks", loc(23, 5), nil},
		{"aws_security_group.web", "ingress[1]", loc(12, 3), nil},
		{"aws_security_group.web", "ingress[1].description", loc(12, 3), nil}, // not written: its block
		{"aws_security_group.web", "egress[0].cidr_blocks", loc(29, 7), nil},  // inside a dynamic block's content
		{"aws_security_group.web", "tags", loc(9, 1), nil},                    // not written: the resource
		{"aws_iam_policy.p", "policy", loc(35, 3), nil},
		{"aws_iam_policy.p", "policy.Statement[1]", loc(39, 7), nil},
		{"aws_iam_policy.p", "policy.Statement[1].Action", loc(41, 9), nil},
		{"aws_iam_policy.p", "policy.Statement[0].Action", loc(38, 27), nil},
		{`module.app["x"].module.db.aws_db_instance.main[0]`, "storage_encrypted",
			format.Location{File: "infra/modules/app/db/main.tf", Line: 3, Column: 3}, dbCalls},
		// policy = data.aws_iam_policy_document.star.json: the statement block.
		{"aws_iam_role_policy.r", "policy.Statement[1]", loc(53, 3), nil},
		{"aws_iam_role_policy.r", "policy", loc(59, 3), nil},
		// A module whose source is not local: the call.
		{"module.vpc.aws_vpc.this[0]", "cidr_block", loc(5, 1), nil},
	} {
		got, ok := l.Locate(tc.address, tc.attribute)
		if !ok || got.Location != tc.want || len(got.ModuleCalls) != len(tc.calls) {
			t.Errorf("Locate(%s, %q) = %+v, %v; want %+v with %d calls", tc.address, tc.attribute, got, ok, tc.want, len(tc.calls))
			continue
		}
		for i := range tc.calls {
			if got.ModuleCalls[i] != tc.calls[i] {
				t.Errorf("Locate(%s) call %d = %+v, want %+v", tc.address, i, got.ModuleCalls[i], tc.calls[i])
			}
		}
	}
	if _, ok := l.Locate("aws_s3_bucket.nowhere", ""); ok {
		t.Error("an undeclared resource was located")
	}
}

func TestPathPrefixAndWorkDir(t *testing.T) {
	root := writeTree(t)
	if err := os.Remove(filepath.Join(root, ".git")); err != nil {
		t.Fatal(err)
	}
	prefix := "deploy/"
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{PathPrefix: &prefix}, "deploy/main.tf"},
		{Options{WorkDir: root}, "infra/main.tf"},
		{Options{WorkDir: filepath.Join(root, "infra", "modules")}, "../main.tf"},
	} {
		l := New(filepath.Join(root, "infra"), config, tc.opts)
		if got, _ := l.Locate("aws_security_group.web", ""); got.File != tc.want {
			t.Errorf("%+v: file %q, want %q", tc.opts, got.File, tc.want)
		}
	}
}

// Many module blocks with one source (./app and ./app/ are one directory): the
// directory is parsed once, and each call's resources are located in it.
func TestModuleDirectoryParsedOnce(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", "module \"a\" {\n  source = \"./app\"\n}\n\nmodule \"b\" {\n  source = \"./app/\"\n}\n")
	write("app/main.tf", "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"x\"\n}\n")
	app := &tfjson.ConfigModule{}
	cfg := &tfjson.Config{RootModule: &tfjson.ConfigModule{ModuleCalls: map[string]*tfjson.ModuleCall{
		"a": {Source: "./app", Module: app}, "b": {Source: "./app/", Module: app},
	}}}
	prefix := ""
	l := New(dir, cfg, Options{PathPrefix: &prefix})
	a, b := l.resources["module.a.aws_s3_bucket.logs"], l.resources["module.b.aws_s3_bucket.logs"]
	if a.block == nil || a.block != b.block {
		t.Fatalf("the module's resource block was parsed per call, or not found: %p, %p", a.block, b.block)
	}
	for _, call := range []string{"a", "b"} {
		got, ok := l.Locate("module."+call+".aws_s3_bucket.logs", "bucket")
		want := format.Location{File: "app/main.tf", Line: 2, Column: 3}
		if !ok || got.Location != want || len(got.ModuleCalls) != 1 || got.ModuleCalls[0].Address != "module."+call {
			t.Errorf("module.%s: Locate = %+v, %v; want %+v called from module.%s", call, got, ok, want, call)
		}
	}
}
