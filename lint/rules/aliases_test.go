package rules

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

// Every alias and related ID a rule lists is in PeerIDReasons with its reason, and
// every PeerIDReasons entry is listed by its rule: changing an alias means saying why.
func TestPeerIDsHaveReasons(t *testing.T) {
	format := regexp.MustCompile(`^(CKV2?_AWS_\d+|AWS-\d{4})$`)
	listed := map[string]bool{}
	for _, r := range All() {
		m := r.Metadata()
		var got []string
		for _, a := range m.Aliases {
			got = append(got, "alias "+a)
		}
		for _, p := range m.Parts {
			for _, a := range p.Aliases {
				got = append(got, "part "+p.ID+" "+a)
			}
		}
		for _, a := range m.Related {
			got = append(got, "related "+a)
			for _, al := range m.AllAliases() {
				if al == a {
					t.Errorf("%s: %s is both an alias and related", m.ID, a)
				}
			}
		}
		var want []string
		for _, e := range PeerIDReasons[m.ID] {
			want = append(want, e.Where+" "+e.ID)
			if strings.TrimSpace(e.Reason) == "" {
				t.Errorf("%s: %s %s has no reason", m.ID, e.Where, e.ID)
			}
			if !format.MatchString(e.ID) {
				t.Errorf("%s: %q is neither a checkov nor a trivy ID", m.ID, e.ID)
			}
		}
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s lists\n  %s\nPeerIDReasons holds\n  %s", m.ID, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		}
		listed[m.ID] = true
	}
	for id := range PeerIDReasons {
		if !listed[id] {
			t.Errorf("PeerIDReasons holds %s, which is no rule", id)
		}
	}
}

// IDs that trivy-checks deprecated or renumbered are never listed.
func TestNoRetiredPeerIDs(t *testing.T) {
	retired := map[string]string{
		"AWS-0082": "renumbered: RDS public access is AWS-0180",
		"AWS-0057": "deprecated in trivy-checks (IAM policy wildcards)",
	}
	for _, r := range All() {
		m := r.Metadata()
		for _, id := range append(m.AllAliases(), m.Related...) {
			if why, ok := retired[id]; ok {
				t.Errorf("%s lists %s: %s", m.ID, id, why)
			}
		}
	}
}

