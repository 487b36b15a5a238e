package controls

// IAM account password policy controls. The thresholds are CIS AWS Foundations'
// (length 14, reuse 24) and Security Hub's (expiry within 90 days).
var (
	PasswordPolicyExists = register(Control{
		ID:       "HRD-IAM-001",
		Title:    "The account has an IAM password policy",
		Severity: SeverityMedium,
		Rationale: "Without an account password policy IAM accepts any password of 8 or more characters, " +
			"never expires it and allows immediate reuse.",
		Remediation: "Manage the password policy with hardened_password_policy (or aws_iam_account_password_policy " +
			"with the CIS settings) and do not delete it.",
		References: []Reference{
			{SecurityHub, "IAM.7"},
		},
	})

	PasswordMinimumLength = register(Control{
		ID:        "HRD-IAM-002",
		Title:     "IAM password policy requires a minimum length of 14 or greater",
		Severity:  SeverityMedium,
		Threshold: AtLeast(14),
		Rationale: "Longer passwords resist brute-force and guessing attacks; CIS and Security Hub set the floor at 14 characters.",
		Remediation: "Set minimum_length (minimum_password_length on aws_iam_account_password_policy) to 14 or more, " +
			"or leave it unset on hardened_password_policy to get 14.",
		References: []Reference{
			{CISv120, "1.9"},
			{CISv140, "1.8"},
			{CISv300, "1.8"},
			{CISv500, "1.7"},
			{SecurityHub, "IAM.15"},
		},
	})

	PasswordReusePrevention = register(Control{
		ID:        "HRD-IAM-003",
		Title:     "IAM password policy prevents password reuse (remembers 24 passwords)",
		Severity:  SeverityLow,
		Threshold: AtLeast(24),
		Rationale: "Preventing reuse of the last 24 passwords stops users cycling back to a compromised password.",
		Remediation: "Set reuse_prevention (password_reuse_prevention on aws_iam_account_password_policy) to 24, " +
			"or leave it unset on hardened_password_policy.",
		References: []Reference{
			{CISv120, "1.10"},
			{CISv140, "1.9"},
			{CISv300, "1.9"},
			{CISv500, "1.8"},
			{SecurityHub, "IAM.16"},
		},
	})

	PasswordMaxAge = register(Control{
		ID:        "HRD-IAM-004",
		Title:     "IAM password policy expires passwords within 90 days or less",
		Severity:  SeverityLow,
		Threshold: AtMost(90),
		Rationale: "Expiring passwords limits how long a stolen password stays useful.",
		Remediation: "Set max_age_days (max_password_age on aws_iam_account_password_policy) to a value from 1 to 90, " +
			"or leave it unset on hardened_password_policy to get 90.",
		References: []Reference{
			{CISv120, "1.11"},
			{SecurityHub, "IAM.17"},
		},
	})

	PasswordRequireUppercase = register(Control{
		ID:          "HRD-IAM-005",
		Title:       "IAM password policy requires at least one uppercase letter",
		Severity:    SeverityMedium,
		Rationale:   "Requiring every character class enlarges the space an attacker has to search.",
		Remediation: "Set require_uppercase (require_uppercase_characters on aws_iam_account_password_policy) to true.",
		References: []Reference{
			{CISv120, "1.5"},
			{SecurityHub, "IAM.11"},
		},
	})

	PasswordRequireLowercase = register(Control{
		ID:          "HRD-IAM-006",
		Title:       "IAM password policy requires at least one lowercase letter",
		Severity:    SeverityMedium,
		Rationale:   "Requiring every character class enlarges the space an attacker has to search.",
		Remediation: "Set require_lowercase (require_lowercase_characters on aws_iam_account_password_policy) to true.",
		References: []Reference{
			{CISv120, "1.6"},
			{SecurityHub, "IAM.12"},
		},
	})

	PasswordRequireSymbols = register(Control{
		ID:          "HRD-IAM-007",
		Title:       "IAM password policy requires at least one symbol",
		Severity:    SeverityMedium,
		Rationale:   "Requiring every character class enlarges the space an attacker has to search.",
		Remediation: "Set require_symbols to true.",
		References: []Reference{
			{CISv120, "1.7"},
			{SecurityHub, "IAM.13"},
		},
	})

	PasswordRequireNumbers = register(Control{
		ID:          "HRD-IAM-008",
		Title:       "IAM password policy requires at least one number",
		Severity:    SeverityMedium,
		Rationale:   "Requiring every character class enlarges the space an attacker has to search.",
		Remediation: "Set require_numbers to true.",
		References: []Reference{
			{CISv120, "1.8"},
			{SecurityHub, "IAM.14"},
		},
	})

	PasswordAllowUsersToChange = register(Control{
		ID:       "HRD-IAM-009",
		Title:    "IAM password policy lets users change their own password",
		Severity: SeverityLow,
		Rationale: "Users who cannot change their own password cannot rotate it after a suspected compromise " +
			"without an administrator, so rotation does not happen.",
		Remediation: "Set allow_users_to_change_password to true.",
	})
)
