package agreement

import (
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/rules"
	"github.com/hardened-tf/terraform-provider-hardened/provider"
)

// equivalents maps each hardened_* resource to the aws_* resource types that
// configure what it manages: the lint rules on those types and the resource must
// cover the same controls.
var equivalents = map[string][]string{
	"hardened_password_policy":        {"aws_iam_account_password_policy"},
	"hardened_default_security_group": {"aws_default_security_group"},
	"hardened_security_group": {"aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule",
		"aws_vpc_security_group_egress_rule"},
	"hardened_cloudtrail":                     {"aws_cloudtrail"},
	"hardened_ebs_encryption_by_default":      {"aws_ebs_encryption_by_default"},
	"hardened_s3_account_public_access_block": {"aws_s3_account_public_access_block"},
	"hardened_kms_key":                        {"aws_kms_key"},
	"hardened_s3_bucket":                      {"aws_s3_bucket"},
}

// notLinted: controls a hardened resource enforces that no lint rule checks on
// its aws_* equivalents, each with why.
var notLinted = map[Pair]string{
	{"hardened_password_policy", "HRD-IAM-001"}: "a plan cannot show that an account has no password policy: " +
		"an absent aws_iam_account_password_policy is not a resource the linter is given",
	{"hardened_password_policy", "HRD-IAM-009"}: "no peer checks allow_users_to_change_password and CIS does not " +
		"score it; the provider sets it because users must be able to rotate their own password",
	{"hardened_security_group", "HRD-NET-008"}: "a plain aws_security_group has nowhere to declare which ports are " +
		"meant to be public, so the linter cannot tell an intended public port from a mistake",
	{"hardened_cloudtrail", "HRD-CT-009"}: "the trail's key is an aws_kms_key, which aws_kms_key_rotation " +
		"checks (HRD-KMS-001) like every key",
	{"hardened_cloudtrail", "HRD-CT-012"}: "the trail's bucket is an aws_s3_bucket, which aws_s3_bucket_tls_only " +
		"checks (HRD-S3-007) like every bucket",
	{"hardened_kms_key", "HRD-KMS-002"}: "no lint rule yet: the control came with hardened_kms_key; a rule on " +
		"aws_kms_key / aws_kms_key_policy is to write",
	{"hardened_kms_key", "HRD-KMS-003"}: "no lint rule yet: the control came with hardened_kms_key; a rule on " +
		"aws_kms_key / aws_kms_key_policy is to write",
	{"hardened_kms_key", "HRD-KMS-004"}: "no lint rule yet: the control came with hardened_kms_key; a rule on " +
		"aws_kms_key / aws_kms_key_policy is to write",
	{"hardened_kms_key", "HRD-KMS-005"}: "no lint rule yet: the control came with hardened_kms_key; a rule on " +
		"aws_kms_key / aws_kms_key_policy is to write",
	{"hardened_s3_bucket", "HRD-S3-010"}: "no lint rule yet: the control came with hardened_s3_bucket; a rule on " +
		"aws_s3_bucket and its configuration resources is to write",
	{"hardened_s3_bucket", "HRD-S3-011"}: "no lint rule yet: the control came with hardened_s3_bucket; a rule on " +
		"aws_s3_bucket and its configuration resources is to write",
	{"hardened_s3_bucket", "HRD-S3-012"}: "no lint rule yet: the control came with hardened_s3_bucket; a rule on " +
		"aws_s3_bucket and its configuration resources is to write",
	{"hardened_cloudtrail", "HRD-CT-013"}: "retention is a lifecycle expiry on the trail's bucket; the linter " +
		"checks the bucket's archive rule (HRD-CT-016) but not the expiry's length",
}

