package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsEBSVolumeEncryption requires encrypted volumes: aws_ebs_volume, and the root and
// data volumes of aws_instance. A volume left unencrypted in configuration passes
// when the plan turns on aws_ebs_encryption_by_default.
type AwsEBSVolumeEncryption struct{}

func (AwsEBSVolumeEncryption) Metadata() engine.Metadata {
	c := controls.EBSVolumeEncryption
	return engine.Metadata{
		ID:       "aws_ebs_volume_encryption",
		Title:    c.Title,
		Severity: c.Severity,
		Controls: []controls.Control{c},
		Parts: []engine.Part{
			{ID: "aws_ebs_volume", ResourceType: "aws_ebs_volume", Aliases: []string{"CKV_AWS_3", "AWS-0026"}},
			{ID: "aws_instance", ResourceType: "aws_instance", Aliases: []string{"CKV_AWS_8", "AWS-0131"}},
		},
		ResourceTypes: []string{"aws_ebs_volume", "aws_instance"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsEBSVolumeEncryption) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	// Once per plan, not once per volume (a plan may set it in every module call).
	byDefault, _ := p.Memo("ebs-encryption-by-default", func() any {
		for _, d := range p.OfType("aws_ebs_encryption_by_default") {
			if b, ok := d.Attr("enabled").Bool(); ok && b {
				return true
			}
		}
		return false
	}).(bool)
	check := func(a Attr, what string) {
		if b, ok := a.Bool(); ok {
			if !b {
				rep.Fail(a.Path(), "%s is not encrypted (encrypted = false)", what)
			}
			return
		}
		switch {
		case byDefault:
		case a.State == Computed:
			rep.Unknown(a.Path(), "whether %s is encrypted is computed during apply", what)
		default:
			rep.Fail(a.Path(), "%s does not set encrypted = true, and the plan does not turn on EBS encryption by default", what)
		}
	}
	if r.Type == "aws_ebs_volume" {
		check(read(p, r, "encrypted"), "the volume")
		return
	}
	root := r.Attr("root_block_device")
	if root.Len() == 0 {
		// No root_block_device in the plan (or one shown as known after apply):
		// the root volume takes the AMI's setting, which the configuration never
		// computes, so it is never Computed.
		check(readValue("", "root_block_device", root, func() bool { return false }), "the root volume")
	}
	root.Each(func(_ int, v plan.Value) {
		check(readIn(p, r, "root_block_device", v, "encrypted"), "the root volume")
	})
	r.Attr("ebs_block_device").Each(func(i int, v plan.Value) {
		check(readIn(p, r, "ebs_block_device", v, "encrypted"), "an attached data volume")
	})
}
