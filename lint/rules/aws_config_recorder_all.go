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
		ID:       "aws_config_recorder_all",
		Title:    c.Title,
		Severity: c.Severity,
		Controls: []controls.Control{c},
		Parts: []engine.Part{
			{ID: "is_enabled", Aliases: []string{"CKV2_AWS_45"}},
			{ID: "include_global_resource_types", Aliases: []string{"CKV2_AWS_48"}},
		},
		ResourceTypes: []string{"aws_config_configuration_recorder", "aws_config_configuration_recorder_status"},
		Rationale:     c.Rationale,
		Remediation: remediation("hardened_config_recorder does this by construction in every region, global "+
			"resource types in one, through the Config service-linked role.", c),
	}
}

func (AwsConfigRecorderAll) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if r.Type == "aws_config_configuration_recorder_status" {
		requireTrue(p, r, partOf(rep, "is_enabled"), "is_enabled", false, "the Config recorder is stopped")
		return
	}
	group := r.Attr("recording_group").Index(0)
	// A recording_group computed during apply makes its settings computed too.
	groupConfigured := func() bool { return p.AttrConfigured(r, "recording_group") }
	for _, f := range []struct {
		attr, msg string
		// part names the peer IDs of the check: checkov's all-supported check
		// (CKV2_AWS_45) reports on the recorder status, so only its global
		// resources check matches a finding on the recorder.
		part string
		// unsetDefault is what AWS Config records when the setting (or the
		// whole recording_group) is left unset.
		unsetDefault bool
	}{
		{"all_supported", "the recorder does not record all supported resource types", "", true},
		{"include_global_resource_types", "the recorder does not record global resources (IAM)", "include_global_resource_types", false},
	} {
		a := readValue("recording_group", f.attr, group.Get(f.attr), groupConfigured)
		b, ok := a.Bool()
		if f.attr == "include_global_resource_types" && (!ok || !b) && globalTypesRecordedElsewhere(p, r) {
			// CIS and AWS record global resource types in one region only: a
			// multi-region plan whose other recorder records them is right.
			continue
		}
		switch {
		case ok:
			if !b {
				rep.FailPart(f.part, a.Path(), "%s", f.msg)
			}
		case a.State == Computed:
			rep.UnknownPart(f.part, a.Path(), "%s is computed during apply", a.Path())
		case !f.unsetDefault:
			rep.FailPart(f.part, a.Path(), "%s (not set, and the default is false)", f.msg)
		}
	}
}

// globalTypesRecordedElsewhere reports whether another recorder of the plan
// records global resource types (include_global_resource_types known true).
// Summarised once per plan: the recorders in a plan are few, the question is
// asked for each.
func globalTypesRecordedElsewhere(p *plan.Plan, r *plan.Resource) bool {
	recorders, _ := p.Memo("config-recorders-recording-global-types", func() any {
		var out []*plan.Resource
		for _, o := range p.OfType("aws_config_configuration_recorder") {
			if b, ok := o.Attr("recording_group").Index(0).Get("include_global_resource_types").Bool(); ok && b {
				out = append(out, o)
			}
		}
		return out
	}).([]*plan.Resource)
	for _, o := range recorders {
		if o != r {
			return true
		}
	}
	return false
}
