package rules

import (
	"sort"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsIAMUserLoginProfileDirectPolicy flags console users (aws_iam_user_login_profile)
// whose user has policies attached directly rather than through groups.
type AwsIAMUserLoginProfileDirectPolicy struct{}

func (AwsIAMUserLoginProfileDirectPolicy) Metadata() engine.Metadata {
	return controlMeta("aws_iam_user_login_profile_direct_policy", controls.IAMConsoleUsersViaGroups,
		[]string{"aws_iam_user_login_profile"}, nil,
		"resource \"aws_iam_user\" \"alice\" {\n  name = \"alice\"\n}\n\nresource \"aws_iam_user_login_profile\" \"alice\" {\n  user = aws_iam_user.alice.name\n}\n\n"+
			"resource \"aws_iam_user_policy_attachment\" \"alice\" {\n  user       = aws_iam_user.alice.name\n  policy_arn = \"arn:aws:iam::aws:policy/PowerUserAccess\"\n}",
		"resource \"aws_iam_group\" \"developers\" {\n  name = \"developers\"\n}\n\nresource \"aws_iam_user\" \"alice\" {\n  name = \"alice\"\n}\n\n"+
			"resource \"aws_iam_user_login_profile\" \"alice\" {\n  user = aws_iam_user.alice.name\n}\n\n"+
			"resource \"aws_iam_user_group_membership\" \"alice\" {\n  user   = aws_iam_user.alice.name\n  groups = [aws_iam_group.developers.name]\n}")
}

func (AwsIAMUserLoginProfileDirectPolicy) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, u := range p.Referenced(r, "user", "aws_iam_user") {
		var direct []string
		for _, typ := range []string{"aws_iam_user_policy", "aws_iam_user_policy_attachment"} {
			for _, x := range p.ReferencedBy(u, typ, "user") {
				direct = append(direct, x.Address)
			}
		}
		for _, x := range p.ReferencedBy(u, "aws_iam_policy_attachment", "users") {
			direct = append(direct, x.Address)
		}
		if len(direct) > 0 {
			sort.Strings(direct)
			rep.Fail("user", "the console user %s has policies attached directly (%s) instead of through groups",
				u.Address, strings.Join(direct, ", "))
		}
	}
}

// AwsCloudtrailBucketKMS requires SSE-KMS default encryption on the trail's bucket.
type AwsCloudtrailBucketKMS struct{}

func (AwsCloudtrailBucketKMS) Metadata() engine.Metadata {
	return cloudtrailBucketMeta("aws_cloudtrail_bucket_kms", controls.CloudTrailBucketKMS,
		"resource \"aws_kms_key\" \"logs\" {\n  description         = \"trail logs\"\n  enable_key_rotation = true\n}\n\n"+
			"resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"org-trail-logs\"\n}\n\n"+
			"resource \"aws_s3_bucket_server_side_encryption_configuration\" \"logs\" {\n  bucket = aws_s3_bucket.logs.id\n  rule {\n"+
			"    apply_server_side_encryption_by_default {\n      sse_algorithm     = \"aws:kms\"\n      kms_master_key_id = aws_kms_key.logs.arn\n"+
			"    }\n  }\n}\n\nresource \"aws_cloudtrail\" \"t\" {\n  name           = \"main\"\n  s3_bucket_name = aws_s3_bucket.logs.id\n}")
}

// sseAlgorithm reads the bucket's default encryption algorithm, split (v4+) or
// inline (v3); "" with intUnset when none is configured.
func sseAlgorithm(p *plan.Plan, b *plan.Resource) (string, intState) {
	read := func(rules plan.Value) (string, intState) {
		alg := rules.Index(0).Get("apply_server_side_encryption_by_default").Index(0).Get("sse_algorithm")
		if s, ok := alg.Str(); ok {
			return s, intKnown
		}
		if alg.Unknown() || rules.Unknown() {
			return "", intUnknown
		}
		return "", intUnset
	}
	for _, c := range p.ReferencedBy(b, "aws_s3_bucket_server_side_encryption_configuration", "bucket") {
		if s, st := read(c.Attr("rule")); st != intUnset {
			return s, st
		}
	}
	inline := b.Attr("server_side_encryption_configuration")
	if inline.Len() > 0 {
		return read(inline.Index(0).Get("rule"))
	}
	if inline.Unknown() && p.AttrConfigured(b, "server_side_encryption_configuration") {
		return "", intUnknown
	}
	return "", intUnset
}

func (AwsCloudtrailBucketKMS) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, b := range trailBucket(p, r) {
		switch alg, st := sseAlgorithm(p, b); {
		case st == intUnknown:
			rep.Unknown("s3_bucket_name", "the default encryption of the log bucket %s is computed during apply", b.Address)
		case alg == "aws:kms" || alg == "aws:kms:dsse":
		case alg == "":
			rep.Fail("s3_bucket_name", "the log bucket %s has no SSE-KMS default encryption (S3 falls back to SSE-S3)", b.Address)
		default:
			rep.Fail("s3_bucket_name", "the log bucket %s encrypts by default with %s, not SSE-KMS", b.Address, alg)
		}
	}
}
