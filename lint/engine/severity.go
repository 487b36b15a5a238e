package engine

import "github.com/hardened-tf/terraform-provider-hardened/internal/controls"

// Severity is the catalog's severity: a type alias, so rules, findings and
// controls share one severity type. New code names controls.Severity.
type Severity = controls.Severity

// The severities under their former engine names; they are the catalog's
// constants.
const (
	SeverityCritical = controls.SeverityCritical
	SeverityHigh     = controls.SeverityHigh
	SeverityMedium   = controls.SeverityMedium
	SeverityLow      = controls.SeverityLow
	SeverityInfo     = controls.SeverityInfo
)

// FromControl returns s: a rule's severity is its control's.
//
// Deprecated: set Metadata.Severity to the control's Severity directly.
func FromControl(s controls.Severity) controls.Severity { return s }
