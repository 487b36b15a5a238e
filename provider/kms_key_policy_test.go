package provider

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// Each shape of additional statement the key policy rejects, and the shapes it
// keeps, with the control each rejection cites.
func TestCheckKeyStatements(t *testing.T) {
	admin := "arn:aws:iam::111122223333:role/KeyAdmin"
	cases := []struct {
		name, statements string
		administrators   []string
		want             string // control ID, "" when accepted
	}{
		{"a named user may decrypt", `[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Action":"kms:Decrypt","Resource":"*"}]`, nil, ""},
		{"everyone restricted to the organization", `[{"Effect":"Allow","Principal":"*","Action":["kms:Decrypt"],"Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}]`, nil, ""},
		{"everyone", `[{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}]`, nil, controls.KMSKeyNoPublicPrincipal.ID},
		{"everyone as AWS *", `{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"kms:Decrypt","Resource":"*"}`, nil, controls.KMSKeyNoPublicPrincipal.ID},
		{"everyone over TLS", `[{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]`, nil, controls.KMSKeyNoPublicPrincipal.ID},
		{"allow with NotPrincipal", `[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/x"},"Action":"kms:Decrypt","Resource":"*"}]`, nil, controls.KMSKeyNoPublicPrincipal.ID},
		{"kms:* to a user", `[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Action":"kms:*","Resource":"*"}]`, nil, controls.KMSKeyAdminOnlyFullAccess.ID},
		{"* to a user", `[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Action":"*","Resource":"*"}]`, nil, controls.KMSKeyAdminOnlyFullAccess.ID},
		{"NotAction to a user", `[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"NotAction":"kms:Decrypt","Resource":"*"}]`, nil, controls.KMSKeyAdminOnlyFullAccess.ID},
		{"kms:* to the named administrator", `[{"Effect":"Allow","Principal":{"AWS":"` + admin + `"},"Action":"kms:*","Resource":"*"}]`, []string{admin}, ""},
		{"deny everyone PutKeyPolicy", `[{"Sid":"Lock","Effect":"Deny","Principal":"*","Action":"kms:PutKeyPolicy","Resource":"*"}]`, nil, controls.KMSKeyAdministrativePath.ID},
		{"deny the root kms:Put*", `[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:Put*","Resource":"*"}]`, nil, controls.KMSKeyAdministrativePath.ID},
		{"deny the administrator everything", `[{"Effect":"Deny","Principal":{"AWS":"` + admin + `"},"Action":"*","Resource":"*"}]`, []string{admin}, controls.KMSKeyAdministrativePath.ID},
		{"deny all but someone else", `[{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/other"},"Action":"kms:*","Resource":"*"}]`, []string{admin}, controls.KMSKeyAdministrativePath.ID},
		{"deny all but the administrator", `[{"Effect":"Deny","NotPrincipal":{"AWS":"` + admin + `"},"Action":"kms:*","Resource":"*"}]`, []string{admin}, ""},
		{"deny everyone decrypt off the organization", `[{"Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}}]`, nil, ""},
		{"not a statement", `[{"Principal":"*","Action":"kms:Decrypt"}]`, nil, controls.KMSKeyAdministrativePath.ID},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			stmts, err := parseStatements(tc.statements)
			if err != nil {
				t.Fatal(err)
			}
			problems := checkKeyStatements(stmts, tc.administrators)
			switch {
			case tc.want == "" && len(problems) > 0:
				t.Fatalf("rejected: %s", problems[0].detail())
			case tc.want != "" && len(problems) != 1:
				t.Fatalf("want one problem citing %s, got %v", tc.want, problems)
			case tc.want != "" && problems[0].Control.ID != tc.want:
				t.Fatalf("cites %s, want %s: %s", problems[0].Control.ID, tc.want, problems[0].detail())
			case tc.want != "" && !strings.HasPrefix(problems[0].Statement, "additional_statements[0]"):
				t.Fatalf("does not name the statement: %s", problems[0].detail())
			}
		})
	}
}

func TestParseStatementsRejectsAWholeDocument(t *testing.T) {
	if _, err := parseStatements(`{"Version":"2012-10-17","Statement":[]}`); err == nil || !strings.Contains(err.Error(), "jsonencode") {
		t.Fatalf("want an error saying to pass only the statements, got %v", err)
	}
	if _, err := parseStatements(`not json`); err == nil {
		t.Fatal("want an error for invalid JSON")
	}
}

// The policy built from administrators keeps them as the administrative path,
// and without them the account root; it always checks out under its own rules.
func TestKeyPolicyKeepsAnAdministrativePath(t *testing.T) {
	root := keyPolicy(keyPolicySpec{Partition: "aws", Account: "111122223333"})
	if !policiesEquivalent(root, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`) {
		t.Fatalf("default policy is not the account root's: %s", root)
	}
	admin := "arn:aws:iam::111122223333:role/KeyAdmin"
	named := keyPolicy(keyPolicySpec{Partition: "aws", Account: "111122223333", Administrators: []string{admin},
		Users: []string{"arn:aws:iam::111122223333:role/app"}, ServicePrincipals: []string{"logs.amazonaws.com"}})
	for _, want := range []string{`"KeyAdministrators"`, admin, `"KeyUsers"`, `"aws:SourceAccount":"111122223333"`} {
		if !strings.Contains(named, want) {
			t.Errorf("policy lacks %s: %s", want, named)
		}
	}
}

// KMS reports the rotation period of a rotating key; moto 5.2.1 does not, and is
// trusted with the period the resource set.
func TestRotatesEvery(t *testing.T) {
	cases := []struct {
		name string
		out  kms.GetKeyRotationStatusOutput
		days int64
		want bool
	}{
		{"off", kms.GetKeyRotationStatusOutput{KeyRotationEnabled: false, RotationPeriodInDays: aws.Int32(365)}, 365, false},
		{"on, the period set", kms.GetKeyRotationStatusOutput{KeyRotationEnabled: true, RotationPeriodInDays: aws.Int32(180)}, 180, true},
		{"on, another period", kms.GetKeyRotationStatusOutput{KeyRotationEnabled: true, RotationPeriodInDays: aws.Int32(365)}, 180, false},
		{"on, no period reported (moto)", kms.GetKeyRotationStatusOutput{KeyRotationEnabled: true}, 180, true},
	}
	for _, tc := range cases {
		if got := rotatesEvery(&tc.out, tc.days); got != tc.want {
			t.Errorf("%s: rotatesEvery = %v, want %v", tc.name, got, tc.want)
		}
	}
}
