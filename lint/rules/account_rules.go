package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudwatchLogGroupRetention requires a retention period on log groups.
type AwsCloudwatchLogGroupRetention struct{}

func (AwsCloudwatchLogGroupRetention) Metadata() engine.Metadata {
	return controlMeta("aws_cloudwatch_log_group_retention", controls.LogGroupRetention,
		[]string{"aws_cloudwatch_log_group"}, []string{"CKV_AWS_66"},
		"resource \"aws_cloudwatch_log_group\" \"app\" {\n  name = \"/app/web\"\n}",
		"resource \"aws_cloudwatch_log_group\" \"app\" {\n  name              = \"/app/web\"\n  retention_in_days = 365\n}")
}

func (AwsCloudwatchLogGroupRetention) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	switch n, st := readInt(p, r, "retention_in_days"); {
	case st == intUnknown:
		rep.Unknown("retention_in_days", "retention_in_days is computed during apply")
	case st == intUnset || n == 0:
		rep.Fail("retention_in_days", "the log group keeps events forever: retention_in_days is not set")
	}
}

// AwsCloudwatchLogGroupKMS requires a customer-managed key on log groups.
type AwsCloudwatchLogGroupKMS struct{}

func (AwsCloudwatchLogGroupKMS) Metadata() engine.Metadata {
	return controlMeta("aws_cloudwatch_log_group_kms", controls.LogGroupKMS,
		[]string{"aws_cloudwatch_log_group"}, []string{"CKV_AWS_158", "AWS-0017"},
		"resource \"aws_cloudwatch_log_group\" \"app\" {\n  name              = \"/app/web\"\n  retention_in_days = 365\n}",
		"resource \"aws_kms_key\" \"logs\" {\n  description         = \"log groups\"\n  enable_key_rotation = true\n}\n\n"+
			"resource \"aws_cloudwatch_log_group\" \"app\" {\n  name              = \"/app/web\"\n  retention_in_days = 365\n  kms_key_id        = aws_kms_key.logs.arn\n}")
}

func (AwsCloudwatchLogGroupKMS) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	v := r.Attr("kms_key_id")
	if s, ok := v.Str(); ok && s != "" {
		return
	}
	if v.Unknown() && p.AttrConfigured(r, "kms_key_id") {
		return // a key created in the same apply: encrypted either way
	}
	rep.Fail("kms_key_id", "the log group is encrypted only with the service's key: kms_key_id is not set")
}

// AwsSecurityHubEnabled reports an account baseline (GuardDuty or AWS Config in the
// plan) that does not enable Security Hub.
type AwsSecurityHubEnabled struct{}

func (AwsSecurityHubEnabled) Metadata() engine.Metadata {
	return controlMeta("aws_securityhub_enabled", controls.SecurityHubEnabled,
		[]string{"aws_guardduty_detector", "aws_config_configuration_recorder"}, nil,
		"resource \"aws_guardduty_detector\" \"main\" {\n  enable = true\n}",
		"resource \"aws_guardduty_detector\" \"main\" {\n  enable = true\n}\n\nresource \"aws_securityhub_account\" \"main\" {}")
}

func (AwsSecurityHubEnabled) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if len(p.OfType("aws_securityhub_account")) > 0 {
		return
	}
	// One finding per baseline: on the detector, or on the recorder when there is none.
	if r.Type == "aws_config_configuration_recorder" && len(p.OfType("aws_guardduty_detector")) > 0 {
		return
	}
	rep.Fail("", "the plan configures %s but no aws_securityhub_account enables Security Hub", r.Type)
}

// AwsS3AccountPublicAccessBlock requires all four account-level Block Public Access settings.
type AwsS3AccountPublicAccessBlock struct{}

func (AwsS3AccountPublicAccessBlock) Metadata() engine.Metadata {
	return controlMeta("aws_s3_account_public_access_block", controls.AccountPublicAccessBlock,
		[]string{"aws_s3_account_public_access_block"}, nil,
		"resource \"aws_s3_account_public_access_block\" \"account\" {\n  block_public_acls   = true\n  block_public_policy = false\n}",
		"resource \"aws_s3_account_public_access_block\" \"account\" {\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}")
}

func (AwsS3AccountPublicAccessBlock) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, a := range []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"} {
		requireTrue(p, r, rep, a, false, a+" is not true at the account level")
	}
}

// AwsEBSCopyEncryption requires encrypted snapshot and AMI copies.
type AwsEBSCopyEncryption struct{}

func (AwsEBSCopyEncryption) Metadata() engine.Metadata {
	return controlMeta("aws_ebs_copy_encryption", controls.CopiesEncrypted,
		[]string{"aws_ebs_snapshot_copy", "aws_ami_copy"}, nil,
		"resource \"aws_ebs_snapshot_copy\" \"dr\" {\n  source_snapshot_id = \"snap-0123456789abcdef0\"\n  source_region      = \"us-west-2\"\n}",
		"resource \"aws_ebs_snapshot_copy\" \"dr\" {\n  source_snapshot_id = \"snap-0123456789abcdef0\"\n  source_region      = \"us-west-2\"\n  encrypted          = true\n}")
}

func (AwsEBSCopyEncryption) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireTrue(p, r, rep, "encrypted", false, "the copy is not encrypted")
}
