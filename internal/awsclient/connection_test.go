package awsclient

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// sendError wraps a transport error the way the SDK's HTTP client handler does.
func sendError(err error) error {
	return &smithyhttp.RequestSendError{Err: &url.Error{Op: "Post", URL: "http://127.0.0.1:1/", Err: err}}
}

func TestConnectionProblem(t *testing.T) {
	dial := func(err error) error {
		return &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", err)}
	}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"refused", sendError(dial(syscall.ECONNREFUSED)), "connection refused"},
		{"reset", sendError(&net.OpError{Op: "read", Err: os.NewSyscallError("read", syscall.ECONNRESET)}),
			"the connection was reset"},
		{"closed", sendError(io.EOF), "the connection was closed without a response"},
		{"no such host", sendError(&net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host",
			Name: "ec2.nowhere.invalid", IsNotFound: true}}), "DNS lookup of ec2.nowhere.invalid failed: no such host"},
		{"dns server", sendError(&net.DNSError{Err: "server misbehaving", Name: "sts.example"}),
			"DNS lookup of sts.example failed: server misbehaving"},
		{"plain http as https", sendError(tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}),
			"TLS handshake failed: the server does not speak TLS"},
		{"plain http as https (net/http)", sendError(errors.New("http: server gave HTTP response to HTTPS client")),
			"TLS handshake failed: the server does not speak TLS"},
		{"anything else the HTTP client fails with", sendError(errors.New("net/http: HTTP/1.x transport connection broken")),
			"the request could not be sent: net/http: HTTP/1.x transport connection broken"},
		{"unknown CA", sendError(&tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}),
			"TLS handshake failed: the server's certificate is not trusted (signed by an unknown authority)"},
		{"unreachable", sendError(dial(syscall.EHOSTUNREACH)), "no route to host"},
		{"dial timeout", sendError(&net.OpError{Op: "dial", Err: timeoutError{}}), "connection timed out after 10s"},
		{"proxy", sendError(&net.OpError{Op: "proxyconnect", Addr: &net.TCPAddr{IP: net.IPv4(10, 0, 0, 1), Port: 3128},
			Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}), "could not connect to the proxy 10.0.0.1:3128: connection refused"},
		// Answers from the API, and errors outside the transport, are not connection problems.
		{"throttled", &smithy.GenericAPIError{Code: "Throttling"}, ""},
		{"refused outside the transport", dial(syscall.ECONNREFUSED), ""},
		{"nil", nil, ""},
		{"caller's deadline", sendError(context.DeadlineExceeded), ""},
		{"canceled", sendError(context.Canceled), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := connectionProblem(tc.err); got != tc.want && (tc.want == "" || !strings.HasPrefix(got, tc.want)) {
				t.Errorf("connectionProblem = %q, want %q", got, tc.want)
			}
		})
	}
}

type timeoutError struct{}

