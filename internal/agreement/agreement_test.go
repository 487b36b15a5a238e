package agreement

import (
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
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
	"hardened_cis_monitoring":                 {"aws_cloudwatch_log_metric_filter", "aws_cloudwatch_metric_alarm"},
	"hardened_config_recorder": {"aws_config_configuration_recorder", "aws_config_configuration_recorder_status",
		"aws_config_delivery_channel"},
	"hardened_guardduty": {"aws_guardduty_detector", "aws_guardduty_detector_feature"},
	// aws_vpc: the flow log control is checked on the VPC (aws_vpc_flow_logs).
	"hardened_flow_logs": {"aws_flow_log", "aws_cloudwatch_log_group", "aws_vpc"},
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
	{"hardened_flow_logs", "HRD-VPC-002"}: "CIS and Security Hub EC2.6 accept a REJECT-only flow log, and so " +
		"does aws_vpc_flow_logs; recording ALL is the provider's stricter floor",
	{"hardened_flow_logs", "HRD-VPC-003"}: "the flow logs' group is an aws_cloudwatch_log_group, which " +
		"aws_cloudwatch_log_group_retention checks for a retention (HRD-LOG-001), not for its length",
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
	{"hardened_config_recorder", "HRD-SVC-003"}: "aws_securityhub_enabled reports a plan that records AWS Config " +
		"without enabling Security Hub; the recorder manages AWS Config only, Security Hub is another resource's",
	{"hardened_guardduty", "HRD-SVC-003"}: "aws_securityhub_enabled reports a plan that enables GuardDuty without " +
		"Security Hub; the resource manages GuardDuty only, Security Hub is another resource's",
	{"hardened_flow_logs", "HRD-NET-001"}: "aws_vpc is an equivalent for its flow logs only; the VPC's default " +
		"security group is hardened_default_security_group's",
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

// aliasReasons is lint/rules' one table of peer IDs (rules.PeerIDReasons),
// aliases only: a rule's or a part's alias, with why the peer check fails
// where the finding is reported.
func aliasReasons() map[string]map[string]string {
	out := map[string]map[string]string{}
	for id, peers := range rules.PeerIDReasons {
		for _, p := range peers {
			if !p.IsAlias() {
				continue
			}
			if out[id] == nil {
				out[id] = map[string]string{}
			}
			if out[id][p.ID] == "" {
				out[id][p.ID] = p.Reason
			}
		}
	}
	return out
}

// realInput reads both halves: the catalog, every lint rule's metadata and the
// controls each provider resource documents as enforced.
func realInput() Input {
	in := Input{Enforced: provider.EnforcedControls(), Equivalents: equivalents, NotLinted: notLinted,
		NotEnforced: notEnforced, AliasReasons: aliasReasons()}
	for _, c := range controls.All() {
		in.Controls = append(in.Controls, c.ID)
	}
	for _, r := range rules.All() {
		m := r.Metadata()
		rule := Rule{ID: m.ID, ResourceTypes: m.ResourceTypes, Aliases: m.AllAliases()}
		if _, ok := r.(engine.ChangeRule); ok {
			// A regression rule judges what a change does to a control (deleted,
			// weakened), on every type that carries one: its controls count as used,
			// but it is not the state check a hardened resource's equivalent needs.
			rule.ResourceTypes = nil
		}
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
	"aws_security_control_deleted": "a regression's fix is about the change (keep the resource, replace it in the " +
		"same plan, or waive the deletion), not the deleted control's own remediation",
	"aws_security_control_weakened": "a regression's fix is about the change (revert the weakened setting, or " +
		"waive it), not the control's own remediation",
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
			// Controls sharing one text (the GuardDuty plans) give it once.
			if after, ok := strings.CutPrefix(rest, c.Remediation); ok {
				rest = after
			} else if after, ok := strings.CutPrefix(rest, " "+c.Remediation); ok {
				rest = after
			}
		}
		if rest != "" && !strings.HasPrefix(rest, " hardened_") {
			t.Errorf("%s: remediation %q is not its controls' catalog text (left: %q); write the fix in "+
				"internal/controls and build it with remediation()", m.ID, m.Remediation, rest)
		}
	}
}

// The CIS monitoring items: hardened_cis_monitoring creates a filter and an alarm
// for each; the linter judges only filters a plan writes by hand
// (aws_cloudwatch_log_metric_filter_cis_pattern, HRD-MON-016).
func init() {
	for _, it := range controls.MonitoringItems {
		notLinted[Pair{"hardened_cis_monitoring", it.Control.ID}] = "whether an account has a filter and an alarm " +
			"for every CIS item is account-wide; the linter checks the patterns of the filters a plan writes (HRD-MON-016)"
	}
	notEnforced[Pair{"hardened_cis_monitoring", controls.CISMonitorPatternsVerbatim.ID}] = "the resource writes " +
		"each item's published pattern itself and repairs edits (HRD-MON-001..015); HRD-MON-016 is the linter's " +
		"check of filters written by hand"
}
