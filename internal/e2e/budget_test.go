package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/internal/faultproxy"
)

// refreshBudget is the most AWS calls refreshing one resource of each type may cost
// (a plan with no changes), not counting the provider's own configuration
// (configureCalls). A hardened resource type in examples/baseline without an entry
// fails TestCallBudget: measure it and add it here and to docs/provider/performance.md.
var refreshBudget = map[string]int{
	"hardened_password_policy":        1, // iam:GetAccountPasswordPolicy
	"hardened_default_security_group": 2, // ec2:DescribeSecurityGroups (vpc-id, group-name), DescribeSecurityGroupRules (group-id)
	"hardened_security_group":         1, // ec2:DescribeSecurityGroups (group ID)
	// 4 CloudTrail (trail, status, event selectors, tags), 4 KMS (key, policy, rotation,
	// tags), 2 IAM (delivery role and its policy), 1 log group, and 17 S3: 9 per bucket
	// for the log bucket and 8 for its access-log bucket.
	"hardened_cloudtrail": 28,
	// ec2:DescribeRegions at plan (the governed regions), plus perRegionBudget per region.
	"hardened_ebs_encryption_by_default": 1,
	// ec2:DescribeRegions at plan, and the delivery bucket's 8 S3 reads (HeadBucket, public
	// access block, ownership, versioning, encryption, policy, lifecycle, logging).
	"hardened_config_recorder":                9,
	"hardened_s3_account_public_access_block": 1, // s3control:GetPublicAccessBlock
	// iam:GetAccountSummary, ListVirtualMFADevices, GenerateCredentialReport (twice when
	// IAM has no report yet), GetCredentialReport, GetAccountPasswordPolicy.
	"hardened_account_posture": 6,
	// 4 KMS: the key, its rotation, policy and tags, and 1 more to check the alias.
	"hardened_kms_key": 5,
	// 9 S3 for the bucket (head, Block Public Access, ownership, versioning,
	// encryption, policy, lifecycle, logging, tags) and 8 for its access-log bucket;
	// plus the 5 of the hardened_kms_key it is encrypted with in the baseline, which
	// a targeted refresh refreshes too.
	"hardened_s3_bucket": 22,
	// 6 of its own: 1 log group, 1 metric-filter listing (by name prefix), 1
	// DescribeAlarms (by name), and for the created topic 2 KMS (alias, tags) and 1 SNS
	// (topic attributes); plus the 28 of the hardened_cloudtrail whose log group it
	// watches, which `plan -target` refreshes with it.
	"hardened_cis_monitoring": 6 + 28,
	// ec2:DescribeRegions at plan, plus perRegionBudget per region.
	"hardened_guardduty": 1,
	// 1 ec2:DescribeFlowLogs (resource-id filter), 1 log group, 2 IAM (delivery role and
	// its policy); at plan 1 ec2:DescribeVpcs (vpc-id filter) and 1 kms:ListResourceTags
	// (the managed key is still the resource's).
	"hardened_flow_logs": 6,
}

// perRegionBudget is what a regional resource may add per governed region: its
// refresh budget is refreshBudget + perRegionBudget x the regions in its state.
var perRegionBudget = map[string]int{
	"hardened_ebs_encryption_by_default": 1, // ec2:GetEbsEncryptionByDefault
	// config:DescribeConfigurationRecorders, DescribeConfigurationRecorderStatus, DescribeDeliveryChannels
	"hardened_config_recorder": 3,
	"hardened_guardduty":       2, // guardduty:ListDetectors, GetDetector
}

// accountReads are listings of the account that are what a resource governs:
// the account's regions, a fixed short list.
var accountReads = map[string]bool{"ec2:DescribeRegions": true}

// configureCalls are the calls a provider configuration makes once per Terraform
// run, whatever the resources: validating the credentials.
var configureCalls = map[string]bool{"sts:GetCallerIdentity": true}

// manySecurityGroups is how many hardened_security_group resources the scale check applies.
const manySecurityGroups = 50

