package agreement

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/rules"
	"github.com/hardened-tf/terraform-provider-hardened/provider"
)

// notReplaceable: deletion-table types that no instance created in the same plan
// replaces, each with why (the agreement would otherwise ask for the hardened_*
// counterpart, or the type itself, as a replacement).
var notReplaceable = map[string]string{
	"aws_kms_key": "deleting a key schedules its deletion: what it encrypted becomes unreadable, and a new key, " +
		"hardened or not, cannot decrypt it",
	"hardened_kms_key": "deleting a key schedules its deletion: what it encrypted becomes unreadable, and a new " +
		"key cannot decrypt it",
	"hardened_security_group": "a security group protects the network interfaces attached to it; a new group is " +
		"attached to none of them",
}

// regressionProblems lists where aws_security_control_deleted's deletion table
// disagrees with the provider and the equivalents table: a hardened_* resource
// whose deletion is not reported, or is reported under a control it does not
// enforce, or is not its own replacement; an aws_* type reported when deleted
// whose hardened_* equivalent does not count as its replacement.
func regressionProblems(enforced map[string][]string, equivalents map[string][]string,
	table map[string]rules.RegressionControl, notReplaceable map[string]string) []string {
	var out []string
	for _, typ := range sortedKeys(enforced) {
		rc, ok := table[typ]
		if !ok {
			out = append(out, fmt.Sprintf("%s: the provider registers it, but aws_security_control_deleted does not "+
				"report its deletion: add it to controlResources (lint/rules/regression_deletions.go)", typ))
			continue
		}
		for _, id := range rc.Controls {
			if !slices.Contains(enforced[typ], id) {
				out = append(out, fmt.Sprintf("%s: aws_security_control_deleted reports its deletion as losing %s, "+
					"which the resource does not enforce (it enforces %s)", typ, id, strings.Join(enforced[typ], ", ")))
			}
		}
		if notReplaceable[typ] == "" && !slices.Contains(rc.Replacements, typ) {
			out = append(out, fmt.Sprintf("%s: a new %s in the same plan does not count as its replacement: list it "+
				"in its replacements, or say in notReplaceable why not", typ, typ))
		}
	}
	for _, hardened := range sortedKeys(equivalents) {
		for _, aws := range equivalents[hardened] {
			rc, ok := table[aws]
			if !ok || notReplaceable[aws] != "" {
				continue
			}
			if !slices.Contains(rc.Replacements, hardened) {
				out = append(out, fmt.Sprintf("%s: aws_security_control_deleted reports its deletion, but %s (its "+
					"hardened equivalent) created or imported in its place does not count as a replacement: add it "+
					"to its replacements, or say in notReplaceable why not", aws, hardened))
			}
		}
	}
	for _, typ := range sortedKeys(notReplaceable) {
		if rc, ok := table[typ]; !ok || len(rc.Replacements) > 0 {
			out = append(out, fmt.Sprintf("%s: notReplaceable says nothing replaces it, but the deletion table "+
				"has no such entry or lists replacements %v: drop the exception", typ, rc.Replacements))
		}
	}
	return out
}

func sortedKeys[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Every hardened_* resource the provider registers is a control whose deletion
// aws_security_control_deleted reports, and each is a replacement of its aws_*
// equivalents: a resource or an equivalence added later cannot be forgotten.
func TestRegressionTableAgreement(t *testing.T) {
	enforced, table := provider.EnforcedControls(), rules.RegressionControls()
	if len(enforced) == 0 || len(table) == 0 {
		t.Fatalf("nothing to compare: %d provider resources, %d deletion entries", len(enforced), len(table))
	}
	for _, problem := range regressionProblems(enforced, equivalents, table, notReplaceable) {
		t.Error(problem)
	}
}

// Each kind of disagreement is caught.
func TestRegressionProblemsFindsDisagreements(t *testing.T) {
	enforced := map[string][]string{"hardened_a": {"C-1"}, "hardened_b": {"C-2"}, "hardened_c": {"C-3"}}
	equiv := map[string][]string{"hardened_a": {"aws_a"}, "hardened_b": {"aws_b"}}
	table := map[string]rules.RegressionControl{
		"hardened_a": {Controls: []string{"C-1"}, Replacements: []string{"hardened_a"}},
		"hardened_b": {Controls: []string{"C-9"}},
		"aws_a":      {Controls: []string{"C-1"}, Replacements: []string{"aws_a"}},
		"aws_b":      {Controls: []string{"C-2"}, Replacements: []string{"aws_b", "hardened_b"}},
		"aws_x":      {Controls: []string{"C-2"}, Replacements: []string{"aws_x"}},
	}
	got := regressionProblems(enforced, equiv, table, map[string]string{"aws_x": "because"})
	want := []string{
		"hardened_b: aws_security_control_deleted reports its deletion as losing C-9",
		"hardened_b: a new hardened_b in the same plan does not count as its replacement",
		"hardened_c: the provider registers it, but aws_security_control_deleted does not report its deletion",
		"aws_a: aws_security_control_deleted reports its deletion, but hardened_a",
		"aws_x: notReplaceable says nothing replaces it",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("problem %d = %q, want it to start with %q", i, got[i], w)
		}
	}
}