// notEnforced: controls lint rules check on an aws_* equivalent of a hardened
// resource that the resource does not enforce, each with why.
var notEnforced = map[Pair]string{
	{"hardened_cloudtrail", "HRD-CT-010"}: "met only when configured (s3_data_events), listed as an optional " +
		"control in the resource's docs",
	{"hardened_cloudtrail", "HRD-CT-011"}: "met only when configured (s3_data_events), listed as an optional " +
		"control in the resource's docs",
	{"hardened_cloudtrail", "HRD-CT-014"}: "sns_topic_arn is optional: the resource notifies a topic only when " +
		"given one",
	{"hardened_cloudtrail", "HRD-CT-015"}: "the resource sets neither MFA delete nor Object Lock on its buckets " +
		"(MFA delete needs the root user's device)",
	{"hardened_cloudtrail", "HRD-CT-016"}: "the buckets it creates archive logs after archive_after_days, shown " +
		"under HRD-CT-013's lifecycle status rather than claimed on its own",
	{"hardened_cloudtrail", "HRD-CT-017"}: "the log bucket is encrypted with the trail's key as part of " +
		"HRD-CT-004's destinations, not claimed on its own",
	{"hardened_s3_bucket", "HRD-S3-008"}: "the resource has no website argument and does not claim the " +
		"control: a website configuration added outside Terraform is not reported",
	{"hardened_s3_bucket", "HRD-S3-009"}: "MFA delete can only be turned on with the root user's MFA device, " +
		"which a provider does not hold",
	{"hardened_security_group", "HRD-NET-010"}: "not enforced yet: ICMP rules from the internet pass the " +
		"resource's plan checks (only tcp, udp and all-protocol rules are checked); only the linter reports them",
	{"hardened_default_security_group", "HRD-NET-002"}: "the resource allows no rule at all (HRD-NET-001), " +
		"which rules out this finding",
	{"hardened_default_security_group", "HRD-NET-003"}: "the resource allows no rule at all (HRD-NET-001), " +
		"which rules out this finding",
	{"hardened_default_security_group", "HRD-NET-004"}: "the resource allows no rule at all (HRD-NET-001), " +
		"which rules out this finding",
	{"hardened_default_security_group", "HRD-NET-005"}: "the resource allows no rule at all (HRD-NET-001), " +
		"which rules out this finding",
	{"hardened_default_security_group", "HRD-NET-006"}: "the resource allows no rule at all (HRD-NET-001), " +
		"which rules out this finding",
	{"hardened_default_security_group", "HRD-NET-010"}: "the resource allows no rule at all (HRD-NET-001), " +
		"which rules out this finding",
}

