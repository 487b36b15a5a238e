package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsConfigRecorderAll checks the Config recorder's scope and its status.
type AwsConfigRecorderAll struct{}

func (AwsConfigRecorderAll) Metadata() engine.Metadata {
	c := controls.ConfigRecorderAll
	return engine.Metadata{
		ID:            "aws_config_recorder_all",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		ResourceTypes: []string{"aws_config_configuration_recorder", "aws_config_configuration_recorder_status"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsConfigRecorderAll) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if r.Type == "aws_config_configuration_recorder_status" {
		requireTrue(p, r, rep, "is_enabled", false, "the Config recorder is stopped")
		return
	}
	group := r.Attr("recording_group").Index(0)
	// A recording_group computed during apply makes its settings computed too.
	groupConfigured := func() bool { return p.AttrConfigured(r, "recording_group") }
	for _, f := range []struct {
		attr, msg string
		// unsetDefault is what AWS Config records when the setting (or the
		// whole recording_group) is left unset.
		unsetDefault bool
	}{
		{"all_supported", "the recorder does not record all supported resource types", true},
		{"include_global_resource_types", "the recorder does not record global resources (IAM)", false},
	} {
		a := readValue("recording_group", f.attr, group.Get(f.attr), groupConfigured)
		b, ok := a.Bool()
		switch {
		case ok:
			if !b {
				rep.Fail(a.Path(), "%s", f.msg)
			}
		case a.State == Computed:
			rep.Unknown(a.Path(), "%s is computed during apply", a.Path())
		case !f.unsetDefault:
			rep.Fail(a.Path(), "%s (not set, and the default is false)", f.msg)
		}
	}
}
