package rules

import (
	"path"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// trailTamperActions are the CloudTrail actions that silence or redirect a trail.
var trailTamperActions = []string{"cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors"}

// AwsIAMCloudtrailTampering flags policies allowing the actions that stop or change trails.
type AwsIAMCloudtrailTampering struct{}

func (AwsIAMCloudtrailTampering) Metadata() engine.Metadata {
	return controlMeta("aws_iam_cloudtrail_tampering", controls.IAMNoTrailTampering,
		[]string{"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"}, nil,
		"resource \"aws_iam_policy\" \"ops\" {\n  name = \"ops\"\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{ Effect = \"Allow\", Action = [\"cloudtrail:*\"], Resource = \"*\" }]\n  })\n}",
		"resource \"aws_iam_policy\" \"ops\" {\n  name = \"ops\"\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{ Effect = \"Allow\", Action = [\"cloudtrail:LookupEvents\", \"cloudtrail:GetTrailStatus\"], Resource = \"*\" }]\n  })\n}")
}

// actionsGranted returns which of the wanted actions an IAM policy document
// allows, through exact names or wildcards (case-insensitive, as IAM compares).
// Statements allowing everything on everything are left to aws_iam_full_admin_policy.
func actionsGranted(stmts []policyStatement, wanted []string) []string {
	granted := map[string]bool{}
	for _, s := range stmts {
		if s.Effect != "Allow" || (hasStar(s.Action) && hasStar(s.Resource)) {
			continue
		}
		for _, pattern := range stringOrList(s.Action) {
			for _, w := range wanted {
				if ok, _ := path.Match(strings.ToLower(pattern), strings.ToLower(w)); ok {
					granted[w] = true
				}
			}
		}
	}
	var out []string
	for _, w := range wanted {
		if granted[w] {
			out = append(out, w)
		}
	}
	return out
}

func (AwsIAMCloudtrailTampering) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	stmts, ok := resourcePolicy(r)
	if !ok {
		if r.Attr("policy").Unknown() && p.AttrConfigured(r, "policy") {
			rep.Unknown("policy", "the policy document is computed during apply")
		}
		return
	}
	if got := actionsGranted(stmts, trailTamperActions); len(got) > 0 {
		rep.Fail("policy", "the policy allows %s: whoever holds it can silence the audit trail", strings.Join(got, ", "))
	}
}

// AwsS3BucketMFADelete requires MFA delete where versioning is managed.
type AwsS3BucketMFADelete struct{}

func (AwsS3BucketMFADelete) Metadata() engine.Metadata {
	return controlMeta("aws_s3_bucket_mfa_delete", controls.S3MFADelete,
		[]string{"aws_s3_bucket_versioning", "aws_s3_bucket"}, nil,
		"resource \"aws_s3_bucket_versioning\" \"data\" {\n  bucket = \"org-data\"\n  versioning_configuration {\n    status = \"Enabled\"\n  }\n}",
		"resource \"aws_s3_bucket_versioning\" \"data\" {\n  bucket = \"org-data\"\n  mfa    = \"arn:aws:iam::123456789012:mfa/root-account-mfa-device 123456\"\n  versioning_configuration {\n    status     = \"Enabled\"\n    mfa_delete = \"Enabled\"\n  }\n}")
}

func (AwsS3BucketMFADelete) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	if r.Type == "aws_s3_bucket" {
		// Provider v3 inline versioning: judged only where the bucket manages it.
		ver := r.Attr("versioning").Index(0)
		if on, ok := ver.Get("enabled").Bool(); ok && on {
			if mfa, ok := ver.Get("mfa_delete").Bool(); ok && !mfa {
				rep.Fail("versioning.mfa_delete", "versioning is on without MFA delete")
			}
		}
		return
	}
	conf := r.Attr("versioning_configuration").Index(0)
	if s, _ := conf.Get("status").Str(); s != "Enabled" {
		return // versioning off is aws_s3_bucket_versioning's topic
	}
	m := conf.Get("mfa_delete")
	switch s, ok := m.Str(); {
	case ok && s == "Enabled":
	case m.Unknown() && p.NestedAttrConfigured(r, "versioning_configuration", "mfa_delete"):
		rep.Unknown("versioning_configuration.mfa_delete", "mfa_delete is computed during apply")
	case m.Unknown():
		// Left unset, the provider shows it as known after apply; AWS fills in Disabled.
		rep.Fail("versioning_configuration.mfa_delete", "versioning is on without MFA delete (mfa_delete not set)")
	default:
		rep.Fail("versioning_configuration.mfa_delete", "versioning is on without MFA delete")
	}
}