// A finding carries the aliases of the part that failed, not its rule's others.
func TestFindingsCarryTheirPartsAliases(t *testing.T) {
	const pp = "aws_iam_account_password_policy.p"
	check := func(t *testing.T, got map[string][]string, want map[string]string) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("got %v, want %v", got, want)
		}
		for k, w := range want {
			if g := strings.Join(got[k], ","); g != w {
				t.Errorf("%s: aliases %s, want %s", k, g, w)
			}
		}
	}
	t.Run("password policy missing only symbols", func(t *testing.T) {
		got := findingAliases(t, AwsIAMPasswordPolicyCharacterClasses{}, plantest.Res{Address: pp,
			After: `{"require_uppercase_characters":true,"require_lowercase_characters":true,"require_numbers":true,"require_symbols":false}`})
		check(t, got, map[string]string{"require_symbols": "CKV_AWS_14,AWS-0060"})
	})
	t.Run("one public access block setting off", func(t *testing.T) {
		got := findingAliases(t, AwsS3BucketPublicAccessBlock{}, dataBucket(), onData("aws_s3_bucket_public_access_block.p",
			`{"block_public_acls":true,"block_public_policy":true,"ignore_public_acls":false,"restrict_public_buckets":true}`))
		check(t, got, map[string]string{"ignore_public_acls": "AWS-0091"})
	})
	t.Run("no public access block", func(t *testing.T) {
		got := findingAliases(t, AwsS3BucketPublicAccessBlock{}, dataBucket())
		check(t, got, map[string]string{"": "CKV2_AWS_6,AWS-0094,AWS-0086,AWS-0087,AWS-0091,AWS-0093"})
	})
	t.Run("SSH open to the world", func(t *testing.T) {
		got := findingAliases(t, AwsSecurityGroupWorldAdminPorts{}, plantest.Res{Address: "aws_security_group_rule.r",
			After: `{"type":"ingress","protocol":"tcp","from_port":22,"to_port":22,"cidr_blocks":["0.0.0.0/0"]}`})
		check(t, got, map[string]string{"cidr_blocks": "CKV_AWS_24,AWS-0107"})
	})
	t.Run("a database port open to the world has no peer", func(t *testing.T) {
		got := findingAliases(t, AwsSecurityGroupWorldAdminPorts{}, plantest.Res{Address: "aws_security_group_rule.r",
			After: `{"type":"ingress","protocol":"tcp","from_port":5432,"to_port":5432,"cidr_blocks":["0.0.0.0/0"]}`})
		check(t, got, map[string]string{"cidr_blocks": ""})
	})
	t.Run("every protocol open to the world covers SSH and RDP", func(t *testing.T) {
		got := findingAliases(t, AwsSecurityGroupWorldAllProtocols{}, plantest.Res{Address: "aws_security_group_rule.r",
			After: `{"type":"ingress","protocol":"-1","from_port":0,"to_port":0,"cidr_blocks":["0.0.0.0/0"]}`})
		check(t, got, map[string]string{"protocol": "CKV_AWS_277,CKV_AWS_24,CKV_AWS_25,AWS-0107"})
	})
	t.Run("EBS aliases follow the resource type", func(t *testing.T) {
		got := findingAliases(t, AwsEBSVolumeEncryption{}, plantest.Res{Address: "aws_ebs_volume.v", After: `{"encrypted":false}`})
		check(t, got, map[string]string{"encrypted": "CKV_AWS_3,AWS-0026"})
	})
	t.Run("a recorder without global resources", func(t *testing.T) {
		got := findingAliases(t, AwsConfigRecorderAll{}, plantest.Res{Address: "aws_config_configuration_recorder.r",
			After: `{"recording_group":[{"all_supported":false,"include_global_resource_types":false}]}`})
		check(t, got, map[string]string{"recording_group.all_supported": "", "recording_group.include_global_resource_types": "CKV2_AWS_48"})
	})
	t.Run("a network ACL rule opening SSH and RDP carries both port checks", func(t *testing.T) {
		got := findingAliases(t, AwsNetworkACLWorldAdminPorts{}, plantest.Res{Address: "aws_network_acl_rule.r",
			After: `{"egress":false,"rule_action":"allow","protocol":"tcp","from_port":22,"to_port":3389,"cidr_block":"0.0.0.0/0"}`})
		check(t, got, map[string]string{"cidr_block": "CKV_AWS_232,CKV_AWS_231"})
	})
	t.Run("a network ACL rule opening a database port has no peer", func(t *testing.T) {
		got := findingAliases(t, AwsNetworkACLWorldAdminPorts{}, plantest.Res{Address: "aws_network_acl_rule.r",
			After: `{"egress":false,"rule_action":"allow","protocol":"tcp","from_port":5432,"to_port":5432,"cidr_block":"0.0.0.0/0"}`})
		check(t, got, map[string]string{"cidr_block": ""})
	})
	t.Run("a single-region trail", func(t *testing.T) {
		got := findingAliases(t, AwsCloudtrailMultiRegion{}, plantest.Res{Address: "aws_cloudtrail.t",
			After: `{"is_multi_region_trail":false,"event_selector":[{"read_write_type":"WriteOnly","include_management_events":true}]}`})
		check(t, got, map[string]string{"is_multi_region_trail": "CKV_AWS_67,AWS-0014", "event_selector": ""})
	})
}

// findingAliases runs the rule and answers each finding's aliases by attribute.
func findingAliases(t *testing.T, rule engine.Rule, res ...plantest.Res) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, f := range engine.Run(plantest.Plan(t, res...), []engine.Rule{rule}, engine.Options{}).Findings {
		if _, dup := out[f.Attribute]; dup {
			t.Fatalf("two findings on %s", f.Attribute)
		}
		out[f.Attribute] = f.Aliases()
	}
	return out
}
