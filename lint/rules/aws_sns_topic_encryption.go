package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsSNSTopicEncryption requires KMS on SNS topics.
type AwsSNSTopicEncryption struct{}

func (AwsSNSTopicEncryption) Metadata() engine.Metadata {
	c := controls.SNSEncrypted
	return engine.Metadata{
		ID:            "aws_sns_topic_encryption",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_26", "AWS-0095"},
		ResourceTypes: []string{"aws_sns_topic"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsSNSTopicEncryption) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireSet(p, r, rep, "kms_master_key_id", "the topic is not encrypted: kms_master_key_id is not set")
}