// EnvPerfDoc names the file TestCallBudget writes its figures to (scripts/bench-provider.sh sets it).
const EnvPerfDoc = "HARDENED_PERF_DOC"

// idParam is a query parameter that scopes an EC2 Describe call to given resources.
var idParam = regexp.MustCompile(`^(GroupId|VpcId|SecurityGroupRuleId|NetworkInterfaceId)\.\d+$`)

// listingScopes are the listing calls a refresh might use, with the parameters that
// make them read only what a resource manages; a listing without any of them reads
// the whole account. nil means the call can only list the account.
var listingScopes = map[string][]string{
	"cloudtrail:DescribeTrails": {"trailNameList"},
	"cloudtrail:ListTrails":     nil,
	"logs:DescribeLogGroups":    {"logGroupNamePrefix", "logGroupNamePattern", "logGroupIdentifiers"},
	"kms:ListKeys":              nil,
	"kms:ListAliases":           {"KeyId"},
	"s3:ListBuckets":            {"prefix"},
	"iam:ListRoles":             nil,
	"iam:ListPolicies":          nil,
	"sns:ListTopics":            nil,
}

// scoped reports whether a call names the resources it reads (by ID, name or a
// filter on an ID) rather than listing the whole account.
func scoped(r faultproxy.Request) bool {
	if accountReads[r.Key()] {
		return true
	}
	if r.Service == "ec2" && strings.HasPrefix(r.Action, "Describe") {
		for k, vs := range r.Params {
			if idParam.MatchString(k) {
				return true
			}
			if strings.HasPrefix(k, "Filter.") && strings.HasSuffix(k, ".Name") {
				for _, v := range vs {
					if strings.HasSuffix(v, "-id") {
						return true
					}
				}
			}
		}
		return false
	}
	scopes, listing := listingScopes[r.Key()]
	if !listing {
		return true // a Get/Describe of one named resource
	}
	for _, p := range scopes {
		if r.Params.Get(p) != "" {
			return true
		}
	}
	return false
}

// split separates the provider's configuration calls from the resources' calls.
func split(reqs []faultproxy.Request) (configure int, perAction map[string]int, total int) {
	perAction = map[string]int{}
	for _, r := range reqs {
		if configureCalls[r.Key()] {
			configure++
			continue
		}
		perAction[r.Key()]++
		total++
	}
	return configure, perAction, total
}

// unscopedListings lists the calls that read the whole account instead of what they manage.
func unscopedListings(reqs []faultproxy.Request) []string {
	var out []string
	for _, r := range reqs {
		if !scoped(r) {
			out = append(out, fmt.Sprintf("%s %v", r.Key(), r.Params))
		}
	}
	return out
}

type stateResource struct {
	Address string `json:"address"`
	Type    string `json:"type"`
	Values  struct {
		Regions []string `json:"regions"`
	} `json:"values"`
}

// budget is the refresh budget of one resource in state.
func (r stateResource) budget() (int, bool) {
	b, ok := refreshBudget[r.Type]
	return b + perRegionBudget[r.Type]*len(r.Values.Regions), ok
}

