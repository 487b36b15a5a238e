package rules

import (
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// The issue 15 classes on a real plan (lint/testdata/plans/accuracy: main.tf,
// cases/, plan.json, regenerate.sh): each planted weakness (module "bad_*") is
// reported by the right rule, on the right address, with the aliases of the
// part that failed; each secure variant (module "good_*") reports nothing on
// its topic.
func TestAccuracyRealPlan(t *testing.T) {
	data, err := os.ReadFile("../testdata/plans/accuracy/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, f := range engine.Run(p, All(), engine.Options{}).Findings {
		got[string(f.Status)+" "+f.Rule.ID+" "+f.Address+" ["+strings.Join(f.Aliases(), ",")+"]"] = true
	}
	topics := map[string][]string{
		"module.bad_password_symbols.":  {"fail aws_iam_password_policy_character_classes module.bad_password_symbols.aws_iam_account_password_policy.p [CKV_AWS_14,AWS-0060]"},
		"module.bad_password_reuse_10.": {"fail aws_iam_password_policy_reuse_prevention module.bad_password_reuse_10.aws_iam_account_password_policy.p [CKV_AWS_13]"},
		"module.bad_pab_one_setting.":   {"fail aws_s3_bucket_public_access_block module.bad_pab_one_setting.aws_s3_bucket.b [AWS-0091]"},
		"module.bad_sg_all_protocols.":  {"fail aws_security_group_world_all_protocols module.bad_sg_all_protocols.aws_security_group.g [CKV_AWS_277,CKV_AWS_24,CKV_AWS_25,AWS-0107]"},
		"module.bad_sg_ssh_and_db.": {
			"fail aws_security_group_world_admin_ports module.bad_sg_ssh_and_db.aws_vpc_security_group_ingress_rule.ssh [CKV_AWS_24,AWS-0107]",
			"fail aws_security_group_world_admin_ports module.bad_sg_ssh_and_db.aws_vpc_security_group_ingress_rule.postgres []"},
		"module.bad_s3_policy_tls_only.":      {"fail aws_s3_bucket_public_policy module.bad_s3_policy_tls_only.aws_s3_bucket.b [CKV_AWS_70]"},
		"module.good_s3_policy_vpce.":         nil,
		"module.bad_lambda_deputy.":           {"fail aws_lambda_permission_service_source module.bad_lambda_deputy.aws_lambda_permission.s3 [CKV_AWS_364]"},
		"module.good_lambda_source.":          nil,
		"module.bad_lambda_public_wildcard.":  {"fail aws_lambda_permission_public module.bad_lambda_public_wildcard.aws_lambda_permission.any []"},
		"module.bad_sqs_policy_referer.":      {"fail aws_sqs_queue_public_policy module.bad_sqs_policy_referer.aws_sqs_queue_policy.q [CKV_AWS_168]"},
		"module.good_sqs_policy_source_arn.":  nil,
		"module.bad_kms_policy_any_ip.":       {"fail aws_kms_key_public_policy module.bad_kms_policy_any_ip.aws_kms_key.k []"},
		"module.good_sqs_default_sse.":        nil,
		"module.bad_sqs_sse_off.":             {"fail aws_sqs_queue_encryption module.bad_sqs_sse_off.aws_sqs_queue.q []"},
		"module.good_attachment_empty_users.": nil,
		// Plan-wide: once, on the first trail.
		"module.bad_two_trails.": {"fail aws_cloudtrail_s3_data_events module.bad_two_trails.aws_cloudtrail.a []"},
	}
	// The rules whose topic each case is; findings of other rules (a bucket
	// without versioning) are not the case's business.
	topicRules := []string{
		"aws_iam_password_policy_character_classes", "aws_iam_password_policy_reuse_prevention",
		"aws_s3_bucket_public_access_block", "aws_security_group_world_all_protocols",
		"aws_security_group_world_admin_ports", "aws_s3_bucket_public_policy", "aws_lambda_permission_service_source",
		"aws_lambda_permission_public", "aws_sqs_queue_public_policy", "aws_kms_key_public_policy",
		"aws_sqs_queue_encryption", "aws_iam_user_direct_policy", "aws_cloudtrail_s3_data_events",
	}
	for module, want := range topics {
		var have []string
		for g := range got {
			fields := strings.Fields(g)
			if !strings.HasPrefix(fields[2], module) || !contains(topicRules, fields[1]) {
				continue
			}
			// A bucket with no public access block at all is not the topic of the policy cases.
			if fields[1] == "aws_s3_bucket_public_access_block" && module != "module.bad_pab_one_setting." {
				continue
			}
			have = append(have, g)
		}
		sort.Strings(have)
		sort.Strings(want)
		if strings.Join(have, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s\n got: %s\nwant: %s", module, strings.Join(have, "\n      "), strings.Join(want, "\n      "))
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
