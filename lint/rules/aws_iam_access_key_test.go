package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsIAMAccessKey(t *testing.T) {
	const k = "aws_iam_access_key.ci"
	runCases(t, AwsIAMAccessKey{}, []ruleCase{
		{"an access key fails", []plantest.Res{{Address: k, After: `{"user":"ci","status":"Active"}`,
			Unknown: `{"id":true,"secret":true,"ses_smtp_password_v4":true}`, Sensitive: `{"secret":true,"ses_smtp_password_v4":true}`}},
			[]string{"fail " + k + ": creates a long-lived access key; its secret ends up in the Terraform state"}},
		{"a PGP-encrypted key fails too", []plantest.Res{{Address: k, After: `{"user":"ci","pgp_key":"keybase:ci"}`, Unknown: `{"encrypted_secret":true}`}},
			[]string{"fail " + k + ": creates a long-lived access key"}},
		{"a key updated in place fails", []plantest.Res{{Address: k, After: `{"user":"ci","status":"Inactive"}`, Actions: []string{"update"}}},
			[]string{"fail " + k + ": creates a long-lived access key"}},
		{"an unchanged key is judged too: it exists after apply", []plantest.Res{{Address: k, After: `{"user":"ci","status":"Active"}`, Actions: []string{"no-op"}}},
			[]string{"fail " + k + ": manages a long-lived access key; its secret is in the Terraform state"}},
	})
}
