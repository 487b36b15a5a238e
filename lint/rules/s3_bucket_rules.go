package rules

import (
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// s3Meta fills the metadata the aws_s3_bucket rules share; their checks correlate
// the bucket with its split resources (provider v4+) or read its inline blocks (v3).
func s3Meta(id string, c controls.Control, aliases []string, remediation, bad, good string) engine.Metadata {
	return engine.Metadata{
		ID: id, Title: c.Title, Severity: engine.FromControl(c.Severity), Controls: []controls.Control{c},
		Aliases: aliases, ResourceTypes: []string{"aws_s3_bucket"}, Rationale: c.Rationale,
		Remediation: remediation,
		BadExample:  bad, GoodExample: good,
	}
}

const privateBucket = `resource "aws_s3_bucket" "b" {
  bucket = "data"
}

resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}`

// AwsS3BucketPublicAccessBlock requires all four Block Public Access settings.
type AwsS3BucketPublicAccessBlock struct{}

func (AwsS3BucketPublicAccessBlock) Metadata() engine.Metadata {
	return s3Meta("aws_s3_bucket_public_access_block", controls.S3BlockPublicAccess,
		[]string{"CKV2_AWS_6", "AWS-0086", "AWS-0087", "AWS-0091", "AWS-0093", "AWS-0094"},
		controls.S3BlockPublicAccess.Remediation,
		"resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"data\"\n}", privateBucket)
}

func (AwsS3BucketPublicAccessBlock) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	switch v, why := publicAccessBlocked(p, r); v {
	case no:
		rep.Fail("", "%s", why)
	case unknown:
		rep.Unknown("", "the bucket's Block Public Access settings are computed during apply")
	}
}

// AwsS3BucketPublicACL flags public canned ACLs and grants to everyone that
// Block Public Access does not neutralise.
type AwsS3BucketPublicACL struct{}

func (AwsS3BucketPublicACL) Metadata() engine.Metadata {
	return s3Meta("aws_s3_bucket_public_acl", controls.S3NoPublicACL,
		[]string{"CKV_AWS_20", "CKV_AWS_57", "AWS-0092"},
		"Remove the public acl or grant, add an aws_s3_bucket_ownership_controls with object_ownership = "+
			"\"BucketOwnerEnforced\" (ACLs disabled), and an aws_s3_bucket_public_access_block with block_public_acls "+
			"and ignore_public_acls true.",
		"resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"data\"\n}\n\nresource \"aws_s3_bucket_acl\" \"b\" {\n  bucket = aws_s3_bucket.b.id\n  acl    = \"public-read\"\n}",
		privateBucket)
}

func (AwsS3BucketPublicACL) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	reasons := publicACLGrants(p, r)
	if len(reasons) == 0 || blockSettings(p, r, "block_public_acls", "ignore_public_acls") == yes {
		return
	}
	rep.Fail("acl", "the bucket is public: %s", strings.Join(reasons, "; "))
}

// AwsS3BucketPublicPolicy flags bucket policies open to everyone that Block Public
// Access does not neutralise.
type AwsS3BucketPublicPolicy struct{}

func (AwsS3BucketPublicPolicy) Metadata() engine.Metadata {
	return s3Meta("aws_s3_bucket_public_policy", controls.S3NoPublicPolicy,
		[]string{"CKV_AWS_70"},
		"In the aws_s3_bucket_policy, name the principals (accounts, roles, or services with an aws:SourceArn "+
			"condition) or restrict Principal \"*\" with a condition such as aws:PrincipalOrgID; and set "+
			"block_public_policy and restrict_public_buckets in an aws_s3_bucket_public_access_block.",
		"resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"data\"\n}\n\nresource \"aws_s3_bucket_policy\" \"b\" {\n  bucket = aws_s3_bucket.b.id\n"+
			"  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Allow\"\n      Principal = \"*\"\n"+
			"      Action    = \"s3:GetObject\"\n      Resource  = \"arn:aws:s3:::data/*\"\n    }]\n  })\n}",
		privateBucket)
}

func (AwsS3BucketPublicPolicy) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	reasons, unknownPolicy := publicPolicies(p, r)
	blocked := blockSettings(p, r, "block_public_policy", "restrict_public_buckets")
	switch {
	case blocked == yes:
	case len(reasons) > 0:
		rep.Fail("policy", "the bucket is public: %s", strings.Join(reasons, "; "))
	case unknownPolicy && blocked != yes:
		rep.Unknown("policy", "the bucket policy is computed during apply and Block Public Access does not cover it")
	}
}

// AwsS3BucketVersioning requires versioning, split (v4+) or inline (v3).
type AwsS3BucketVersioning struct{}

func (AwsS3BucketVersioning) Metadata() engine.Metadata {
	return s3Meta("aws_s3_bucket_versioning", controls.S3Versioning,
		[]string{"CKV_AWS_21", "AWS-0090"},
		controls.S3Versioning.Remediation,
		"resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"data\"\n}\n\nresource \"aws_s3_bucket_versioning\" \"b\" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = \"Suspended\"\n  }\n}",
		"resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"data\"\n}\n\nresource \"aws_s3_bucket_versioning\" \"b\" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = \"Enabled\"\n  }\n}")
}

func (AwsS3BucketVersioning) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, v := range p.ReferencedBy(r, "aws_s3_bucket_versioning", "bucket") {
		status := v.Attr("versioning_configuration").Index(0).Get("status")
		if s, ok := status.Str(); ok {
			if s == "Enabled" {
				return
			}
			rep.Fail("versioning", "%s sets versioning to %s", v.Address, s)
			return
		}
		if status.Unknown() {
			rep.Unknown("versioning", "the versioning status of %s is computed during apply", v.Address)
			return
		}
	}
	inline := r.Attr("versioning").Index(0).Get("enabled")
	if b, ok := inline.Bool(); ok && b {
		return
	}
	if inline.Unknown() && p.AttrConfigured(r, "versioning") {
		rep.Unknown("versioning", "the bucket's versioning is computed during apply")
		return
	}
	rep.Fail("versioning", "versioning is not enabled: no aws_s3_bucket_versioning with status Enabled")
}

// AwsS3BucketAccessLogging requires server access logging, except on buckets that
// receive other buckets' access logs.
type AwsS3BucketAccessLogging struct{}

func (AwsS3BucketAccessLogging) Metadata() engine.Metadata {
	return s3Meta("aws_s3_bucket_access_logging", controls.S3AccessLogging,
		[]string{"CKV_AWS_18", "AWS-0089"},
		controls.S3AccessLogging.Remediation,
		"resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"data\"\n}",
		"resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"data\"\n}\n\nresource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"access-logs\"\n}\n\n"+
			"resource \"aws_s3_bucket_logging\" \"b\" {\n  bucket        = aws_s3_bucket.b.id\n  target_bucket = aws_s3_bucket.logs.id\n  target_prefix = \"data/\"\n}")
}

func (AwsS3BucketAccessLogging) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if receivesAccessLogs(p, r) {
		return // an access-log bucket does not log into itself
	}
	switch accessLogged(p, r) {
	case no:
		rep.Fail("logging", "the bucket has no server access logging")
	case unknown:
		rep.Unknown("logging", "the bucket's logging is computed during apply")
	}
}
