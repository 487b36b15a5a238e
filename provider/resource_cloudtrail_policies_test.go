package provider

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/smithy-go"

	"github.com/hardened-tf/terraform-provider-hardened/internal/clock"
)

func stmtsBySid(t *testing.T, doc string) map[string]map[string]any {
	t.Helper()
	var d struct {
		Statement []map[string]any
	}
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		t.Fatalf("policy is not JSON: %v\n%s", err, doc)
	}
	out := map[string]map[string]any{}
	for _, s := range d.Statement {
		sid, _ := s["Sid"].(string)
		out[sid] = s
	}
	return out
}

func cond(s map[string]any, op, key string) any {
	c, _ := s["Condition"].(map[string]any)
	o, _ := c[op].(map[string]any)
	return o[key]
}

func TestCloudTrailBucketPolicy(t *testing.T) {
	arn := trailARN("aws", "us-east-1", "123456789012", "org")
	s := stmtsBySid(t, cloudtrailBucketPolicy("aws", "logs", "123456789012", arn))
	if d := s["DenyInsecureTransport"]; d["Effect"] != "Deny" || cond(d, "Bool", "aws:SecureTransport") != "false" {
		t.Errorf("no deny of non-TLS access: %v", d)
	}
	w := s["AWSCloudTrailWrite"]
	if w["Action"] != "s3:PutObject" || cond(w, "StringEquals", "aws:SourceArn") != arn ||
		cond(w, "StringEquals", "s3:x-amz-acl") != "bucket-owner-full-control" {
		t.Errorf("CloudTrail write not limited to this trail with bucket-owner-full-control: %v", w)
	}
	if a := s["AWSCloudTrailAclCheck"]; a["Action"] != "s3:GetBucketAcl" || cond(a, "StringEquals", "aws:SourceArn") != arn {
		t.Errorf("GetBucketAcl not limited to this trail: %v", a)
	}
}

