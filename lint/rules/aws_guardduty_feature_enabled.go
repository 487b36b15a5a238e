package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsGuardDutyFeatureEnabled flags a GuardDuty protection plan turned off: an
// aws_guardduty_detector_feature of a plan Security Hub checks (GuardDuty.5-13)
// with status DISABLED, or runtime monitoring enabled with one of its agent
// managements (additional_configuration) DISABLED. Features Security Hub does not
// check (EKS_RUNTIME_MONITORING, the legacy name; AI_PROTECTION) are not judged.
type AwsGuardDutyFeatureEnabled struct{}

func guardDutyFeatureControls() []controls.Control {
	out := make([]controls.Control, 0, len(controls.GuardDutyFeatures))
	for _, f := range controls.GuardDutyFeatures {
		out = append(out, f.Control)
	}
	return out
}

func (AwsGuardDutyFeatureEnabled) Metadata() engine.Metadata {
	cs := guardDutyFeatureControls()
	c := controls.GuardDutyRuntimeMonitoring
	return engine.Metadata{
		ID:            "aws_guardduty_feature_enabled",
		Title:         "GuardDuty protection plans (S3, EKS, malware, RDS, Lambda, runtime monitoring) are enabled",
		Severity:      c.Severity,
		Controls:      cs,
		ResourceTypes: []string{"aws_guardduty_detector_feature"},
		Rationale: "Each GuardDuty protection plan watches a data source the foundational detector does not: S3 data " +
			"events, EKS audit logs, EBS volumes of suspect instances, RDS logins, Lambda network activity and " +
			"workload runtime behaviour. A plan turned off is a blind spot Security Hub reports (GuardDuty.5-13).",
		Remediation: remediation("hardened_guardduty turns every plan on in every governed region; one may be "+
			"turned off only through disabled_features, with a reason.", cs...),
	}
}

func (AwsGuardDutyFeatureEnabled) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	name, status := read(p, r, "name"), read(p, r, "status")
	feature, judged := guardDutyFeatureNamed(name)
	if name.State == Computed {
		rep.Unknown(name.Path(), "the feature's name is computed during apply")
		return
	}
	if !judged {
		return
	}
	switch s, _ := status.Str(); {
	case status.State == Computed:
		rep.Unknown(status.Path(), "status is computed during apply")
		return
	case s == "DISABLED":
		rep.Fail(status.Path(), "%s is disabled: %s (Security Hub %s) is off", feature.Name, feature.Control.Title,
			feature.Control.Ref(controls.SecurityHub))
		return
	}
	r.Attr("additional_configuration").Each(func(_ int, elem plan.Value) {
		an := readIn(p, r, "additional_configuration", elem, "name")
		as := readIn(p, r, "additional_configuration", elem, "status")
		n, _ := an.Str()
		sub, ok := controls.GuardDutyFeatureByName(n)
		if !ok || sub.Parent != feature.Name {
			return
		}
		switch s, _ := as.Str(); {
		case as.State == Computed:
			rep.Unknown(as.Path(), "the status of %s is computed during apply", n)
		case s == "DISABLED":
			rep.Fail(as.Path(), "%s is disabled: %s (Security Hub %s) is off", n, sub.Control.Title,
				sub.Control.Ref(controls.SecurityHub))
		}
	})
}

// guardDutyFeatureNamed is the protection plan a feature resource configures,
// when it is one Security Hub checks (a detector feature, not an agent).
func guardDutyFeatureNamed(name Attr) (controls.GuardDutyFeature, bool) {
	n, ok := name.Str()
	if !ok {
		return controls.GuardDutyFeature{}, false
	}
	f, ok := controls.GuardDutyFeatureByName(n)
	return f, ok && f.Parent == ""
}
