package e2e

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/internal/faultproxy"
)

// EnvFaultSeeds overrides the seeds of the fault tests: a comma-separated list, or
// "random" for three seeds drawn from the clock. Every failure message names the
// seed; HARDENED_FAULT_SEEDS=<seed> go test ./internal/e2e -run Fault reproduces it.
const EnvFaultSeeds = "HARDENED_FAULT_SEEDS"

// defaultFaultSeeds are the three runs make test does.
var defaultFaultSeeds = []int64{1, 2, 3}

// faultRate is the share of AWS requests that fail in the fault tests.
const faultRate = 0.2

func faultSeeds(t *testing.T) []int64 {
	t.Helper()
	v := strings.TrimSpace(os.Getenv(EnvFaultSeeds))
	switch v {
	case "":
		return defaultFaultSeeds
	case "random":
		now := time.Now().UnixNano()
		return []int64{now % 1e9, (now / 7) % 1e9, (now / 13) % 1e9}
	}
	var seeds []int64
	for _, s := range strings.Split(v, ",") {
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			t.Fatalf("%s=%q: %q is not an integer seed", EnvFaultSeeds, v, s)
		}
		seeds = append(seeds, n)
	}
	return seeds
}

// reference is what a clean apply of the baseline leaves in an empty emulator, and
// what a clean destroy leaves after it: the inventories every run under faults must
// match. (A destroy does not restore the empty emulator exactly: the default
// security group stays locked, without rules.)
var (
	referenceOnce      sync.Once
	referenceDestroyed inventory
	referenceFull      inventory
	referenceCalls     map[string]int
	referenceErr       string
)

func baselineReference(t *testing.T) (destroyed, full inventory, calls map[string]int) {
	t.Helper()
	referenceOnce.Do(func() {
		vpc := resetEmulator(t)
		empty := takeInventory(t)
		proxy := startProxy(t, faultproxy.Config{})
		w := newWorkspace(t, baselineDir, proxy, nil)
		w.vars = []string{"vpc_id=" + vpc}
		if r := w.apply(); r.code != 0 {
			referenceErr = "the baseline does not apply without faults: " + r.String()
			return
		}
		referenceCalls = proxy.Counts()
		referenceFull = takeInventory(t)
		if d := referenceFull.diff(empty); d == "" {
			referenceErr = "applying the baseline created nothing the inventory sees"
			return
		}
		if r := w.destroy(); r.code != 0 {
			referenceErr = "the baseline does not destroy without faults: " + r.String()
			return
		}
		referenceDestroyed = takeInventory(t)
	})
	if referenceErr != "" {
		t.Fatal(referenceErr)
	}
	return referenceDestroyed, referenceFull, referenceCalls
}

// The baseline converges under a 20 % fault rate (throttling in each service's wire
// format, HTTP 500 and 503, slow answers, dropped connections): apply succeeds on the
// SDK's retries, a second plan (itself under faults) is empty, nothing was created
// twice, and a destroy under faults leaves nothing behind.
func TestBaselineFault_convergesUnderFaults(t *testing.T) {
	destroyed, full, _ := baselineReference(t)
	for _, seed := range faultSeeds(t) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			vpc := resetEmulator(t)
			proxy := startProxy(t, faultproxy.Config{Seed: seed, Rate: faultRate})
			w := newWorkspace(t, baselineDir, proxy, nil)
			w.vars = []string{"vpc_id=" + vpc}
			fail := func(step string, r result) {
				t.Helper()
				t.Fatalf("seed %d (reproduce: %s=%d go test ./internal/e2e -run TestBaselineFault_convergesUnderFaults): "+
					"%s\n%s\n%s", seed, EnvFaultSeeds, seed, step, proxy.Summary(), r)
			}

			r := w.apply()
			if r.code != 0 {
				fail("apply under faults failed", r)
			}
			if n := len(proxy.Requests()); n < 10 {
				fail(fmt.Sprintf("the apply made %d requests: the proxy is not in the provider's path", n), r)
			}
			t.Logf("seed %d: apply %s, %s", seed, r.elapsed.Round(time.Millisecond), proxy.Summary())

			if r := w.plan(); r.code != 0 {
				fail("the plan after apply is not empty (or failed)", r)
			}
			if d := takeInventory(t).diff(full); d != "" {
				fail("the emulator differs from a clean apply of the baseline (duplicates or missing):\n"+d, r)
			}

			if r := w.destroy(); r.code != 0 {
				fail("destroy under faults failed", r)
			}
			if d := takeInventory(t).diff(destroyed); d != "" {
				fail("destroy left resources behind:\n"+d, r)
			}
			// Apply, plan and destroy together make dozens of requests; a seed that
			// failed none of them tested nothing.
			if countFaults(proxy) == 0 {
				fail("no request failed: this seed injected no fault, choose another", r)
			}
			t.Logf("seed %d: apply, plan and destroy: %s", seed, proxy.Summary())
		})
	}
}

