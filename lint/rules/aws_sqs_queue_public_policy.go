package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsSQSQueuePublicPolicy flags a queue policy, inline or in its own resource, with a
// statement that allows Principal "*" under no condition that names the caller
// (controls.ConditionRestrictsPrincipal).
type AwsSQSQueuePublicPolicy struct{}

func (AwsSQSQueuePublicPolicy) Metadata() engine.Metadata {
	c := controls.SQSQueuePublicPolicy
	return engine.Metadata{
		ID:            "aws_sqs_queue_public_policy",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_168"},
		ResourceTypes: []string{"aws_sqs_queue", "aws_sqs_queue_policy"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsSQSQueuePublicPolicy) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	checkPublicResourcePolicy(p, r, rep, "queue")
}
