package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudtrailBucketPublic checks, through correlation, that the trail's log
// bucket is not public: no public ACL, grant or policy, and all four Block Public
// Access settings on (bucket or account level). Buckets outside the plan are not judged.
type AwsCloudtrailBucketPublic struct{}

func (AwsCloudtrailBucketPublic) Metadata() engine.Metadata {
	c := controls.CloudTrailBucketNotPublic
	return engine.Metadata{
		ID:            "aws_cloudtrail_bucket_public",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"AWS-0161"},
		ResourceTypes: []string{"aws_cloudtrail"},
		Rationale:     c.Rationale,
		Remediation:   remediation("hardened_cloudtrail does this by construction.", c),
	}
}

func (AwsCloudtrailBucketPublic) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, b := range trailBucket(p, r) {
		reasons, grantsUnknown := publicGrants(p, b)
		blocked, why := publicAccessBlocked(p, b)
		switch {
		case blocked == yes:
			continue // Block Public Access overrides ACLs and policies
		case len(reasons) > 0:
			rep.Fail("s3_bucket_name", "the log bucket %s is public: %s", b.Address, strings.Join(reasons, "; "))
		case blocked == unknown || grantsUnknown:
			rep.Unknown("s3_bucket_name", "whether the log bucket %s is public depends on values computed during apply", b.Address)
		default:
			rep.Fail("s3_bucket_name", "the log bucket %s is not protected against public access: %s", b.Address, why)
		}
	}
}
