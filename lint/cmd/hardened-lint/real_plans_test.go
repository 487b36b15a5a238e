package main

// hardened-lint on the real plans in testdata/plans: the findings of each.

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The real plans give the expected findings (and nothing else from the first rule set).
func TestRealPlans(t *testing.T) {
	cases := []struct {
		plan string
		code int
		want []string // "status rule address"
	}{
		{"generated/insecure_cloudtrail_single_region_no_validation/plan.json", 1, []string{
			"fail aws_cloudtrail_bucket_access_logging aws_cloudtrail.defaults",
			"fail aws_cloudtrail_bucket_access_logging aws_cloudtrail.main",
			"fail aws_cloudtrail_bucket_delete_protection aws_cloudtrail.defaults",
			"fail aws_cloudtrail_bucket_delete_protection aws_cloudtrail.main",
			"fail aws_cloudtrail_bucket_kms aws_cloudtrail.defaults",
			"fail aws_cloudtrail_bucket_kms aws_cloudtrail.main",
			"fail aws_cloudtrail_bucket_lifecycle aws_cloudtrail.defaults",
			"fail aws_cloudtrail_bucket_lifecycle aws_cloudtrail.main",
			"fail aws_cloudtrail_bucket_public aws_cloudtrail.defaults",
			"fail aws_cloudtrail_bucket_public aws_cloudtrail.main",
			"fail aws_cloudtrail_cloudwatch_logs aws_cloudtrail.defaults",
			"fail aws_cloudtrail_cloudwatch_logs aws_cloudtrail.main",
			"fail aws_cloudtrail_global_service_events aws_cloudtrail.main",
			"fail aws_cloudtrail_kms_encryption aws_cloudtrail.defaults",
			"fail aws_cloudtrail_kms_encryption aws_cloudtrail.main",
			"fail aws_cloudtrail_log_file_validation aws_cloudtrail.defaults",
			"fail aws_cloudtrail_log_file_validation aws_cloudtrail.main",
			"fail aws_cloudtrail_multi_region aws_cloudtrail.defaults",
			"fail aws_cloudtrail_multi_region aws_cloudtrail.main",
			// plan-wide: once, on the first trail
			"fail aws_cloudtrail_s3_data_events aws_cloudtrail.defaults",
			"fail aws_cloudtrail_sns_notification aws_cloudtrail.defaults",
			"fail aws_cloudtrail_sns_notification aws_cloudtrail.main",
			"fail aws_s3_bucket_access_logging aws_s3_bucket.trail",
			"fail aws_s3_bucket_public_access_block aws_s3_bucket.trail",
			"fail aws_s3_bucket_tls_only aws_s3_bucket.trail",
			"fail aws_s3_bucket_versioning aws_s3_bucket.trail",
		}},
		// Secure on its topic (multi-region, validation, KMS, CloudWatch Logs, private bucket);
		// the bucket's access logging is another topic.
		{"generated/secure_cloudtrail_multi_region_kms_cwl/plan.json", 1, []string{
			"fail aws_cloudtrail_bucket_access_logging aws_cloudtrail.main",
			"fail aws_cloudtrail_bucket_delete_protection aws_cloudtrail.main",
			"fail aws_cloudtrail_bucket_lifecycle aws_cloudtrail.main",
			"fail aws_cloudtrail_sns_notification aws_cloudtrail.main",
			"fail aws_s3_bucket_access_logging aws_s3_bucket.trail",
			"fail aws_s3_bucket_tls_only aws_s3_bucket.trail",
			"fail aws_s3_bucket_versioning aws_s3_bucket.trail",
			"unknown aws_iam_cloudtrail_tampering aws_iam_role_policy.trail_cw",
			"unknown aws_iam_full_admin_policy aws_iam_role_policy.trail_cw",
			"unknown aws_iam_privilege_escalation_policy aws_iam_role_policy.trail_cw",
		}},
		{"generated/insecure_default_sg_with_rules/plan.json", 1, []string{
			"fail aws_default_security_group_rules aws_default_security_group.default",
			"fail aws_default_security_group_rules aws_default_security_group.default",
			"fail aws_security_group_world_admin_ports aws_default_security_group.default",
			"fail aws_security_group_world_egress aws_default_security_group.default",
			"fail aws_vpc_flow_logs aws_vpc.main",
		}},
		// Default groups locked (the VPCs' missing flow logs are another topic).
		{"generated/secure_default_sg_no_rules/plan.json", 1, []string{
			"fail aws_vpc_flow_logs aws_vpc.main",
			"fail aws_vpc_flow_logs aws_vpc.second",
		}},
		{"generated/insecure_sg_inline_ssh_rdp_open/plan.json", 1, []string{
			"fail aws_security_group_description aws_security_group.bastion",
			"fail aws_security_group_description aws_security_group.legacy",
			"fail aws_security_group_description aws_security_group.legacy",
			"fail aws_security_group_world_admin_ports aws_security_group.bastion",
			"fail aws_security_group_world_admin_ports aws_security_group.bastion",
			"fail aws_security_group_world_admin_ports aws_security_group.bastion",
			"fail aws_security_group_world_admin_ports aws_security_group.bastion",
			"fail aws_security_group_world_admin_ports aws_security_group.legacy",
			"fail aws_security_group_world_egress aws_security_group.bastion",
			"fail aws_vpc_default_security_group aws_vpc.main",
			"fail aws_vpc_flow_logs aws_vpc.main",
		}},
		{"generated/insecure_sg_rule_db_ports_open/plan.json", 1, []string{
			"fail aws_security_group_description aws_security_group_rule.egress_all",
			"fail aws_security_group_description aws_security_group_rule.mssql_world",
			"fail aws_security_group_description aws_security_group_rule.postgres_world_v4",
			"fail aws_security_group_description aws_security_group_rule.redis_world",
			"fail aws_security_group_world_admin_ports aws_security_group_rule.mssql_world",
			"fail aws_security_group_world_admin_ports aws_security_group_rule.mysql_world",
			"fail aws_security_group_world_admin_ports aws_security_group_rule.postgres_world_v4",
			"fail aws_security_group_world_admin_ports aws_security_group_rule.postgres_world_v6",
			"fail aws_security_group_world_admin_ports aws_security_group_rule.redis_world",
			"fail aws_security_group_world_egress aws_security_group_rule.egress_all",
			"fail aws_vpc_default_security_group aws_vpc.main",
			"fail aws_vpc_flow_logs aws_vpc.main",
		}},
		// Groups restricted (the VPC's missing flow log is another topic).
		{"generated/secure_sg_restricted/plan.json", 1, []string{
			"fail aws_security_group_description aws_security_group_rule.db_from_vpc",
			"fail aws_security_group_description aws_vpc_security_group_ingress_rule.db_from_app",
			"fail aws_vpc_default_security_group aws_vpc.main",
			"fail aws_vpc_flow_logs aws_vpc.main",
		}},
		// Split S3 resources (v4+), each weakness correlated to its bucket.
		{"generated/insecure_s3_public_bucket_split/plan.json", 1, []string{
			"fail aws_s3_bucket_access_logging aws_s3_bucket.grants",
			"fail aws_s3_bucket_access_logging aws_s3_bucket.public",
			"fail aws_s3_bucket_access_logging aws_s3_bucket.rw",
			"fail aws_s3_bucket_public_access_block aws_s3_bucket.grants",
			// one finding per Block Public Access setting left off, each with its own aliases
			"fail aws_s3_bucket_public_access_block aws_s3_bucket.public",
			"fail aws_s3_bucket_public_access_block aws_s3_bucket.public",
			"fail aws_s3_bucket_public_access_block aws_s3_bucket.public",
			"fail aws_s3_bucket_public_access_block aws_s3_bucket.public",
			"fail aws_s3_bucket_public_access_block aws_s3_bucket.rw",
			"fail aws_s3_bucket_public_acl aws_s3_bucket.grants",
			"fail aws_s3_bucket_public_acl aws_s3_bucket.public",
			"fail aws_s3_bucket_public_acl aws_s3_bucket.rw",
			"fail aws_s3_bucket_public_policy aws_s3_bucket.public",
			"fail aws_s3_bucket_tls_only aws_s3_bucket.grants",
			"fail aws_s3_bucket_tls_only aws_s3_bucket.public",
			"fail aws_s3_bucket_tls_only aws_s3_bucket.rw",
			"fail aws_s3_bucket_versioning aws_s3_bucket.grants",
			"fail aws_s3_bucket_versioning aws_s3_bucket.public",
			"fail aws_s3_bucket_versioning aws_s3_bucket.rw",
		}},
		// The secure variant: private, versioned, logged (the log bucket itself is exempt from logging).
		// MFA delete (info) is not set on its versioned buckets: reported, exit 0.
		{"generated/secure_s3_private_encrypted_logged/plan.json", 0, []string{
			"fail aws_s3_bucket_mfa_delete aws_s3_bucket_versioning.data",
			"fail aws_s3_bucket_mfa_delete aws_s3_bucket_versioning.logs",
		}},
		// Encryption left unset is a failure, not unknown: AWS would not encrypt.
		{"generated/insecure_ebs_unencrypted/plan.json", 1, []string{
			"fail aws_ebs_encryption_by_default aws_ebs_encryption_by_default.off",
			"fail aws_ebs_volume_encryption aws_ebs_volume.implicit",
			"fail aws_ebs_volume_encryption aws_ebs_volume.plain",
		}},
		{"generated/secure_ebs_encrypted/plan.json", 0, nil},
		{"generated/insecure_instance_imdsv1_public_ip/plan.json", 1, []string{
			"fail aws_ebs_volume_encryption aws_instance.imdsv1",
			"fail aws_instance_imdsv2 aws_instance.imdsv1",
			"fail aws_ebs_volume_encryption aws_instance.metadata_omitted",
			"fail aws_instance_imdsv2 aws_instance.metadata_omitted",
		}},
		{"generated/secure_instance_imdsv2/plan.json", 0, nil},
		{"generated/insecure_kms_no_rotation/plan.json", 1, []string{
			// Principal "*" on kms:* with no condition: the planted open policy.
			"fail aws_kms_key_public_policy aws_kms_key.open_policy",
			"fail aws_kms_key_rotation aws_kms_key.no_rotation",
			"fail aws_kms_key_rotation aws_kms_key.open_policy",
			"fail aws_kms_key_rotation aws_kms_key.rotation_omitted",
		}},
		{"generated/secure_kms_rotation/plan.json", 0, nil},
		{"generated/insecure_vpc_without_flow_logs/plan.json", 1, []string{
			"fail aws_vpc_default_security_group aws_vpc.main",
			"fail aws_vpc_flow_logs aws_vpc.main",
		}},
		// Security Hub (info, exit 0 alone) is another topic of an account baseline.
		{"generated/insecure_guardduty_disabled/plan.json", 1, []string{
			"fail aws_guardduty_enabled aws_guardduty_detector.off",
			"fail aws_securityhub_enabled aws_guardduty_detector.off",
		}},
		{"generated/secure_guardduty_enabled/plan.json", 0, []string{"fail aws_securityhub_enabled aws_guardduty_detector.on"}},
		{"generated/insecure_config_recorder_partial_disabled/plan.json", 1, []string{
			"fail aws_config_recorder_all aws_config_configuration_recorder.partial",
			"fail aws_config_recorder_all aws_config_configuration_recorder.partial",
			"fail aws_config_recorder_all aws_config_configuration_recorder_status.partial",
			"fail aws_s3_bucket_access_logging aws_s3_bucket.config",
			"fail aws_s3_bucket_public_access_block aws_s3_bucket.config",
			"fail aws_s3_bucket_tls_only aws_s3_bucket.config",
			"fail aws_s3_bucket_versioning aws_s3_bucket.config",
			"fail aws_securityhub_enabled aws_config_configuration_recorder.partial",
		}},
		{"generated/secure_config_recorder_all/plan.json", 1, []string{
			"fail aws_s3_bucket_access_logging aws_s3_bucket.config",
			"fail aws_s3_bucket_public_access_block aws_s3_bucket.config",
			"fail aws_s3_bucket_tls_only aws_s3_bucket.config",
			"fail aws_s3_bucket_versioning aws_s3_bucket.config",
			"fail aws_securityhub_enabled aws_config_configuration_recorder.all",
		}},
		{"generated/insecure_cloudfront_allow_all_tlsv1/plan.json", 1, []string{
			"fail aws_cloudfront_https aws_cloudfront_distribution.default_cert",
			"fail aws_cloudfront_tls aws_cloudfront_distribution.default_cert",
			"fail aws_cloudfront_https aws_cloudfront_distribution.legacy",
			"fail aws_cloudfront_https aws_cloudfront_distribution.legacy",
			"fail aws_cloudfront_tls aws_cloudfront_distribution.legacy",
		}},
		{"generated/secure_cloudfront_https_tls12/plan.json", 1, []string{
			"fail aws_s3_bucket_access_logging aws_s3_bucket.cf_logs",
			"fail aws_s3_bucket_public_access_block aws_s3_bucket.cf_logs",
			"fail aws_s3_bucket_tls_only aws_s3_bucket.cf_logs",
			"fail aws_s3_bucket_versioning aws_s3_bucket.cf_logs",
		}},
		{"generated/insecure_alb_http_listener_weak_tls/plan.json", 1, []string{
			"fail aws_lb_https aws_elb.classic",
			"fail aws_lb_https aws_lb_listener.http",
			"fail aws_lb_tls_policy aws_lb_listener.https_tls10",
			"fail aws_lb_tls_policy aws_lb_listener.https_weak",
			"fail aws_security_group_description aws_security_group.alb",
			"fail aws_security_group_description aws_security_group.alb",
			"fail aws_vpc_default_security_group aws_vpc.main",
			"fail aws_vpc_flow_logs aws_vpc.main",
		}},
		{"generated/secure_alb_https_redirect/plan.json", 1, []string{
			"fail aws_security_group_description aws_security_group.alb",
			"fail aws_security_group_description aws_security_group.alb",
			"fail aws_vpc_default_security_group aws_vpc.main",
			"fail aws_vpc_flow_logs aws_vpc.main",
		}},
		{"generated/insecure_iam_wildcard_admin_policies/plan.json", 1, []string{
			"fail aws_iam_full_admin_policy aws_iam_policy.full_admin",
			"fail aws_iam_full_admin_policy aws_iam_role_policy.ci_star",
			"fail aws_iam_full_admin_policy aws_iam_user_policy.dev_inline",
			"fail aws_iam_full_admin_policy aws_iam_user_policy_attachment.dev_aws_admin",
			"fail aws_iam_privilege_escalation_policy aws_iam_group_policy.ops_iam_all",
			"fail aws_iam_privilege_escalation_policy aws_iam_policy.full_admin",
			"fail aws_iam_privilege_escalation_policy aws_iam_role_policy.ci_star",
			"fail aws_iam_privilege_escalation_policy aws_iam_user_policy.dev_inline",
			"fail aws_iam_privilege_escalation_policy aws_iam_user_policy_attachment.dev_aws_admin",
			"fail aws_iam_user_direct_policy aws_iam_user_policy.dev_inline",
			"fail aws_iam_user_direct_policy aws_iam_user_policy_attachment.dev_aws_admin",
			"fail aws_iam_user_direct_policy aws_iam_user_policy_attachment.dev_full_admin",
		}},
		{"generated/secure_iam_least_privilege/plan.json", 0, nil},
		{"generated/insecure_ami_public_launch_permission/plan.json", 1, []string{"fail aws_ami_public aws_ami_launch_permission.public"}},
		{"generated/secure_rds_private_encrypted/plan.json", 0, nil},
		{"generated/secure_redshift_private_encrypted/plan.json", 0, nil},
		// Flow logs on (the flow-log bucket's S3 settings and the log group's key are other topics).
		{"generated/secure_vpc_flow_logs/plan.json", 1, []string{
			"fail aws_cloudwatch_log_group_kms aws_cloudwatch_log_group.flow",
			"fail aws_s3_bucket_access_logging aws_s3_bucket.flow",
			"fail aws_s3_bucket_public_access_block aws_s3_bucket.flow",
			"fail aws_s3_bucket_tls_only aws_s3_bucket.flow",
			"fail aws_s3_bucket_versioning aws_s3_bucket.flow",
			"fail aws_vpc_default_security_group aws_vpc.main",
			"unknown aws_iam_cloudtrail_tampering aws_iam_role_policy.flow",
			"unknown aws_iam_full_admin_policy aws_iam_role_policy.flow",
			"unknown aws_iam_privilege_escalation_policy aws_iam_role_policy.flow",
		}},
		// for_each over a module: addresses keep their keys.
		{"checkov/common__runner_registry__plan_with_for_each_for_enrichment__tf_plan.json", 1, []string{
			`fail aws_security_group_description module.sg["awful_example"].aws_security_group.bad`,
			`fail aws_security_group_description module.sg["bad_example"].aws_security_group.bad`,
			`fail aws_security_group_description module.sg["terrible_example"].aws_security_group.bad`,
			`fail aws_security_group_world_all_protocols module.sg["awful_example"].aws_security_group.bad`,
			`fail aws_security_group_world_all_protocols module.sg["bad_example"].aws_security_group.bad`,
			`fail aws_security_group_world_all_protocols module.sg["terrible_example"].aws_security_group.bad`,
		}},
		{"checkov/terraform__runner__plan_with_child_modules__tfplan.json", 1, []string{
			"fail aws_iam_password_policy_max_age module.iam_groups.aws_iam_account_password_policy.main",
			"fail aws_iam_password_policy_min_length module.iam_groups.aws_iam_account_password_policy.main",
			"fail aws_iam_password_policy_reuse_prevention module.iam_groups.aws_iam_account_password_policy.main",
		}},
		// A UTF-16 plan written by PowerShell: a bare bucket (provider v3 era).
		{"checkov/terraform__parser__plan_encodings__tfplan_win_utf16.json", 1, []string{
			"fail aws_s3_bucket_access_logging aws_s3_bucket.data",
			"fail aws_s3_bucket_public_access_block aws_s3_bucket.data",
			"fail aws_s3_bucket_tls_only aws_s3_bucket.data",
			"fail aws_s3_bucket_versioning aws_s3_bucket.data",
		}},
	}
	for _, tc := range cases {
		t.Run(filepath.Base(filepath.Dir(tc.plan))+"/"+filepath.Base(tc.plan), func(t *testing.T) {
			code, rep := lintJSON(t, filepath.Join(plans, tc.plan))
			var got []string
			for _, f := range rep.Findings {
				got = append(got, f.Status+" "+f.Rule+" "+f.Address)
			}
			sort.Strings(got)
			want := append([]string(nil), tc.want...)
			sort.Strings(want)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if code != tc.code {
				t.Errorf("exit code %d, want %d", code, tc.code)
			}
		})
	}
}
