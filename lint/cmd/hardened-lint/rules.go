package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/lint/format"
	"github.com/hardened-tf/terraform-provider-hardened/lint/rules"
)

// The rules command: the rule list, as text or JSON.

type ruleJSON struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Severity string   `json:"severity"`
	Controls []string `json:"controls"`
	Aliases  []string `json:"aliases"`
	// Parts are the rule's separately aliased checks: a finding carries the
	// rule's aliases and those of the part that failed.
	Parts         []rulePartJSON `json:"parts,omitempty"`
	Related       []string       `json:"related"`
	ResourceTypes []string       `json:"resource_types"`
	// DataSourceTypes is set for rules that judge what a data source read.
	DataSourceTypes []string `json:"data_source_types,omitempty"`
	HelpURI         string   `json:"help_uri"`
}

type rulePartJSON struct {
	ID      string   `json:"id"`
	Aliases []string `json:"aliases"`
}

func listRules(args []string, w, stderr io.Writer) int {
	fs := flag.NewFlagSet("hardened-lint rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	formatName := fs.String("format", "text", "text or json")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "hardened-lint: usage: hardened-lint rules [--format text|json]")
		return ExitError
	}
	all := rules.All()
	switch *formatName {
	case "json":
		out := make([]ruleJSON, 0, len(all))
		for _, r := range all {
			m := r.Metadata()
			related := m.Related
			if related == nil {
				related = []string{}
			}
			var parts []rulePartJSON
			for _, p := range m.Parts {
				parts = append(parts, rulePartJSON{ID: p.ID, Aliases: p.Aliases})
			}
			out = append(out, ruleJSON{ID: m.ID, Title: m.Title, Severity: string(m.Severity),
				Controls: format.ControlList(m), Aliases: m.AllAliases(), Parts: parts, Related: related,
				ResourceTypes: m.ResourceTypes, DataSourceTypes: m.DataSourceTypes, HelpURI: m.Link()})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return ExitError
		}
		return ExitOK
	case "text":
	default:
		fmt.Fprintf(stderr, "hardened-lint: rules --format takes text or json, got %q\n", *formatName)
		return ExitError
	}
	fmt.Fprintf(w, "%-45s %-9s %-40s %s\n", "RULE", "SEVERITY", "CONTROLS", "ALIASES")
	for _, r := range all {
		m := r.Metadata()
		var ids []string
		for _, c := range m.Controls {
			ids = append(ids, c.ID)
		}
		fmt.Fprintf(w, "%-45s %-9s %-40s %s\n", m.ID, m.Severity, strings.Join(ids, ","), strings.Join(m.AllAliases(), ","))
	}
	return ExitOK
}