// stateResources reads terraform show -json.
func (w *workspace) stateResources() []stateResource {
	w.t.Helper()
	r := w.tf("show", "-json")
	if r.code != 0 {
		w.t.Fatalf("terraform show: %s", r)
	}
	var state struct {
		Values struct {
			RootModule struct {
				Resources []stateResource `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &state); err != nil {
		w.t.Fatalf("terraform show -json: %v", err)
	}
	return state.Values.RootModule.Resources
}

type figure struct {
	label   string
	elapsed time.Duration
	calls   int
}

// The API-call budget: a refresh of each resource type in the baseline costs at most
// refreshBudget calls, the whole baseline no more than the sum, and 50 security
// groups no more than 50 times one (no account-wide listing per resource; every EC2
// Describe names what it reads). The timings and counts go to docs/provider/performance.md
// when HARDENED_PERF_DOC is set (scripts/bench-provider.sh).
func TestCallBudget(t *testing.T) {
	vpc := resetEmulator(t)
	proxy := startProxy(t, faultproxy.Config{})
	w := newWorkspace(t, baselineDir, proxy, nil)
	w.vars = []string{"vpc_id=" + vpc}
	var figures []figure

	proxy.Reset()
	r := w.apply()
	if r.code != 0 {
		t.Fatalf("baseline apply: %s", r)
	}
	_, _, n := split(proxy.Requests())
	figures = append(figures, figure{"apply examples/baseline", r.elapsed, n})

	proxy.Reset()
	r = w.plan()
	if r.code != 0 {
		t.Fatalf("baseline plan is not empty: %s", r)
	}
	configure, perAction, total := split(proxy.Requests())
	figures = append(figures, figure{"plan examples/baseline (no changes)", r.elapsed, total})
	if configure > 1 {
		t.Errorf("the provider configuration made %d calls per plan, want at most 1", configure)
	}
	if u := unscopedListings(proxy.Requests()); len(u) > 0 {
		t.Errorf("account-wide listings (Describe or List without an ID, name or ID filter) in the baseline's refresh:\n%s", strings.Join(u, "\n"))
	}

	type measured struct {
		address, typ string
		calls        int
		budget       int
		actions      map[string]int
	}
	var perResource []measured
	sum := 0
	for _, res := range w.stateResources() {
		budget, ok := res.budget()
		if !ok {
			t.Errorf("%s has no refresh budget: measure it and add %s to refreshBudget", res.Address, res.Type)
			continue
		}
		proxy.Reset()
		r := w.plan("-target=" + res.Address)
		if r.code != 0 {
			t.Fatalf("plan -target=%s is not empty: %s", res.Address, r)
		}
		_, actions, calls := split(proxy.Requests())
		perResource = append(perResource, measured{res.Address, res.Type, calls, budget, actions})
		sum += budget
		if calls > budget {
			t.Errorf("refreshing %s costs %d AWS calls %v, budget %d", res.Address, calls, actions, budget)
		}
		if calls == 0 {
			t.Errorf("refreshing %s made no AWS call: the measurement is not reaching the proxy", res.Address)
		}
	}
	if total > sum {
		t.Errorf("refreshing the baseline costs %d calls %v, more than the per-resource budgets' sum %d", total, perAction, sum)
	}

	// Scale: 50 security groups.
	vpc = resetEmulator(t)
	many := newWorkspace(t, "", proxy, map[string]string{"main.tf": manySecurityGroupsConfig})
	many.vars = []string{"vpc_id=" + vpc}
	proxy.Reset()
	r = many.apply()
	if r.code != 0 {
		t.Fatalf("applying %d security groups: %s", manySecurityGroups, r)
	}
	_, _, n = split(proxy.Requests())
	figures = append(figures, figure{fmt.Sprintf("apply %d hardened_security_group", manySecurityGroups), r.elapsed, n})
	proxy.Reset()
	r = many.plan()
	if r.code != 0 {
		t.Fatalf("the plan of %d security groups is not empty: %s", manySecurityGroups, r)
	}
	_, manyActions, manyCalls := split(proxy.Requests())
	figures = append(figures, figure{fmt.Sprintf("plan %d hardened_security_group (no changes)", manySecurityGroups), r.elapsed, manyCalls})
	if limit := manySecurityGroups * refreshBudget["hardened_security_group"]; manyCalls > limit {
		t.Errorf("refreshing %d security groups costs %d calls %v, more than %d x one group's budget (%d)",
			manySecurityGroups, manyCalls, manyActions, manySecurityGroups, limit)
	}
	if u := unscopedListings(proxy.Requests()); len(u) > 0 {
		t.Errorf("account-wide listings (Describe or List without an ID, name or ID filter) refreshing %d groups:\n%s", manySecurityGroups, strings.Join(u, "\n"))
	}

	for _, m := range perResource {
		t.Logf("refresh %s: %d calls %v", m.address, m.calls, m.actions)
	}
	for _, f := range figures {
		t.Logf("%s: %s, %d AWS calls", f.label, f.elapsed.Round(time.Millisecond), f.calls)
	}

	if path := os.Getenv(EnvPerfDoc); path != "" && !t.Failed() {
		var b strings.Builder
		fmt.Fprintf(&b, "# Provider performance and API-call budget\n\n")
		fmt.Fprintf(&b, "Measured by `scripts/bench-provider.sh` (`make bench-provider`) on %s (%d cores, %s), with the built\n"+
			"provider binary and the Terraform CLI against the AWS emulator (moto) through `internal/faultproxy`, which\n"+
			"counts every request and here injects no faults. The same test, `go test ./internal/e2e -run TestCallBudget`,\n"+
			"runs in `make test` and fails when a refresh costs more than the budget below.\n\n",
			time.Now().UTC().Format("2006-01-02"), runtime.NumCPU(), runtime.Version())
		fmt.Fprintf(&b, "## AWS calls per refresh (a plan with no changes)\n\n")
		fmt.Fprintf(&b, "Each resource of examples/baseline refreshed alone (`terraform plan -target=ADDRESS`), not counting the\n"+
			"provider's configuration (one `sts:GetCallerIdentity` per Terraform run, to validate the credentials).\n\n")
		fmt.Fprintf(&b, "| resource type | calls | budget (asserted) | calls by action |\n|---|---|---|---|\n")
		sort.Slice(perResource, func(i, j int) bool { return perResource[i].typ < perResource[j].typ })
		for _, m := range perResource {
			fmt.Fprintf(&b, "| `%s` | %d | %d | %s |\n", m.typ, m.calls, m.budget, actionList(m.actions))
		}
		fmt.Fprintf(&b, "| whole baseline | %d | %d (sum) | %s |\n", total, sum, actionList(perAction))
		fmt.Fprintf(&b, "| %d `hardened_security_group` | %d | %d | %s |\n\n", manySecurityGroups, manyCalls,
			manySecurityGroups*refreshBudget["hardened_security_group"], actionList(manyActions))
		fmt.Fprintf(&b, "A regional resource (`hardened_ebs_encryption_by_default`, governing every region the emulator lists as\n"+
			"enabled) costs one `ec2:DescribeRegions` per plan, to know the regions it governs, plus a constant number of calls\n"+
			"per region (`perRegionBudget`), made in parallel, at most 8 regions at once.\n\n")
		fmt.Fprintf(&b, "Refresh cost grows linearly: every read asks for the resources it manages by ID or name (or by a filter\n"+
			"on an ID), never lists the account; the test fails on any EC2 Describe call without one, and on any listing\n"+
			"call (DescribeTrails, DescribeLogGroups, ListBuckets, ListKeys, ListRoles, ...) not narrowed to the resource.\n\n")
		fmt.Fprintf(&b, "## Timings\n\n| operation | wall time | AWS calls |\n|---|---|---|\n")
		for _, f := range figures {
			fmt.Fprintf(&b, "| %s | %.2f s | %d |\n", f.label, f.elapsed.Seconds(), f.calls)
		}
		fmt.Fprintf(&b, "\nWall time of one `terraform` run each (including Terraform's own start-up, about half a second), with\n"+
			"Terraform's default parallelism of 10. These are times against the local emulator; against AWS each call\n"+
			"waits on the network and the service, so the call counts above are the figures that carry over.\n\n")
		fmt.Fprintf(&b, "Reproduce: `make bench-provider` (writes this page), or `go test ./internal/e2e -run TestCallBudget -v`.\n")
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func actionList(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		out = append(out, fmt.Sprintf("`%s` %d", k, m[k]))
	}
	return strings.Join(out, ", ")
}

var manySecurityGroupsConfig = fmt.Sprintf(`terraform {
  required_providers {
    hardened = { source = "hardened-tf/hardened" }
  }
}

variable "vpc_id" { type = string }

resource "hardened_security_group" "sg" {
  count                = %d
  name                 = "scale-${count.index}"
  description          = "Scale test ${count.index}"
  vpc_id               = var.vpc_id
  public_ingress_ports = [443]

  ingress {
    description = "HTTPS from the internet"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description = "HTTPS out"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`, manySecurityGroups)
