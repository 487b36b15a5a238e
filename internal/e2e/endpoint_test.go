package e2e

import (
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
)

// A new user's mistake: AWS_ENDPOINT_URL at a port where nothing listens. terraform
// apply fails at provider configuration with one error that leads with the
// connection failure and the endpoint (not with the credentials), after a bounded
// number of attempts, each of them in the TF_LOG=DEBUG log.
func TestUnreachableEndpoint_failsFastNamingTheEndpoint(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	endpoint := "http://" + l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	w := newWorkspace(t, "", nil, map[string]string{
		"main.tf":     strings.Replace(passwordPolicyConfig, `"this"`, `"p"`, 1),
		"provider.tf": emptyProviderBlock,
	})
	logFile := filepath.Join(t.TempDir(), "terraform.log")
	w.env["AWS_ENDPOINT_URL"] = endpoint
	w.env["TF_LOG"] = "DEBUG"
	w.env["TF_LOG_PATH"] = logFile

	r := w.apply()
	if r.code != 1 {
		t.Fatalf("apply against a closed port should fail (exit 1): %s", r)
	}
	msg := strings.Join(strings.Fields(r.stderr), " ")
	if n := strings.Count(r.stderr, "Error: "); n != 1 {
		t.Errorf("%d errors, want one:\n%s", n, r.stderr)
	}
	want := "could not connect to the sts endpoint " + endpoint + ": connection refused"
	// The detail follows Terraform's source excerpt of the provider block.
	_, detail, _ := strings.Cut(msg, `1: provider "hardened" {} `)
	if !strings.HasPrefix(msg, "Error: Cannot configure the hardened provider") || !strings.HasPrefix(detail, want) {
		t.Errorf("the error does not lead with %q:\n%s", want, r.stderr)
	}
	for _, hint := range []string{"while checking the credentials from the environment", "Check the endpoint setting",
		"AWS_ENDPOINT_URL_STS", "HTTPS_PROXY"} {
		if !strings.Contains(msg, hint) {
			t.Errorf("the error does not say how to fix it (%q):\n%s", hint, r.stderr)
		}
	}
	if strings.Contains(msg, "Check the credentials") || strings.Contains(msg, "do not accept these credentials") {
		t.Errorf("a connection failure is reported as a credentials problem:\n%s", r.stderr)
	}

	b, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatalf("no Terraform log: %v", err)
	}
	attempts := regexp.MustCompile(`\[DEBUG\] provider\.terraform-provider-hardened: AWS request STS\.GetCallerIdentity `+
		`attempt (\d+): no response: connection refused`).FindAllStringSubmatch(string(b), -1)
	if len(attempts) != awsclient.ConnectionAttempts {
		t.Errorf("%d attempts logged, want %d (the connection-failure limit, not max_retries' 25)", len(attempts), awsclient.ConnectionAttempts)
	}
	for i, a := range attempts {
		if a[1] != strconv.Itoa(i+1) {
			t.Errorf("attempt %d logged as attempt %s", i+1, a[1])
		}
	}
}
