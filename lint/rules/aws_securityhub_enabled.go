package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsSecurityHubEnabled reports an account baseline (GuardDuty or AWS Config in the
// plan) that does not enable Security Hub.
type AwsSecurityHubEnabled struct{}

func (AwsSecurityHubEnabled) Metadata() engine.Metadata {
	c := controls.SecurityHubEnabled
	return engine.Metadata{
		ID:            "aws_securityhub_enabled",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		PlanWide:      true,
		ResourceTypes: []string{"aws_guardduty_detector", "aws_config_configuration_recorder"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsSecurityHubEnabled) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if len(p.OfType("aws_securityhub_account")) > 0 {
		return
	}
	// One finding per plan: on the detector, or on the recorder when there is none.
	if r.Type == "aws_config_configuration_recorder" && len(p.OfType("aws_guardduty_detector")) > 0 {
		return
	}
	rep.FailPlanWide("", "the plan configures %s but no aws_securityhub_account enables Security Hub", r.Type)
}
