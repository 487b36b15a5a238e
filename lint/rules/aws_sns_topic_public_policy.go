package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsSNSTopicPublicPolicy flags a topic policy, inline or in its own resource, with a
// statement that allows Principal "*" under no condition that names the caller
// (controls.ConditionRestrictsPrincipal).
type AwsSNSTopicPublicPolicy struct{}

func (AwsSNSTopicPublicPolicy) Metadata() engine.Metadata {
	c := controls.SNSTopicPublicPolicy
	return engine.Metadata{
		ID:            "aws_sns_topic_public_policy",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Parts:         []engine.Part{{ID: "aws_sns_topic_policy", ResourceType: "aws_sns_topic_policy", Aliases: []string{"CKV_AWS_169"}}},
		ResourceTypes: []string{"aws_sns_topic", "aws_sns_topic_policy"},
		Rationale:     c.Rationale,
		Remediation:   c.Remediation,
	}
}

func (AwsSNSTopicPublicPolicy) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	checkPublicResourcePolicy(p, r, rep, "topic")
}
