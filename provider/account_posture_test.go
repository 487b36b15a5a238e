package provider

import (
	"strings"
	"testing"
	"time"
)

// An AWS credential report: unlike the emulator's it starts with the
// <root_account> row, whose password and certificate columns say not_supported.
const awsCredentialReport = `user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,%ROOTUSED%,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
carol,arn:aws:iam::123456789012:user/carol,2026-01-01T00:00:00+00:00,true,2026-05-30T00:00:00+00:00,2026-01-01T00:00:00+00:00,N/A,true,true,2026-05-01T00:00:00+00:00,2026-05-31T00:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
dave,arn:aws:iam::123456789012:user/dave,2025-01-01T00:00:00+00:00,true,no_information,2025-01-01T00:00:00+00:00,N/A,false,true,2025-01-01T00:00:00+00:00,N/A,N/A,N/A,true,2026-05-20T00:00:00+00:00,2026-05-31T00:00:00+00:00,eu-west-1,ec2,false,N/A,false,N/A
`

func TestEvaluatePosture(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	report := func(rootUsed string) []credentialRow {
		rows, err := parseCredentialReport([]byte(strings.ReplaceAll(awsCredentialReport, "%ROOTUSED%", rootUsed)))
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	strict := &passwordPolicy{minLength: 14, reuse: 24, maxAge: 90, upper: true, lower: true, numbers: true, symbols: true, expiring: true}
	virtual, hardware := true, false
	for _, tc := range []struct {
		name      string
		in        postureInput
		want      string // statuses in check order, p/f/u
		offenders map[int]string
	}{
		{"AWS account, hardware root MFA, root unused, dave stale",
			postureInput{summary: map[string]int32{"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0}, rootVirtual: &hardware,
				report: report("2026-01-01T00:00:00+00:00"), policy: strict},
			"ppppffffppp", map[int]string{chkConsoleMFA: "dave", chkKeyRotation: "dave", chkUnused: "dave", chkOneKey: "dave"}},
		{"root keys, virtual root MFA, root signed in yesterday",
			postureInput{summary: map[string]int32{"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 1}, rootVirtual: &virtual,
				report: report("2026-05-31T00:00:00+00:00"), policy: strict},
			"fpffffffppp", map[int]string{chkRootKeys: "root", chkRootUse: "root"}},
		{"no root MFA at all",
			postureInput{summary: map[string]int32{"AccountMFAEnabled": 0, "AccountAccessKeysPresent": 0}, rootVirtual: &hardware,
				report: report("no_information"), policy: &passwordPolicy{minLength: 8, reuse: 24, maxAge: 90, upper: true, lower: true, numbers: true, expiring: true}},
			"pffpffffffp", nil},
		{"every API denied: unknown, never pass",
			postureInput{summaryErr: "AccessDenied", mfaErr: "AccessDenied", reportErr: "AccessDenied", policyErr: "AccessDenied"},
			"uuuuuuuuuuu", nil},
		{"no password policy",
			postureInput{summary: map[string]int32{"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0}, rootVirtual: &hardware,
				report: report("no_information"), policyAbsent: true},
			"ppppffffFFF", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.now, tc.in.maxKeyAge, tc.in.maxUnused = now, 90, 45
			checks := evaluatePosture(tc.in)
			var got strings.Builder
			for _, c := range checks {
				got.WriteByte(c.status[0])
			}
			if want := strings.ToLower(tc.want); got.String() != want {
				for _, c := range checks {
					t.Logf("%s %s: %s", c.control.ID, c.status, c.detail)
				}
				t.Fatalf("statuses %s, want %s", got.String(), want)
			}
			for i, names := range tc.offenders {
				if o := strings.Join(checks[i].offenders, ","); o != names {
					t.Errorf("check %d (%s) offenders %q, want %q", i, checks[i].control.ID, o, names)
				}
			}
			for _, c := range checks {
				if strings.Contains(c.detail, "AKIA") {
					t.Errorf("%s detail names a key: %s", c.control.ID, c.detail)
				}
			}
		})
	}
}

func TestParseCredentialReportRejectsGarbage(t *testing.T) {
	for _, in := range []string{"", "not,a,report\n1,2,3\n", "user,arn\n\"unterminated\n"} {
		if _, err := parseCredentialReport([]byte(in)); err == nil {
			t.Errorf("%q parsed", in)
		}
	}
}
