package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// trailBucket returns the aws_s3_bucket the trail delivers to, if the plan has
// it: found once for the trail's rules (six ask, one after another), shared,
// not to be changed.
func trailBucket(p *plan.Plan, r *plan.Resource) []*plan.Resource {
	b, _ := r.Memo("trail-bucket", func() any { return p.Referenced(r, "s3_bucket_name", "aws_s3_bucket") }).([]*plan.Resource)
	return b
}
