package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/internal/faultproxy"
)

// Distinctive fake secrets: moto accepts any credentials, so these are really used
// (signed with, and the token sent), and any appearance in a log is a leak.
const (
	leakAccessKey = "AKIAHARDENEDLEAKTEST"
	leakSecret    = "hardenedLeakTestSecret/0123456789+abcdefXYZ"
	leakToken     = "hardenedLeakTestSessionToken0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ/+=="
)

const passwordPolicyConfig = `terraform {
  required_providers {
    hardened = { source = "hardened-tf/hardened" }
  }
}

resource "hardened_password_policy" "this" {}
`

// emptyProviderBlock configures the provider from the environment only. (Without
// any provider block, Terraform adds an error of its own when configuration fails.)
const emptyProviderBlock = "provider \"hardened\" {}\n"

// credentialSources are the ways the provider can get credentials, each with what
// an error must say about it.
var credentialSources = []struct {
	name string
	// setup writes files and sets the environment of the workspace.
	setup func(t *testing.T, w *workspace)
	// failing is the STS call the expired-credentials run makes fail.
	failing string
	// names is what the error must say about where the credentials came from.
	names string
}{
	{
		name: "provider block",
		setup: func(_ *testing.T, w *workspace) {
			w.write("provider.tf", fmt.Sprintf("provider \"hardened\" {\n  access_key = %q\n  secret_key = %q\n  token      = %q\n}\n",
				leakAccessKey, leakSecret, leakToken))
		},
		failing: "sts:GetCallerIdentity",
		names:   `static credentials in the provider configuration \(access_key, secret_key\)`,
	},
	{
		name: "environment",
		setup: func(_ *testing.T, w *workspace) {
			w.env["AWS_ACCESS_KEY_ID"] = leakAccessKey
			w.env["AWS_SECRET_ACCESS_KEY"] = leakSecret
			w.env["AWS_SESSION_TOKEN"] = leakToken
			w.write("provider.tf", emptyProviderBlock)
		},
		failing: "sts:GetCallerIdentity",
		names:   `the environment \(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY\)`,
	},
	{
		name: "shared profile",
		setup: func(t *testing.T, w *workspace) {
			file := filepath.Join(t.TempDir(), "credentials")
			content := fmt.Sprintf("[leaktest]\naws_access_key_id = %s\naws_secret_access_key = %s\naws_session_token = %s\n",
				leakAccessKey, leakSecret, leakToken)
			if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			w.env["AWS_SHARED_CREDENTIALS_FILE"] = file
			w.env["AWS_PROFILE"] = "leaktest"
			w.write("provider.tf", emptyProviderBlock)
		},
		failing: "sts:GetCallerIdentity",
		names:   `shared profile "leaktest" \(/[^)]*credentials\)`,
	},
	{
		name: "assume_role",
		setup: func(_ *testing.T, w *workspace) {
			w.env["AWS_ACCESS_KEY_ID"] = leakAccessKey
			w.env["AWS_SECRET_ACCESS_KEY"] = leakSecret
			w.env["AWS_SESSION_TOKEN"] = leakToken
			w.write("provider.tf", "provider \"hardened\" {\n  assume_role {\n    role_arn = \"arn:aws:iam::123456789012:role/leaktest\"\n  }\n}\n")
		},
		failing: "sts:AssumeRole",
		names:   `assume_role arn:aws:iam::123456789012:role/leaktest with the base credentials \(the environment`,
	},
}

// signatureRE finds a SigV4 signature (hex, 64 digits) in a log.
var signatureRE = regexp.MustCompile(`Signature=[0-9a-f]{64}`)