// aliasReasons justifies every alias of every rule: why the checkov or trivy
// check fails where the rule does. (The accuracy work on aliases and related IDs
// keeps its own table in lint/rules; this one holds the aliases rules list.)
var aliasReasons = map[string]map[string]string{
	"aws_cloudfront_https": {
		"CKV_AWS_34": "viewer_protocol_policy allow-all fails both",
		"AWS-0012":   "viewer_protocol_policy allow-all fails both",
	},
	"aws_cloudfront_tls": {
		"CKV_AWS_174": "minimum_protocol_version below TLSv1.2_2018/2019/2021 fails both",
		"AWS-0013":    "minimum_protocol_version below TLSv1.2_2021 fails both",
	},
	"aws_cloudtrail_bucket_access_logging": {
		"AWS-0163": "the trail's bucket without access logging fails both",
	},
	"aws_cloudtrail_bucket_public": {
		"AWS-0161": "a trail whose bucket is public fails both",
	},
	"aws_cloudtrail_cloudwatch_logs": {
		"CKV2_AWS_10": "a trail without a CloudWatch Logs group fails both",
		"AWS-0162":    "a trail without cloud_watch_logs_group_arn fails both",
	},
	"aws_cloudtrail_kms_encryption": {
		"CKV_AWS_35": "a trail without kms_key_id fails both",
		"AWS-0015":   "a trail without kms_key_id fails both",
	},
	"aws_cloudtrail_log_file_validation": {
		"CKV_AWS_36": "enable_log_file_validation not true fails both",
		"AWS-0016":   "enable_log_file_validation not true fails both",
	},
	"aws_cloudtrail_logging_enabled": {
		"CKV_AWS_251": "enable_logging = false fails both",
	},
	"aws_cloudtrail_multi_region": {
		"CKV_AWS_67": "is_multi_region_trail not true fails both; the management-events part has no peer",
		"AWS-0014":   "is_multi_region_trail not true fails both; the management-events part has no peer",
	},
	"aws_cloudwatch_log_group_kms": {
		"CKV_AWS_158": "a log group without kms_key_id fails both",
		"AWS-0017":    "a log group without kms_key_id fails both",
	},
	"aws_cloudwatch_log_group_retention": {
		"CKV_AWS_66": "retention_in_days unset fails both (checkov accepts any value, as this rule does)",
	},
	"aws_default_security_group_rules": {
		"CKV2_AWS_12": "checkov reports the rules on the aws_vpc, this rule on the aws_default_security_group",
		"AWS-0173":    "a default security group with any ingress or egress rule fails both",
	},
	"aws_ebs_encryption_by_default": {
		"CKV_AWS_106": "enabled not true fails both",
	},
	"aws_ebs_volume_encryption": {
		"CKV_AWS_3": "checkov judges aws_ebs_volume.encrypted only",
		"CKV_AWS_8": "checkov judges the instance's root and EBS block devices (and launch configurations)",
		"AWS-0026":  "trivy judges the volume's encryption only",
		"AWS-0131":  "trivy judges the instance's root and EBS block devices",
	},
	"aws_iam_full_admin_policy": {
		"CKV_AWS_274": "the AWS managed AdministratorAccess policy attached to a role, user or group fails both",
		"CKV_AWS_62":  "checkov judges Action * on Resource * in aws_iam_policy and the inline user, role and group policies",
		"CKV_AWS_1":   "checkov judges the data.aws_iam_policy_document, not the resource this rule reports",
		"AWS-0057":    "trivy fails a policy document allowing * actions on *; deprecated in trivy-checks (IAM policy wildcards)",
	},
	"aws_elb_tls_policy": {
		"CKV_AWS_213": "a classic load balancer SSL negotiation policy that enables an insecure protocol fails both",
	},
	"aws_iam_password_policy_character_classes": {
		"CKV_AWS_11": "checkov's lowercase check",
		"CKV_AWS_12": "checkov's number check",
		"CKV_AWS_14": "checkov's symbol check",
		"CKV_AWS_15": "checkov's uppercase check",
		"AWS-0058":   "trivy's lowercase check",
		"AWS-0059":   "trivy's number check",
		"AWS-0060":   "trivy's symbol check",
		"AWS-0061":   "trivy's uppercase check",
	},
	"aws_iam_password_policy_max_age": {
		"CKV_AWS_9": "max_password_age unset or above 90 fails both",
		"AWS-0062":  "max_password_age above 90 fails both",
	},
	"aws_iam_password_policy_min_length": {
		"CKV_AWS_10": "minimum_password_length below 14 fails both",
		"AWS-0063":   "minimum_password_length below 14 fails both",
	},
	"aws_iam_password_policy_reuse_prevention": {
		"CKV_AWS_13": "checkov wants 24 remembered passwords, as this rule does",
		"AWS-0056":   "trivy accepts 5 remembered passwords; this rule wants 24",
	},
	"aws_iam_user_direct_policy": {
		"CKV_AWS_40": "checkov judges aws_iam_user_policy, aws_iam_user_policy_attachment and aws_iam_policy_attachment users",
		"AWS-0143":   "a policy attached to a user fails both",
	},
	"aws_instance_imdsv2": {
		"CKV_AWS_79": "http_tokens not required (endpoint enabled) fails both, instances and launch templates",
		"AWS-0028":   "trivy's instance check",
		"AWS-0130":   "trivy's launch template and configuration check",
	},
	"aws_kms_key_rotation": {
		"CKV_AWS_7": "a symmetric key without enable_key_rotation fails both",
		"AWS-0065":  "a non-signing key without rotation fails both",
	},
	"aws_lb_https": {
		"CKV_AWS_2": "checkov judges aws_lb_listener and aws_alb_listener: HTTP without a redirect to HTTPS",
		"AWS-0054":  "trivy judges application load balancer listeners: HTTP without a redirect to HTTPS",
	},
	"aws_lb_tls_policy": {
		"CKV_AWS_103": "an HTTPS/TLS listener with a policy older than TLS 1.2 fails both",
		"AWS-0047":    "an outdated ssl_policy fails both",
	},
	"aws_network_acl_world_admin_ports": {
		"CKV_AWS_229": "port 21 from 0.0.0.0/0 (per-port parts: owned by the NACL rule's rewrite)",
		"CKV_AWS_230": "port 20 from 0.0.0.0/0",
		"CKV_AWS_231": "port 3389 from 0.0.0.0/0",
		"CKV_AWS_232": "port 22 from 0.0.0.0/0",
	},
	"aws_rds_encryption": {
		"CKV_AWS_16": "checkov judges aws_db_instance.storage_encrypted",
		"AWS-0080":   "trivy judges the instance's storage encryption",
	},
	"aws_rds_public": {
		"CKV_AWS_17": "publicly_accessible = true on aws_db_instance or aws_rds_cluster_instance fails both",
		"AWS-0082":   "public access on an RDS instance fails both; trivy-checks renumbered it AWS-0180",
	},
	"aws_redshift_encryption": {
		"CKV_AWS_64": "encrypted not true fails both",
	},
	"aws_redshift_public": {
		"CKV_AWS_87": "publicly_accessible true fails both",
	},
	"aws_s3_bucket_access_logging": {
		"CKV_AWS_18": "a bucket without access logging fails both",
		"AWS-0089":   "a bucket without access logging fails both",
	},
	"aws_s3_bucket_public_access_block": {
		"CKV2_AWS_6": "checkov's bucket check requires block_public_policy",
		"AWS-0086":   "trivy's block_public_acls check",
		"AWS-0087":   "trivy's block_public_policy check",
		"AWS-0091":   "trivy's ignore_public_acls check",
		"AWS-0093":   "trivy's restrict_public_buckets check",
		"AWS-0094":   "no block: trivy's 'specify a block' fails",
	},
	"aws_s3_bucket_public_acl": {
		"CKV_AWS_20": "public-read, public-read-write, authenticated-read (and website) ACLs fail checkov's read check",
		"CKV_AWS_57": "only public-read-write fails checkov's write check",
		"AWS-0092":   "the same public canned ACLs fail trivy",
	},
	"aws_s3_bucket_public_policy": {
		"CKV_AWS_70": "Principal \"*\" without a condition that restricts the principal fails both",
	},
	"aws_s3_bucket_versioning": {
		"CKV_AWS_21": "versioning not enabled fails both",
		"AWS-0090":   "versioning not enabled fails both",
	},
	"aws_security_group_description": {
		"CKV_AWS_23": "checkov fails a rule without a description",
		"AWS-0099":   "trivy fails a group without a description or with \"Managed by Terraform\"; checkov accepts the default",
		"AWS-0124":   "trivy fails a rule without a description",
	},
	"aws_security_group_world_admin_ports": {
		"CKV_AWS_24": "a range covering both ports",
		"CKV_AWS_25": "a range covering both ports",
		"AWS-0107":   "a range covering both ports",
	},
	"aws_security_group_world_all_protocols": {
		"CKV_AWS_277": "protocol -1 from the world fails checkov's all-ports check",
		"AWS-0107":    "trivy counts protocol -1 as SSH and RDP",
	},
	"aws_security_group_world_egress": {
		"CKV_AWS_382": "protocol -1 to the world fails checkov's all-ports egress check",
		"AWS-0104":    "trivy fails world egress on any port; this rule only every protocol",
	},
	"aws_sns_topic_encryption": {
		"CKV_AWS_26": "a topic without kms_master_key_id fails both (SNS has no default encryption)",
		"AWS-0095":   "a topic without kms_master_key_id fails both",
	},
	"aws_sqs_queue_encryption": {
		"CKV_AWS_27": "checkov fails a queue that leaves SSE-SQS to SQS's default; this rule passes it",
		"AWS-0096":   "trivy fails a queue that leaves SSE-SQS to SQS's default; this rule passes it",
	},
	"aws_vpc_default_security_group": {
		"CKV2_AWS_12": "a VPC whose default security group is not managed fails checkov's VPC check",
	},
	"aws_vpc_flow_logs": {
		"CKV2_AWS_11": "a VPC without a flow log fails both",
		"AWS-0178":    "a VPC without a flow log fails both",
	},
}

