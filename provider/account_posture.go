package provider

import (
	"encoding/csv"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// The account posture checks of data "hardened_account_posture", as pure
// functions of what IAM answered, so each can be tested on AWS's answers as well
// as the emulator's.

// Posture check statuses.
const (
	posturePass    = "pass"
	postureFail    = "fail"
	postureUnknown = "unknown"
)

// postureCheck is one practice's verdict.
type postureCheck struct {
	control   controls.Control
	status    string
	detail    string
	offenders []string
}

// postureInput is what the data source read; a nil part means its API failed
// (denied, or the report unavailable), with the reason in the matching error.
type postureInput struct {
	now          time.Time
	maxKeyAge    int // days
	maxUnused    int // days
	summary      map[string]int32
	summaryErr   string
	rootVirtual  *bool // the root user's MFA device is a virtual one
	mfaErr       string
	report       []credentialRow
	reportErr    string
	policy       *passwordPolicy
	policyAbsent bool
	policyErr    string
}

// passwordPolicy is the part of the account password policy the checks read.
type passwordPolicy struct {
	minLength, reuse, maxAge                 int
	upper, lower, numbers, symbols, expiring bool
}

// credentialRow is one line of the IAM credential report.
type credentialRow map[string]string

// rootAccountUser is the user name the credential report gives the root user.
const rootAccountUser = "<root_account>"

// parseCredentialReport reads the credential report's CSV.
func parseCredentialReport(content []byte) ([]credentialRow, error) {
	records, err := csv.NewReader(strings.NewReader(string(content))).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("the credential report is not CSV: %w", err)
	}
	if len(records) == 0 || len(records[0]) == 0 || records[0][0] != "user" {
		return nil, fmt.Errorf("the credential report has no header row starting with \"user\"")
	}
	header := records[0]
	rows := make([]credentialRow, 0, len(records)-1)
	for _, rec := range records[1:] {
		row := credentialRow{}
		for i, name := range header {
			if i < len(rec) {
				row[name] = rec[i]
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// date reads a report date column; ok is false for "N/A", "no_information",
// "not_supported" and anything else that is not a timestamp.
func (r credentialRow) date(col string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339, r[col])
	return t, err == nil
}

func (r credentialRow) isTrue(col string) bool { return r[col] == "true" }

// lastActivity is when a credential was last used, or, never used, when it was
// set (a password's last change, a key's creation): the age CIS measures.
func (r credentialRow) lastActivity(used, set string) (time.Time, bool) {
	if t, ok := r.date(used); ok {
		return t, true
	}
	return r.date(set)
}

func daysBetween(from, to time.Time) int { return int(to.Sub(from).Hours() / 24) }

// evaluatePosture runs every check in controls.AccountPosture order.
func evaluatePosture(in postureInput) []postureCheck {
	var users []credentialRow
	var root credentialRow
	for _, row := range in.report {
		if row["user"] == rootAccountUser {
			root = row
		} else {
			users = append(users, row)
		}
	}
	reportChecks := func(c controls.Control, offender func(credentialRow) bool, failing, passing string) postureCheck {
		if in.report == nil {
			return postureCheck{control: c, status: postureUnknown, detail: "The credential report is unavailable: " + in.reportErr}
		}
		var names []string
		for _, u := range users {
			if offender(u) {
				names = append(names, u["user"])
			}
		}
		sort.Strings(names)
		if len(names) > 0 {
			return postureCheck{control: c, status: postureFail, offenders: names,
				detail: fmt.Sprintf(failing, plural(len(names), "user"), strings.Join(names, ", "))}
		}
		return postureCheck{control: c, status: posturePass, detail: passing}
	}
	keyAge := func(u credentialRow, n string) (int, bool) {
		if !u.isTrue("access_key_" + n + "_active") {
			return 0, false
		}
		t, ok := u.date("access_key_" + n + "_last_rotated")
		return daysBetween(t, in.now), ok
	}
	unused := func(u credentialRow) bool {
		if u.isTrue("password_enabled") {
			if t, ok := u.lastActivity("password_last_used", "password_last_changed"); ok && daysBetween(t, in.now) >= in.maxUnused {
				return true
			}
		}
		for _, n := range []string{"1", "2"} {
			if !u.isTrue("access_key_" + n + "_active") {
				continue
			}
			if t, ok := u.lastActivity("access_key_"+n+"_last_used_date", "access_key_"+n+"_last_rotated"); ok && daysBetween(t, in.now) >= in.maxUnused {
				return true
			}
		}
		return false
	}

	return []postureCheck{
		summaryCheck(in, controls.RootNoAccessKeys, "AccountAccessKeysPresent", 0,
			"The root user has access keys.", "The root user has no access keys."),
		summaryCheck(in, controls.RootMFA, "AccountMFAEnabled", 1,
			"The root user has no MFA device.", "The root user has MFA."),
		hardwareMFACheck(in),
		rootUseCheck(in, root),
		reportChecks(controls.ConsoleUsersMFA, func(u credentialRow) bool {
			return u.isTrue("password_enabled") && !u.isTrue("mfa_active")
		}, "%s with a console password and no MFA: %s.", "Every user with a console password has MFA."),
		reportChecks(controls.AccessKeysRotated, func(u credentialRow) bool {
			a1, ok1 := keyAge(u, "1")
			a2, ok2 := keyAge(u, "2")
			return ok1 && a1 >= in.maxKeyAge || ok2 && a2 >= in.maxKeyAge
		}, "%s with an active access key older than "+fmt.Sprint(in.maxKeyAge)+" days: %s.",
			"Every active access key is younger than "+fmt.Sprint(in.maxKeyAge)+" days."),
		reportChecks(controls.UnusedCredentialsDisabled, unused,
			"%s with a password or active access key unused for "+fmt.Sprint(in.maxUnused)+" days or more: %s.",
			"No password or active access key has been unused for "+fmt.Sprint(in.maxUnused)+" days."),
		reportChecks(controls.OneActiveAccessKey, func(u credentialRow) bool {
			return u.isTrue("access_key_1_active") && u.isTrue("access_key_2_active")
		}, "%s with two active access keys: %s.", "No user has more than one active access key."),
		passwordCheck(in, controls.PasswordPolicyExists, func(p *passwordPolicy) string {
			var weak []string
			for _, w := range []struct {
				ok   bool
				what string
			}{{p.upper, "uppercase letters"}, {p.lower, "lowercase letters"}, {p.numbers, "numbers"}, {p.symbols, "symbols"}} {
				if !w.ok {
					weak = append(weak, w.what)
				}
			}
			if len(weak) > 0 {
				return "The password policy does not require " + strings.Join(weak, ", ") + "."
			}
			if !p.expiring || controls.PasswordMaxAge.Threshold.Violated(int64(p.maxAge)) {
				return fmt.Sprintf("The password policy does not expire passwords within %d days.", controls.PasswordMaxAge.Threshold.Value)
			}
			return ""
		}, "The account has a password policy that requires every character class and expires passwords."),
		passwordCheck(in, controls.PasswordMinimumLength, func(p *passwordPolicy) string {
			if controls.PasswordMinimumLength.Threshold.Violated(int64(p.minLength)) {
				return fmt.Sprintf("The password policy's minimum length is %d, below %d.", p.minLength, controls.PasswordMinimumLength.Threshold.Value)
			}
			return ""
		}, fmt.Sprintf("The password policy requires %d characters or more.", controls.PasswordMinimumLength.Threshold.Value)),
		passwordCheck(in, controls.PasswordReusePrevention, func(p *passwordPolicy) string {
			if controls.PasswordReusePrevention.Threshold.Violated(int64(p.reuse)) {
				return fmt.Sprintf("The password policy remembers %d passwords, fewer than %d.", p.reuse, controls.PasswordReusePrevention.Threshold.Value)
			}
			return ""
		}, fmt.Sprintf("The password policy prevents reuse of the last %d passwords.", controls.PasswordReusePrevention.Threshold.Value)),
	}
}

func summaryCheck(in postureInput, c controls.Control, key string, want int32, failing, passing string) postureCheck {
	v, ok := in.summary[key]
	switch {
	case in.summary == nil:
		return postureCheck{control: c, status: postureUnknown, detail: "iam:GetAccountSummary failed: " + in.summaryErr}
	case !ok:
		return postureCheck{control: c, status: postureUnknown, detail: "iam:GetAccountSummary does not report " + key + "."}
	case v != want:
		return postureCheck{control: c, status: postureFail, detail: failing, offenders: []string{"root"}}
	}
	return postureCheck{control: c, status: posturePass, detail: passing}
}

func hardwareMFACheck(in postureInput) postureCheck {
	c := controls.RootHardwareMFA
	mfa, ok := in.summary["AccountMFAEnabled"]
	switch {
	case in.summary == nil || !ok:
		return postureCheck{control: c, status: postureUnknown, detail: "Whether the root user has MFA is unknown: iam:GetAccountSummary failed."}
	case mfa != 1:
		return postureCheck{control: c, status: postureFail, offenders: []string{"root"}, detail: "The root user has no MFA device at all."}
	case in.rootVirtual == nil:
		return postureCheck{control: c, status: postureUnknown, detail: "iam:ListVirtualMFADevices failed: " + in.mfaErr}
	case *in.rootVirtual:
		return postureCheck{control: c, status: postureFail, offenders: []string{"root"}, detail: "The root user's MFA device is a virtual one."}
	}
	return postureCheck{control: c, status: posturePass, detail: "The root user's MFA device is not a virtual one (hardware)."}
}

func rootUseCheck(in postureInput, root credentialRow) postureCheck {
	c := controls.RootNotUsed
	switch {
	case in.report == nil:
		return postureCheck{control: c, status: postureUnknown, detail: "The credential report is unavailable: " + in.reportErr}
	case root == nil:
		return postureCheck{control: c, status: postureUnknown, detail: "The credential report has no " + rootAccountUser + " row."}
	}
	var used []string
	for _, col := range []string{"password_last_used", "access_key_1_last_used_date", "access_key_2_last_used_date"} {
		if t, ok := root.date(col); ok && c.Threshold.Violated(int64(daysBetween(t, in.now))) {
			used = append(used, fmt.Sprintf("%s %s", strings.ReplaceAll(col, "_", " "), t.UTC().Format("2006-01-02")))
		}
	}
	if len(used) > 0 {
		return postureCheck{control: c, status: postureFail, offenders: []string{"root"},
			detail: fmt.Sprintf("The root user was used in the last %d days (%s).", c.Threshold.Value, strings.Join(used, "; "))}
	}
	return postureCheck{control: c, status: posturePass, detail: fmt.Sprintf("The root user has not been used in the last %d days.", c.Threshold.Value)}
}

func passwordCheck(in postureInput, c controls.Control, weakness func(*passwordPolicy) string, passing string) postureCheck {
	switch {
	case in.policyAbsent:
		return postureCheck{control: c, status: postureFail, detail: "The account has no password policy: IAM's weak defaults apply."}
	case in.policy == nil:
		return postureCheck{control: c, status: postureUnknown, detail: "iam:GetAccountPasswordPolicy failed: " + in.policyErr}
	}
	if w := weakness(in.policy); w != "" {
		return postureCheck{control: c, status: postureFail, detail: w}
	}
	return postureCheck{control: c, status: posturePass, detail: passing}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
