// Package lintexamples embeds the examples of hardened-lint's rules, the source
// of truth for the rule docs, `hardened-lint explain` and the examples meta-test.
//
// Each rule has a directory named after its ID holding one Terraform file per
// case: cases whose name starts with "bad" must fail the rule, cases starting with
// "good" must pass it. bad.tf and good.tf are the primary pair shown in the docs;
// more cases (bad_module.tf, good_inline.tf, ...) are checked the same way.
package lintexamples

import (
	"embed"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed aws_*/*.tf hardened_*/*.tf
var files embed.FS

// CommonFile holds what a rule's cases refer to without showing it (a VPC, a
// bucket): it is planned beside every case and is not a case itself.
const CommonFile = "common.tf"

// Case is one example file of a rule.
type Case struct {
	// Name is the file name without ".tf": "bad", "good", "bad_module".
	Name string
	// Path is the file's path under examples/lint, e.g. "aws_rds_public/bad.tf".
	Path string
	// Source is the file's content.
	Source string
}

// Bad reports a case that must fail its rule; otherwise it must pass.
func (c Case) Bad() bool { return strings.HasPrefix(c.Name, "bad") }

// For returns a rule's cases sorted by name (none for an unknown rule).
func For(ruleID string) []Case {
	entries, err := fs.ReadDir(files, ruleID)
	if err != nil {
		return nil
	}
	var out []Case
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".tf")
		if !ok || e.IsDir() || e.Name() == CommonFile {
			continue
		}
		p := path.Join(ruleID, e.Name())
		src, err := files.ReadFile(p)
		if err != nil {
			continue // embedded files are always readable
		}
		out = append(out, Case{Name: name, Path: p, Source: string(src)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Primary returns a rule's bad.tf and good.tf, the pair the docs show; ok is
// false when either is missing.
func Primary(ruleID string) (bad, good string, ok bool) {
	var hasBad, hasGood bool
	for _, c := range For(ruleID) {
		switch c.Name {
		case "bad":
			bad, hasBad = c.Source, true
		case "good":
			good, hasGood = c.Source, true
		}
	}
	return bad, good, hasBad && hasGood
}

// Rules lists the rule IDs that have an examples directory, sorted.
func Rules() []string {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}
