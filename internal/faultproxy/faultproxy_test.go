package faultproxy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	s3ctypes "github.com/aws/aws-sdk-go-v2/service/s3control/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/emulator"
)

var emu *emulator.Emulator

// TestMain starts the emulator: the SDK tests send real calls through the proxy to it.
func TestMain(m *testing.M) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	e, err := emulator.Start(ctx)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "faultproxy tests cannot run:", err)
		os.Exit(1)
	}
	emu = e
	code := m.Run()
	e.Stop()
	os.Exit(code)
}

const auth = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/%s/aws4_request, " +
	"SignedHeaders=host;x-amz-date, Signature=0123"

func TestServiceOf(t *testing.T) {
	for in, want := range map[string]string{
		fmt.Sprintf(auth, "ec2"):  "ec2",
		fmt.Sprintf(auth, "logs"): "logs",
		"AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/s3/aws4_request,SignedHeaders=host,Signature=1": "s3",
	} {
		got, err := ServiceOf(in)
		if err != nil || got != want {
			t.Errorf("ServiceOf(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ServiceOf(""); !errors.Is(err, ErrNotSigned) {
		t.Errorf("unsigned: err = %v, want ErrNotSigned", err)
	}
	if _, err := ServiceOf("AWS4-HMAC-SHA256 Credential=AKID/20260101/ec2, Signature=1"); err == nil {
		t.Error("a short credential scope was accepted")
	}
}

func TestClassify(t *testing.T) {
	req := func(method, target, svc, body string, header map[string]string) *http.Request {
		r := httptest.NewRequest(method, target, strings.NewReader(body))
		r.Header.Set("Authorization", fmt.Sprintf(auth, svc))
		for k, v := range header {
			r.Header.Set(k, v)
		}
		return r
	}
	cases := []struct {
		r          *http.Request
		body       string
		key        string
		params     bool
		tokenFlag  bool
		noService  bool
		protoWants protocol
	}{
		{r: req("POST", "/", "ec2", "", nil), body: "Action=DescribeSecurityGroups&GroupId.1=sg-1&Version=2016-11-15",
			key: "ec2:DescribeSecurityGroups", params: true, protoWants: protoEC2},
		{r: req("POST", "/", "iam", "", map[string]string{"X-Amz-Security-Token": "tok"}),
			body: "Action=GetAccountPasswordPolicy&Version=2010-05-08", key: "iam:GetAccountPasswordPolicy", params: true,
			tokenFlag: true, protoWants: protoQuery},
		{r: req("POST", "/", "cloudtrail", "", map[string]string{
			"X-Amz-Target": "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.CreateTrail"}),
			body: `{"Name":"t"}`, key: "cloudtrail:CreateTrail", params: true, protoWants: protoJSON},
		{r: req("POST", "/", "logs", "", map[string]string{"X-Amz-Target": "Logs_20140328.DescribeLogGroups"}),
			body: `{"logGroupNamePrefix":"/aws/cloudtrail/x","limit":5}`, key: "logs:DescribeLogGroups", params: true,
			protoWants: protoJSON},
		{r: req("PUT", "/bucket?policy", "s3", "", nil), key: "s3:PutBucketPolicy", params: true, protoWants: protoS3},
		{r: req("GET", "/bucket?publicAccessBlock=", "s3", "", nil), key: "s3:GetPublicAccessBlock", params: true,
			protoWants: protoS3},
		{r: req("PUT", "/bucket", "s3", "", nil), key: "s3:CreateBucket", protoWants: protoS3},
		{r: req("HEAD", "/bucket", "s3", "", nil), key: "s3:HeadBucket", protoWants: protoS3},
		{r: req("DELETE", "/bucket", "s3", "", nil), key: "s3:DeleteBucket", protoWants: protoS3},
		{r: req("GET", "/", "s3", "", nil), key: "s3:ListBuckets", protoWants: protoS3},
		{r: req("GET", "/bucket?list-type=2", "s3", "", nil), key: "s3:ListObjectsV2", params: true, protoWants: protoS3},
		{r: req("PUT", "/bucket/AWSLogs/k", "s3", "", nil), key: "s3:PutObject", protoWants: protoS3},
		{r: req("POST", "/detector", "guardduty", "", nil), body: `{"enable":true}`, key: "guardduty:CreateDetector",
			params: true, protoWants: protoJSON},
		{r: req("GET", "/detector", "guardduty", "", nil), key: "guardduty:ListDetectors", protoWants: protoJSON},
		{r: req("GET", "/detector/12abc", "guardduty", "", nil), key: "guardduty:GetDetector", protoWants: protoJSON},
		{r: req("POST", "/detector/12abc", "guardduty", "", nil), body: `{"enable":false}`, key: "guardduty:UpdateDetector",
			params: true, protoWants: protoJSON},
		{r: req("DELETE", "/detector/12abc", "guardduty", "", nil), key: "guardduty:DeleteDetector", protoWants: protoJSON},
		{r: req("GET", "/detector/12abc/filter", "guardduty", "", nil), key: "guardduty:GET /detector/12abc/filter", protoWants: protoJSON},
		{r: httptest.NewRequest("POST", "/moto-api/reset", nil), key: ":", noService: true},
	}
	for _, c := range cases {
		got := classify(c.r, []byte(c.body))
		if c.key == "logs:DescribeLogGroups" && (got.Params.Get("logGroupNamePrefix") != "/aws/cloudtrail/x" || !got.Params.Has("limit")) {
			t.Errorf("JSON members recorded as %v", got.Params)
		}
		if got.Key() != c.key {
			t.Errorf("%s %s: key %q, want %q", c.r.Method, c.r.URL, got.Key(), c.key)
		}
		if (len(got.Params) > 0) != c.params {
			t.Errorf("%s: params recorded = %v, want %v", c.key, got.Params, c.params)
		}
		if got.SessionToken != c.tokenFlag {
			t.Errorf("%s: SessionToken = %v, want %v", c.key, got.SessionToken, c.tokenFlag)
		}
		if !c.noService && protocolOf(got) != c.protoWants {
			t.Errorf("%s: protocol %d, want %d", c.key, protocolOf(got), c.protoWants)
		}
	}
}

// backend counts what reaches it and answers 200 "ok".
func backend(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		_, _ = io.WriteString(w, "ok")
	}))
	t.Cleanup(s.Close)
	return s, &n
}

