package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudtrailKMSEncryption checks that logs are encrypted with a customer-managed KMS key.
// A key set from a reference (known only after apply) passes: the configuration asks for one.
type AwsCloudtrailKMSEncryption struct{}

func (AwsCloudtrailKMSEncryption) Metadata() engine.Metadata {
	return cloudtrailMeta("aws_cloudtrail_kms_encryption", controls.CloudTrailKMSEncryption,
		[]string{"CKV_AWS_35", "AWS-0015"}, "Set kms_key_id to a customer-managed KMS key with rotation enabled.", "")
}

func (AwsCloudtrailKMSEncryption) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireSet(p, r, rep, "kms_key_id", "logs are encrypted only with S3-managed keys: kms_key_id is not set")
}

// requireSet passes an attribute that has a value or is configured from a computed one.
func requireSet(p *plan.Plan, r *plan.Resource, rep *engine.Reporter, attr, failMsg string) {
	v := r.Attr(attr)
	if s, ok := v.Str(); ok && s != "" {
		return
	}
	if v.Unknown() && p.AttrConfigured(r, attr) {
		return
	}
	rep.Fail(attr, "%s", failMsg)
}
