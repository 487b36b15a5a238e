// Package config reads .hardened-lint.hcl: the failure threshold, the unknown-value
// policy, per-rule settings and waivers. Errors carry file:line:column.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclparse"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// DefaultFile is looked up in the working directory when --config is not given.
const DefaultFile = ".hardened-lint.hcl"

// Config is the parsed file. Zero values mean "not set" so that flags and the
// environment can take precedence field by field.
type Config struct {
	FailOn  controls.Severity
	Unknown engine.UnknownPolicy
	// Regressions is what regressions do: fail (the default), warn or ignore.
	Regressions engine.RegressionPolicy
	// Baseline is the baseline file (--baseline), relative to the directory of
	// the configuration file.
	Baseline string
	// Rules maps a rule ID to its block.
	Rules   map[string]RuleConfig
	Waivers []engine.Waiver
}

// RuleConfig is a `rule "<id>" { enabled = bool, <options> }` block. Options are
// left in Body for the rule to decode against its own schema.
type RuleConfig struct {
	Enabled *bool
	Body    hcl.Body
	Range   hcl.Range
}

var fileSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "fail_on"},
		{Name: "unknown"},
		{Name: "regressions"},
		{Name: "baseline"},
	},
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "rule", LabelNames: []string{"id"}},
		{Type: "waiver", LabelNames: []string{"rule"}},
	},
}

var ruleSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "enabled"}}}

var waiverSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "address", Required: true},
		{Name: "reason", Required: true},
		{Name: "expires", Required: true},
	},
}

// Error is a configuration error with its location.
type Error struct{ Diags hcl.Diagnostics }

func (e *Error) Error() string {
	var lines []string
	for _, d := range e.Diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		loc := ""
		if d.Subject != nil {
			loc = fmt.Sprintf("%s:%d:%d: ", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		lines = append(lines, loc+msg)
	}
	return strings.Join(lines, "\n")
}

// Load reads a config file. A missing file is an error only when required.
func Load(path string, required bool) (*Config, error) {
	src, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !required {
		return &Config{Rules: map[string]RuleConfig{}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading config %s: %w", path, err)
	}
	return Parse(src, path)
}

// KnownRule reports whether a rule ID exists; set by the caller to validate rule blocks.
type KnownRule func(id string) bool

// Parse parses config source; filename is used in error locations.
func Parse(src []byte, filename string) (*Config, error) {
	f, diags := hclparse.NewParser().ParseHCL(src, filename)
	if diags.HasErrors() {
		return nil, &Error{diags}
	}
	content, diags := f.Body.Content(fileSchema)
	if diags.HasErrors() {
		return nil, &Error{diags}
	}
	cfg := &Config{Rules: map[string]RuleConfig{}}
	var all hcl.Diagnostics

	if a, ok := content.Attributes["fail_on"]; ok {
		var s string
		if d := gohcl.DecodeExpression(a.Expr, nil, &s); d.HasErrors() {
			all = append(all, d...)
		} else if sev, err := engine.ParseFailOn(s); err != nil {
			all = append(all, attrError(a, "Invalid fail_on", err.Error()))
		} else {
			cfg.FailOn = sev
		}
	}
	if a, ok := content.Attributes["unknown"]; ok {
		var s string
		if d := gohcl.DecodeExpression(a.Expr, nil, &s); d.HasErrors() {
			all = append(all, d...)
		} else if pol, err := engine.ParseUnknownPolicy(s); err != nil {
			all = append(all, attrError(a, "Invalid unknown", err.Error()))
		} else {
			cfg.Unknown = pol
		}
	}
	if a, ok := content.Attributes["regressions"]; ok {
		var s string
		if d := gohcl.DecodeExpression(a.Expr, nil, &s); d.HasErrors() {
			all = append(all, d...)
		} else if pol, err := engine.ParseRegressionPolicy(s); err != nil {
			all = append(all, attrError(a, "Invalid regressions", err.Error()))
		} else {
			cfg.Regressions = pol
		}
	}
	if a, ok := content.Attributes["baseline"]; ok {
		var s string
		if d := gohcl.DecodeExpression(a.Expr, nil, &s); d.HasErrors() {
			all = append(all, d...)
		} else if strings.TrimSpace(s) == "" {
			all = append(all, attrError(a, "Empty baseline", "baseline must name a baseline file (see hardened-lint baseline)"))
		} else {
			if !filepath.IsAbs(s) {
				s = filepath.Join(filepath.Dir(filename), s)
			}
			cfg.Baseline = s
		}
	}
	for _, b := range content.Blocks {
		switch b.Type {
		case "rule":
			id := b.Labels[0]
			if _, dup := cfg.Rules[id]; dup {
				all = append(all, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Duplicate rule block",
					Detail: fmt.Sprintf("rule %q is configured twice", id), Subject: b.LabelRanges[0].Ptr()})
				continue
			}
			rc := RuleConfig{Range: b.DefRange, Body: b.Body}
			rcContent, rest, d := b.Body.PartialContent(ruleSchema)
			all = append(all, d...)
			if a, ok := rcContent.Attributes["enabled"]; ok {
				var en bool
				if d := gohcl.DecodeExpression(a.Expr, nil, &en); d.HasErrors() {
					all = append(all, d...)
				} else {
					rc.Enabled = &en
				}
			}
			rc.Body = rest
			cfg.Rules[id] = rc
		case "waiver":
			w, d := decodeWaiver(b)
			all = append(all, d...)
			if !d.HasErrors() {
				cfg.Waivers = append(cfg.Waivers, w)
			}
		}
	}
	if all.HasErrors() {
		return nil, &Error{all}
	}
	return cfg, nil
}

func decodeWaiver(b *hcl.Block) (engine.Waiver, hcl.Diagnostics) {
	w := engine.Waiver{RuleID: b.Labels[0], Where: fmt.Sprintf("%s:%d", b.DefRange.Filename, b.DefRange.Start.Line)}
	content, diags := b.Body.Content(waiverSchema)
	if diags.HasErrors() {
		return w, diags
	}
	var expires string
	for name, dst := range map[string]*string{"address": &w.Address, "reason": &w.Reason, "expires": &expires} {
		a := content.Attributes[name]
		if d := gohcl.DecodeExpression(a.Expr, nil, dst); d.HasErrors() {
			diags = append(diags, d...)
			continue
		}
		if strings.TrimSpace(*dst) == "" {
			diags = append(diags, attrError(a, "Empty "+name, name+" must not be empty"))
		}
	}
	if diags.HasErrors() {
		return w, diags
	}
	t, err := time.Parse("2006-01-02", expires)
	if err != nil {
		diags = append(diags, attrError(content.Attributes["expires"], "Invalid expires",
			fmt.Sprintf("expires must be a date as YYYY-MM-DD, got %q", expires)))
	}
	w.Expires = t
	return w, diags
}

func attrError(a *hcl.Attribute, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: a.Expr.Range().Ptr()}
}

// CheckRuleIDs reports rule and waiver blocks that name no known rule.
func (c *Config) CheckRuleIDs(known KnownRule) error {
	var diags hcl.Diagnostics
	for id, rc := range c.Rules {
		if !known(id) {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown rule",
				Detail: fmt.Sprintf("no rule %q: see hardened-lint rules", id), Subject: rc.Range.Ptr()})
		}
	}
	for _, w := range c.Waivers {
		if !known(w.RuleID) {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown rule",
				Detail: fmt.Sprintf("waiver for unknown rule %q (%s): see hardened-lint rules", w.RuleID, w.Where)})
		}
	}
	if diags.HasErrors() {
		return &Error{diags}
	}
	return nil
}
