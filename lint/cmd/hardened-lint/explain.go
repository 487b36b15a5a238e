package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	lintexamples "github.com/hardened-tf/terraform-provider-hardened/examples/lint"
	"github.com/hardened-tf/terraform-provider-hardened/lint/rules"
)

// explainAlias explains every rule that carries id as an alias (a checkov or
// trivy ID, as hardened-lint rules lists them, of the rule or of one of its
// parts), or else every rule it is related to; anything else is refused with
// the closest rule IDs and aliases.
func explainAlias(id string, stdout, stderr io.Writer) int {
	var carriers, related []string
	for _, r := range rules.All() {
		m := r.Metadata()
		if containsFold(m.AllAliases(), id) {
			carriers = append(carriers, m.ID)
		} else if containsFold(m.Related, id) {
			related = append(related, m.ID)
		}
	}
	what := "an alias of"
	if len(carriers) == 0 && len(related) > 0 {
		// Overlapping, not equivalent: say so rather than "no rule".
		carriers, what = related, "related to (overlapping, not equivalent)"
	}
	if len(carriers) == 0 {
		msg := fmt.Sprintf("hardened-lint: no rule %q", id)
		if near := closest(id, 3); len(near) > 0 {
			msg += "; did you mean " + strings.Join(near, ", ") + "?"
		}
		fmt.Fprintln(stderr, msg+" (hardened-lint rules lists every rule and alias)")
		return ExitError
	}
	fmt.Fprintf(stdout, "%s is %s %s\n", strings.ToUpper(id), what, strings.Join(carriers, ", "))
	for _, c := range carriers {
		fmt.Fprintln(stdout)
		if code := explain(c, stdout, stderr); code != ExitOK {
			return code
		}
	}
	return ExitOK
}

// closest returns up to n rule IDs and aliases nearest to id by edit distance
// (case-insensitive), only those close enough to be a typo of it.
func closest(id string, n int) []string {
	type cand struct {
		name string
		dist int
	}
	want := strings.ToLower(id)
	seen := map[string]bool{}
	var cands []cand
	consider := func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		lower := strings.ToLower(name)
		d := editDistance(want, lower)
		// A typo changes a few characters; a fragment ("admin_ports") names part of an ID.
		if d <= max(2, len(lower)/4) || (len(want) >= 4 && strings.Contains(lower, want)) {
			cands = append(cands, cand{name, d})
		}
	}
	for _, r := range rules.All() {
		m := r.Metadata()
		consider(m.ID)
		for _, a := range append(m.AllAliases(), m.Related...) {
			consider(a)
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].dist != cands[j].dist {
			return cands[i].dist < cands[j].dist
		}
		return cands[i].name < cands[j].name
	})
	var out []string
	for i := 0; i < len(cands) && i < n; i++ {
		out = append(out, cands[i].name)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b, by bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

func explain(id string, stdout, stderr io.Writer) int {
	r, ok := rules.Lookup(id)
	if !ok {
		return explainAlias(id, stdout, stderr)
	}
	m := r.Metadata()
	fmt.Fprintf(stdout, "%s (%s)\n%s\n\n", m.ID, m.Severity, m.Title)
	if len(m.ResourceTypes) > 0 {
		fmt.Fprintf(stdout, "Resource types: %s\n", strings.Join(m.ResourceTypes, ", "))
	}
	if len(m.DataSourceTypes) > 0 {
		fmt.Fprintf(stdout, "Data sources: %s\n", strings.Join(m.DataSourceTypes, ", "))
	}
	fmt.Fprintln(stdout, "Controls:")
	for _, c := range m.Controls {
		fmt.Fprintf(stdout, "  %s %s\n", c.ID, c.CiteAll())
	}
	if len(m.Aliases) > 0 {
		fmt.Fprintf(stdout, "Aliases: %s\n", strings.Join(m.Aliases, ", "))
	}
	for _, p := range m.Parts {
		fmt.Fprintf(stdout, "Aliases when %s fails: %s\n", p.ID, strings.Join(p.Aliases, ", "))
	}
	if len(m.Related) > 0 {
		fmt.Fprintf(stdout, "Related (overlapping, not equivalent): %s\n", strings.Join(m.Related, ", "))
	}
	fmt.Fprintf(stdout, "\nWhy: %s\n\nFix: %s\n", m.Rationale, m.Remediation)
	if bad, good, ok := lintexamples.Primary(m.ID); ok {
		fmt.Fprintf(stdout, "\nInsecure:\n%s\n", indent(strings.TrimRight(bad, "\n")))
		fmt.Fprintf(stdout, "\nSecure:\n%s\n", indent(strings.TrimRight(good, "\n")))
	}
	fmt.Fprintf(stdout, "\nMore: %s\n", m.Link())
	return ExitOK
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}
