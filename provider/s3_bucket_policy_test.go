package provider

import (
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// Each shape of policy statement a data bucket rejects, and the shapes it keeps.
func TestCheckBucketStatements(t *testing.T) {
	const account = "111122223333"
	cases := []struct {
		name, statements, account, want string
	}{
		{"a role of the account reads", `[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*"}]`, account, ""},
		{"everyone in the organization reads", `[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}]`, account, ""},
		{"everyone reads", `[{"Sid":"Public","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*"}]`, account, controls.S3NoPublicPolicy.ID},
		{"everyone reads with a referer", `[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*","Condition":{"StringLike":{"aws:Referer":"https://example.com/*"}}}]`, account, controls.S3NoPublicPolicy.ID},
		{"everyone from anywhere", `[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}]`, account, controls.S3NoPublicPolicy.ID},
		{"allow with NotPrincipal", `[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"*"}]`, account, controls.S3NoPublicPolicy.ID},
		{"s3:* to another account", `[{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:*","Resource":"*"}]`, account, controls.S3NoCrossAccountFullAccess.ID},
		{"s3:* to another account, account unknown yet", `[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:*","Resource":"*"}]`, "", ""},
		{"s3:* to own account", `[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/admin"},"Action":"s3:*","Resource":"*"}]`, account, ""},
		{"s3:* to another account from its VPC endpoint", `[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}]`, account, ""},
		{"reads to another account", `[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]`, account, ""},
		{"replaces the TLS deny", `[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"*"}]`, account, controls.S3TLSOnly.ID},
		{"allows plain HTTP", `[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]`, account, controls.S3TLSOnly.ID},
		{"an extra deny", `[{"Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket","Resource":"*"}]`, account, ""},
		{"not a statement", `[{"Action":"s3:GetObject"}]`, account, controls.S3NoPublicPolicy.ID},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			stmts, err := parseStatements(tc.statements)
			if err != nil {
				t.Fatal(err)
			}
			problems := checkBucketStatements(stmts, tc.account)
			switch {
			case tc.want == "" && len(problems) > 0:
				t.Fatalf("rejected: %s", problems[0].detail())
			case tc.want != "" && len(problems) != 1:
				t.Fatalf("want one problem citing %s, got %v", tc.want, problems)
			case tc.want != "" && problems[0].Control.ID != tc.want:
				t.Fatalf("cites %s, want %s: %s", problems[0].Control.ID, tc.want, problems[0].detail())
			case tc.want != "" && !strings.HasPrefix(problems[0].Statement, "policy_statements[0]"):
				t.Fatalf("does not name the statement: %s", problems[0].detail())
			}
		})
	}
}

// The merged policy starts with both denies, which the shared check recognises.
func TestDataBucketPolicyDeniesInsecureTransport(t *testing.T) {
	p := dataBucketPolicy("aws", "data", []map[string]any{{"Effect": "Allow", "Principal": map[string]any{"AWS": "arn:aws:iam::111122223333:role/app"},
		"Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}})
	if !deniesInsecureTransport(p, "arn:aws:s3:::data") {
		t.Fatalf("no TLS-only deny: %s", p)
	}
	for _, want := range []string{`"s3:TlsVersion":"1.2"`, `"NumericLessThan"`, `role/app`} {
		if !strings.Contains(p, want) {
			t.Errorf("policy lacks %s: %s", want, p)
		}
	}
}

// An import keeps a bucket policy's own statements as policy_statements, without
// the denies this resource writes.
func TestUserStatements(t *testing.T) {
	app := map[string]any{"Sid": "App", "Effect": "Allow", "Principal": map[string]any{"AWS": "arn:aws:iam::111122223333:role/app"},
		"Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}
	got := userStatements(dataBucketPolicy("aws", "data", []map[string]any{app}))
	want := `[{"Action":"s3:GetObject","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Resource":"arn:aws:s3:::data/*","Sid":"App"}]`
	if got != want {
		t.Fatalf("userStatements = %s, want %s", got, want)
	}
	if got := userStatements(dataBucketPolicy("aws", "data", nil)); got != "" {
		t.Fatalf("only the denies: userStatements = %s, want none", got)
	}
	if got := userStatements(""); got != "" {
		t.Fatalf("no policy: userStatements = %s, want none", got)
	}
}
