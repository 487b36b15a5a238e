package fixtureplans

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/internal/realplan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
	"github.com/hardened-tf/terraform-provider-hardened/lint/rules"
)

// verdict is one expected finding: its status, rule, address within the case,
// attribute, a part of its message, and peer IDs it must carry.
type verdict struct {
	status, rule, address, attribute, message string
	aliases                                   []string
}

// fixture is one case of testdata/: the rules of its topic and every finding
// they must report on its plan (none for a secure variant).
type fixture struct {
	topic []string
	want  []verdict
}

const (
	nacl         = "aws_network_acl_world_admin_ports"
	lbHTTPS      = "aws_lb_https"
	elbTLS       = "aws_elb_tls_policy"
	imds         = "aws_instance_imdsv2"
	fullAdmin    = "aws_iam_full_admin_policy"
	escalation   = "aws_iam_privilege_escalation_policy"
	publicPolicy = "aws_s3_bucket_public_policy"
)

var fixtures = map[string]fixture{
	// 1. Network ACLs: the catalog's admin and database ports, protocol -1/all.
	"nacl_world_admin_ports": {[]string{nacl}, []verdict{
		{"fail", nacl, "aws_default_network_acl.default", "ingress[0]", "allows ::/0 to tcp 5432 (PostgreSQL)", nil},
		{"fail", nacl, "aws_network_acl.public", "ingress[", "allows 0.0.0.0/0 to tcp 3306 (MySQL)", nil},
		{"fail", nacl, "aws_network_acl_rule.all_traffic", "cidr_block", "allows 0.0.0.0/0 on every protocol and port", []string{"CKV_AWS_232", "CKV_AWS_231"}},
		{"fail", nacl, "aws_network_acl_rule.ftp", "cidr_block", "allows 0.0.0.0/0 to tcp 20-21 (FTP)", []string{"CKV_AWS_229", "CKV_AWS_230"}},
	}},
	"nacl_restricted": {[]string{nacl}, nil},

	// 2. Classic load balancers: plain HTTP listeners and weak SSL negotiation policies.
	"elb_plain_http_weak_tls": {[]string{lbHTTPS, elbTLS}, []verdict{
		{"fail", lbHTTPS, "aws_elb.web", "listener[0].lb_protocol", "listens on plain HTTP (port 80) and has no HTTPS or SSL listener", nil},
		{"fail", elbTLS, "aws_lb_ssl_negotiation_policy.rc4", "attribute[", "the weak cipher RC4-SHA", nil},
		{"fail", elbTLS, "aws_load_balancer_policy.custom_protocols", "policy_attribute[", "enables Protocol-SSLv3, Protocol-TLSv1", []string{"CKV_AWS_213"}},
		{"fail", elbTLS, "aws_load_balancer_policy.predefined_old", "policy_attribute[0]", "ELBSecurityPolicy-2016-08 accepts TLS versions below 1.2", []string{"CKV_AWS_213"}},
	}},
	"elb_https_tls12": {[]string{lbHTTPS, elbTLS}, nil},

	// 3. IMDSv2 through launch configurations and launch templates.
	"imds_launch_config_and_template": {[]string{imds}, []verdict{
		{"unknown", imds, "aws_instance.legacy", "metadata_options.http_tokens", "a launch template that is not in the plan", nil},
		{"fail", imds, "aws_instance.web", "metadata_options.http_tokens", `aws_launch_template.web, whose http_tokens is "optional"`, []string{"CKV_AWS_79"}},
		{"fail", imds, "aws_launch_configuration.workers", "metadata_options.http_tokens", `does not set http_tokens = "required"`, []string{"CKV_AWS_79"}},
		{"fail", imds, "aws_launch_template.web", "metadata_options.http_tokens", `http_tokens is "optional"`, nil},
	}},
	"imds_required": {[]string{imds}, nil},

	// 4. Full admin through every attachment form; privilege escalation.
	"iam_admin_and_escalation": {[]string{fullAdmin, escalation}, []verdict{
		{"fail", escalation, "aws_iam_group_policy.assume_anything", "policy.Statement[0]", "iam:PutGroupPolicy, iam:PutRolePolicy, iam:PutUserPolicy, sts:AssumeRole", nil},
		{"fail", escalation, "aws_iam_policy.deployer", "policy.Statement[1]", "iam:PassRole", nil},
		{"fail", fullAdmin, "aws_iam_policy_attachment.admins", "policy_arn", "AdministratorAccess", []string{"CKV_AWS_274"}},
		{"fail", escalation, "aws_iam_policy_attachment.admins", "policy_arn", "AdministratorAccess", nil},
		{"fail", fullAdmin, "aws_iam_role.ops", "managed_policy_arns", "AdministratorAccess", []string{"CKV_AWS_274"}},
		{"fail", escalation, "aws_iam_role.ops", "managed_policy_arns", "AdministratorAccess", nil},
		{"fail", escalation, "aws_iam_role_policy.power_user", "policy.Statement[0]", "every IAM action (an Allow with NotAction", nil},
		{"fail", escalation, "aws_iam_role_policy_attachment.iam_full", "policy_arn", "IAMFullAccess", nil},
		{"fail", escalation, "aws_iam_user_policy.keys", "policy.Statement[0]", "iam:CreateAccessKey, iam:UpdateLoginProfile", nil},
	}},
	"iam_least_privilege": {[]string{fullAdmin, escalation}, nil},

	// 5. A public bucket policy whose bucket is not in the plan.
	"s3_policy_bucket_outside_plan": {[]string{publicPolicy}, []verdict{
		{"fail", publicPolicy, "aws_s3_bucket.site", "policy", "aws_s3_bucket_policy.site has a policy that allows Principal", []string{"CKV_AWS_70"}},
		{"fail", publicPolicy, "aws_s3_bucket_policy.legacy", "policy", "bucket legacy-assets (not in the plan)", []string{"CKV_AWS_70"}},
	}},
	"s3_policy_outside_plan_blocked": {[]string{publicPolicy}, nil},
}

