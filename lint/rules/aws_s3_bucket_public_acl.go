package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsS3BucketPublicACL flags public canned ACLs and grants to everyone that
// Block Public Access does not neutralise.
type AwsS3BucketPublicACL struct{}

func (AwsS3BucketPublicACL) Metadata() engine.Metadata {
	c := controls.S3NoPublicACL
	return engine.Metadata{
		ID:            "aws_s3_bucket_public_acl",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Aliases:       []string{"CKV_AWS_20", "AWS-0092"},
		Parts:         []engine.Part{{ID: "public_write", Aliases: []string{"CKV_AWS_57"}}},
		ResourceTypes: []string{"aws_s3_bucket"},
		Rationale:     c.Rationale,
		Remediation: "Remove the public acl or grant, add an aws_s3_bucket_ownership_controls with object_ownership = " +
			"\"BucketOwnerEnforced\" (ACLs disabled), and an aws_s3_bucket_public_access_block with " +
			"block_public_acls and ignore_public_acls true; or use hardened_s3_bucket, whose ACLs stay disabled.",
	}
}

func (AwsS3BucketPublicACL) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	reasons := publicACLGrants(p, r)
	if len(reasons) == 0 || blockSettings(p, r, "block_public_acls", "ignore_public_acls") == yes {
		return
	}
	why := strings.Join(reasons, "; ")
	if strings.Contains(why, "the public-read-write ACL") {
		// checkov's write check agrees only on the canned public-read-write ACL.
		rep.FailPart("public_write", "acl", "the bucket is public: %s", why)
		return
	}
	rep.Fail("acl", "the bucket is public: %s", why)
}
