package agreement

import (
	"fmt"
	"sort"
	"strings"
)

// Rule is a lint rule as the agreement check sees it (from its Metadata).
type Rule struct {
	ID            string
	Controls      []string
	ResourceTypes []string
	Aliases       []string
}

// Pair names a control on a hardened resource.
type Pair struct {
	Resource, Control string
}

// Input is both halves of the project and the written reasons for where they differ.
type Input struct {
	// Controls are the IDs of every control in the catalog.
	Controls []string
	// Rules are the linter's rules.
	Rules []Rule
	// Enforced maps each hardened_* resource to the controls it documents as enforced.
	Enforced map[string][]string
	// Equivalents maps each hardened_* resource to the aws_* resource types that
	// configure what it manages.
	Equivalents map[string][]string
	// NotLinted: a control a hardened resource enforces that no lint rule checks
	// on its aws_* equivalents, and why.
	NotLinted map[Pair]string
	// NotEnforced: a control a lint rule checks on an aws_* equivalent of a
	// hardened resource that the resource does not enforce, and why.
	NotEnforced map[Pair]string
	// AliasReasons maps a rule ID and one of its aliases to why the peer check
	// fails where the rule does.
	AliasReasons map[string]map[string]string
}

// Check returns every disagreement, sorted; none when the halves agree.
func Check(in Input) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }

	used := map[string]bool{}
	for _, r := range in.Rules {
		for _, c := range r.Controls {
			used[c] = true
		}
	}
	for _, ids := range in.Enforced {
		for _, c := range ids {
			used[c] = true
		}
	}
	known := map[string]bool{}
	for _, c := range in.Controls {
		known[c] = true
		if !used[c] {
			add("control %s is used by no lint rule and no provider resource: write the rule or the resource that "+
				"checks it, or remove it from the catalog", c)
		}
	}
	for c := range used {
		if !known[c] {
			add("control %s is used but not in the catalog", c)
		}
	}

	for res := range in.Enforced {
		if len(in.Equivalents[res]) == 0 {
			add("%s has no aws_* equivalents: add it to the equivalents table", res)
		}
	}
	for res := range in.Equivalents {
		if _, ok := in.Enforced[res]; !ok {
			add("equivalents table names %s, which the provider does not have", res)
		}
	}

	// checked[aws type][control]: a rule checks the control on that type.
	checked := map[string]map[string]bool{}
	for _, r := range in.Rules {
		for _, t := range r.ResourceTypes {
			if checked[t] == nil {
				checked[t] = map[string]bool{}
			}
			for _, c := range r.Controls {
				checked[t][c] = true
			}
		}
	}
	needLinted, needEnforced := map[Pair]bool{}, map[Pair]bool{}
	for res, ids := range in.Enforced {
		enforced := map[string]bool{}
		for _, c := range ids {
			enforced[c] = true
			linted := false
			for _, t := range in.Equivalents[res] {
				linted = linted || checked[t][c]
			}
			if !linted {
				needLinted[Pair{res, c}] = true
				if in.NotLinted[Pair{res, c}] == "" {
					add("%s enforces %s but no lint rule checks it on %s: write the rule, or add a one-line reason "+
						"to the notLinted table", res, c, strings.Join(in.Equivalents[res], ", "))
				}
			}
		}
		for _, t := range in.Equivalents[res] {
			for c := range checked[t] {
				if !enforced[c] && !needEnforced[Pair{res, c}] {
					needEnforced[Pair{res, c}] = true
					if in.NotEnforced[Pair{res, c}] == "" {
						add("a lint rule checks %s on %s but %s does not enforce it: enforce and document it, or "+
							"add a one-line reason to the notEnforced table", c, t, res)
					}
				}
			}
		}
	}
	for p, reason := range in.NotLinted {
		if !needLinted[p] {
			add("notLinted lists %s on %s, which a lint rule checks (or the resource does not enforce): remove "+
				"the entry", p.Control, p.Resource)
		}
		checkReason(add, "notLinted "+p.Resource+" "+p.Control, reason)
	}
	for p, reason := range in.NotEnforced {
		if !needEnforced[p] {
			add("notEnforced lists %s on %s, which the resource enforces (or no rule checks on its equivalents): "+
				"remove the entry", p.Control, p.Resource)
		}
		checkReason(add, "notEnforced "+p.Resource+" "+p.Control, reason)
	}

	rules := map[string]Rule{}
	for _, r := range in.Rules {
		rules[r.ID] = r
		for _, a := range r.Aliases {
			if in.AliasReasons[r.ID][a] == "" {
				add("rule %s: alias %s has no justification line in the alias table", r.ID, a)
			}
		}
	}
	for id, reasons := range in.AliasReasons {
		for a, reason := range reasons {
			r, ok := rules[id]
			if !ok || !contains(r.Aliases, a) {
				add("the alias table justifies %s on %s, which the rule does not list: remove the entry", a, id)
			}
			checkReason(add, "alias "+id+" "+a, reason)
		}
	}

	sort.Strings(out)
	return out
}

// checkReason: a reason is one non-empty line.
func checkReason(add func(string, ...any), where, reason string) {
	if strings.TrimSpace(reason) == "" || strings.ContainsAny(reason, "\n\r") {
		add("%s: the reason must be one non-empty line, got %q", where, reason)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
