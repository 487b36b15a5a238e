// Package engine runs lint rules over a plan and turns their verdicts into
// findings: every evaluated (resource, rule) pair ends as pass, fail or unknown,
// then waivers, the unknown-value policy and sorting are applied in order.
package engine

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// Status is a check's verdict.
type Status string

const (
	StatusPass    Status = "pass"
	StatusFail    Status = "fail"
	StatusUnknown Status = "unknown"
	StatusWaived  Status = "waived"
)

// ParseSeverity accepts critical, high, medium, low (any case). A rule's
// severity is the catalog's type, controls.Severity, printed as it is.
func ParseSeverity(s string) (controls.Severity, error) {
	switch sev := controls.Severity(strings.ToLower(s)); sev {
	case controls.SeverityCritical, controls.SeverityHigh, controls.SeverityMedium, controls.SeverityLow:
		return sev, nil
	}
	return "", fmt.Errorf("unknown severity %q: use low, medium, high or critical", s)
}

// Metadata describes a rule. Everything but Check lives here, so listing and
// documenting rules never runs them.
type Metadata struct {
	// ID is stable, snake_case, never reused.
	ID       string
	Title    string
	Severity controls.Severity
	// Controls are the catalog entries the rule implements.
	Controls []controls.Control
	// Aliases are the equivalent checkov and trivy IDs, for porting skip lists.
	Aliases []string
	// ResourceTypes are the resource types Check is called for.
	ResourceTypes []string
	Rationale     string
	// Remediation names the hardened_* resource that makes the finding impossible.
	// The rule's examples are files, not metadata: examples/lint/<ID>/{bad,good}.tf.
	Remediation string
}

// DocsBase is where rule documentation lives; a rule's page is DocsBase + ID + ".md".
const DocsBase = "https://github.com/hardened-tf/terraform-provider-hardened/blob/main/docs/lint/rules/"

// Link is the rule's documentation URL.
func (m Metadata) Link() string { return DocsBase + m.ID + ".md" }

// ControlRefs lists the controls as "HRD-IAM-002 (CIS AWS Foundations 1.8, Security Hub IAM.15)".
func (m Metadata) ControlRefs() []string {
	out := make([]string, 0, len(m.Controls))
	for _, c := range m.Controls {
		out = append(out, c.ID+" ("+c.Cite()+")")
	}
	return out
}

// Rule is one check. Embed DefaultRule so that methods added later have defaults.
type Rule interface {
	Metadata() Metadata
	// Check evaluates one resource instance of one of Metadata().ResourceTypes and
	// reports failures or unknowns; reporting nothing means pass.
	Check(p *plan.Plan, r *plan.Resource, rep *Reporter)
}

// Finding is the outcome of one rule on one resource instance.
type Finding struct {
	Rule         Metadata
	Status       Status
	Address      string
	ResourceType string
	Attribute    string
	Message      string
	// Note explains a status change by a filter (a waiver, an expired waiver).
	Note string
	// Waiver is set when a waiver applied.
	Waiver *Waiver
}

// Reporter collects a rule's verdicts on one resource.
type Reporter struct {
	rule     Metadata
	resource *plan.Resource
	out      *[]Finding
	reported bool
	// secrets are the resource's sensitive values, scrubbed from every message.
	secrets     []string
	secretsRead bool
}

// Fail reports that the resource breaks the rule at attribute.
func (rep *Reporter) Fail(attribute, format string, args ...any) {
	rep.add(StatusFail, attribute, fmt.Sprintf(format, args...))
}

// Unknown reports that the verdict depends on a value known only after apply.
func (rep *Reporter) Unknown(attribute, format string, args ...any) {
	rep.add(StatusUnknown, attribute, fmt.Sprintf(format, args...))
}

func (rep *Reporter) add(s Status, attribute, msg string) {
	rep.reported = true
	msg = rep.scrub(msg)
	*rep.out = append(*rep.out, Finding{
		Rule: rep.rule, Status: s, Address: rep.resource.Address, ResourceType: rep.resource.Type,
		Attribute: attribute, Message: msg,
	})
}

// Redacted replaces sensitive values in messages.
const Redacted = "(sensitive value)"

// scrub removes the resource's sensitive values from a message: a safety net
// under the rules, which already avoid printing values marked sensitive. Values
// shorter than 4 characters are left to the rules, to keep messages readable,
// but for numbers standing alone (ports); a label after a value ("3389 (RDP)")
// goes with it (see redact).
func (rep *Reporter) scrub(msg string) string {
	if !rep.secretsRead {
		rep.secrets = rep.resource.SensitiveStrings()
		sort.Slice(rep.secrets, func(i, j int) bool { return len(rep.secrets[i]) > len(rep.secrets[j]) })
		rep.secretsRead = true
	}
	for _, s := range rep.secrets {
		if strings.Contains(msg, s) {
			msg = redact(msg, s)
		}
	}
	return msg
}

// Options control a run.
type Options struct {
	// IncludeNoOp also evaluates resources the plan leaves unchanged (--all).
	IncludeNoOp bool
	// RecordPasses keeps every passing check in Report.Passes (JUnit lists them);
	// otherwise passes are only counted, which keeps memory flat on large plans.
	RecordPasses bool
}

// Report is the result of a run, before output filters.
type Report struct {
	// Resources is the number of resource instances some rule judged.
	Resources int
	// Findings holds the fail and unknown verdicts.
	Findings []Finding
	// Passes holds the passing (rule, resource) pairs when Options.RecordPasses is set.
	Passes []Finding
	// Checks counts every (rule, resource) pair evaluated.
	Checks int
}

// Run evaluates rules over the plan.
func Run(p *plan.Plan, rules []Rule, opts Options) *Report {
	type ruleMeta struct {
		rule Rule
		meta Metadata
	}
	byType := map[string][]ruleMeta{}
	for _, r := range rules {
		m := r.Metadata() // once per run, not per resource
		for _, t := range m.ResourceTypes {
			byType[t] = append(byType[t], ruleMeta{r, m})
		}
	}
	rep := &Report{}
	// One Reporter serves every check: allocating one per (rule, resource) pair
	// was a large share of a big plan's garbage. The resource's sensitive values,
	// read only when a message is reported, are kept across its rules.
	r := &Reporter{out: &rep.Findings}
	for _, res := range p.Resources {
		if !opts.IncludeNoOp && !res.Changed() {
			continue
		}
		rules := byType[res.Type]
		if len(rules) == 0 {
			continue
		}
		rep.Resources++
		r.resource, r.secrets, r.secretsRead = res, nil, false
		for i := range rules {
			rm := &rules[i]
			r.rule, r.reported = rm.meta, false
			rm.rule.Check(p, res, r)
			rep.Checks++
			if !r.reported && opts.RecordPasses {
				rep.Passes = append(rep.Passes, Finding{
					Rule: r.rule, Status: StatusPass, Address: res.Address, ResourceType: res.Type,
				})
			}
		}
	}
	return rep
}

// Sort orders findings deterministically: by address; within a resource by
// severity (critical first), then rule ID, attribute and message.
func Sort(fs []Finding) {
	sort.Slice(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if a.Address != b.Address {
			return a.Address < b.Address
		}
		if ra, rb := a.Rule.Severity.Rank(), b.Rule.Severity.Rank(); ra != rb {
			return ra > rb
		}
		if a.Rule.ID != b.Rule.ID {
			return a.Rule.ID < b.Rule.ID
		}
		if a.Attribute != b.Attribute {
			return a.Attribute < b.Attribute
		}
		return a.Message < b.Message
	})
}