func (timeoutError) Error() string   { return "i/o timeout" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

func TestNotAWSProblem(t *testing.T) {
	unknown := &smithy.GenericAPIError{Code: "UnknownError"}
	deser := &smithy.DeserializationError{Err: errors.New("invalid character '<'")}
	for _, tc := range []struct {
		name      string
		err       error
		status    int
		requestID string
		want      bool
	}{
		{"web server 404", unknown, 404, "", true},
		{"html 200", deser, 200, "", true},
		{"error code 404", &smithy.GenericAPIError{Code: "404"}, 404, "", true},
		{"AWS NoSuchEntity", &smithy.GenericAPIError{Code: "NoSuchEntity"}, 404, "", false},
		{"unreadable with a request ID", deser, 200, "req-1", false},
		{"502 keeps the retry budget", unknown, 502, "", false},
		{"429 keeps the retry budget", unknown, 429, "", false},
		{"no response", unknown, 0, "", false},
		{"success", nil, 200, "", false},
	} {
		if got := notAWSProblem(tc.err, tc.status, tc.requestID) != ""; got != tc.want {
			t.Errorf("%s: notAWS = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestEndpointErrorMessage(t *testing.T) {
	for _, tc := range []struct {
		name        string
		err         EndpointError
		start, hint string
	}{
		{"configured", EndpointError{Service: "ec2", Endpoint: "http://127.0.0.1:1", Configured: true,
			Problem: "connection refused", Attempts: 4},
			"could not connect to the ec2 endpoint http://127.0.0.1:1: connection refused (4 attempts). ",
			"endpoints { ec2 = ... } in the provider block, AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL"},
		{"env name of a service", EndpointError{Service: "config", Endpoint: "http://h:1", Configured: true,
			Problem: "connection refused", Attempts: 1},
			"could not connect to the config endpoint http://h:1: connection refused. ", "AWS_ENDPOINT_URL_CONFIG_SERVICE"},
		{"AWS's own", EndpointError{Service: "sts", Endpoint: "https://sts.us-east-1.amazonaws.com",
			Problem: "DNS lookup of sts.us-east-1.amazonaws.com failed: no such host", Attempts: 1},
			"could not connect to the sts endpoint https://sts.us-east-1.amazonaws.com: DNS lookup",
			"Check the network and DNS, any proxy in between (HTTPS_PROXY"},
		{"TLS", EndpointError{Service: "iam", Endpoint: "https://127.0.0.1:5000", Configured: true,
			Problem: "TLS handshake failed: the server does not speak TLS", Attempts: 4},
			"could not connect to the iam endpoint https://127.0.0.1:5000: TLS handshake failed", "Check the scheme (http:// or https://)"},
		{"not AWS", EndpointError{Service: "iam", Endpoint: "http://127.0.0.1:8080", Configured: true, NotAWS: true,
			Problem: "it answered HTTP 404 without an AWS request ID or error code", Attempts: 1},
			"the iam endpoint http://127.0.0.1:8080 is not an AWS API: it answered HTTP 404", "must be the base URL of the AWS API"},
	} {
		msg := tc.err.Error()
		if !strings.HasPrefix(msg, tc.start) || !strings.Contains(msg, tc.hint) {
			t.Errorf("%s: message %q\nwant it to start with %q and contain %q", tc.name, msg, tc.start, tc.hint)
		}
	}
}

func TestConnectionRetryPacing(t *testing.T) {
	r, ok := newRetryer(25).(connectionRetryer)
	if !ok {
		t.Fatalf("newRetryer returns %T", newRetryer(25))
	}
	refused := sendError(&net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)})
	var total time.Duration
	for n := 1; n < ConnectionAttempts; n++ {
		err := &connectionAttemptError{err: refused, failures: n}
		if !r.IsErrorRetryable(err) {
			t.Fatalf("connection failure %d is not retried", n)
		}
		d, err2 := r.RetryDelay(n, err)
		if err2 != nil {
			t.Fatal(err2)
		}
		total += d
	}
	if total < 10*time.Second || total > 14*time.Second {
		t.Errorf("connection retries wait %s in all, want 10-14s", total)
	}
	if r.IsErrorRetryable(&connectionAttemptError{err: refused, failures: ConnectionAttempts}) {
		t.Errorf("connection failure %d is retried", ConnectionAttempts)
	}
	// Throttling keeps max_retries: the retryer allows 26 attempts and retries it.
	if r.MaxAttempts() != 26 || !r.IsErrorRetryable(&smithy.GenericAPIError{Code: "Throttling"}) {
		t.Errorf("throttling: max attempts %d, retryable %v", r.MaxAttempts(),
			r.IsErrorRetryable(&smithy.GenericAPIError{Code: "Throttling"}))
	}
}

// logLines decodes tflog's JSON output and returns the entries of a level whose
// message starts with prefix.
func logLines(t *testing.T, out io.Reader, level, prefix string) []map[string]any {
	t.Helper()
	entries, err := tflogtest.MultilineJSONDecode(out)
	if err != nil {
		t.Fatalf("decoding the log: %v", err)
	}
	var found []map[string]any
	for _, e := range entries {
		if msg, _ := e["@message"].(string); strings.HasPrefix(msg, prefix) && e["@level"] == level {
			found = append(found, e)
		}
	}
	return found
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return "http://" + addr
}

// A closed port, with the default max_retries of 25: the credentials check gives
// up after ConnectionAttempts attempts (each one logged) and says so as a
// connection failure, not a credentials problem.
func TestConnectionRefused_boundedAndNamed(t *testing.T) {
	t.Parallel()
	endpoint := closedPort(t)
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	_, err := New(ctx, Config{Region: "us-east-1", AccessKey: "AKIAEXAMPLE", SecretKey: "secret-value-123",
		MaxRetries: -1, Endpoints: map[string]string{"sts": endpoint}})
	if err == nil {
		t.Fatal("New succeeded against a closed port")
	}
	t.Logf("the error: %v", err)
	want := fmt.Sprintf("could not connect to the sts endpoint %s: connection refused (%d attempts), while ",
		endpoint, ConnectionAttempts)
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error:\n%s\nwant it to start with:\n%s", err, want)
	}
	if !strings.Contains(err.Error(), "(4 attempts), while checking the credentials from static credentials in the "+
		"provider configuration (access_key, secret_key) with STS GetCallerIdentity (skip_credentials_validation "+
		"skips this check). Check the endpoint setting") {
		t.Errorf("the error does not say it was checking the credentials: %s", err)
	}
	if strings.Contains(err.Error(), "Check the credentials") {
		t.Errorf("a connection failure is reported as a credentials problem: %s", err)
	}
	var endpointErr *EndpointError
	if !errors.As(err, &endpointErr) || endpointErr.Attempts != ConnectionAttempts {
		t.Errorf("error is not an EndpointError with %d attempts: %#v", ConnectionAttempts, endpointErr)
	}
	lines := logLines(t, &logs, "debug", "AWS request STS.GetCallerIdentity attempt")
	if len(lines) != ConnectionAttempts {
		t.Fatalf("%d attempts logged, want %d", len(lines), ConnectionAttempts)
	}
	for i, l := range lines {
		if l["@level"] != "debug" || l["aws.attempt"] != float64(i+1) || l["aws.operation"] != "GetCallerIdentity" ||
			l["aws.region"] != "us-east-1" || l["error"] != "connection refused" {
			t.Errorf("attempt %d logged as %v", i+1, l)
		}
	}
}

// A listener that accepts each connection and closes it at once: every attempt
// reaches it (so it counts them), none gets an answer.
func TestConnectionClosed_boundedAttempts(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	var accepts atomic.Int32
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			accepts.Add(1)
			if tcp, ok := conn.(*net.TCPConn); ok {
				_ = tcp.SetLinger(0) // a reset, as a crashed or filtering server sends
			}
			_ = conn.Close()
		}
	}()
	endpoint := "http://" + l.Addr().String()
	c, err := New(context.Background(), Config{Region: "us-east-1", AccessKey: "AKIAEXAMPLE", SecretKey: "s",
		MaxRetries: -1, SkipCredentialsValidation: true, Endpoints: map[string]string{"ec2": endpoint}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.EC2().DescribeVpcs(context.Background(), &ec2.DescribeVpcsInput{})
	prefix := "could not connect to the ec2 endpoint " + endpoint + ": the connection was "
	if err == nil || !strings.Contains(err.Error(), prefix) {
		t.Fatalf("error %v, want %q", err, prefix)
	}
	if n := accepts.Load(); n != ConnectionAttempts {
		t.Errorf("the listener accepted %d connections, want %d", n, ConnectionAttempts)
	}
}

// An HTTP server that is not AWS (a wrong port or path) fails at once with what it is.
func TestEndpointNotAWS(t *testing.T) {
	t.Parallel()
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		requests.Add(1)
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, "<html><body>Not Found</body></html>")
	}))
	t.Cleanup(srv.Close)
	c, err := New(context.Background(), Config{Region: "us-east-1", AccessKey: "AKIAEXAMPLE", SecretKey: "s",
		MaxRetries: -1, SkipCredentialsValidation: true, Endpoints: map[string]string{"iam": srv.URL}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.IAM().GetAccountPasswordPolicy(context.Background(), &iam.GetAccountPasswordPolicyInput{})
	want := "the iam endpoint " + srv.URL + " is not an AWS API: it answered HTTP 404"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want %q", err, want)
	}
	if n := requests.Load(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// 5xx answers keep the max_retries budget, beyond the connection-failure limit.
func TestServerErrorsKeepRetryBudget(t *testing.T) {
	t.Parallel()
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		requests.Add(1)
		w.Header().Set("X-Amzn-Requestid", "req-503")
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, `<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code>`+
			`<Message>busy</Message></Error><RequestId>req-503</RequestId></ErrorResponse>`)
	}))
	t.Cleanup(srv.Close)
	const maxRetries = ConnectionAttempts
	c, err := New(context.Background(), Config{Region: "us-east-1", AccessKey: "AKIAEXAMPLE", SecretKey: "s",
		MaxRetries: maxRetries, SkipCredentialsValidation: true, Endpoints: map[string]string{"iam": srv.URL}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.IAM().GetAccountPasswordPolicy(context.Background(), &iam.GetAccountPasswordPolicyInput{})
	var endpointErr *EndpointError
	if err == nil || errors.As(err, &endpointErr) || !strings.Contains(err.Error(), "ServiceUnavailable") {
		t.Fatalf("error %v, want the service's ServiceUnavailable", err)
	}
	if n := requests.Load(); n != maxRetries+1 {
		t.Errorf("%d requests, want %d (max_retries + 1)", n, maxRetries+1)
	}
}

// TLS failures, against real listeners: https:// to a plain HTTP server, and a
// server whose certificate no trusted authority signed. Each is named as a TLS
// handshake failure with the endpoint, after at most ConnectionAttempts requests.
func TestTLSFailures_named(t *testing.T) {
	t.Parallel()
	var plainRequests, tlsRequests atomic.Int32
	plain := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { plainRequests.Add(1) }))
	t.Cleanup(plain.Close)
	untrusted := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { tlsRequests.Add(1) }))
	t.Cleanup(untrusted.Close)
	httpsToPlain := strings.Replace(plain.URL, "http://", "https://", 1)
	c, err := New(context.Background(), Config{Region: "us-east-1", AccessKey: "AKIAEXAMPLE", SecretKey: "s",
		MaxRetries: -1, SkipCredentialsValidation: true,
		Endpoints: map[string]string{"iam": httpsToPlain, "ec2": untrusted.URL}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.IAM().GetAccountPasswordPolicy(context.Background(), &iam.GetAccountPasswordPolicyInput{})
	want := "could not connect to the iam endpoint " + httpsToPlain + ": TLS handshake failed: the server does not speak TLS"
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "Check the scheme") {
		t.Errorf("https:// to plain HTTP: error %v, want %q", err, want)
	}
	_, err = c.EC2().DescribeVpcs(context.Background(), &ec2.DescribeVpcsInput{})
	want = "could not connect to the ec2 endpoint " + untrusted.URL + ": TLS handshake failed: the server's " +
		"certificate is not trusted (signed by an unknown authority)"
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "AWS_CA_BUNDLE") {
		t.Errorf("untrusted certificate: error %v, want %q", err, want)
	}
	if plainRequests.Load() != 0 || tlsRequests.Load() != 0 {
		t.Errorf("requests got through a failed handshake: %d, %d", plainRequests.Load(), tlsRequests.Load())
	}
}
