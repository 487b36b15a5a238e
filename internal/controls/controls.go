// Package controls is the single source of truth for every security control the
// project enforces. The provider's validators and the linter's rules both read
// these entries, so a threshold changed here changes both halves at once.
package controls

import (
	"fmt"
	"sort"
	"strings"
)

// Severity ranks how much a failed control weakens an account. It is the one
// severity type of the project: the linter's rules carry it and print it as it
// is (lower case: text, JSON, SARIF, fail_on); the catalog's tables print Upper.
type Severity string

const (
	SeverityCritical Severity = "critical"
	SeverityHigh     Severity = "high"
	SeverityMedium   Severity = "medium"
	SeverityLow      Severity = "low"
	SeverityInfo     Severity = "info"
)

// Upper is the severity as the catalog's documents print it: "HIGH".
func (s Severity) Upper() string { return strings.ToUpper(string(s)) }

// Rank orders severities: a higher rank is more severe. Unknown severities rank 0.
func (s Severity) Rank() int {
	switch s {
	case SeverityCritical:
		return 5
	case SeverityHigh:
		return 4
	case SeverityMedium:
		return 3
	case SeverityLow:
		return 2
	case SeverityInfo:
		return 1
	}
	return 0
}

// Framework names a published benchmark or standard a control maps to.
type Framework string

const (
	CISv120     Framework = "CIS AWS Foundations v1.2.0"
	CISv140     Framework = "CIS AWS Foundations v1.4.0"
	CISv300     Framework = "CIS AWS Foundations v3.0.0"
	CISv500     Framework = "CIS AWS Foundations v5.0.0"
	SecurityHub Framework = "AWS Security Hub FSBP"
)

// citedCIS is the CIS version named in short citations (error messages). v3.0.0 is
// the version behind Security Hub's current CIS standard.
const citedCIS = CISv300

// Reference maps a control to one framework's identifier for it.
type Reference struct {
	Framework Framework
	ID        string
}

// Control is one security practice: what it requires, why, how to fix a violation,
// the threshold it is measured against (if any) and where published guidance lists it.
type Control struct {
	// ID is stable: it never changes once published (rules, waivers and SARIF use it).
	ID          string
	Title       string
	Severity    Severity
	Rationale   string
	Remediation string
	// Threshold is the control's numeric limit and whether it is a floor or a
	// ceiling; the zero Threshold when the control has none.
	Threshold Threshold
	// Ports lists the TCP/UDP ports a network control protects, if any.
	Ports []Port
	// References lists framework identifiers, oldest framework first.
	References []Reference
}

// Port is a port or an inclusive range of ports, with the service it carries.
type Port struct {
	From, To int
	Service  string
}

// String renders "22 (SSH)" or "137-139 (NetBIOS)".
func (p Port) String() string {
	if p.From == p.To {
		return fmt.Sprintf("%d (%s)", p.From, p.Service)
	}
	return fmt.Sprintf("%d-%d (%s)", p.From, p.To, p.Service)
}

// PortsIn returns the control's protected ports that overlap the range from..to.
func (c Control) PortsIn(from, to int) []Port {
	var out []Port
	for _, p := range c.Ports {
		if p.From <= to && from <= p.To {
			out = append(out, p)
		}
	}
	return out
}

// Ref returns the control's identifier in the given framework, or "".
func (c Control) Ref(f Framework) string {
	for _, r := range c.References {
		if r.Framework == f {
			return r.ID
		}
	}
	return ""
}

// Cite is the short citation used in error messages, such as
// "CIS AWS Foundations 1.8, Security Hub IAM.15". It names the CIS v3.0.0 number
// (the version behind Security Hub's CIS standard); a control that only another
// CIS version lists is cited with that version, e.g. "CIS AWS Foundations v1.2.0 1.7".
func (c Control) Cite() string {
	var parts []string
	if id := c.Ref(citedCIS); id != "" {
		parts = append(parts, "CIS AWS Foundations "+id)
	} else {
		for _, f := range []Framework{CISv500, CISv140, CISv120} {
			if id := c.Ref(f); id != "" {
				parts = append(parts, string(f)+" "+id)
				break
			}
		}
	}
	if sh := c.Ref(SecurityHub); sh != "" {
		parts = append(parts, "Security Hub "+sh)
	}
	if len(parts) == 0 {
		return "control " + c.ID
	}
	return strings.Join(parts, ", ")
}

// CiteAll lists every framework reference, e.g. for documentation and rule metadata.
func (c Control) CiteAll() string {
	parts := make([]string, 0, len(c.References))
	for _, r := range c.References {
		parts = append(parts, fmt.Sprintf("%s %s", r.Framework, r.ID))
	}
	return strings.Join(parts, "; ")
}

var byID = map[string]Control{}

// register adds a control to the catalog; IDs must be unique.
func register(c Control) Control {
	if _, dup := byID[c.ID]; dup {
		panic("controls: duplicate control ID " + c.ID)
	}
	byID[c.ID] = c
	return c
}

// Lookup returns the control with the given ID.
func Lookup(id string) (Control, bool) {
	c, ok := byID[id]
	return c, ok
}

// All returns every control, sorted by ID.
func All() []Control {
	out := make([]Control, 0, len(byID))
	for _, c := range byID {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