func countFaults(p *faultproxy.Proxy) int {
	n := 0
	for k, c := range p.Faults() {
		if k != faultproxy.Delay {
			n += c
		}
	}
	return n
}

// budgetActions are the calls the retry-budget test makes fail for good, one run
// each: a failure before anything exists, and failures after a resource was
// created but before it was completed.
var budgetActions = []struct {
	key string
	// errorPattern is what the error must say: the service and the action.
	errorPattern string
}{
	{"iam:UpdateAccountPasswordPolicy", `(iam:UpdateAccountPasswordPolicy|IAM: UpdateAccountPasswordPolicy)`},
	{"ec2:AuthorizeSecurityGroupIngress", `(ec2:AuthorizeSecurityGroupIngress|EC2: AuthorizeSecurityGroupIngress)`},
	{"ec2:RevokeSecurityGroupEgress", `(ec2:RevokeSecurityGroupEgress|EC2: RevokeSecurityGroupEgress)`},
	// hardened_cloudtrail creates its bucket, key, log group and role before the trail:
	// failing at each stage must leave nothing behind for the next apply to duplicate.
	{"kms:CreateKey", `(kms:CreateKey|KMS: CreateKey)`},
	{"iam:CreateRole", `(iam:CreateRole|IAM: CreateRole)`},
	{"s3:PutBucketPolicy", `(s3:PutBucketPolicy|S3: PutBucketPolicy)`},
	{"cloudtrail:CreateTrail", `(cloudtrail:CreateTrail|CloudTrail: CreateTrail)`},
	// hardened_flow_logs creates its key, log group and role before the flow logs.
	{"ec2:CreateFlowLogs", `(ec2:CreateFlowLogs|EC2: CreateFlowLogs)`},
}

// budgetRetries is max_retries while one action always fails: every attempt is throttled.
const budgetRetries = 2

// When faults outlast the retry budget, apply fails with an error naming the service
// and the action, after exactly max_retries+1 attempts; the next apply without
// faults completes from the state that was saved, creating nothing twice and
// leaving nothing orphaned.
func TestBaselineFault_retryBudgetExceeded(t *testing.T) {
	_, full, calls := baselineReference(t)
	for _, a := range budgetActions {
		t.Run(a.key, func(t *testing.T) {
			if calls[a.key] == 0 {
				t.Fatalf("a clean apply of the baseline never calls %s (calls: %v): update budgetActions", a.key, calls)
			}
			vpc := resetEmulator(t)
			proxy := startProxy(t, faultproxy.Config{Rules: []faultproxy.Rule{{Match: a.key, Kind: faultproxy.Throttle}}})
			w := newWorkspace(t, baselineDir, proxy, map[string]string{
				"budget_override.tf": fmt.Sprintf("provider \"hardened\" {\n  max_retries = %d\n}\n", budgetRetries),
			})
			w.vars = []string{"vpc_id=" + vpc}

			r := w.apply()
			if r.code == 0 {
				t.Fatalf("apply succeeded although every %s was throttled\n%s\n%s", a.key, proxy.Summary(), r)
			}
			// Terraform wraps diagnostics at 78 columns.
			msg := strings.Join(strings.Fields(r.stderr), " ")
			if !regexp.MustCompile(a.errorPattern).MatchString(msg) {
				t.Fatalf("the error does not name the service and action %s:\n%s", a.key, r)
			}
			if !strings.Contains(msg, fmt.Sprintf("exceeded maximum number of attempts, %d", budgetRetries+1)) {
				t.Errorf("the error does not say the retries were exhausted:\n%s", r.stderr)
			}
			if n := proxy.Counts()[a.key]; n == 0 || n%(budgetRetries+1) != 0 {
				t.Errorf("%s was attempted %d times, want a multiple of max_retries+1 = %d", a.key, n, budgetRetries+1)
			}

			w.remove("budget_override.tf")
			proxy.Configure(faultproxy.Config{})
			if r := w.apply(); r.code != 0 {
				t.Fatalf("the apply without faults did not complete from the saved state:\n%s", r)
			}
			if r := w.plan(); r.code != 0 {
				t.Fatalf("the plan after the recovering apply is not empty:\n%s", r)
			}
			if d := takeInventory(t).diff(full); d != "" {
				t.Fatalf("after the failed and the recovering apply, the emulator differs from a clean apply "+
					"(orphaned or duplicated resources):\n%s", d)
			}
		})
	}
}

