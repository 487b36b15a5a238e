package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/hardened-tf/terraform-provider-hardened/internal/acctest"
)

var update = flag.Bool("update", false, "rewrite golden files")

const plans = "../../testdata/plans"

func lint(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errOut, func(k string) string { return env[k] })
	return code, out.String(), errOut.String()
}

type jsonReport struct {
	Tool struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"tool"`
	Summary struct {
		Resources, Failed, Unknown, Waived int
	} `json:"summary"`
	Findings []struct {
		Rule, Title, Severity, Status, Address, Message, Remediation string
		ResourceType                                                 string   `json:"resource_type"`
		Attribute                                                    string   `json:"attribute"`
		Controls                                                     []string `json:"controls"`
		Aliases                                                      []string `json:"aliases"`
		Location                                                     *struct {
			File string `json:"file"`
			Line int    `json:"line"`
		} `json:"location"`
	} `json:"findings"`
}

func lintJSON(t *testing.T, args ...string) (int, jsonReport) {
	t.Helper()
	code, out, errOut := lint(t, nil, append([]string{"--format", "json"}, args...)...)
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("json output does not parse: %v\nstdout: %s\nstderr: %s", err, out, errOut)
	}
	return code, rep
}

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
			"fail aws_cloudtrail_s3_data_events aws_cloudtrail.defaults",
			"fail aws_cloudtrail_s3_data_events aws_cloudtrail.main",
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

// Input errors exit 2 with one line naming the problem; nothing on stdout.
func TestBadInputExits2(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"missing file", []string{filepath.Join(dir, "nope.json")}, "no such file"},
		{"state file", []string{write("terraform.tfstate", `{"version":4,"serial":1,"lineage":"x","resources":[]}`)}, "Terraform state file, not a plan"},
		{"truncated", []string{write("t.json", `{"format_version":"1.2","resource_changes":[`)}, "truncated"},
		{"corrupted real plan", []string{filepath.Join(plans, "checkov/terraform__runner__plan__corrupted-tfplan.json")}, "not of a plan"},
		{"no args", nil, "expected one PLAN argument"},
		{"two plans", []string{"a.json", "b.json"}, "expected one PLAN argument"},
		{"bad format", []string{"--format", "xml", "p.json"}, `unknown format "xml"`},
		{"bad fail-on", []string{"--fail-on", "urgent", filepath.Join(plans, "trivy/plan.json")}, `unknown severity "urgent"`},
		{"bad output", []string{"--output", "sarif", "p.json"}, "FORMAT=PATH"},
		{"bad config", []string{"--config", write("c.hcl", "fail_on = \"x\""), filepath.Join(plans, "trivy/plan.json")}, "c.hcl:1:11: Invalid fail_on"},
		{"unknown rule in config", []string{"--config", write("r.hcl", "rule \"aws_nope\" {}"), filepath.Join(plans, "trivy/plan.json")}, `r.hcl:1:1: Unknown rule: no rule "aws_nope"`},
		{"rule option not supported", []string{"--config", write("o.hcl", "rule \"aws_cloudtrail_multi_region\" {\n  threshold = 3\n}"), filepath.Join(plans, "trivy/plan.json")}, `o.hcl:2:3: Unsupported argument`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := lint(t, nil, tc.args...)
			if code != ExitError {
				t.Errorf("exit %d, want 2", code)
			}
			if out != "" {
				t.Errorf("stdout should be empty, got %q", out)
			}
			if !strings.Contains(errOut, tc.want) {
				t.Errorf("stderr %q does not contain %q", errOut, tc.want)
			}
		})
	}
}

func TestStdinFlagsAfterPlanAndFailOn(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(plans, "generated/insecure_default_sg_with_rules/plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run([]string{"-", "--format", "json", "--fail-on", "critical"}, bytes.NewReader(data), &out, &errOut, func(string) string { return "" })
	if code != ExitFindings || !strings.Contains(out.String(), `"aws_security_group_world_admin_ports"`) {
		t.Fatalf("code %d stderr %s", code, errOut.String())
	}
	// Only high findings with fail_on = critical: exit 0 (still reported).
	code, out2, _ := lint(t, map[string]string{"HARDENED_LINT_FAIL_ON": "critical"},
		filepath.Join(plans, "generated/secure_cloudtrail_multi_region_kms_cwl/plan.json"))
	if code != ExitOK || !strings.Contains(out2, "aws_cloudtrail_bucket_access_logging") {
		t.Errorf("fail_on from the environment: code %d\n%s", code, out2)
	}
}

func TestWaiversAndDisabledRules(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".hardened-lint.hcl")
	src := `
rule "aws_cloudtrail_bucket_access_logging" {
  enabled = false
}
waiver "aws_cloudtrail_multi_region" {
  address = "aws_cloudtrail.*"
  reason  = "single-region sandbox account"
  expires = "2999-12-31"
}
waiver "aws_cloudtrail_kms_encryption" {
  address = "aws_cloudtrail.main"
  reason  = "old waiver"
  expires = "2020-01-01"
}
`
	if err := os.WriteFile(cfg, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	_, rep := lintJSON(t, "--config", cfg, filepath.Join(plans, "generated/insecure_cloudtrail_single_region_no_validation/plan.json"))
	counts := map[string]int{}
	for _, f := range rep.Findings {
		counts[f.Rule+" "+f.Status]++
	}
	if counts["aws_cloudtrail_bucket_access_logging fail"] != 0 {
		t.Error("a disabled rule reported findings")
	}
	if counts["aws_cloudtrail_multi_region waived"] != 2 || counts["aws_cloudtrail_multi_region fail"] != 0 {
		t.Errorf("waiver did not apply: %v", counts)
	}
	if counts["aws_cloudtrail_kms_encryption fail"] != 2 {
		t.Errorf("expired waiver must not apply: %v", counts)
	}
	if rep.Summary.Waived != 2 {
		t.Errorf("summary waived = %d", rep.Summary.Waived)
	}
}

// Values marked sensitive never reach any output format.
func TestSensitiveValuesNeverPrinted(t *testing.T) {
	const secretCIDR = "203.0.113.77/32"
	doc := `{"format_version":"1.2","planned_values":{},"resource_changes":[
 {"address":"aws_security_group.s","mode":"managed","type":"aws_security_group","name":"s","change":{"actions":["create"],
  "after":{"ingress":[{"protocol":"tcp","from_port":0,"to_port":65535,"cidr_blocks":["` + secretCIDR + `","0.0.0.0/0"],"ipv6_cidr_blocks":[]}],"description":"TOPSECRET-DESC"},
  "after_unknown":{},"after_sensitive":{"ingress":[{"cidr_blocks":[true,true]}],"description":true}}},
 {"address":"aws_iam_account_password_policy.p","mode":"managed","type":"aws_iam_account_password_policy","name":"p","change":{"actions":["create"],
  "after":{"minimum_password_length":9,"password_reuse_prevention":3,"max_password_age":999},
  "after_unknown":{},"after_sensitive":{"minimum_password_length":true,"password_reuse_prevention":true,"max_password_age":true}}}
]}`
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"text", "json", "sarif", "junit", "github", "markdown"} {
		code, out, errOut := lint(t, nil, "--format", f, path)
		if code != ExitFindings {
			t.Fatalf("%s: exit %d, stderr %s", f, code, errOut)
		}
		for _, secret := range []string{"203.0.113.77", "TOPSECRET", "999", "is 9;", "is 3;"} {
			if strings.Contains(out, secret) || strings.Contains(errOut, secret) {
				t.Errorf("%s output contains the sensitive value %q:\n%s", f, secret, out)
			}
		}
		if !strings.Contains(out, "(sensitive value)") {
			t.Errorf("%s output should say a value was hidden", f)
		}
		// The world CIDR is sensitive here too: no finding message may quote it.
		if strings.Contains(out, "from 0.0.0.0/0:") || strings.Contains(out, "from 0.0.0.0/0\"") {
			t.Errorf("%s output quotes the sensitive CIDR 0.0.0.0/0", f)
		}
	}
}

func TestRulesAndExplain(t *testing.T) {
	code, out, _ := lint(t, nil, "rules")
	if code != 0 || !strings.Contains(out, "aws_cloudtrail_multi_region") || !strings.Contains(out, "CKV_AWS_67,AWS-0014") {
		t.Errorf("rules: %d\n%s", code, out)
	}
	code, out, _ = lint(t, nil, "rules", "--format", "json")
	var list []struct {
		ID, Title, Severity string
		Controls, Aliases   []string
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != 0 || len(list) < 16 {
		t.Fatalf("rules --format json: code %d, %d rules, %v", code, len(list), err)
	}
	for _, r := range list {
		if r.ID == "" || r.Title == "" || r.Severity == "" || len(r.Controls) == 0 || r.Aliases == nil {
			t.Errorf("rule entry incomplete: %+v", r)
		}
	}
	code, out, _ = lint(t, nil, "explain", "aws_security_group_world_admin_ports")
	for _, want := range []string{"Why:", "Fix:", "hardened_security_group", "HRD-NET-002", "Insecure:", "Secure:", "docs/lint/rules/aws_security_group_world_admin_ports.md"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain output lacks %q:\n%s", want, out)
		}
	}
	if code != 0 {
		t.Error("explain exit code")
	}
	if code, _, errOut := lint(t, nil, "explain", "nope"); code != 2 || !strings.Contains(errOut, `no rule "nope"`) {
		t.Error("explain of an unknown rule should exit 2")
	}
	if code, out, _ := lint(t, nil, "--version"); code != 0 || !strings.HasPrefix(out, "hardened-lint ") {
		t.Error("--version")
	}
}

// Golden files: the CLI end to end on one real plan, with source locations. Each
// format's own goldens (lint/format/testdata) are built from a few hand-picked
// findings; SARIF and JUnit, which list every rule or every passing check, are
// checked here by structure only (TestSARIFSchema, TestOutputsAndJSONShape), so
// that adding a rule does not rewrite them.
func TestGoldenFormats(t *testing.T) {
	dir := filepath.Join(plans, "generated/insecure_cloudtrail_single_region_no_validation")
	for _, f := range []string{"text", "json", "github", "markdown"} {
		t.Run(f, func(t *testing.T) {
			_, out, errOut := lint(t, nil, "--format", f, "--source-dir", dir, "--path-prefix", "infra", filepath.Join(dir, "plan.json"))
			if errOut != "" {
				t.Fatal(errOut)
			}
			golden := filepath.Join("testdata", "golden", "cloudtrail."+f)
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if out != string(want) {
				t.Errorf("%s output differs from %s (go test -update rewrites it):\n%s", f, golden, out)
			}
		})
	}
}

// --output writes several formats in one run; JSON on stdout keeps the documented shape.
func TestOutputsAndJSONShape(t *testing.T) {
	dir := t.TempDir()
	sarif, junit := filepath.Join(dir, "r.sarif"), filepath.Join(dir, "r.xml")
	code, out, _ := lint(t, nil, "--output", "sarif="+sarif, "--output", "junit="+junit, "--format", "json",
		filepath.Join(plans, "generated/insecure_sg_rule_db_ports_open/plan.json"))
	if code != ExitFindings {
		t.Fatalf("exit %d", code)
	}
	for _, p := range []string{sarif, junit} {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s not written", p)
		}
	}
	var generic map[string]any
	if err := json.Unmarshal([]byte(out), &generic); err != nil {
		t.Fatal(err)
	}
	findings, _ := generic["findings"].([]any)
	if len(findings) == 0 {
		t.Fatal("no findings")
	}
	f0, _ := findings[0].(map[string]any)
	for _, k := range []string{"rule", "title", "severity", "status", "address", "resource_type", "attribute", "message", "controls", "aliases", "remediation"} {
		if _, ok := f0[k]; !ok {
			t.Errorf("finding lacks %q", k)
		}
	}
	sum, _ := generic["summary"].(map[string]any)
	for _, k := range []string{"resources", "failed", "unknown", "waived"} {
		if _, ok := sum[k]; !ok {
			t.Errorf("summary lacks %q", k)
		}
	}
	if tool, _ := generic["tool"].(map[string]any); tool["name"] != "hardened-lint" {
		t.Error("tool.name")
	}
}

// A binary plan file (terraform plan -out) is converted with terraform show -json.
// terraform_data needs no provider download, so this runs offline.
func TestBinaryPlanFile(t *testing.T) {
	tf, err := acctest.TerraformPath()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("resource \"terraform_data\" \"x\" {\n  input = \"a\"\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", "-input=false", "-no-color"}, {"plan", "-input=false", "-no-color", "-out=tfplan"}} {
		cmd := exec.Command(tf, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE=", "CHECKPOINT_DISABLE=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("terraform %s: %v\n%s", args[0], err, out)
		}
	}
	t.Setenv("TF_CLI_CONFIG_FILE", "")
	code, rep := lintJSON(t, filepath.Join(dir, "tfplan"))
	// terraform_data is judged by no rule, so no resource counts as checked.
	if code != ExitOK || rep.Summary.Resources != 0 {
		t.Fatalf("exit %d, summary %+v", code, rep.Summary)
	}
	// A binary plan on stdin cannot be converted: say what to do instead.
	data, err := os.ReadFile(filepath.Join(dir, "tfplan"))
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"-"}, bytes.NewReader(data), &out, &errOut, func(string) string { return "" }); code != ExitError ||
		!strings.Contains(errOut.String(), "pipe terraform show -json PLANFILE") {
		t.Fatalf("stdin binary plan: exit %d, %s", code, errOut.String())
	}
}

// The commands of the CI examples run as written against a sample plan, and the
// SARIF they produce has the structure SARIF 2.1.0 consumers (code scanning) require.
func TestCIExampleCommands(t *testing.T) {
	examples, err := filepath.Abs(filepath.Join("..", "..", "..", "examples", "ci"))
	if err != nil {
		t.Fatal(err)
	}
	sample, err := filepath.Abs(filepath.Join(plans, "generated/insecure_sg_inline_ssh_rdp_open"))
	if err != nil {
		t.Fatal(err)
	}
	for _, example := range []string{"github-actions.yml", "gitlab-ci.yml"} {
		src, err := os.ReadFile(filepath.Join(examples, example))
		if err != nil {
			t.Fatal(err)
		}
		var line string
		for _, l := range strings.Split(string(src), "\n") {
			l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "- "))
			l = strings.TrimPrefix(l, "run: ")
			if strings.HasPrefix(l, "hardened-lint ") {
				line = l
			}
		}
		if line == "" {
			t.Fatalf("%s has no hardened-lint command", example)
		}
		// The examples' layout: the repository root, the configuration in infra/,
		// and the job's working directory infra (--source-dir .).
		root := t.TempDir()
		dir := filepath.Join(root, "infra")
		if err := os.MkdirAll(filepath.Join(root, ".git"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		plan, err := os.ReadFile(filepath.Join(sample, "plan.json"))
		if err != nil {
			t.Fatal(err)
		}
		tf, err := os.ReadFile(filepath.Join(sample, "main.tf"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "plan.json"), plan, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), tf, 0o600); err != nil {
			t.Fatal(err)
		}
		t.Chdir(dir)
		env := map[string]string{"HARDENED_LINT_FAIL_ON": "high", "HARDENED_LINT_SOURCE_DIR": "."}
		code, out, errOut := lint(t, env, strings.Fields(line)[1:]...)
		if code != ExitFindings || errOut != "" {
			t.Fatalf("%s: %q exited %d: %s", example, line, code, errOut)
		}
		// The RDP rule's finding sits on its cidr_blocks line, in infra/main.tf.
		want := fmt.Sprintf("::error file=infra/main.tf,line=%d,col=5,title=aws_security_group_world_admin_ports", rdpCIDRLine(t, string(tf)))
		if strings.Contains(line, "github=-") && !strings.Contains(out, want) {
			t.Errorf("%s: GitHub annotations lack %q:\n%s", example, want, out)
		}
		if strings.Contains(line, "sarif=") {
			checkSARIF(t, filepath.Join(dir, "results.sarif"))
			if data, _ := os.ReadFile(filepath.Join(dir, "results.sarif")); !strings.Contains(string(data), `"uri": "infra/main.tf"`) {
				t.Errorf("%s: SARIF paths are not relative to the repository root", example)
			}
		}
		if strings.Contains(line, "junit=") {
			if data, err := os.ReadFile(filepath.Join(dir, "hardened-lint.xml")); err != nil || !strings.Contains(string(data), "<testsuites") {
				t.Errorf("%s: JUnit report missing or malformed: %v", example, err)
			}
		}
	}
}

// rdpCIDRLine is the line of the cidr_blocks of the sample's RDP ingress block.
func rdpCIDRLine(t *testing.T, tf string) int {
	t.Helper()
	lines := strings.Split(tf, "\n")
	for i, l := range lines {
		if strings.Contains(l, `"RDP from anywhere"`) {
			for j := i; j < len(lines); j++ {
				if strings.Contains(lines[j], "cidr_blocks ") {
					return j + 1
				}
			}
		}
	}
	t.Fatal("the sample has no RDP ingress block with cidr_blocks")
	return 0
}

// Paths: relative to the git top level, else the working directory; --path-prefix overrides.
func TestPathsRelativeToRepositoryRoot(t *testing.T) {
	sample := filepath.Join(plans, "generated/insecure_sg_inline_ssh_rdp_open")
	tf, err := os.ReadFile(filepath.Join(sample, "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	planPath, err := filepath.Abs(filepath.Join(sample, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	infra := filepath.Join(root, "infra")
	if err := os.MkdirAll(infra, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(infra, "main.tf"), tf, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"no git: the working directory", []string{"--source-dir", "infra"}, nil, "file=infra/main.tf,"},
		{"--path-prefix", []string{"--source-dir", "infra", "--path-prefix", "deploy/infra/"}, nil, "file=deploy/infra/main.tf,"},
		{"empty --path-prefix: relative to --source-dir", []string{"--source-dir", "infra", "--path-prefix", ""}, nil, "file=main.tf,"},
		{"environment", []string{"--source-dir", "infra"}, map[string]string{"HARDENED_LINT_PATH_PREFIX": "x"}, "file=x/main.tf,"},
	} {
		_, out, errOut := lint(t, tc.env, append(tc.args, "--format", "github", planPath)...)
		if !strings.Contains(out, tc.want) {
			t.Errorf("%s: want %q\n%s%s", tc.name, tc.want, out, errOut)
		}
	}
}

// checkSARIF validates a SARIF log against the OASIS SARIF 2.1.0 JSON schema
// (as embedded by github.com/owenrumney/go-sarif), then checks what code scanning
// needs beyond the schema: rule metadata, rule indexes and physical locations.
func checkSARIF(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	report, err := sarif.FromBytes(data)
	if err != nil {
		t.Fatalf("SARIF does not load: %v", err)
	}
	if err := report.Validate(); err != nil {
		t.Fatalf("SARIF fails the SARIF 2.1.0 schema: %v", err)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID               string                `json:"id"`
						ShortDescription struct{ Text string } `json:"shortDescription"`
						HelpURI          string                `json:"helpUri"`
						Properties       struct {
							SecuritySeverity string `json:"security-severity"`
						} `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string                `json:"ruleId"`
				RuleIndex int                   `json:"ruleIndex"`
				Level     string                `json:"level"`
				Message   struct{ Text string } `json:"message"`
				Locations []struct {
					PhysicalLocation *struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						Region           struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("SARIF header: version %q schema %q runs %d", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "hardened-lint" || len(run.Tool.Driver.Rules) == 0 || len(run.Results) == 0 {
		t.Fatalf("SARIF run: driver %q, %d rules, %d results", run.Tool.Driver.Name, len(run.Tool.Driver.Rules), len(run.Results))
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.ID == "" || r.ShortDescription.Text == "" || !strings.HasPrefix(r.HelpURI, "https://") || r.Properties.SecuritySeverity == "" {
			t.Errorf("SARIF rule %+v lacks id, description, help URI or security-severity", r)
		}
	}
	for _, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s has a ruleIndex that does not point at its rule", res.RuleID)
		}
		switch res.Level {
		case "error", "warning", "note", "none":
		default:
			t.Errorf("result level %q is not a SARIF level", res.Level)
		}
		if res.Message.Text == "" || len(res.Locations) == 0 || res.Locations[0].PhysicalLocation == nil ||
			res.Locations[0].PhysicalLocation.ArtifactLocation.URI == "" || res.Locations[0].PhysicalLocation.Region.StartLine < 1 {
			t.Errorf("result %s lacks a message or a physical location", res.RuleID)
		}
	}
}

// Every format's golden SARIF output, with unknown and waived results too, passes the schema.
func TestSARIFSchema(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.hcl")
	if err := os.WriteFile(cfg, []byte("waiver \"aws_cloudtrail_multi_region\" {\n  address = \"*\"\n  reason = \"sandbox\"\n  expires = \"2999-01-01\"\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"generated/insecure_cloudtrail_single_region_no_validation", "generated/secure_sg_restricted"} {
		out := filepath.Join(dir, filepath.Base(p)+".sarif")
		lint(t, nil, "--config", cfg, "--source-dir", filepath.Join(plans, p), "--output", "sarif="+out, filepath.Join(plans, p, "plan.json"))
		checkSARIFSchema(t, out)
	}
}

func checkSARIFSchema(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	report, err := sarif.FromBytes(data)
	if err != nil {
		t.Fatalf("%s does not load: %v", path, err)
	}
	if err := report.Validate(); err != nil {
		t.Fatalf("%s fails the SARIF 2.1.0 schema: %v", path, err)
	}
}

// Text, summary and exit code tell one story: failures below fail_on are WARN
// (NOTE for info rules), not FAIL, and do not fail the run.
func TestFailOnLevels(t *testing.T) {
	p := filepath.Join(plans, "generated/secure_cloudtrail_multi_region_kms_cwl/plan.json")
	code, out, errOut := lint(t, nil, "--fail-on", "high", p)
	if code != ExitOK || errOut != "" {
		t.Fatalf("--fail-on high with medium and low findings: exit %d, %s", code, errOut)
	}
	if strings.Contains(out, "FAIL") || !strings.Contains(out, "  WARN [medium] aws_s3_bucket_versioning") ||
		!strings.Contains(out, "0 failing resources, 0 failing findings; 7 warnings, 0 notes (below fail_on high)") {
		t.Errorf("--fail-on high output:\n%s", out)
	}
	code, out, _ = lint(t, nil, p)
	if code != ExitFindings || !strings.Contains(out, "  FAIL [medium] aws_s3_bucket_versioning") ||
		!strings.Contains(out, "2 failing resources, 7 failing findings (2 medium, 5 low); 0 warnings") {
		t.Errorf("default fail_on low: exit %d\n%s", code, out)
	}
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.hcl")
	if err := os.WriteFile(cfg, []byte("fail_on = \"none\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want int
	}{
		{"flag none", nil, []string{"--fail-on", "none"}, ExitOK},
		{"env none", map[string]string{"HARDENED_LINT_FAIL_ON": "none"}, nil, ExitOK},
		{"config none", nil, []string{"--config", cfg}, ExitOK},
		{"flag over config", nil, []string{"--config", cfg, "--fail-on", "info"}, ExitFindings},
		{"flag info", nil, []string{"--fail-on", "INFO"}, ExitFindings},
	} {
		if code, _, errOut := lint(t, tc.env, append(tc.args, p)...); code != tc.want {
			t.Errorf("%s: exit %d, want %d (%s)", tc.name, code, tc.want, errOut)
		}
	}
}

// explain accepts an alias (every rule carrying it) and answers a typo with the
// closest IDs, not a list of every rule.
func TestExplainAliasesAndTypos(t *testing.T) {
	code, out, _ := lint(t, nil, "explain", "CKV_AWS_24")
	if code != ExitOK || !strings.HasPrefix(out, "CKV_AWS_24 is an alias of aws_security_group_world_admin_ports\n") ||
		!strings.Contains(out, "Why:") {
		t.Errorf("explain of an alias: exit %d\n%s", code, out)
	}
	if code, out, _ := lint(t, nil, "explain", "ckv_aws_67"); code != ExitOK || !strings.Contains(out, "aws_cloudtrail_multi_region (high)") {
		t.Errorf("aliases are case-insensitive: exit %d\n%s", code, out)
	}
	for typo, want := range map[string]string{
		"aws_security_group_world_admin_port": "did you mean aws_security_group_world_admin_ports?",
		"aws_cloudtrail_multiregion":          "did you mean aws_cloudtrail_multi_region?",
		"CKV_AWS_244":                         "CKV_AWS_24",
	} {
		code, out, errOut := lint(t, nil, "explain", typo)
		if code != ExitError || out != "" || !strings.Contains(errOut, `no rule "`+typo+`"`) || !strings.Contains(errOut, want) {
			t.Errorf("explain %s: exit %d, stderr %q, want %q", typo, code, errOut, want)
		}
		if strings.Count(errOut, "aws_") > 3 {
			t.Errorf("explain %s dumps rule IDs: %s", typo, errOut)
		}
	}
}

// A redacted value reveals nothing, its label included.
func TestRedactedValueLabel(t *testing.T) {
	doc := `{"format_version":"1.2","planned_values":{},"resource_changes":[
 {"address":"aws_security_group.s","mode":"managed","type":"aws_security_group","name":"s","change":{"actions":["create"],
  "after":{"description":"web","ingress":[{"description":"x","protocol":"tcp","from_port":3389,"to_port":3389,"cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[]},
   {"description":"y","protocol":"tcp","from_port":22,"to_port":22,"cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[]}]},
  "after_unknown":{},"after_sensitive":{"ingress":[{"from_port":true,"to_port":true},{"from_port":true,"to_port":true}]}}}]}`
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"text", "json", "sarif", "junit", "github", "markdown"} {
		code, out, _ := lint(t, nil, "--format", f, path)
		if code != ExitFindings || !strings.Contains(out, "(sensitive value)") {
			t.Fatalf("%s: exit %d, no redaction:\n%s", f, code, out)
		}
		if f == "sarif" { // the rules' metadata, before the results, names RDP of course
			out = out[strings.Index(out, `"results"`):]
		}
		if strings.Contains(out, "RDP") || strings.Contains(out, "3389") || strings.Contains(out, "SSH") || strings.Contains(out, " 22") {
			t.Errorf("%s names the redacted port:\n%s", f, out)
		}
	}
}

// Control characters in a hand-made plan's addresses are escaped in text output.
func TestControlCharactersInAddresses(t *testing.T) {
	doc := "{\"format_version\":\"1.2\",\"planned_values\":{},\"resource_changes\":[\n" +
		`{"address":"aws_security_group.s[\"\u001b[2J\"]","mode":"managed","type":"aws_security_group","name":"s","index":"\u001b[2J","change":{"actions":["create"],` +
		`"after":{"ingress":[{"protocol":"-1","from_port":0,"to_port":0,"cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[]}]},"after_unknown":{}}}]}`
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"text", "github", "markdown", "junit"} {
		code, out, errOut := lint(t, nil, "--format", f, path)
		if code != ExitFindings {
			t.Fatalf("%s: exit %d %s", f, code, errOut)
		}
		if strings.Contains(out, "\x1b") || !strings.Contains(out, `\x1b[2J`) {
			t.Errorf("%s prints the escape sequence raw:\n%q", f, out)
		}
	}
}

// A resource in a local module is located in the module's source, with the
// module call that leads to it, in SARIF, JSON and GitHub output.
func TestModuleLocations(t *testing.T) {
	root := t.TempDir()
	write := func(path, content string) {
		p := filepath.Join(root, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(".git/HEAD", "ref: refs/heads/main\n")
	write("infra/main.tf", "module \"app\" {\n  source = \"./modules/app\"\n}\n")
	write("infra/modules/app/sg.tf", "resource \"aws_security_group\" \"db\" {\n  description = \"db\"\n\n  ingress {\n"+
		"    description = \"rdp\"\n    protocol    = \"tcp\"\n    from_port   = 3389\n    to_port     = 3389\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n")
	write("infra/plan.json", `{"format_version":"1.2","planned_values":{},"resource_changes":[
 {"address":"module.app.aws_security_group.db","module_address":"module.app","mode":"managed","type":"aws_security_group","name":"db","change":{"actions":["create"],
  "after":{"description":"db","ingress":[{"description":"rdp","protocol":"tcp","from_port":3389,"to_port":3389,"cidr_blocks":["0.0.0.0/0"],"ipv6_cidr_blocks":[]}],"egress":[]},
  "after_unknown":{},"after_sensitive":{}}}],
 "configuration":{"root_module":{"module_calls":{"app":{"source":"./modules/app","module":{"resources":[
  {"address":"aws_security_group.db","mode":"managed","type":"aws_security_group","name":"db","expressions":{}}]}}}}}}`)
	t.Chdir(filepath.Join(root, "infra"))
	sarifPath := filepath.Join(root, "r.sarif")
	code, out, errOut := lint(t, nil, "--source-dir", ".", "--format", "json", "--output", "sarif="+sarifPath, "--output", "github=-", "plan.json")
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "::error file=infra/modules/app/sg.tf,line=9,col=5,title=aws_security_group_world_admin_ports (critical)::" +
		"module.app.aws_security_group.db: ingress[0] allows tcp 3389 (RDP) from 0.0.0.0/0: administrative and database ports must never be reachable from the internet (in module.app at infra/main.tf:1)"
	if !strings.Contains(out, want) {
		t.Errorf("GitHub annotation lacks %q:\n%s", want, out)
	}
	for _, s := range []string{`"location": {
        "file": "infra/modules/app/sg.tf",
        "line": 9,
        "column": 5
      },
      "module_calls": [
        {
          "address": "module.app",
          "file": "infra/main.tf",
          "line": 1,
          "column": 1
        }
      ]`} {
		if !strings.Contains(out, s) {
			t.Errorf("JSON lacks %s:\n%s", s, out)
		}
	}
	checkSARIFSchema(t, sarifPath)
	if data, _ := os.ReadFile(sarifPath); !strings.Contains(string(data), `"relatedLocations"`) || !strings.Contains(string(data), `"called by module.app"`) {
		t.Error("SARIF lacks the module call as a related location")
	}
}

// The account posture read by data "hardened_account_posture" during a real
// plan (scripts/gen-posture-plan.sh) gates the pipeline: its failed checks are
// findings, exit 1, and a waiver for the rule and address waives them.
func TestAccountPosturePlan(t *testing.T) {
	planFile := filepath.Join("..", "..", "testdata", "plans", "hardened", "account_posture", "plan.json")
	var out, errOut bytes.Buffer
	code := run([]string{"--format", "json", planFile}, nil, &out, &errOut, func(string) string { return "" })
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d (findings); stderr: %s", code, ExitFindings, errOut.String())
	}
	var doc struct {
		Findings []struct {
			Rule    string `json:"rule"`
			Status  string `json:"status"`
			Address string `json:"address"`
			Message string `json:"message"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	failed := 0
	for _, f := range doc.Findings {
		if f.Rule == "hardened_account_posture" && f.Address == "data.hardened_account_posture.this" && f.Status == "fail" {
			failed++
		}
	}
	if failed != 7 {
		t.Errorf("%d failed posture findings, want 7:\n%s", failed, out.String())
	}

	dir := t.TempDir()
	cfg := filepath.Join(dir, "waiver.hcl")
	waiver := `waiver "hardened_account_posture" {
  address = "data.hardened_account_posture.this"
  reason  = "root MFA is being set up this week"
  expires = "2099-01-01"
}
`
	if err := os.WriteFile(cfg, []byte(waiver), 0o600); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	errOut.Reset()
	if code := run([]string{"--config", cfg, "--unknown", "ignore", planFile}, nil, &out, &errOut, func(string) string { return "" }); code != ExitOK {
		t.Errorf("with the waiver: exit %d, want 0\n%s%s", code, out.String(), errOut.String())
	}
}
