package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudtrailCloudwatchLogs checks delivery to CloudWatch Logs.
type AwsCloudtrailCloudwatchLogs struct{}

func (AwsCloudtrailCloudwatchLogs) Metadata() engine.Metadata {
	c := controls.CloudTrailCloudWatchLogs
	return engine.Metadata{
		ID:            "aws_cloudtrail_cloudwatch_logs",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV2_AWS_10", "AWS-0162"},
		ResourceTypes: []string{"aws_cloudtrail"},
		Rationale:     c.Rationale,
		Remediation:   remediation("hardened_cloudtrail does this by construction.", c),
	}
}

func (AwsCloudtrailCloudwatchLogs) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireSet(p, r, rep, "cloud_watch_logs_group_arn", "the trail does not deliver to CloudWatch Logs: cloud_watch_logs_group_arn is not set")
}
