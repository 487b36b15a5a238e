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

// Severity is a rule's severity, lower case as printed.
type Severity string

const (
	SeverityCritical Severity = "critical"
	SeverityHigh     Severity = "high"
	SeverityMedium   Severity = "medium"
	SeverityLow      Severity = "low"
	SeverityInfo     Severity = "info"
)

// ParseSeverity accepts critical, high, medium, low (any case).
func ParseSeverity(s string) (Severity, error) {
	switch sev := Severity(strings.ToLower(s)); sev {
	case SeverityCritical, SeverityHigh, SeverityMedium, SeverityLow:
		return sev, nil
	}
	return "", fmt.Errorf("unknown severity %q: use low, medium, high or critical", s)
}

// Rank orders severities (critical highest).
func (s Severity) Rank() int { return controls.Severity(strings.ToUpper(string(s))).Rank() }

// FromControl maps a catalog severity to a rule severity.
func FromControl(s controls.Severity) Severity { return Severity(strings.ToLower(string(s))) }

// Metadata describes a rule. Everything but Check lives here, so listing and
// documenting rules never runs them.
type Metadata struct {
	// ID is stable, snake_case, never reused.
	ID       string
	Title    string
	Severity Severity
	// Controls are the catalog entries the rule implements.
	Controls []controls.Control
	// Aliases are the checkov and trivy IDs equivalent to every finding of the
	// rule: the peer check and this rule agree on the same input. Every finding
	// carries them.
	Aliases []string
	// Parts name the separate things a rule checks whose peer IDs differ: a
	// finding reported with FailPart or UnknownPart carries Aliases plus its
	// part's aliases only (a password policy missing symbols is not failing the
	// peers' uppercase check).
	Parts []Part
	// Related are peer IDs that overlap the rule without being equivalent (this
	// rule is stricter, or covers a different port set): listed for reference,
	// never carried by a finding.
	Related []string
	// ResourceTypes are the resource types Check is called for.
	ResourceTypes []string
	Rationale     string
	// Remediation names the hardened_* resource that makes the finding impossible.
	// The rule's examples are files, not metadata: examples/lint/<ID>/{bad,good}.tf.
	Remediation string
}

// Part is one separately aliased thing a rule checks.
type Part struct {
	// ID names the part in FailPart calls, e.g. "require_symbols".
	ID string
	// ResourceType, when set, makes every finding on that resource type carry
	// the part's aliases (a peer check that judges only aws_db_instance).
	ResourceType string
	// Aliases are the peer IDs equivalent to this part.
	Aliases []string
}

// PartAliases answers the aliases a finding of the part on a resource type
// carries: the rule's own, the part's and those of the resource type's part.
func (m Metadata) PartAliases(part, resourceType string) []string {
	out := append([]string(nil), m.Aliases...)
	for _, p := range m.Parts {
		if (part != "" && p.ID == part) || (p.ResourceType != "" && p.ResourceType == resourceType) {
			for _, a := range p.Aliases {
				if !contains(out, a) {
					out = append(out, a)
				}
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// HasPart reports whether the metadata declares the part.
func (m Metadata) HasPart(part string) bool {
	for _, p := range m.Parts {
		if p.ID == part {
			return true
		}
	}
	return false
}

// AllAliases lists every alias a finding of the rule can carry, the rule's own
// first, each once.
func (m Metadata) AllAliases() []string {
	out := []string{}
	seen := map[string]bool{}
	add := func(ids []string) {
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	add(m.Aliases)
	for _, p := range m.Parts {
		add(p.Aliases)
	}
	return out
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
	// Part is the part of the rule that failed ("" for the whole rule).
	Part string
	// Aliases are the peer IDs equivalent to this finding: the rule's aliases
	// and those of the part that failed.
	Aliases []string
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
	// planWide holds the plan-wide findings already reported, by rule ID.
	planWide map[string]bool
}

// Fail reports that the resource breaks the rule at attribute.
func (rep *Reporter) Fail(attribute, format string, args ...any) {
	rep.add(StatusFail, "", attribute, fmt.Sprintf(format, args...))
}

// FailPart reports that the resource breaks one part of the rule (a
// Metadata.Parts ID): the finding carries that part's aliases only.
func (rep *Reporter) FailPart(part, attribute, format string, args ...any) {
	rep.add(StatusFail, part, attribute, fmt.Sprintf(format, args...))
}

// FailPlanWide reports a failure of the plan as a whole (no trail records S3
// data events): the first resource judged carries it, the others report
// nothing more and do not pass either. A rule reports one plan-wide finding.
func (rep *Reporter) FailPlanWide(attribute, format string, args ...any) {
	if rep.planWide[rep.rule.ID] {
		rep.reported = true
		return
	}
	if rep.planWide == nil {
		rep.planWide = map[string]bool{}
	}
	rep.planWide[rep.rule.ID] = true
	rep.add(StatusFail, "", attribute, fmt.Sprintf(format, args...))
}

// Unknown reports that the verdict depends on a value known only after apply.
func (rep *Reporter) Unknown(attribute, format string, args ...any) {
	rep.add(StatusUnknown, "", attribute, fmt.Sprintf(format, args...))
}

// UnknownPart is Unknown for one part of the rule.
func (rep *Reporter) UnknownPart(part, attribute, format string, args ...any) {
	rep.add(StatusUnknown, part, attribute, fmt.Sprintf(format, args...))
}

func (rep *Reporter) add(s Status, part, attribute, msg string) {
	rep.reported = true
	msg = rep.scrub(msg)
	aliases := rep.rule.Aliases
	if len(rep.rule.Parts) > 0 {
		aliases = rep.rule.PartAliases(part, rep.resource.Type)
	}
	*rep.out = append(*rep.out, Finding{
		Rule: rep.rule, Status: s, Address: rep.resource.Address, ResourceType: rep.resource.Type,
		Attribute: attribute, Message: msg, Part: part, Aliases: aliases,
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
	// ChangesOnly judges only the resources the plan creates, updates or
	// replaces (--changes-only). By default every resource instance that exists
	// after apply is judged, unchanged (no-op) ones included: a plan of existing
	// infrastructure is a full audit, as checkov's and trivy's are.
	ChangesOnly bool
	// RecordPasses keeps every passing check in Report.Passes (JUnit lists them);
	// otherwise passes are only counted, which keeps memory flat on large plans.
	RecordPasses bool
}

// Report is the result of a run, before output filters.
type Report struct {
	// Resources is the number of resource instances some rule judged.
	Resources int
	// Changing is how many of them the plan creates, updates or replaces.
	Changing int
	// Unchanged counts the no-op resources of the rules' types that
	// Options.ChangesOnly left unjudged.
	Unchanged int
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
		changed := res.Changed()
		rules := byType[res.Type]
		if len(rules) == 0 {
			continue
		}
		if opts.ChangesOnly && !changed {
			rep.Unchanged++
			continue
		}
		rep.Resources++
		if changed {
			rep.Changing++
		}
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
		if ra, rb := rank(a.Rule.Severity), rank(b.Rule.Severity); ra != rb {
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
