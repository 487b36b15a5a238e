package main

import (
	"bytes"
	"embed"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/template"
)

//go:embed templates/*.tmpl
var templateFiles embed.FS

// templates use [[ ]]: the Go they write is full of {{ }} composite literals.
var templates = template.Must(template.New("").Delims("[[", "]]").ParseFS(templateFiles, "templates/*.tmpl"))

// spec is what one rule is generated from.
type spec struct {
	// ID is the rule ID (aws_<type>_<problem>) and Control the catalog control it checks.
	ID, Control string
	// ResourceType is the resource type the rule checks; Attr the boolean
	// attribute the generated check requires to be true.
	ResourceType, Attr string
	// Type is the rule's Go type, ControlVar the catalog variable of Control.
	Type, ControlVar string
}

var (
	ruleIDFormat    = regexp.MustCompile(`^aws_[a-z0-9]+(_[a-z0-9]+)+$`)
	controlIDFormat = regexp.MustCompile(`^HRD-([A-Z0-9]+)-\d{3}$`)
	attrFormat      = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// newSpec validates the inputs and fills in the defaults: the resource type is
// the ID without its last word, the attribute "enabled".
func newSpec(id, control, resourceType, attr string) (spec, error) {
	if !ruleIDFormat.MatchString(id) {
		return spec{}, fmt.Errorf("rule ID %q: use aws_<resource>_<problem> in snake_case, e.g. aws_sqs_queue_encryption", id)
	}
	if !controlIDFormat.MatchString(control) {
		return spec{}, fmt.Errorf("control %q: use a catalog ID such as HRD-SQS-001 (internal/controls)", control)
	}
	if resourceType == "" {
		resourceType = id[:strings.LastIndex(id, "_")]
	}
	if !strings.HasPrefix(resourceType, "aws_") || !attrFormat.MatchString(resourceType) {
		return spec{}, fmt.Errorf("resource type %q: use the aws_* type the rule checks, e.g. TYPE=aws_sqs_queue", resourceType)
	}
	if attr == "" {
		attr = "enabled"
	}
	if !attrFormat.MatchString(attr) {
		return spec{}, fmt.Errorf("attribute %q: use the attribute's snake_case name, e.g. ATTR=sqs_managed_sse_enabled", attr)
	}
	return spec{ID: id, Control: control, ResourceType: resourceType, Attr: attr, Type: goName(id)}, nil
}

// initialisms are written in capitals in Go names, as the existing rules do.
var initialisms = map[string]string{
	"acl": "ACL", "acm": "ACM", "alb": "ALB", "ami": "AMI", "api": "API", "arn": "ARN", "db": "DB", "dns": "DNS",
	"ebs": "EBS", "ec2": "EC2", "ecr": "ECR", "ecs": "ECS", "efs": "EFS", "eks": "EKS", "elb": "ELB", "http": "HTTP",
	"https": "HTTPS", "iam": "IAM", "icmp": "ICMP", "id": "ID", "imdsv2": "IMDSv2", "kms": "KMS", "lb": "LB",
	"mfa": "MFA", "rds": "RDS", "s3": "S3", "sns": "SNS", "sqs": "SQS", "ssm": "SSM", "tls": "TLS", "vpc": "VPC",
	"waf": "WAF",
}

// goName turns aws_sqs_queue_encryption into AwsSQSQueueEncryption.
func goName(id string) string {
	var b strings.Builder
	for _, w := range strings.Split(id, "_") {
		if s, ok := initialisms[w]; ok {
			b.WriteString(s)
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

// generate writes the rule, its table test and its examples under root (the
// repository), a catalog stub when the control does not exist, and adds the rule
// to the registry. It returns the files written or changed, and changes nothing
// when the rule exists already.
func generate(root string, s spec) ([]string, error) {
	rulesDir := filepath.Join(root, "lint", "rules")
	ruleFile := filepath.Join(rulesDir, s.ID+".go")
	if _, err := os.Stat(ruleFile); err == nil {
		return nil, fmt.Errorf("%s exists already: rule %s is taken", ruleFile, s.ID)
	}
	registry := filepath.Join(rulesDir, "provider.go")
	registrySrc, err := os.ReadFile(registry)
	if err != nil {
		return nil, fmt.Errorf("reading the registry: %w (run from the repository root)", err)
	}
	if bytes.Contains(registrySrc, []byte("\t"+s.Type+"{},")) {
		return nil, fmt.Errorf("the registry (%s) lists %s already", registry, s.Type)
	}
	newRegistry, err := register(registrySrc, rulesDir, s)
	if err != nil {
		return nil, err
	}
	catalogDir := filepath.Join(root, "internal", "controls")
	catalogFile, controlVar, exists, err := findControl(catalogDir, s.Control)
	if err != nil {
		return nil, err
	}
	s.ControlVar = controlVar
	if !exists {
		s.ControlVar = strings.TrimPrefix(s.Type, "Aws")
		if taken, err := declared(catalogDir, s.ControlVar); err != nil || taken {
			return nil, fmt.Errorf("cannot stub control %s: the catalog already declares %s (%v)", s.Control, s.ControlVar, err)
		}
	}

	exampleDir := filepath.Join(root, "examples", "lint", s.ID)
	files := []struct {
		path, template string
		goSource       bool
	}{
		{ruleFile, "rule.go.tmpl", true},
		{filepath.Join(rulesDir, s.ID+"_test.go"), "rule_test.go.tmpl", true},
		{filepath.Join(exampleDir, "bad.tf"), "bad.tf.tmpl", false},
		{filepath.Join(exampleDir, "good.tf"), "good.tf.tmpl", false},
	}
	var written []string
	if err := os.MkdirAll(exampleDir, 0o755); err != nil {
		return nil, err
	}
	for _, f := range files {
		out, err := render(f.template, s, f.goSource)
		if err != nil {
			return written, err
		}
		if err := os.WriteFile(f.path, out, 0o644); err != nil {
			return written, err
		}
		written = append(written, f.path)
	}
	if !exists {
		stub, err := render("control.go.tmpl", s, false)
		if err != nil {
			return written, err
		}
		if err := appendControl(catalogFile, stub); err != nil {
			return written, err
		}
		written = append(written, catalogFile)
	}
	if err := os.WriteFile(registry, newRegistry, 0o644); err != nil {
		return written, err
	}
	return append(written, registry), nil
}

func render(name string, s spec, goSource bool) ([]byte, error) {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, s); err != nil {
		return nil, err
	}
	if !goSource {
		return b.Bytes(), nil
	}
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("template %s does not give valid Go: %w", name, err)
	}
	return out, nil
}

var (
	registryEntry = regexp.MustCompile(`(?m)^\t\t(Aws\w+)\{\},\n`)
	typeDecl      = regexp.MustCompile(`(?m)^type (Aws\w+) struct`)
)

// register inserts the rule into All()'s list, which is sorted by rule ID: a
// rule's ID is the name of the file declaring its type.
func register(src []byte, rulesDir string, s spec) ([]byte, error) {
	idOf := map[string]string{}
	files, err := filepath.Glob(filepath.Join(rulesDir, "aws_*.go"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, m := range typeDecl.FindAllSubmatch(b, -1) {
			idOf[string(m[1])] = strings.TrimSuffix(filepath.Base(f), ".go")
		}
	}
	entries := registryEntry.FindAllSubmatchIndex(src, -1)
	if len(entries) == 0 {
		return nil, fmt.Errorf("no rule list found in the registry (lint/rules/provider.go): expected lines like \"\\t\\tAwsX{},\"")
	}
	at := entries[len(entries)-1][1] // after the last entry, unless a later ID comes first
	for _, e := range entries {
		name := string(src[e[2]:e[3]])
		id, ok := idOf[name]
		if !ok {
			return nil, fmt.Errorf("registry entry %s: no lint/rules/aws_*.go file declares it", name)
		}
		if id > s.ID {
			at = e[0]
			break
		}
	}
	line := "\t\t" + s.Type + "{},\n"
	return append(append(append([]byte{}, src[:at]...), line...), src[at:]...), nil
}

// findControl looks the control up in the catalog's source: the file and Go
// variable declaring it. A control that does not exist gets the file of its
// prefix (the file declaring other HRD-<PREFIX>- controls, or <prefix>.go).
func findControl(dir, id string) (file, goVar string, exists bool, err error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return "", "", false, err
	}
	sort.Strings(files)
	declares := regexp.MustCompile(`(\w+)\s*=\s*\w+\(\s*Control\{\s*ID:\s*"` + regexp.QuoteMeta(id) + `"`)
	prefix := regexp.MustCompile(`ID:\s*"` + regexp.QuoteMeta(id[:strings.LastIndex(id, "-")+1]))
	prefixFile := ""
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return "", "", false, err
		}
		if m := declares.FindSubmatch(b); m != nil {
			return f, string(m[1]), true, nil
		}
		if prefixFile == "" && prefix.Match(b) {
			prefixFile = f
		}
	}
	if prefixFile == "" {
		p := controlIDFormat.FindStringSubmatch(id)[1]
		prefixFile = filepath.Join(dir, strings.ToLower(p)+".go")
	}
	return prefixFile, "", false, nil
}

// declared reports whether a catalog file declares name.
func declared(dir, name string) (bool, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return false, err
	}
	decl := regexp.MustCompile(`(?m)^\s*(var\s+)?` + name + `\s*=`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return false, err
		}
		if decl.Match(b) {
			return true, nil
		}
	}
	return false, nil
}

// appendControl adds a control stub to a catalog file, creating the file if need be.
func appendControl(file string, stub []byte) error {
	src, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		src, err = []byte("package controls\n"), nil
	}
	if err != nil {
		return err
	}
	out, err := format.Source(append(src, stub...))
	if err != nil {
		return fmt.Errorf("the control stub does not give valid Go in %s: %w", file, err)
	}
	return os.WriteFile(file, out, 0o644)
}
