package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsInstanceIMDSv2 requires IMDSv2 on instances, launch templates and launch
// configurations. An instance that leaves metadata_options to its launch template
// is judged on the template's setting, found through the plan's configuration
// references or known values.
type AwsInstanceIMDSv2 struct{}

func (AwsInstanceIMDSv2) Metadata() engine.Metadata {
	c := controls.IMDSv2Required
	return engine.Metadata{
		ID:       "aws_instance_imdsv2",
		Title:    c.Title,
		Severity: c.Severity,
		Controls: []controls.Control{c},
		Aliases:  []string{"CKV_AWS_79"},
		// trivy splits instances from launch templates and configurations.
		Parts: []engine.Part{
			{ID: "aws_instance", ResourceType: "aws_instance", Aliases: []string{"AWS-0028"}},
			{ID: "aws_launch_template", ResourceType: "aws_launch_template", Aliases: []string{"AWS-0130"}},
			{ID: "aws_launch_configuration", ResourceType: "aws_launch_configuration", Aliases: []string{"AWS-0130"}},
		},
		ResourceTypes: []string{"aws_instance", "aws_launch_template", "aws_launch_configuration"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsInstanceIMDSv2) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	switch v, tokens := imdsTokens(p, r); v {
	case imdsOptional:
		rep.Fail("metadata_options.http_tokens", "http_tokens is %q: IMDSv1 stays available", tokens.Shown())
	case imdsComputed:
		rep.Unknown("metadata_options.http_tokens", "http_tokens is computed during apply")
	case imdsUnset:
		// A metadata_options block of the instance replaces the template's as a
		// whole (RunInstances parameters override the template's): only an
		// instance that sets none takes the template's http_tokens.
		if r.Type == "aws_instance" && r.Attr("launch_template").Len() > 0 && !p.AttrConfigured(r, "metadata_options") {
			checkInstanceTemplate(p, r, rep)
			return
		}
		rep.Fail("metadata_options.http_tokens", "metadata_options does not set http_tokens = \"required\": the AMI's default may allow IMDSv1")
	}
}

// imdsSetting is what a resource's own metadata_options say of IMDSv2.
type imdsSetting int

const (
	imdsRequired imdsSetting = iota // http_tokens = "required", or no metadata service at all
	imdsOptional                    // http_tokens set to anything else
	imdsComputed                    // http_tokens set from a value computed during apply
	imdsUnset                       // http_tokens not set: the AMI's or the template's default applies
)

// imdsTokens reads metadata_options.http_tokens of an instance, launch template or
// launch configuration.
func imdsTokens(p *plan.Plan, r *plan.Resource) (imdsSetting, Attr) {
	opts := r.Attr("metadata_options")
	tokens := readIn(p, r, "metadata_options", opts.Index(0), "http_tokens")
	if s, ok := tokens.Str(); ok {
		if s != "required" {
			return imdsOptional, tokens
		}
		return imdsRequired, tokens
	}
	if endpoint, ok := opts.Index(0).Get("http_endpoint").Str(); ok && endpoint == "disabled" {
		return imdsRequired, tokens // no metadata service at all
	}
	if tokens.State == Computed && opts.Len() > 0 {
		return imdsComputed, tokens
	}
	return imdsUnset, tokens
}

// checkInstanceTemplate judges an instance that leaves http_tokens to its launch
// template: on the template's own setting when the template is in the plan, and
// as unknown when it is not (an existing template, or one chosen during apply).
func checkInstanceTemplate(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	const attr = "metadata_options.http_tokens"
	templates := p.Referenced(r, "launch_template.id", "aws_launch_template")
	if len(templates) == 0 {
		templates = p.Referenced(r, "launch_template.name", "aws_launch_template")
	}
	if len(templates) == 0 {
		rep.Unknown(attr, "metadata_options comes from a launch template that is not in the plan, so whether it requires IMDSv2 cannot be decided")
		return
	}
	// The worst template decides: optional, then unset, then computed.
	rank := map[imdsSetting]int{imdsRequired: 0, imdsComputed: 1, imdsUnset: 2, imdsOptional: 3}
	worst := imdsRequired
	var by *plan.Resource
	var tokens Attr
	for _, t := range templates {
		if v, a := imdsTokens(p, t); rank[v] > rank[worst] {
			worst, by, tokens = v, t, a
		}
	}
	switch worst {
	case imdsOptional:
		rep.Fail(attr, "the instance takes metadata_options from %s, whose http_tokens is %q: IMDSv1 stays available", by.Address, tokens.Shown())
	case imdsUnset:
		rep.Fail(attr, "neither the instance nor its launch template %s sets http_tokens = \"required\": the AMI's default may allow IMDSv1", by.Address)
	case imdsComputed:
		rep.Unknown(attr, "the instance takes metadata_options from %s, whose http_tokens is computed during apply", by.Address)
	}
}