func start(t *testing.T, to string, cfg Config) *Proxy {
	t.Helper()
	p, err := Start(to, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// send posts one signed query-protocol request and returns the status (0 for a
// transport error) and body.
func send(t *testing.T, c *http.Client, p *Proxy, svc, action string) (int, string) {
	t.Helper()
	r, _ := http.NewRequest(http.MethodPost, p.URL+"/", strings.NewReader("Action="+action))
	r.Header.Set("Authorization", fmt.Sprintf(auth, svc))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(r)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// The same seed injects the same faults into the same request sequence; the rate is respected.
func TestFaultProxy_seededAndRate(t *testing.T) {
	be, _ := backend(t)
	run := func(seed int64) []Kind {
		p := start(t, be.URL, Config{Seed: seed, Rate: 0.3, Kinds: []Kind{Throttle, ServerError, Unavailable}})
		for i := 0; i < 200; i++ {
			send(t, http.DefaultClient, p, "iam", "GetUser")
		}
		var got []Kind
		for _, r := range p.Requests() {
			got = append(got, r.Fault)
		}
		return got
	}
	a, b, c := run(7), run(7), run(8)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatal("the same seed gave different faults")
	}
	if fmt.Sprint(a) == fmt.Sprint(c) {
		t.Fatal("different seeds gave the same faults")
	}
	n := 0
	for _, k := range a {
		if k != "" {
			n++
		}
	}
	if n < 40 || n > 80 {
		t.Fatalf("%d of 200 requests faulted at rate 0.3", n)
	}
}

// Rules win over the random draw, match by service and action, and stop after Times.
func TestFaultProxy_rules(t *testing.T) {
	be, reached := backend(t)
	p := start(t, be.URL, Config{Rules: []Rule{
		{Match: "cloudtrail:CreateTrail", Kind: Throttle},
		{Match: "iam:*", Kind: ServerError, Times: 2},
	}})
	for i := 0; i < 3; i++ {
		if st, _ := send(t, http.DefaultClient, p, "cloudtrail", "CreateTrail"); st != http.StatusBadRequest {
			t.Errorf("CreateTrail #%d: status %d, want 400", i, st)
		}
		if st, _ := send(t, http.DefaultClient, p, "cloudtrail", "DescribeTrails"); st != http.StatusOK {
			t.Errorf("DescribeTrails #%d: status %d, want 200", i, st)
		}
	}
	var iamStatus []int
	for i := 0; i < 3; i++ {
		st, _ := send(t, http.DefaultClient, p, "iam", "GetUser")
		iamStatus = append(iamStatus, st)
	}
	if fmt.Sprint(iamStatus) != "[500 500 200]" {
		t.Errorf("iam statuses %v, want [500 500 200]", iamStatus)
	}
	if got := reached.Load(); got != 4 {
		t.Errorf("%d requests reached the backend, want 4", got)
	}
	counts := p.Counts()
	if counts["cloudtrail:CreateTrail"] != 3 || counts["cloudtrail:DescribeTrails"] != 3 || counts["iam:GetUser"] != 3 {
		t.Errorf("counts %v", counts)
	}
	if f := p.Faults(); f[Throttle] != 3 || f[ServerError] != 2 {
		t.Errorf("faults %v", f)
	}
	if s := p.Summary(); !strings.Contains(s, "9 requests, 5 faults") {
		t.Errorf("summary %q", s)
	}
}

// Reset drops the connection before the backend sees the request; ResetAfter after
// it did; Delay slows the answer but delivers it.
func TestFaultProxy_resetAndDelay(t *testing.T) {
	be, reached := backend(t)
	p := start(t, be.URL, Config{MaxDelay: 150 * time.Millisecond, Rules: []Rule{
		{Match: "ec2:Reset", Kind: Reset},
		{Match: "ec2:ResetAfter", Kind: ResetAfter},
		{Match: "ec2:Slow", Kind: Delay},
	}})
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	if st, msg := send(t, c, p, "ec2", "Reset"); st != 0 || !strings.Contains(msg, "connection reset") && !strings.Contains(msg, "EOF") {
		t.Errorf("Reset: status %d %q, want a dropped connection", st, msg)
	}
	if reached.Load() != 0 {
		t.Error("a Reset request reached the backend")
	}
	if st, _ := send(t, c, p, "ec2", "ResetAfter"); st != 0 {
		t.Errorf("ResetAfter: status %d, want a dropped connection", st)
	}
	if reached.Load() != 1 {
		t.Error("a ResetAfter request did not reach the backend")
	}
	if st, body := send(t, c, p, "ec2", "Slow"); st != http.StatusOK || body != "ok" {
		t.Errorf("Delay: %d %q", st, body)
	}
}

// testClient builds the provider's own AWS client (internal/awsclient) with every
// endpoint at the proxy, which forwards to the emulator.
func testClient(t *testing.T, p *Proxy, maxRetries int) *awsclient.Client {
	t.Helper()
	endpoints := map[string]string{}
	for _, s := range awsclient.Services {
		endpoints[s.Key] = p.URL
	}
	c, err := awsclient.New(context.Background(), awsclient.Config{
		Region: "us-east-1", AccessKey: "AKIDFAULTPROXY", SecretKey: "faultproxy-secret",
		Endpoints: endpoints, SkipCredentialsValidation: true, MaxRetries: maxRetries,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// One cheap read per service, through the provider's clients.
var sdkCalls = []struct {
	key      string
	throttle string // the error code AWS throttles this service with
	call     func(context.Context, *awsclient.Client) error
}{
	{"ec2:DescribeVpcs", "RequestLimitExceeded", func(ctx context.Context, c *awsclient.Client) error {
		_, err := c.EC2().DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
		return err
	}},
	{"iam:ListRoles", "Throttling", func(ctx context.Context, c *awsclient.Client) error {
		_, err := c.IAM().ListRoles(ctx, &iam.ListRolesInput{})
		return err
	}},
	{"sts:GetCallerIdentity", "Throttling", func(ctx context.Context, c *awsclient.Client) error {
		_, err := c.STS().GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		return err
	}},
	{"sns:ListTopics", "Throttling", func(ctx context.Context, c *awsclient.Client) error {
		_, err := c.SNS().ListTopics(ctx, &sns.ListTopicsInput{})
		return err
	}},
	{"cloudtrail:DescribeTrails", "ThrottlingException", func(ctx context.Context, c *awsclient.Client) error {
		_, err := c.CloudTrail().DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{})
		return err
	}},
	{"kms:ListKeys", "ThrottlingException", func(ctx context.Context, c *awsclient.Client) error {
		_, err := c.KMS().ListKeys(ctx, &kms.ListKeysInput{})
		return err
	}},
	{"logs:DescribeLogGroups", "ThrottlingException", func(ctx context.Context, c *awsclient.Client) error {
		_, err := c.CloudWatchLogs().DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{})
		return err
	}},
	{"s3:ListBuckets", "SlowDown", func(ctx context.Context, c *awsclient.Client) error {
		_, err := c.S3().ListBuckets(ctx, &s3.ListBucketsInput{})
		return err
	}},
}

// Each service's SDK client decodes the proxy's throttle as that service's throttling
// error code, and the provider's retryer classifies it as a retryable throttle.
func TestFaultProxy_sdkSeesThrottles(t *testing.T) {
	p := start(t, emu.Endpoint, Config{Rules: []Rule{{Match: "*", Kind: Throttle}}})
	c := testClient(t, p, 0)
	retryer := retry.NewStandard()
	for _, sc := range sdkCalls {
		err := sc.call(context.Background(), c)
		var apiErr smithy.APIError
		if !errors.As(err, &apiErr) || apiErr.ErrorCode() != sc.throttle {
			t.Errorf("%s: error %v, want AWS error code %s", sc.key, err, sc.throttle)
			continue
		}
		if retry.IsErrorThrottles(retry.DefaultThrottles).IsErrorThrottle(err) != aws.TrueTernary {
			t.Errorf("%s: %s is not classified as a throttle", sc.key, sc.throttle)
		}
		if !retryer.IsErrorRetryable(err) {
			t.Errorf("%s: %s is not retryable", sc.key, sc.throttle)
		}
		if svc, action, _ := strings.Cut(sc.key, ":"); !strings.Contains(err.Error(), action) ||
			!strings.Contains(strings.ToLower(err.Error()), strings.ReplaceAll(svc, "logs", "cloudwatch logs")) {
			t.Errorf("%s: the error does not name the service and action: %v", sc.key, err)
		}
	}
	if n := p.Counts(); len(n) != len(sdkCalls) {
		t.Errorf("counted %v, want one request for each of %d calls", n, len(sdkCalls))
	}
}

// With each transient fault injected twice, every service's call still succeeds
// on the third attempt: the SDK retries all of them, and the emulator's answer
// comes through the proxy intact.
func TestFaultProxy_sdkRetriesTransientFaults(t *testing.T) {
	for _, kind := range []Kind{Throttle, ServerError, Unavailable, Reset} {
		t.Run(string(kind), func(t *testing.T) {
			t.Parallel()
			var rules []Rule
			for _, sc := range sdkCalls {
				rules = append(rules, Rule{Match: sc.key, Kind: kind, Times: 2})
			}
			p := start(t, emu.Endpoint, Config{Rules: rules})
			c := testClient(t, p, 2)
			errs := make([]error, len(sdkCalls))
			var wg sync.WaitGroup
			for i, sc := range sdkCalls {
				wg.Add(1)
				go func() {
					defer wg.Done()
					errs[i] = sc.call(context.Background(), c)
				}()
			}
			wg.Wait()
			counts := p.Counts()
			for i, sc := range sdkCalls {
				if errs[i] != nil {
					t.Errorf("%s after two %s faults: %v", sc.key, kind, errs[i])
				}
				if n := counts[sc.key]; n != 3 {
					t.Errorf("%s: %d attempts, want 3 (two faulted, one answered)", sc.key, n)
				}
			}
		})
	}
}

// Expired and invalid credentials answer with the codes the provider recognises, and are not retried.
func TestFaultProxy_credentialErrors(t *testing.T) {
	for kind, want := range map[Kind]string{ExpiredToken: "ExpiredToken", InvalidToken: "InvalidClientTokenId"} {
		p := start(t, emu.Endpoint, Config{Rules: []Rule{{Match: "sts:*", Kind: kind}}})
		c := testClient(t, p, 3)
		_, err := c.STS().GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
		var apiErr smithy.APIError
		if !errors.As(err, &apiErr) || apiErr.ErrorCode() != want {
			t.Errorf("%s: error %v, want code %s", kind, err, want)
		}
		if n := p.Counts()["sts:GetCallerIdentity"]; n != 1 {
			t.Errorf("%s: %d attempts, want 1 (not retryable)", kind, n)
		}
	}
}

// S3 Control requests, signed as s3, are told apart by their path; a rule can
// fail them with S3's error format, which the SDK reads.
func TestFaultProxy_s3control(t *testing.T) {
	p := start(t, emu.Endpoint, Config{Rules: []Rule{{Match: "s3control:PutPublicAccessBlock", Kind: AccessDenied}}})
	c := testClient(t, p, 3)
	ctx := context.Background()
	_, err := c.S3Control().GetPublicAccessBlock(ctx, &s3control.GetPublicAccessBlockInput{AccountId: aws.String(emulator.DefaultAccountID)})
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "NoSuchPublicAccessBlockConfiguration" {
		t.Errorf("GetPublicAccessBlock of an empty account: %v", err)
	}
	_, err = c.S3Control().PutPublicAccessBlock(ctx, &s3control.PutPublicAccessBlockInput{AccountId: aws.String(emulator.DefaultAccountID),
		PublicAccessBlockConfiguration: &s3ctypes.PublicAccessBlockConfiguration{BlockPublicAcls: aws.Bool(true)}})
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "AccessDenied" {
		t.Errorf("PutPublicAccessBlock: error %v, want AccessDenied", err)
	}
	if got := p.Counts(); got["s3control:GetPublicAccessBlock"] != 1 || got["s3control:PutPublicAccessBlock"] != 1 {
		t.Errorf("counts %v", got)
	}
}

// A rule with a region fails only requests signed for that region, with the
// error a denying policy gives (not retried); other regions reach the emulator.
func TestFaultProxy_oneRegion(t *testing.T) {
	p := start(t, emu.Endpoint, Config{Rules: []Rule{{Match: "ec2:DescribeVpcs", Region: "eu-west-1", Kind: AccessDenied}}})
	c := testClient(t, p, 3)
	for _, region := range []string{"us-east-1", "eu-west-1", "eu-west-2"} {
		_, err := c.EC2().DescribeVpcs(context.Background(), &ec2.DescribeVpcsInput{}, func(o *ec2.Options) { o.Region = region })
		var apiErr smithy.APIError
		switch {
		case region == "eu-west-1" && (!errors.As(err, &apiErr) || apiErr.ErrorCode() != "UnauthorizedOperation"):
			t.Errorf("%s: error %v, want UnauthorizedOperation", region, err)
		case region != "eu-west-1" && err != nil:
			t.Errorf("%s: %v", region, err)
		}
	}
	var regions []string
	for _, r := range p.Requests() {
		regions = append(regions, r.Region+"/"+string(r.Fault))
	}
	if got := strings.Join(regions, " "); got != "us-east-1/ eu-west-1/access-denied eu-west-2/" {
		t.Errorf("requests by region: %s", got)
	}
}

func TestFaultProxy_invalidBackend(t *testing.T) {
	if _, err := Start("127.0.0.1:5000", Config{}); err == nil {
		t.Fatal("a backend without scheme was accepted")
	}
}