// realInput reads both halves: the catalog, every lint rule's metadata and the
// controls each provider resource documents as enforced.
func realInput() Input {
	in := Input{Enforced: provider.EnforcedControls(), Equivalents: equivalents, NotLinted: notLinted,
		NotEnforced: notEnforced, AliasReasons: aliasReasons}
	for _, c := range controls.All() {
		in.Controls = append(in.Controls, c.ID)
	}
	for _, r := range rules.All() {
		m := r.Metadata()
		rule := Rule{ID: m.ID, ResourceTypes: m.ResourceTypes, Aliases: m.Aliases}
		for _, c := range m.Controls {
			rule.Controls = append(rule.Controls, c.ID)
		}
		in.Rules = append(in.Rules, rule)
	}
	return in
}

func TestCatalogAgreement(t *testing.T) {
	in := realInput()
	if len(in.Controls) == 0 || len(in.Rules) == 0 || len(in.Enforced) == 0 {
		t.Fatalf("nothing to compare: %d controls, %d rules, %d resources", len(in.Controls), len(in.Rules), len(in.Enforced))
	}
	for _, problem := range Check(in) {
		t.Error(problem)
	}
}

// Each kind of disagreement is caught, and a written reason silences it.
func TestCheckFindsDisagreements(t *testing.T) {
	base := func() Input {
		return Input{
			Controls:     []string{"HRD-A-001", "HRD-A-002"},
			Rules:        []Rule{{ID: "aws_x_a", Controls: []string{"HRD-A-001"}, ResourceTypes: []string{"aws_x"}, Aliases: []string{"CKV_1"}}},
			Enforced:     map[string][]string{"hardened_x": {"HRD-A-001", "HRD-A-002"}},
			Equivalents:  map[string][]string{"hardened_x": {"aws_x"}},
			NotLinted:    map[Pair]string{{"hardened_x", "HRD-A-002"}: "a reason"},
			NotEnforced:  map[Pair]string{},
			AliasReasons: map[string]map[string]string{"aws_x_a": {"CKV_1": "fails both"}},
		}
	}
	if got := Check(base()); len(got) != 0 {
		t.Fatalf("agreeing input: %v", got)
	}
	for _, tc := range []struct {
		name   string
		change func(*Input)
		want   string
	}{
		{"unused control", func(in *Input) { in.Controls = append(in.Controls, "HRD-A-003") },
			"control HRD-A-003 is used by no lint rule and no provider resource"},
		{"enforced, not linted", func(in *Input) { delete(in.NotLinted, Pair{"hardened_x", "HRD-A-002"}) },
			"hardened_x enforces HRD-A-002 but no lint rule checks it on aws_x"},
		{"linted, not enforced", func(in *Input) { in.Enforced["hardened_x"] = []string{"HRD-A-002"} },
			"a lint rule checks HRD-A-001 on aws_x but hardened_x does not enforce it"},
		{"stale notLinted entry", func(in *Input) { in.Rules[0].Controls = append(in.Rules[0].Controls, "HRD-A-002") },
			"notLinted lists HRD-A-002 on hardened_x, which a lint rule checks"},
		{"stale notEnforced entry", func(in *Input) { in.NotEnforced[Pair{"hardened_x", "HRD-A-001"}] = "why" },
			"notEnforced lists HRD-A-001 on hardened_x, which the resource enforces"},
		{"two-line reason", func(in *Input) { in.NotLinted[Pair{"hardened_x", "HRD-A-002"}] = "one\ntwo" },
			"the reason must be one non-empty line"},
		{"alias without reason", func(in *Input) { in.Rules[0].Aliases = append(in.Rules[0].Aliases, "AWS-1") },
			"rule aws_x_a: alias AWS-1 has no justification line"},
		{"reason for a dropped alias", func(in *Input) { in.Rules[0].Aliases = nil },
			"the alias table justifies CKV_1 on aws_x_a, which the rule does not list"},
		{"resource without equivalents", func(in *Input) { delete(in.Equivalents, "hardened_x") },
			"hardened_x has no aws_* equivalents"},
		{"equivalents of no resource", func(in *Input) { in.Equivalents["hardened_y"] = []string{"aws_y"} },
			"equivalents table names hardened_y"},
		{"control outside the catalog", func(in *Input) { in.Enforced["hardened_x"] = append(in.Enforced["hardened_x"], "HRD-B-001") },
			"control HRD-B-001 is used but not in the catalog"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := base()
			tc.change(&in)
			got := Check(in)
			found := false
			for _, p := range got {
				found = found || strings.Contains(p, tc.want)
			}
			if !found {
				t.Errorf("want a problem containing %q, got %q", tc.want, got)
			}
		})
	}
}