func TestCloudTrailKeyPolicy(t *testing.T) {
	s := stmtsBySid(t, cloudtrailKeyPolicy("aws", "us-east-1", "123456789012", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/cloudtrail/org"))
	g := s["CloudTrailEncryptsForThisAccount"]
	if g["Action"] != "kms:GenerateDataKey*" ||
		cond(g, "StringLike", "kms:EncryptionContext:aws:cloudtrail:arn") != "arn:aws:cloudtrail:*:123456789012:trail/*" {
		t.Errorf("CloudTrail may encrypt without the encryption-context condition: %v", g)
	}
	if s["CloudTrailDescribesKey"]["Action"] != "kms:DescribeKey" {
		t.Error("CloudTrail cannot describe the key")
	}
	if p, _ := s["AccountAdministers"]["Principal"].(map[string]any); p["AWS"] != "arn:aws:iam::123456789012:root" {
		t.Error("the account root does not administer the key")
	}
	if cond(s["AccountDecryptsLogs"], "StringEquals", "kms:CallerAccount") != "123456789012" {
		t.Error("decryption is not limited to the account")
	}
}

func TestCloudTrailLogsRolePolicies(t *testing.T) {
	arn := trailARN("aws", "us-east-1", "123456789012", "org")
	trust := stmtsBySid(t, cloudtrailLogsRoleTrust("123456789012", arn))[""]
	if p, _ := trust["Principal"].(map[string]any); p["Service"] != "cloudtrail.amazonaws.com" ||
		cond(trust, "StringEquals", "aws:SourceArn") != arn {
		t.Errorf("trust not limited to this trail: %v", trust)
	}
	pol := cloudtrailLogsRolePolicy("arn:aws:logs:us-east-1:123456789012:log-group:/aws/cloudtrail/org")
	if !strings.Contains(pol, "log-group:/aws/cloudtrail/org:log-stream:*") {
		t.Errorf("role policy not scoped to the log group's streams: %s", pol)
	}
}

func TestPoliciesEquivalent(t *testing.T) {
	a := `{"Version":"2012-10-17","Statement":[{"Sid":"x","Effect":"Allow","Action":["s3:B","s3:A"],"Resource":"r"}]}`
	b := `{"Statement":{"Effect":"Allow","Action":["s3:A","s3:B"],"Resource":["r"]}}`
	if !policiesEquivalent(a, b) {
		t.Error("equivalent spellings compared unequal")
	}
	if policiesEquivalent(a, `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"r"}]}`) || policiesEquivalent(a, "not json") {
		t.Error("different policies compared equal")
	}
}

func TestCloudTrailNames(t *testing.T) {
	for _, name := range []string{"org-trail", "Org.Trail_1", strings.Repeat("a", 128)} {
		for _, suffix := range []string{"", "-access"} {
			b := cloudtrailBucketName("123456789012", name, suffix)
			if len(b) > 63 || b != strings.ToLower(b) || b != cloudtrailBucketName("123456789012", name, suffix) {
				t.Errorf("bucket name %q for %q is not a stable lowercase name of at most 63 characters", b, name)
			}
		}
		if r := cloudtrailRoleName(name); len(r) > 64 {
			t.Errorf("role name %q too long", r)
		}
	}
	if cloudtrailBucketName("1", "Org", "") == cloudtrailBucketName("1", "org", "") {
		t.Error("names differing in case map to the same bucket")
	}
}

// CloudTrail's "role/policy not visible yet" errors right after the role is created
// are retried until they clear; other errors and the deadline end the retries. The
// waits run on a fake clock: the test takes no time and counts exactly.
func TestRetryPropagation(t *testing.T) {
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	clk := clock.NewFake(start)
	r := &CloudTrailResource{clock: clk, propagation: pacing{Timeout: 20 * time.Second, Delay: time.Second, MaxDelay: 10 * time.Second}}
	propagating := &smithy.GenericAPIError{Code: "InvalidCloudWatchLogsRoleArnException", Message: "cannot assume role"}
	denied := &smithy.GenericAPIError{Code: "AccessDeniedException"}
	ctx := context.Background()

	calls := 0
	err := r.retryPropagation(ctx, func() error {
		calls++
		if calls < 3 {
			return propagating
		}
		return nil
	})
	if err != nil || calls != 3 {
		t.Fatalf("propagation errors then success: err %v after %d calls, want nil after 3", err, calls)
	}
	if waited := clk.Now().Sub(start); waited != 3*time.Second {
		t.Fatalf("waited %s between the three calls, want 1s then 2s", waited)
	}

	calls = 0
	err = r.retryPropagation(ctx, func() error { calls++; return denied })
	if !errors.Is(err, denied) || calls != 1 {
		t.Fatalf("another error: %v after %d calls, want it returned at once", err, calls)
	}

	// Waits of 1, 2, 4, 8 s; the next (10 s, the cap) would pass the 20 s deadline.
	calls, start = 0, clk.Now()
	err = r.retryPropagation(ctx, func() error { calls++; return propagating })
	if !errors.Is(err, propagating) || calls != 5 {
		t.Fatalf("persistent propagation error: %v after %d calls, want it returned after 5", err, calls)
	}
	if waited := clk.Now().Sub(start); waited != 15*time.Second {
		t.Fatalf("waited %s before giving up, want 15s", waited)
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	err = r.retryPropagation(cancelled, func() error { return propagating })
	if !errors.Is(err, context.Canceled) || !errors.Is(err, propagating) {
		t.Fatalf("cancelled while retrying: %v, want the propagation error and context.Canceled", err)
	}
	for _, code := range []string{"InsufficientS3BucketPolicyException", "InsufficientEncryptionPolicyException",
		"InvalidCloudWatchLogsLogGroupArnException"} {
		if !isPropagationError(&smithy.GenericAPIError{Code: code}) {
			t.Errorf("%s is not retried", code)
		}
	}
}

func TestSNSTopicReference(t *testing.T) {
	n := ctNames{partition: "aws", region: "us-east-1", account: "123456789012"}
	for in, want := range map[string]string{
		"arn:aws:sns:us-east-1:123456789012:alerts": "alerts",
		"arn:aws:sns:eu-west-1:123456789012:alerts": "arn:aws:sns:eu-west-1:123456789012:alerts",
		"arn:aws:sns:us-east-1:111122223333:alerts": "arn:aws:sns:us-east-1:111122223333:alerts",
		"": "",
	} {
		if got := snsTopicReference(in, n); got != want {
			t.Errorf("snsTopicReference(%q) = %q, want %q", in, got, want)
		}
	}
}

// AWS managed keys (aws/s3, ...) are refused as kms_key_arn; the emulator reports
// them as customer managed, so the decision is tested here.
func TestKeyManagerProblem(t *testing.T) {
	if p := keyManagerProblem(&kmstypes.KeyMetadata{KeyManager: kmstypes.KeyManagerTypeAws}); !strings.Contains(p, "AWS managed") {
		t.Errorf("an AWS managed key is accepted: %q", p)
	}
	if p := keyManagerProblem(&kmstypes.KeyMetadata{KeyManager: kmstypes.KeyManagerTypeCustomer}); p != "" {
		t.Errorf("a customer-managed key is refused: %q", p)
	}
}