// findingAliases are the peer IDs a finding carries.
func findingAliases(f engine.Finding) []string { return f.Aliases() }

// TestFixturePlans plans every testdata case in one Terraform run and holds each
// case's own share of the plan to its table.
func TestFixturePlans(t *testing.T) {
	dirs, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	configs := map[string]realplan.Config{}
	for _, d := range dirs {
		name := filepath.Base(d)
		if _, ok := fixtures[name]; !ok {
			t.Errorf("%s has no entry in the fixtures table", d)
			continue
		}
		files, err := filepath.Glob(filepath.Join(d, "*.tf"))
		if err != nil {
			t.Fatal(err)
		}
		cfg := realplan.Config{}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			cfg[filepath.Base(f)] = string(src)
		}
		configs[name] = cfg
	}
	for name := range fixtures {
		if _, ok := configs[name]; !ok {
			t.Errorf("the fixtures table names %s, which testdata does not hold", name)
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	runner, err := realplan.NewRunner(realplan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer runner.Close()
	res, err := runner.Plan(ctx, configs)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("planned %d fixtures in one terraform run (%s)", len(configs), res.Timings)

	for name, fx := range fixtures {
		t.Run(name, func(t *testing.T) {
			js, err := res.Module(name)
			if err != nil {
				t.Fatal(err)
			}
			p, err := plan.Parse(js)
			if err != nil {
				t.Fatalf("the linter cannot read the real plan: %v", err)
			}
			var topic []engine.Rule
			for _, id := range fx.topic {
				r, ok := rules.Lookup(id)
				if !ok {
					t.Fatalf("no rule %s", id)
				}
				topic = append(topic, r)
			}
			prefix := "module." + name + "."
			var got []engine.Finding
			for _, f := range engine.Run(p, topic, engine.Options{}).Findings {
				if f.Status == engine.StatusFail || f.Status == engine.StatusUnknown {
					got = append(got, f)
				}
			}
			sort.SliceStable(got, func(i, j int) bool {
				if got[i].Address != got[j].Address {
					return got[i].Address < got[j].Address
				}
				return got[i].Rule.ID < got[j].Rule.ID
			})
			if len(got) != len(fx.want) {
				var b strings.Builder
				for _, f := range got {
					b.WriteString("\n  " + string(f.Status) + " " + f.Rule.ID + " " + f.Address + " " + f.Attribute + ": " + f.Message)
				}
				t.Fatalf("%d findings on the topic %v, want %d:%s", len(got), fx.topic, len(fx.want), b.String())
			}
			for i, w := range fx.want {
				f := got[i]
				switch {
				case string(f.Status) != w.status || f.Rule.ID != w.rule || f.Address != prefix+w.address:
					t.Errorf("finding %d is %s %s %s, want %s %s %s", i, f.Status, f.Rule.ID, f.Address, w.status, w.rule, prefix+w.address)
				case !strings.HasPrefix(f.Attribute, w.attribute):
					t.Errorf("%s %s: attribute %q, want %q", f.Rule.ID, f.Address, f.Attribute, w.attribute)
				case !strings.Contains(f.Message, w.message):
					t.Errorf("%s %s: message %q does not contain %q", f.Rule.ID, f.Address, f.Message, w.message)
				}
				for _, a := range w.aliases {
					if !slices.Contains(findingAliases(f), a) {
						t.Errorf("%s %s carries aliases %v, not %s", f.Rule.ID, f.Address, findingAliases(f), a)
					}
				}
			}
		})
	}
}