// With TF_LOG=TRACE and TF_LOG_PROVIDER=TRACE, the provider logs every AWS request
// (DEBUG: the operation; TRACE: the exchange, redacted), and neither Terraform's log (which holds
// the provider's) nor its output contains the secret key or the session token,
// whichever way they are given, when the run succeeds and when the credentials are
// rejected. Expired or wrong credentials give one error that names the source.
func TestCredentials_noSecretInLogsAndClearErrors(t *testing.T) {
	for _, src := range credentialSources {
		t.Run(src.name, func(t *testing.T) {
			resetEmulator(t)
			proxy := startProxy(t, faultproxy.Config{})
			w := newWorkspace(t, "", proxy, map[string]string{"main.tf": passwordPolicyConfig})
			for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"} {
				w.env[k] = ""
			}
			src.setup(t, w)
			logFile := filepath.Join(t.TempDir(), "terraform.log")
			w.env["TF_LOG"] = "TRACE"
			w.env["TF_LOG_PROVIDER"] = "TRACE"
			w.env["TF_LOG_PATH"] = logFile

			// checkNoLeak also checks that the log names each AWS operation of ops
			// ("IAM.GetAccountPasswordPolicy") in the provider's request log.
			checkNoLeak := func(step string, r result, ops ...string) {
				t.Helper()
				b, err := os.ReadFile(logFile)
				if err != nil {
					t.Fatalf("%s: no Terraform log: %v", step, err)
				}
				log := string(b)
				// The log must really hold the provider's own TRACE output, or the check proves nothing.
				if !strings.Contains(log, "[TRACE] provider.terraform-provider-hardened:") {
					t.Fatalf("%s: the Terraform log (%d bytes) has no provider TRACE lines", step, len(log))
				}
				for _, op := range ops {
					if !strings.Contains(log, "provider.terraform-provider-hardened: AWS request "+op+" attempt 1: HTTP ") {
						t.Errorf("%s: the log has no DEBUG line for the AWS request %s", step, op)
					}
				}
				if !strings.Contains(log, "X-Amz-Security-Token: <redacted>") {
					t.Errorf("%s: the log has no TRACE request headers with the session token redacted", step)
				}
				if m := signatureRE.FindString(log); m != "" {
					t.Errorf("%s: a request signature appears in the TF_LOG file: %s", step, m)
				}
				for what, secret := range map[string]string{"secret key": leakSecret, "session token": leakToken} {
					for where, text := range map[string]string{"TF_LOG file": log, "stdout": r.stdout, "stderr": r.stderr} {
						if i := strings.Index(text, secret); i >= 0 {
							excerpt := text[max(0, i-300):min(len(text), i+len(secret)+100)]
							t.Errorf("%s: the %s appears in the %s: ...%s...", step, what, where,
								strings.ReplaceAll(excerpt, secret, "<THE "+strings.ToUpper(what)+">"))
						}
					}
				}
				if err := os.Remove(logFile); err != nil {
					t.Fatal(err)
				}
			}

			r := w.apply()
			if r.code != 0 {
				t.Fatalf("apply with credentials from the %s failed: %s", src.name, r)
			}
			token := false
			for _, req := range proxy.Requests() {
				token = token || req.SessionToken
			}
			if !token {
				t.Fatalf("no request carried the session token: the credentials under test were not used")
			}
			checkNoLeak("successful apply", r, "STS.GetCallerIdentity", "IAM.UpdateAccountPasswordPolicy")
			if r = w.plan(); r.code != 0 {
				t.Fatalf("the plan after apply should be empty (exit 0): %s", r)
			}
			checkNoLeak("refreshing plan", r, "IAM.GetAccountPasswordPolicy")

			for _, kind := range []faultproxy.Kind{faultproxy.ExpiredToken, faultproxy.InvalidToken} {
				proxy.Configure(faultproxy.Config{Rules: []faultproxy.Rule{{Match: src.failing, Kind: kind}}})
				r = w.plan()
				if r.code != 1 {
					t.Fatalf("%s: plan with rejected credentials should fail (exit 1): %s", kind, r)
				}
				msg := strings.Join(strings.Fields(r.stderr), " ")
				if n := strings.Count(r.stderr, "Error: "); n != 1 {
					t.Errorf("%s: %d errors, want one:\n%s", kind, n, r.stderr)
				}
				if !regexp.MustCompile(src.names).MatchString(msg) {
					t.Errorf("%s: the error does not name the credential source (%s):\n%s", kind, src.names, r.stderr)
				}
				want := map[faultproxy.Kind]string{faultproxy.ExpiredToken: "The credentials have expired",
					faultproxy.InvalidToken: "AWS does not accept these credentials"}[kind]
				if !strings.Contains(msg, want) {
					t.Errorf("%s: the error does not explain it (%q):\n%s", kind, want, r.stderr)
				}
				failing := strings.Replace(strings.ToUpper(src.failing[:3])+src.failing[3:], ":", ".", 1)
				checkNoLeak(string(kind), r, failing)
			}
		})
	}
}
