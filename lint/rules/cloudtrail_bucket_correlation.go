package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// trailBucket returns the aws_s3_bucket the trail delivers to, if the plan has it.
func trailBucket(p *plan.Plan, r *plan.Resource) []*plan.Resource {
	return p.Referenced(r, "s3_bucket_name", "aws_s3_bucket")
}
