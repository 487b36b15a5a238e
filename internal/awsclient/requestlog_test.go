package awsclient

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func TestRedactBody(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string
	}{
		{"form", "Action=ChangePassword&NewPassword=hunter2%21&OldPassword=old&Version=2010-05-08",
			"Action=ChangePassword&NewPassword=<redacted>&OldPassword=<redacted>&Version=2010-05-08"},
		{"form settings about passwords stay", "Action=UpdateAccountPasswordPolicy&AllowUsersToChangePassword=true&MinimumPasswordLength=14",
			"Action=UpdateAccountPasswordPolicy&AllowUsersToChangePassword=true&MinimumPasswordLength=14"},
		{"form nested", "Credentials.SecretAccessKey=abc&Credentials.AccessKeyId=AKIA",
			"Credentials.SecretAccessKey=<redacted>&Credentials.AccessKeyId=AKIA"},
		{"xml", "<Credentials><AccessKeyId>ASIA1</AccessKeyId><SecretAccessKey>s3cr3t</SecretAccessKey>" +
			"<SessionToken>tok/en+==</SessionToken></Credentials>",
			"<Credentials><AccessKeyId>ASIA1</AccessKeyId><SecretAccessKey><redacted></SecretAccessKey>" +
				"<SessionToken><redacted></SessionToken></Credentials>"},
		{"json", `{"KeyId":"k","Plaintext":"AAEC\"x","CiphertextBlob":"c", "PrivateKey" : "p"}`,
			`{"KeyId":"k","Plaintext":"<redacted>","CiphertextBlob":"c", "PrivateKey" : "<redacted>"}`},
		{"empty", "", ""},
	} {
		if got := redactBody(tc.body); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

func TestRedactHeadersAndURL(t *testing.T) {
	h := http.Header{}
	h.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/aws4_request, "+
		"SignedHeaders=host;x-amz-date, Signature=0123456789abcdef0123456789abcdef")
	h.Set("X-Amz-Security-Token", "the-session-token")
	h.Set("X-Amz-Date", "20260101T000000Z")
	got := redactHeaders(h)
	for _, secret := range []string{"IOSFODNN7EXAMPLE", "0123456789abcdef", "the-session-token"} {
		if strings.Contains(got, secret) {
			t.Errorf("headers keep %q:\n%s", secret, got)
		}
	}
	for _, kept := range []string{"Credential=AKIA****/20260101/us-east-1/iam/aws4_request", "Signature=<redacted>",
		"X-Amz-Security-Token: <redacted>", "X-Amz-Date: 20260101T000000Z"} {
		if !strings.Contains(got, kept) {
			t.Errorf("headers lack %q:\n%s", kept, got)
		}
	}
	u, _ := url.Parse("https://b.s3.amazonaws.com/k?X-Amz-Signature=abc123&X-Amz-Security-Token=tok&versionId=1")
	if got := redactURL(u); strings.Contains(got, "abc123") || strings.Contains(got, "tok&") || !strings.Contains(got, "versionId=1") {
		t.Errorf("redactURL = %s", got)
	}
}

// A real STS AssumeRole call through the client, against a server that answers as
// STS does: the DEBUG line names the call, and the TRACE log holds the exchange
// without the secret key, the session token, the signature or the assumed role's
// secret key and token from the response.
func TestRequestLog_namesCallsAndHidesSecrets(t *testing.T) {
	const (
		secretKey     = "configSecretKey/0123456789abcdefXYZ"
		sessionToken  = "configSessionToken0123456789ABCDEFGHIJ/+=="
		roleSecret    = "assumedRoleSecret/9876543210zyx"
		roleToken     = "assumedRoleSessionToken9876543210/+=="
		roleRequestID = "c6104cbe-af31-11e0-8154-cbc7ccf896c7"
	)
	var mu sync.Mutex
	var signatures []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		if m := regexp.MustCompile(`Signature=([0-9a-f]+)`).FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
			signatures = append(signatures, m[1])
		}
		mu.Unlock()
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("X-Amzn-Requestid", roleRequestID)
		w.Header().Set("Content-Type", "text/xml")
		_, _ = io.WriteString(w, `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>`+
			`<Credentials><AccessKeyId>ASIAROLEEXAMPLE</AccessKeyId><SecretAccessKey>`+roleSecret+`</SecretAccessKey>`+
			`<SessionToken>`+roleToken+`</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials>`+
			`<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId>`+
			`</AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>`+roleRequestID+`</RequestId>`+
			`</ResponseMetadata></AssumeRoleResponse>`)
	}))
	t.Cleanup(srv.Close)
	c, err := New(context.Background(), Config{Region: "eu-west-1", AccessKey: "AKIAEXAMPLELOGTEST", SecretKey: secretKey,
		Token: sessionToken, SkipCredentialsValidation: true, Endpoints: map[string]string{"sts": srv.URL}})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	if _, err := c.STS().AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/r"),
		RoleSessionName: aws.String("s")}); err != nil {
		t.Fatal(err)
	}
	text := logs.String()
	debug := logLines(t, bytes.NewBufferString(text), "debug", "AWS request STS.AssumeRole attempt 1: HTTP 200")
	if len(debug) != 1 {
		t.Fatalf("want one DEBUG line for the call, log:\n%s", text)
	}
	for k, v := range map[string]any{"aws.service": "STS", "aws.operation": "AssumeRole", "aws.region": "eu-west-1",
		"aws.attempt": float64(1), "http.status_code": float64(200), "aws.request_id": roleRequestID} {
		if debug[0][k] != v {
			t.Errorf("DEBUG field %s = %v, want %v", k, debug[0][k], v)
		}
	}
	if _, ok := debug[0]["http.duration_ms"]; !ok {
		t.Error("the DEBUG line has no duration")
	}
	trace := logLines(t, bytes.NewBufferString(text), "trace", "AWS request STS.AssumeRole attempt 1")
	if len(trace) != 1 || !strings.Contains(fmt.Sprint(trace[0]["http.request.body"]), "Action=AssumeRole") ||
		!strings.Contains(fmt.Sprint(trace[0]["http.response.body"]), "<SecretAccessKey><redacted></SecretAccessKey>") {
		t.Errorf("the TRACE line lacks the redacted exchange, log:\n%s", text)
	}
	mu.Lock()
	secrets := append([]string{secretKey, sessionToken, roleSecret, roleToken}, signatures...)
	mu.Unlock()
	if len(secrets) != 5 {
		t.Fatalf("the server saw %d signed requests, want 1", len(secrets)-4)
	}
	for _, s := range secrets {
		// JSON escapes "/" and "+" as they are; look for the raw and the escaped form.
		for _, form := range []string{s, strings.ReplaceAll(s, "+", `\u002b`)} {
			if strings.Contains(text, form) {
				t.Errorf("the log contains the secret %q", s)
			}
		}
	}
}
