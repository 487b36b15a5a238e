package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsSQSQueueEncryption requires SSE on SQS queues.
type AwsSQSQueueEncryption struct{}

func (AwsSQSQueueEncryption) Metadata() engine.Metadata {
	c := controls.SQSEncrypted
	return engine.Metadata{
		ID:            "aws_sqs_queue_encryption",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Related:       []string{"CKV_AWS_27", "AWS-0096"},
		ResourceTypes: []string{"aws_sqs_queue"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsSQSQueueEncryption) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	key := read(p, r, "kms_master_key_id")
	if k, ok := key.Str(); (ok && k != "") || key.State == Computed {
		return // SSE-KMS
	}
	sse := read(p, r, "sqs_managed_sse_enabled")
	if b, ok := sse.Bool(); ok {
		if !b {
			rep.Fail(sse.Path(), "the queue is not encrypted: sqs_managed_sse_enabled = false and no kms_master_key_id")
		}
		return
	}
	if sse.State == Computed {
		rep.Unknown(sse.Path(), "sqs_managed_sse_enabled is computed during apply")
	}
	// Unset: SQS enables SSE-SQS by default on new queues.
}
