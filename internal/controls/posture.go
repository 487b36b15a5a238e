package controls

// Account posture: practices that live in the account's state (the root user,
// credentials, keys), not in any configuration. data "hardened_account_posture"
// reads them; hardened-lint turns its failed checks into findings.
var (
	RootNoAccessKeys = register(Control{
		ID:       "HRD-IAM-015",
		Title:    "The root user has no access keys",
		Severity: SeverityCritical,
		Rationale: "A root access key can do anything in the account, cannot be limited by any policy and is the " +
			"credential most worth stealing; the root user needs no programmatic access.",
		Remediation: "Sign in as the root user, delete its access keys (Security credentials), and use IAM roles or " +
			"IAM Identity Center for programmatic access.",
		References: []Reference{{CISv120, "1.12"}, {CISv140, "1.4"}, {CISv300, "1.4"}, {SecurityHub, "IAM.4"}},
	})

	RootMFA = register(Control{
		ID:          "HRD-IAM-016",
		Title:       "MFA is enabled for the root user",
		Severity:    SeverityCritical,
		Rationale:   "Without MFA the root user, which nothing can restrict, is one phished or reused password away from an intruder.",
		Remediation: "Sign in as the root user and assign an MFA device (Security credentials, Multi-factor authentication).",
		References:  []Reference{{CISv120, "1.13"}, {CISv140, "1.5"}, {CISv300, "1.5"}, {SecurityHub, "IAM.9"}},
	})

	RootHardwareMFA = register(Control{
		ID:       "HRD-IAM-017",
		Title:    "The root user's MFA is a hardware device",
		Severity: SeverityHigh,
		Rationale: "A virtual MFA lives on a phone or laptop that is lost, backed up or compromised with everything " +
			"else on it; a hardware key (FIDO security key or TOTP token) kept in a safe is not.",
		Remediation: "Replace the root user's virtual MFA device with a hardware security key or hardware TOTP token.",
		References:  []Reference{{CISv120, "1.14"}, {CISv140, "1.6"}, {CISv300, "1.6"}, {SecurityHub, "IAM.6"}},
	})

	RootNotUsed = register(Control{
		ID:        "HRD-IAM-018",
		Title:     "The root user has not been used in the last 30 days",
		Severity:  SeverityMedium,
		Threshold: 30,
		Rationale: "The root user is for the few tasks only it can do; regular use means its credentials are handled " +
			"often and its actions are not attributable to a person.",
		Remediation: "Do daily work with IAM Identity Center users or IAM roles; keep the root credentials locked away " +
			"and review the sign-ins the credential report shows.",
		References: []Reference{{CISv120, "1.1"}, {CISv140, "1.7"}, {CISv300, "1.7"}},
	})

	ConsoleUsersMFA = register(Control{
		ID:          "HRD-IAM-019",
		Title:       "Every IAM user with a console password has MFA",
		Severity:    SeverityHigh,
		Rationale:   "A console password alone is phished or guessed; MFA stops a stolen password from being enough.",
		Remediation: "Assign an MFA device to each listed user, or remove their console password (use IAM Identity Center).",
		References:  []Reference{{CISv120, "1.2"}, {CISv140, "1.10"}, {CISv300, "1.10"}, {SecurityHub, "IAM.5"}},
	})

	UnusedCredentialsDisabled = register(Control{
		ID:        "HRD-IAM-021",
		Title:     "Credentials unused for 45 days or more are disabled",
		Severity:  SeverityMedium,
		Threshold: 45,
		Rationale: "Passwords and access keys nobody uses are nobody's to notice when someone else starts using them.",
		Remediation: "Remove the console password or deactivate the access keys of each listed user (aws iam " +
			"delete-login-profile, aws iam update-access-key --status Inactive).",
		References: []Reference{{CISv120, "1.3"}, {CISv140, "1.12"}, {CISv300, "1.12"}, {SecurityHub, "IAM.22"}},
	})

	AccessKeysRotated = register(Control{
		ID:        "HRD-IAM-020",
		Title:     "Active IAM access keys are rotated within 90 days",
		Severity:  SeverityMedium,
		Threshold: 90,
		Rationale: "An old key has had more time to leak (in code, logs, laptops); rotation bounds how long a leaked key works.",
		Remediation: "Create a new access key for each listed user, move its users to it, then deactivate and delete the " +
			"old one; better, replace long-lived keys with roles.",
		References: []Reference{{CISv120, "1.4"}, {CISv140, "1.14"}, {CISv300, "1.14"}, {SecurityHub, "IAM.3"}},
	})

	OneActiveAccessKey = register(Control{
		ID:       "HRD-IAM-022",
		Title:    "Each IAM user has at most one active access key",
		Severity: SeverityLow,
		Rationale: "A second active key is usually a rotation left half done: the old key stays valid and nobody " +
			"knows which one is still in use.",
		Remediation: "Deactivate and delete the older active access key of each listed user.",
		References:  []Reference{{CISv140, "1.13"}, {CISv300, "1.13"}},
	})
)

// AccountPosture lists the posture controls in the order data "hardened_account_posture" reports them.
var AccountPosture = []Control{
	RootNoAccessKeys, RootMFA, RootHardwareMFA, RootNotUsed, ConsoleUsersMFA, AccessKeysRotated,
	UnusedCredentialsDisabled, OneActiveAccessKey, PasswordPolicyExists, PasswordMinimumLength, PasswordReusePrevention,
}
