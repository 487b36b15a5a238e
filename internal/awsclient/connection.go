package awsclient

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// ConnectionAttempts is how many times a call is sent when every attempt fails at
// the connection level (refused, reset, DNS, TLS, timeouts), whatever max_retries
// is: such failures are not transient the way throttling is, and an endpoint that
// refused four connections over 10-14 s is misconfigured or down. Throttling and
// 5xx answers keep the full max_retries budget.
const ConnectionAttempts = 4

const (
	// connectionRetryBase doubles between connection attempts: 2 s, 4 s, 8 s, less
	// up to a quarter of jitter each.
	connectionRetryBase = 2 * time.Second
	// dialTimeout bounds one TCP connect, so that a black-holed address fails within
	// a minute over all connection attempts rather than after the OS's timeout.
	dialTimeout = 10 * time.Second
)

// newRetryer is the retryer of every client: the SDK's standard retryer with
// max_retries, no client-side rate limit, and the connection-failure limit.
func newRetryer(maxRetries int) aws.Retryer {
	return connectionRetryer{retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = maxRetries + 1
		// Without a client-side token bucket a burst of throttling is retried
		// with backoff instead of failing fast, as in the hashicorp/aws provider.
		o.RateLimiter = ratelimit.None
		o.Retryables = append([]retry.IsErrorRetryable{connectionBudget{}}, o.Retryables...)
	})}
}

// connectionRetryer paces retries of connection failures on its own schedule.
type connectionRetryer struct{ aws.RetryerV2 }

func (r connectionRetryer) RetryDelay(attempt int, err error) (time.Duration, error) {
	var ce *connectionAttemptError
	if errors.As(err, &ce) {
		return connectionDelay(ce.failures), nil
	}
	return r.RetryerV2.RetryDelay(attempt, err)
}

// connectionDelay is the wait after the n-th connection failure of one call:
// connectionRetryBase doubled n-1 times, less up to a quarter of jitter.
func connectionDelay(n int) time.Duration {
	d := connectionRetryBase << (n - 1)
	return d - time.Duration(rand.Int64N(int64(d/4)+1))
}

// connectionBudget stops retrying a call once its connection failures reach
// ConnectionAttempts; other errors are left to the standard classification.
type connectionBudget struct{}

func (connectionBudget) IsErrorRetryable(err error) aws.Ternary {
	var ce *connectionAttemptError
	if errors.As(err, &ce) && ce.failures >= ConnectionAttempts {
		return aws.FalseTernary
	}
	return aws.UnknownTernary
}

// connectionAttemptError marks one attempt's connection failure with how many the
// call has had so far, for the retryer.
type connectionAttemptError struct {
	err      error
	failures int
}

func (e *connectionAttemptError) Error() string { return e.err.Error() }
func (e *connectionAttemptError) Unwrap() error { return e.err }

// EndpointError is a call that never got an answer from the AWS API: the endpoint
// could not be reached (connection refused or reset, DNS, TLS, timeout) or what
// answered is not an AWS API. Its message leads with what happened and where, and
// says what to check.
type EndpointError struct {
	// Service is the endpoints block key of the service ("sts", "ec2").
	Service string
	// Endpoint is the URL the requests went to.
	Endpoint string
	// Configured reports whether Endpoint comes from a setting (the endpoints block,
	// AWS_ENDPOINT_URL*, a profile's endpoint_url) rather than AWS's own endpoint.
	Configured bool
	// Problem says what happened: "connection refused", "TLS handshake failed: ...".
	Problem string
	// NotAWS reports that something answered, but not as an AWS API.
	NotAWS bool
	// Attempts is how many times the request was sent.
	Attempts int
	// During says what the provider was doing, when the call was part of a larger step.
	During string
	// Err is the SDK's error.
	Err error
}

func (e *EndpointError) Error() string {
	var b strings.Builder
	if e.NotAWS {
		fmt.Fprintf(&b, "the %s endpoint %s is not an AWS API: %s", e.Service, e.Endpoint, e.Problem)
	} else {
		fmt.Fprintf(&b, "could not connect to the %s endpoint %s: %s", e.Service, e.Endpoint, e.Problem)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (%d attempts)", e.Attempts)
	}
	if e.During != "" {
		b.WriteString(", while " + e.During)
	}
	b.WriteString(". ")
	b.WriteString(e.hint())
	return b.String()
}

func (e *EndpointError) Unwrap() error { return e.Err }

