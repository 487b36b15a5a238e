// Command newrule scaffolds a hardened-lint rule (make new-rule): the rule and
// its table test in lint/rules, its examples in examples/lint/<id>/, a catalog
// stub in internal/controls when the control does not exist, and its line in the
// registry (lint/rules/provider.go). The generated rule requires a boolean
// attribute to be true; it passes its tests and the examples meta-test as
// generated, and the author changes its logic, examples and tests from there.
//
//	go run ./lint/internal/newrule -id aws_sqs_queue_encryption -control HRD-SQS-001 \
//	    [-type aws_sqs_queue] [-attr sqs_managed_sse_enabled] [-root .]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("newrule", flag.ContinueOnError)
	fs.SetOutput(stderr)
	id := fs.String("id", "", "rule ID, aws_<resource>_<problem> (required)")
	control := fs.String("control", "", "catalog control the rule checks, HRD-XXX-NNN (required; stubbed when new)")
	resourceType := fs.String("type", "", "resource type checked (default: the ID without its last word)")
	attr := fs.String("attr", "", "boolean attribute the generated check requires to be true (default: enabled)")
	root := fs.String("root", ".", "repository root")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	s, err := newSpec(*id, *control, *resourceType, *attr)
	if err != nil {
		fmt.Fprintf(stderr, "newrule: %v\n", err)
		return 2
	}
	written, err := generate(*root, s)
	for _, f := range written {
		if rel, err := filepath.Rel(*root, f); err == nil {
			f = rel
		}
		fmt.Fprintf(stdout, "wrote %s\n", f)
	}
	if err != nil {
		fmt.Fprintf(stderr, "newrule: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "\nNext (CONTRIBUTING.md, \"Adding a lint rule\"): write the check in lint/rules/%s.go, its cases in\n"+
		"lint/rules/%s_test.go and real examples in examples/lint/%s/; fill in the control %s;\n"+
		"then go test ./lint/rules and make generate.\n", s.ID, s.ID, s.ID, s.Control)
	return 0
}