// ownRemediation: rules whose fix text is their own, each with why.
var ownRemediation = map[string]string{
	"aws_s3_bucket_public_acl": "hardened_s3_bucket (merged last) rewrote the catalog's and the rule's text apart; " +
		"to reconcile in the catalog",
	"aws_s3_bucket_public_policy": "hardened_s3_bucket (merged last) rewrote the catalog's and the rule's text " +
		"apart; to reconcile in the catalog",
	"hardened_account_posture": "one rule for eleven posture controls: its fix says to act on what each finding's " +
		"detail names, which the controls' texts joined would not",
}

// A rule's remediation is its controls' catalog text, each distinct text once,
// then at most the sentence naming the hardened_* resource (lint/rules'
// remediation helper): fix text is written once, in the catalog.
func TestRemediationFromCatalog(t *testing.T) {
	for _, r := range rules.All() {
		m := r.Metadata()
		if reason, ok := ownRemediation[m.ID]; ok {
			if reason == "" || strings.ContainsAny(reason, "\n\r") {
				t.Errorf("%s: ownRemediation needs a one-line reason", m.ID)
			}
			continue
		}
		rest := m.Remediation
		for _, c := range m.Controls {
			if c.Remediation == "" {
				t.Errorf("%s: control %s has no remediation in the catalog", m.ID, c.ID)
			}
			rest = strings.TrimPrefix(strings.TrimPrefix(rest, " "), c.Remediation)
		}
		if rest != "" && !strings.HasPrefix(rest, " hardened_") {
			t.Errorf("%s: remediation %q is not its controls' catalog text (left: %q); write the fix in "+
				"internal/controls and build it with remediation()", m.ID, m.Remediation, rest)
		}
	}
}
