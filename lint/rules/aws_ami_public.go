package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsAMIPublic flags AMI launch permissions for everyone.
type AwsAMIPublic struct{}

func (AwsAMIPublic) Metadata() engine.Metadata {
	c := controls.AMINotPublic
	return engine.Metadata{
		ID:            "aws_ami_public",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Related:       []string{"CKV_AWS_205"},
		ResourceTypes: []string{"aws_ami_launch_permission"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsAMIPublic) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if g, ok := r.Attr("group").Str(); ok && g == "all" {
		rep.Fail("group", "the AMI is shared with everyone (group = \"all\")")
	}
}
