package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

func controlMeta(id string, c controls.Control, types, aliases []string, bad, good string) engine.Metadata {
	return engine.Metadata{
		ID: id, Title: c.Title, Severity: engine.FromControl(c.Severity), Controls: []controls.Control{c},
		Aliases: aliases, ResourceTypes: types, Rationale: c.Rationale, Remediation: c.Remediation,
		BadExample: bad, GoodExample: good,
	}
}

// AwsEBSVolumeEncryption requires encrypted volumes: aws_ebs_volume, and the root and
// data volumes of aws_instance. A volume left unencrypted in configuration passes
// when the plan turns on aws_ebs_encryption_by_default.
type AwsEBSVolumeEncryption struct{}

func (AwsEBSVolumeEncryption) Metadata() engine.Metadata {
	return controlMeta("aws_ebs_volume_encryption", controls.EBSVolumeEncryption,
		[]string{"aws_ebs_volume", "aws_instance"}, []string{"CKV_AWS_3", "CKV_AWS_8", "AWS-0026", "AWS-0131"},
		"resource \"aws_ebs_volume\" \"v\" {\n  availability_zone = \"us-east-1a\"\n  size              = 50\n  encrypted         = false\n}",
		"resource \"aws_ebs_volume\" \"v\" {\n  availability_zone = \"us-east-1a\"\n  size              = 50\n  encrypted         = true\n}")
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
	check := func(v plan.Value, configured bool, attr, what string) {
		if b, ok := v.Bool(); ok {
			if !b {
				rep.Fail(attr, "%s is not encrypted (encrypted = false)", what)
			}
			return
		}
		switch {
		case byDefault:
		case v.Unknown() && configured:
			rep.Unknown(attr, "whether %s is encrypted is computed during apply", what)
		default:
			rep.Fail(attr, "%s does not set encrypted = true, and the plan does not turn on EBS encryption by default", what)
		}
	}
	if r.Type == "aws_ebs_volume" {
		check(r.Attr("encrypted"), p.AttrConfigured(r, "encrypted"), "encrypted", "the volume")
		return
	}
	root := r.Attr("root_block_device")
	if root.Len() == 0 {
		check(root, false, "root_block_device", "the root volume")
	}
	// Left unset in a block, encrypted is shown as known after apply like a
	// computed one: only an encrypted the configuration sets is unknown.
	root.Each(func(_ int, v plan.Value) {
		check(v.Get("encrypted"), p.NestedAttrConfigured(r, "root_block_device", "encrypted"), "root_block_device.encrypted", "the root volume")
	})
	r.Attr("ebs_block_device").Each(func(i int, v plan.Value) {
		check(v.Get("encrypted"), p.NestedAttrConfigured(r, "ebs_block_device", "encrypted"), "ebs_block_device.encrypted", "an attached data volume")
	})
}

// AwsEBSEncryptionByDefault flags turning EBS encryption by default off.
type AwsEBSEncryptionByDefault struct{}

func (AwsEBSEncryptionByDefault) Metadata() engine.Metadata {
	return controlMeta("aws_ebs_encryption_by_default", controls.EBSEncryptionByDefault,
		[]string{"aws_ebs_encryption_by_default"}, []string{"CKV_AWS_106"},
		"resource \"aws_ebs_encryption_by_default\" \"this\" {\n  enabled = false\n}",
		"resource \"aws_ebs_encryption_by_default\" \"this\" {\n  enabled = true\n}")
}

func (AwsEBSEncryptionByDefault) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireTrue(p, r, rep, "enabled", true, "EBS encryption by default is turned off")
}

// AwsInstanceIMDSv2 requires IMDSv2 on instances and launch templates.
type AwsInstanceIMDSv2 struct{}

func (AwsInstanceIMDSv2) Metadata() engine.Metadata {
	return controlMeta("aws_instance_imdsv2", controls.IMDSv2Required,
		[]string{"aws_instance", "aws_launch_template"}, []string{"CKV_AWS_79", "AWS-0028", "AWS-0130"},
		"resource \"aws_instance\" \"i\" {\n  ami           = \"ami-0123456789abcdef0\"\n  instance_type = \"t3.micro\"\n  metadata_options {\n    http_tokens = \"optional\"\n  }\n}",
		"resource \"aws_instance\" \"i\" {\n  ami           = \"ami-0123456789abcdef0\"\n  instance_type = \"t3.micro\"\n  metadata_options {\n    http_tokens = \"required\"\n  }\n}")
}

func (AwsInstanceIMDSv2) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	opts := r.Attr("metadata_options")
	tokens := opts.Index(0).Get("http_tokens")
	if s, ok := tokens.Str(); ok {
		if s != "required" {
			rep.Fail("metadata_options.http_tokens", "http_tokens is %q: IMDSv1 stays available", s)
		}
		return
	}
	if endpoint, ok := opts.Index(0).Get("http_endpoint").Str(); ok && endpoint == "disabled" {
		return // no metadata service at all
	}
	// Left unset in a metadata_options block, http_tokens is shown as known after
	// apply like a computed one: only a configured value is unknown.
	if tokens.Unknown() && p.NestedAttrConfigured(r, "metadata_options", "http_tokens") && opts.Len() > 0 {
		rep.Unknown("metadata_options.http_tokens", "http_tokens is computed during apply")
		return
	}
	rep.Fail("metadata_options.http_tokens", "metadata_options does not set http_tokens = \"required\": the AMI's default may allow IMDSv1")
}

// AwsKMSKeyRotation requires rotation on symmetric customer-managed keys.
type AwsKMSKeyRotation struct{}

func (AwsKMSKeyRotation) Metadata() engine.Metadata {
	return controlMeta("aws_kms_key_rotation", controls.KMSKeyRotation,
		[]string{"aws_kms_key"}, []string{"CKV_AWS_7", "AWS-0065"},
		"resource \"aws_kms_key\" \"k\" {\n  description         = \"data\"\n  enable_key_rotation = false\n}",
		"resource \"aws_kms_key\" \"k\" {\n  description         = \"data\"\n  enable_key_rotation = true\n}")
}

func (AwsKMSKeyRotation) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if spec, ok := r.Attr("customer_master_key_spec").Str(); ok && spec != "SYMMETRIC_DEFAULT" {
		return // AWS rotates only symmetric encryption keys
	}
	if usage, ok := r.Attr("key_usage").Str(); ok && usage != "ENCRYPT_DECRYPT" {
		return
	}
	requireTrue(p, r, rep, "enable_key_rotation", false, "automatic key rotation is off")
}

// AwsVPCFlowLogs requires an aws_flow_log for every VPC in the plan (correlated).
type AwsVPCFlowLogs struct{}

func (AwsVPCFlowLogs) Metadata() engine.Metadata {
	return controlMeta("aws_vpc_flow_logs", controls.VPCFlowLogs,
		[]string{"aws_vpc"}, []string{"CKV2_AWS_11", "AWS-0178"},
		"resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}",
		"resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n\nresource \"aws_flow_log\" \"main\" {\n  vpc_id          = aws_vpc.main.id\n  traffic_type    = \"ALL\"\n  log_destination = \"arn:aws:s3:::flow-logs\"\n}")
}

func (AwsVPCFlowLogs) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if len(p.ReferencedBy(r, "aws_flow_log", "vpc_id")) == 0 {
		rep.Fail("", "no aws_flow_log in the plan records this VPC's traffic")
	}
}
