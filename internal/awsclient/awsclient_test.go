package awsclient

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	"github.com/aws/smithy-go"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestEffectiveEndpoints(t *testing.T) {
	block := map[string]string{"iam": "http://block:1"}
	getenv := env(map[string]string{"AWS_ENDPOINT_URL_IAM": "http://env-iam:1", "AWS_ENDPOINT_URL_S3": "http://env-s3:1"})
	got := effectiveEndpoints(block, "http://generic:1", getenv)
	want := map[string]string{
		"iam": "http://block:1",  // block beats everything
		"s3":  "http://env-s3:1", // service variable beats the generic endpoint
		"sts": "http://generic:1",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("endpoint %s = %q, want %q", k, got[k], v)
		}
	}
	ignored := effectiveEndpoints(nil, "", env(map[string]string{
		"AWS_ENDPOINT_URL_S3": "http://env-s3:1", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}))
	if ignored["s3"] != "" {
		t.Errorf("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true should ignore AWS_ENDPOINT_URL_S3, got %q", ignored["s3"])
	}
}

func TestCheckEndpoints(t *testing.T) {
	for _, tc := range []struct {
		name  string
		block map[string]string
		env   map[string]string
		want  string
	}{
		{"ok", map[string]string{"s3": "http://127.0.0.1:5000"}, nil, ""},
		{"no scheme", map[string]string{"iam": "localhost:5000"}, nil, `endpoints.iam = "localhost:5000" is not an endpoint URL`},
		{"bad env", nil, map[string]string{"AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": "ftp://x"}, `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS = "ftp://x"`},
		{"bad generic", nil, map[string]string{"AWS_ENDPOINT_URL": "nope"}, `AWS_ENDPOINT_URL = "nope"`},
		{"unknown service", map[string]string{"lambda": "http://x"}, nil, `unknown service "lambda"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkEndpoints(tc.block, env(tc.env))
			if tc.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestIsLoopback(t *testing.T) {
	for endpoint, want := range map[string]bool{
		"http://127.0.0.1:5000":        true,
		"http://127.3.4.5":             true,
		"http://[::1]:4566":            true,
		"http://localhost:4566":        true,
		"http://s3.localhost:4566":     true,
		"https://s3.amazonaws.com":     false,
		"http://10.0.0.1:9000":         false,
		"https://minio.example.com":    false,
		"":                             false,
		"http://localhost.example.com": false,
	} {
		if got := isLoopback(endpoint); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", endpoint, got, want)
		}
	}
}

func TestNewRejectsHalfCredentials(t *testing.T) {
	_, err := New(context.Background(), Config{Region: "us-east-1", AccessKey: "AKIA"})
	if err == nil || !strings.Contains(err.Error(), "access_key and secret_key must be set together") {
		t.Fatalf("error = %v", err)
	}
}

func TestNewRequiresRegion(t *testing.T) {
	t.Setenv("AWS_REGION", "")
	t.Setenv("AWS_DEFAULT_REGION", "")
	t.Setenv("AWS_CONFIG_FILE", "/dev/null")
	t.Setenv("AWS_PROFILE", "")
	_, err := New(context.Background(), Config{AccessKey: "a", SecretKey: "b", SkipCredentialsValidation: true})
	if err == nil || !strings.Contains(err.Error(), "no AWS region") {
		t.Fatalf("error = %v", err)
	}
}

// With validation skipped no call is made, and S3 switches to path style for a loopback endpoint.
func TestNewSkipValidationLoopbackPathStyle(t *testing.T) {
	t.Setenv("AWS_ENDPOINT_URL", "")
	c, err := New(context.Background(), Config{
		Region: "eu-central-1", AccessKey: "a", SecretKey: "b", SkipCredentialsValidation: true,
		Endpoints: map[string]string{"s3": "http://127.0.0.1:1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !c.S3UsePathStyle() {
		t.Error("a loopback S3 endpoint should select path-style addressing")
	}
	if c.Region() != "eu-central-1" || c.Endpoint("s3") != "http://127.0.0.1:1" || c.Endpoint("iam") != "" {
		t.Errorf("region %q, s3 %q, iam %q", c.Region(), c.Endpoint("s3"), c.Endpoint("iam"))
	}
	if c.CredentialSource() != "static credentials in the provider configuration (access_key, secret_key)" {
		t.Errorf("credential source = %q", c.CredentialSource())
	}
	c2, err := New(context.Background(), Config{Region: "eu-central-1", AccessKey: "a", SecretKey: "b",
		SkipCredentialsValidation: true, Endpoints: map[string]string{"s3": "https://s3.example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	if c2.S3UsePathStyle() {
		t.Error("a remote S3 endpoint should keep virtual-hosted addressing unless s3_use_path_style is set")
	}
}

// A failed credentials check says where the credentials came from and never echoes the secret.
func TestValidationErrorNamesSourceNotSecret(t *testing.T) {
	t.Setenv("AWS_ENDPOINT_URL", "")
	const secret = "wJalrXUtnFEMI-secret-value"
	_, err := New(context.Background(), Config{
		Region: "us-east-1", AccessKey: "AKIAEXAMPLE", SecretKey: secret, Token: "session-token-value", MaxRetries: 0,
		Endpoints: map[string]string{"sts": "http://127.0.0.1:1"},
	})
	if err == nil {
		t.Fatal("expected an error from an unreachable STS endpoint")
	}
	msg := err.Error()
	if !strings.Contains(msg, "static credentials in the provider configuration") || !strings.Contains(msg, "http://127.0.0.1:1") {
		t.Errorf("error should name the credential source and endpoint: %s", msg)
	}
	if strings.Contains(msg, secret) || strings.Contains(msg, "session-token-value") {
		t.Errorf("error leaks a secret: %s", msg)
	}
}

func TestDescribeCredentialSource(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, c := range []struct {
		cfg    Config
		source string
		env    map[string]string
		want   string
	}{
		{Config{AccessKey: "a", SecretKey: "b"}, "StaticCredentials", nil, "static credentials in the provider configuration"},
		{Config{}, "EnvConfigCredentials", nil, "the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)"},
		{Config{}, "SharedConfigCredentials: /home/u/.aws/credentials", map[string]string{"AWS_PROFILE": "ci"},
			`shared profile "ci" (/home/u/.aws/credentials)`},
		{Config{Profile: "ops"}, "SharedConfigCredentials: /c", map[string]string{"AWS_PROFILE": "ci"}, `shared profile "ops" (/c)`},
		{Config{}, "SharedConfigCredentials: /c", nil, `shared profile "default" (/c)`},
		{Config{}, "SSOProvider", nil, `IAM Identity Center (SSO) login of shared profile "default"`},
		{Config{}, "EC2RoleProvider", nil, "the EC2 instance profile (IMDS)"},
		{Config{}, "SomethingNew", nil, "credentials provider SomethingNew"},
	} {
		if got := describeCredentialSource(c.cfg, c.source, env(c.env)); !strings.HasPrefix(got, c.want) {
			t.Errorf("describeCredentialSource(%q) = %q, want %q", c.source, got, c.want)
		}
	}
}

func TestCredentialHint(t *testing.T) {
	for code, want := range map[string]string{
		"ExpiredToken": "have expired", "ExpiredTokenException": "have expired",
		"InvalidClientTokenId": "does not accept", "SignatureDoesNotMatch": "does not accept",
		"Throttling": "otherwise",
	} {
		err := fmt.Errorf("wrapped: %w", &smithy.GenericAPIError{Code: code})
		if got := credentialHint(err, "otherwise"); !strings.Contains(got, want) {
			t.Errorf("%s: hint %q, want %q", code, got, want)
		}
	}
	if got := credentialHint(errors.New("dial tcp: refused"), "otherwise"); got != "otherwise" {
		t.Errorf("a network error got hint %q", got)
	}
}

func TestRedact(t *testing.T) {
	err := redact(errors.New("bad key s3cr3tvalue in request"), Config{SecretKey: "s3cr3tvalue"})
	if strings.Contains(err.Error(), "s3cr3tvalue") || !strings.Contains(err.Error(), "<redacted>") {
		t.Errorf("redact = %q", err)
	}
}

// S3 Control puts the account ID in front of the host name; on a loopback
// endpoint the client resolves to the endpoint itself, elsewhere the prefix stays.
func TestS3ControlAccountHostPrefix(t *testing.T) {
	params := func(endpoint string) s3control.EndpointParameters {
		return s3control.EndpointParameters{
			Region: aws.String("us-east-1"), Endpoint: aws.String(endpoint),
			AccountId: aws.String("123456789012"), RequiresAccountId: aws.Bool(true),
		}
	}
	loop, err := noAccountHostPrefix{s3control.NewDefaultEndpointResolverV2()}.ResolveEndpoint(context.Background(),
		params("http://127.0.0.1:5000"))
	if err != nil {
		t.Fatal(err)
	}
	if loop.URI.Host != "127.0.0.1:5000" {
		t.Errorf("loopback S3 Control endpoint resolved to host %q, want 127.0.0.1:5000", loop.URI.Host)
	}
	viaAWS, err := s3control.NewDefaultEndpointResolverV2().ResolveEndpoint(context.Background(), params("https://s3-control.example.com"))
	if err != nil {
		t.Fatal(err)
	}
	if viaAWS.URI.Host != "123456789012.s3-control.example.com" {
		t.Errorf("S3 Control endpoint resolved to host %q, want the account prefix", viaAWS.URI.Host)
	}

	t.Setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:5000")
	c := &Client{effective: effectiveEndpoints(nil, "http://127.0.0.1:5000", os.Getenv)}
	if _, ok := c.S3Control().Options().EndpointResolverV2.(noAccountHostPrefix); !ok {
		t.Errorf("the S3 Control client of a loopback endpoint keeps the account host prefix")
	}
}
