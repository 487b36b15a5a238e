package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// cloudtrailMeta fills the metadata every aws_cloudtrail rule shares.
// bad is either lines added to a minimal trail, or a whole example (starting
// with "resource") for rules about the trail's correlated bucket.
func cloudtrailMeta(id string, c controls.Control, aliases []string, remediation, bad string) engine.Metadata {
	badExample := "resource \"aws_cloudtrail\" \"t\" {\n  name           = \"main\"\n  s3_bucket_name = aws_s3_bucket.logs.id\n" + bad + "}"
	if strings.HasPrefix(bad, "resource ") {
		badExample = bad
	}
	return engine.Metadata{
		ID:            id,
		Title:         c.Title,
		Severity:      engine.FromControl(c.Severity),
		Controls:      []controls.Control{c},
		Aliases:       aliases,
		ResourceTypes: []string{"aws_cloudtrail"},
		Rationale:     c.Rationale,
		Remediation:   remediation + " hardened_cloudtrail does this by construction.",
		BadExample:    badExample,
		GoodExample:   "resource \"hardened_cloudtrail\" \"t\" {\n  name = \"main\"\n}",
	}
}

// trailBucket returns the aws_s3_bucket the trail delivers to, if the plan has it.
func trailBucket(p *plan.Plan, r *plan.Resource) []*plan.Resource {
	return p.Referenced(r, "s3_bucket_name", "aws_s3_bucket")
}

// trailWithBucket is a trail and its log bucket, for the bucket rules' examples.
const trailWithBucket = `resource "aws_s3_bucket" "logs" {
  bucket = "org-trail-logs"
}

resource "aws_cloudtrail" "t" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.logs.id
}`
