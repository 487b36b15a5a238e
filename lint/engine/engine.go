// Package engine runs lint rules over a plan and turns their verdicts into
// findings: every evaluated (resource, rule) pair ends as pass, fail or unknown,
// then waivers, the unknown-value policy and sorting are applied in order.
package engine

import (
	"fmt"
	"math"
	"slices"
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
	// StatusRegression: the change itself weakens or deletes a security control
	// that exists now (see ChangeRule); it fails the run whatever fail_on says,
	// unless the policy's Regressions say otherwise.
	StatusRegression Status = "regression"
	// StatusReplaced: a change that would be a regression, but the same plan puts
	// an equivalent or stronger control in its place; shown as a note, never failing.
	StatusReplaced Status = "replaced"
	// StatusBaselined: a failure recorded in the baseline (--baseline), so not
	// failing the run (see BaselineFilter).
	StatusBaselined Status = "baselined"
)

// BaselineState is where a finding stands against a baseline (--baseline):
// "" without one.
type BaselineState string

const (
	// BaselineNew: the baseline does not record the finding.
	BaselineNew BaselineState = "new"
	// BaselineUnchanged: the baseline records it (the finding is baselined, or
	// waived, or its entry has expired and it fails again).
	BaselineUnchanged BaselineState = "unchanged"
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
	// PlanWide marks a rule that judges the plan as a whole (no trail records S3
	// data events): it reports with FailPlanWide, once per plan.
	PlanWide bool
	// ResourceTypes are the resource types Check is called for.
	ResourceTypes []string
	// DataSourceTypes are the data source types Check is called for: every data
	// source of those types the plan read (or will read), changed or not.
	DataSourceTypes []string
	Rationale       string
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
// part may name several parts, comma-separated (a port range covering SSH and
// RDP fails both peers' checks).
func (m Metadata) PartAliases(part, resourceType string) []string {
	out := append([]string(nil), m.Aliases...)
	parts := strings.Split(part, ",")
	for _, p := range m.Parts {
		if (part != "" && slices.Contains(parts, p.ID)) || (p.ResourceType != "" && p.ResourceType == resourceType) {
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

// HasPart reports whether the metadata declares the part (each of them, when
// part names several, comma-separated).
func (m Metadata) HasPart(part string) bool {
	for _, id := range strings.Split(part, ",") {
		if !slices.ContainsFunc(m.Parts, func(p Part) bool { return p.ID == id }) {
			return false
		}
	}
	return true
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

// ChangeRule is a rule on what a change does rather than on the state after it:
// CheckChange is called for every instance of Metadata().ResourceTypes that the
// plan updates, replaces or deletes, with its prior state readable through
// Resource.Before (a deleted instance is one of Plan.Deleted). It reports with
// Reporter.Regress. Check, the Rule method, is never called for it.
type ChangeRule interface {
	Rule
	CheckChange(p *plan.Plan, r *plan.Resource, rep *Reporter)
}

// Finding is the outcome of one rule on one resource instance.
type Finding struct {
	// Rule points at the rule's metadata, shared by all its findings of a run
	// (copying it, 184 bytes, into each of tens of thousands of findings made
	// findings three times larger).
	Rule         *Metadata
	Status       Status
	Address      string
	ResourceType string
	Attribute    string
	Message      string
	// Part is the part of the rule that failed (a Metadata.Parts ID), "" for
	// the whole rule; Aliases answers the peer IDs it carries.
	Part string
	// Note explains a status change by a filter (a waiver, an expired waiver).
	Note string
	// Waiver is set when a waiver applied.
	Waiver *Waiver
	// Baseline and Fingerprint are set by a BaselineFilter: the finding's state
	// against the baseline and its fingerprint there.
	Baseline    BaselineState
	Fingerprint string
}

// Aliases are the peer IDs equivalent to this finding: the rule's aliases and
// those of the part that failed (or of the resource type's part).
func (f *Finding) Aliases() []string {
	if f.Rule == nil {
		return nil
	}
	if len(f.Rule.Parts) == 0 {
		return f.Rule.Aliases
	}
	return f.Rule.PartAliases(f.Part, f.ResourceType)
}

// Sort orders findings deterministically: by address; within a resource by
// severity (critical first), then rule ID, attribute and message (findings
// equal in all of these keep their order). It sorts an index and then moves
// each finding once, rather than swapping whole findings at every step.
func Sort(fs []Finding) {
	if len(fs) < 2 {
		return
	}
	if len(fs) > math.MaxInt32 {
		slices.SortStableFunc(fs, func(a, b Finding) int { return compare(&a, &b) })
		return
	}
	var small [16]int32 // one resource's findings, mostly: sorted without allocating
	var idx []int32
	if len(fs) <= len(small) {
		idx = small[:len(fs)]
	} else {
		idx = make([]int32, len(fs))
	}
	for i := range idx {
		idx[i] = int32(i)
	}
	if len(idx) <= len(small) {
		// Insertion sort: stable, and few comparisons for a handful.
		for i := 1; i < len(idx); i++ {
			for j := i; j > 0 && compare(&fs[idx[j]], &fs[idx[j-1]]) < 0; j-- {
				idx[j], idx[j-1] = idx[j-1], idx[j]
			}
		}
	} else {
		slices.SortFunc(idx, func(i, j int32) int {
			if c := compare(&fs[i], &fs[j]); c != 0 {
				return c
			}
			return int(i - j)
		})
	}
	// fs[k] becomes the old fs[idx[k]]: follow each cycle of the permutation,
	// marking a place done by pointing it at itself.
	for k := range idx {
		if idx[k] == int32(k) {
			continue
		}
		tmp := fs[k]
		j := k
		for {
			next := int(idx[j])
			idx[j] = int32(j)
			if next == k {
				fs[j] = tmp
				break
			}
			fs[j] = fs[next]
			j = next
		}
	}
}

func compare(a, b *Finding) int {
	if c := strings.Compare(a.Address, b.Address); c != 0 {
		return c
	}
	if ra, rb := a.Rule.Severity.Rank(), b.Rule.Severity.Rank(); ra != rb {
		return rb - ra
	}
	if c := strings.Compare(a.Rule.ID, b.Rule.ID); c != 0 {
		return c
	}
	if c := strings.Compare(a.Attribute, b.Attribute); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}