func (e *EndpointError) hint() string {
	env := "AWS_ENDPOINT_URL_" + strings.ToUpper(e.Service)
	for _, s := range Services {
		if s.Key == e.Service {
			env = "AWS_ENDPOINT_URL_" + s.EnvSuffix
		}
	}
	setting := fmt.Sprintf("the endpoint setting (endpoints { %s = ... } in the provider block, %s, AWS_ENDPOINT_URL "+
		"or the profile's endpoint_url)", e.Service, env)
	proxy := "any proxy in between (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)"
	switch {
	case e.NotAWS:
		return "Check " + setting + ": it must be the base URL of the AWS API or of an emulator such as moto or LocalStack."
	case strings.HasPrefix(e.Problem, "TLS"):
		return "Check the scheme (http:// or https://) of " + setting + ", the server's certificate (a private CA " +
			"goes in AWS_CA_BUNDLE or the profile's ca_bundle), and " + proxy + "."
	case e.Configured:
		return "Check " + setting + ", that the service there is running, the network, and " + proxy + "."
	}
	return "Check the network and DNS, " + proxy + ", and the region; to use another endpoint set " + setting + "."
}

// connectionProblem names a connection-level failure of an attempt (the HTTP
// client got no response: smithyhttp.RequestSendError), or returns "" for any
// other error.
func connectionProblem(err error) string {
	var send *smithyhttp.RequestSendError
	if err == nil || !errors.As(err, &send) {
		return ""
	}
	// The caller gave up (Ctrl-C, a deadline): nothing is wrong with the endpoint.
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return ""
	}
	var (
		dnsErr      *net.DNSError
		recordErr   tls.RecordHeaderError
		verifyErr   *tls.CertificateVerificationError
		unknownAuth x509.UnknownAuthorityError
		hostErr     x509.HostnameError
		invalidErr  x509.CertificateInvalidError
		alertErr    tls.AlertError
		opErr       *net.OpError
		timeoutErr  interface{ Timeout() bool }
	)
	switch {
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			return fmt.Sprintf("DNS lookup of %s failed: no such host", dnsErr.Name)
		}
		return fmt.Sprintf("DNS lookup of %s failed: %s", dnsErr.Name, dnsErr.Err)
	case errors.As(err, &recordErr) || strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return "TLS handshake failed: the server does not speak TLS (an http:// endpoint given as https://?)"
	case errors.As(err, &verifyErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr), errors.As(err, &invalidErr):
		return "TLS handshake failed: the server's certificate is not trusted (" + certProblem(err) + ")"
	case errors.As(err, &alertErr):
		return "TLS handshake failed: " + alertErr.Error()
	case errors.As(err, &opErr) && opErr.Op == "proxyconnect":
		return "could not connect to the proxy " + opErr.Addr.String() + ": " + errnoText(opErr.Err)
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET) || strings.Contains(err.Error(), "connection reset"):
		return "the connection was reset"
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return "the connection was closed without a response"
	case errors.Is(err, syscall.EHOSTUNREACH):
		return "no route to host"
	case errors.Is(err, syscall.ENETUNREACH):
		return "network unreachable"
	case strings.Contains(err.Error(), "TLS handshake timeout"):
		return "TLS handshake timed out"
	case errors.As(err, &opErr) && opErr.Op == "dial":
		if opErr.Timeout() {
			return fmt.Sprintf("connection timed out after %s", dialTimeout)
		}
		return errnoText(opErr.Err)
	case errors.As(err, &timeoutErr) && timeoutErr.Timeout():
		return "timed out waiting for a response"
	}
	// Any other failure to send the request or read an answer is at the
	// connection level too: name it by the innermost error.
	inner := err
	for u := errors.Unwrap(inner); u != nil; u = errors.Unwrap(inner) {
		inner = u
	}
	return "the request could not be sent: " + inner.Error()
}

func certProblem(err error) string {
	var (
		unknownAuth x509.UnknownAuthorityError
		hostErr     x509.HostnameError
		invalidErr  x509.CertificateInvalidError
	)
	switch {
	case errors.As(err, &unknownAuth):
		return "signed by an unknown authority"
	case errors.As(err, &hostErr):
		return hostErr.Error()
	case errors.As(err, &invalidErr):
		return invalidErr.Error()
	}
	return "verification failed"
}

func errnoText(err error) string {
	var sys *os.SyscallError
	if errors.As(err, &sys) {
		return sys.Err.Error()
	}
	return err.Error()
}

// notAWSProblem describes an answer that cannot be from an AWS API, or returns "".
// AWS (and the emulators) answer every request with a request ID and an error
// document in the service's protocol; an answer without a request ID whose error
// the SDK could not read (a web server's 404 page, a proxy's login page) comes from
// something else at the endpoint. 5xx and 429 answers are left to the retryer:
// they keep the full retry budget.
func notAWSProblem(err error, status int, requestID string) string {
	if err == nil || requestID != "" || status == 0 || status >= 500 || status == 429 {
		return ""
	}
	var deser *smithy.DeserializationError
	var apiErr smithy.APIError
	switch {
	case errors.As(err, &deser):
	case errors.As(err, &apiErr) && (apiErr.ErrorCode() == "" || apiErr.ErrorCode() == "UnknownError" ||
		apiErr.ErrorCode() == fmt.Sprint(status)):
	default:
		return ""
	}
	return fmt.Sprintf("it answered HTTP %d without an AWS request ID or error code", status)
}
