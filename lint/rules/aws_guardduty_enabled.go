package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsGuardDutyEnabled flags disabled GuardDuty detectors.
type AwsGuardDutyEnabled struct{}

func (AwsGuardDutyEnabled) Metadata() engine.Metadata {
	c := controls.GuardDutyEnabled
	return engine.Metadata{
		ID:            "aws_guardduty_enabled",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_238"},
		Related:       []string{"CKV2_AWS_3"},
		ResourceTypes: []string{"aws_guardduty_detector"},
		Rationale:     c.Rationale,
		Remediation: remediation("hardened_guardduty does this by construction: a detector in every governed "+
			"region, enabled, findings every 15 minutes, every protection plan on.", c),
	}
}

func (AwsGuardDutyEnabled) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireTrue(p, r, rep, "enable", true, "the GuardDuty detector is disabled")
}