// lostResponseActions are creates whose response the proxy drops after the emulator
// carried them out (faultproxy.ResetAfter), so the SDK's retry repeats a call that
// already took effect. Each of these converges within two applies: the retry
// succeeds or is recognised (BucketAlreadyOwnedByYou, an existing trail or log
// group), or the apply fails and the next one adopts or completes the object.
//
// ec2:CreateSecurityGroup's retry gets InvalidGroup.Duplicate: the resource then
// adopts the group only if it is exactly as its own create left it. kms:CreateKey
// is not idempotent: hardened_cloudtrail sends it one request at a time and, after
// one that got no answer, adopts the key it made (managed-by tag, just created)
// instead of creating a second; guardduty:CreateDetector likewise lists the
// region's detectors after an attempt without an answer. ec2:CreateFlowLogs's retry
// gets FlowLogAlreadyExists, which hardened_flow_logs takes as done and reads back.
// See docs/provider/faults.md.
var lostResponseActions = []string{
	"ec2:CreateSecurityGroup",
	"kms:CreateKey",
	"ec2:AuthorizeSecurityGroupIngress",
	"iam:UpdateAccountPasswordPolicy",
	"iam:CreateRole",
	"s3:CreateBucket",
	"logs:CreateLogGroup",
	"cloudtrail:CreateTrail",
	"guardduty:CreateDetector", // one attempt at a time, the detector found again adopted
	"ec2:CreateFlowLogs",
}

// A create whose response is lost (the call took effect, the connection dropped)
// leaves the baseline converging within two applies, with nothing created twice.
func TestBaselineFault_lostResponses(t *testing.T) {
	_, full, calls := baselineReference(t)
	for _, key := range lostResponseActions {
		t.Run(key, func(t *testing.T) {
			if calls[key] == 0 {
				t.Fatalf("a clean apply of the baseline never calls %s: update lostResponseActions", key)
			}
			vpc := resetEmulator(t)
			proxy := startProxy(t, faultproxy.Config{Rules: []faultproxy.Rule{{Match: key, Kind: faultproxy.ResetAfter, Times: 1}}})
			w := newWorkspace(t, baselineDir, proxy, nil)
			w.vars = []string{"vpc_id=" + vpc}
			r := w.apply()
			if proxy.Faults()[faultproxy.ResetAfter] != 1 {
				t.Fatalf("the response of %s was not dropped: %s", key, proxy.Summary())
			}
			if r.code != 0 {
				t.Logf("first apply failed as the retried %s met its own effect; applying again", key)
				if r = w.apply(); r.code != 0 {
					t.Fatalf("the second apply after a lost %s response failed:\n%s", key, r)
				}
			}
			if r := w.plan(); r.code != 0 {
				t.Fatalf("the plan after a lost %s response is not empty:\n%s", key, r)
			}
			if d := takeInventory(t).diff(full); d != "" {
				t.Fatalf("after a lost %s response the emulator differs from a clean apply:\n%s", key, d)
			}
		})
	}
}
