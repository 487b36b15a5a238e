package controls

// IAM policy, user and access key controls (HRD-IAM-*); the account password
// policy's are in iam_password.go.
var (
	IAMNoFullAdminPolicies = register(Control{
		ID:       "HRD-IAM-010",
		Title:    "IAM policies do not grant full \"*:*\" administrative privileges",
		Severity: SeverityHigh,
		Rationale: "A policy allowing every action on every resource defeats least privilege: one leaked credential " +
			"controls the whole account.",
		Remediation: "In aws_iam_policy and aws_iam_*_policy documents, grant the actions and resources the principal needs; keep administrator access to a few roles assumed with MFA, not users.",
		References: []Reference{
			{CISv120, "1.22"}, {CISv140, "1.16"}, {CISv300, "1.16"}, {CISv500, "1.15"}, {SecurityHub, "IAM.1"},
		},
	})

	IAMNoUserPolicies = register(Control{
		ID:       "HRD-IAM-011",
		Title:    "IAM users receive permissions only through groups or roles, not policies attached to them",
		Severity: SeverityLow,
		Rationale: "Permissions attached user by user drift apart and are never reviewed; groups and roles keep them " +
			"in a few reviewable places.",
		Remediation: "Attach the policy to an aws_iam_group (aws_iam_group_policy_attachment) and add the user with " +
			"aws_iam_user_group_membership, instead of aws_iam_user_policy or aws_iam_user_policy_attachment.",
		References: []Reference{
			{CISv120, "1.16"}, {CISv140, "1.15"}, {CISv300, "1.15"}, {CISv500, "1.14"}, {SecurityHub, "IAM.2"},
		},
	})

	IAMNoAccessKeys = register(Control{
		ID:       "HRD-IAM-012",
		Title:    "IAM access keys are not created in Terraform",
		Severity: SeverityLow,
		Rationale: "A key created by aws_iam_access_key lands in the state file in clear text (or PGP-encrypted) and " +
			"lives until someone remembers it; workloads should use roles and people should use SSO.",
		Remediation: "Remove aws_iam_access_key; use IAM roles (instance profiles, IRSA, OIDC federation) or IAM Identity Center.",
		References: []Reference{
			{CISv140, "1.11"}, {CISv300, "1.11"},
		},
	})

	IAMNoTrailTampering = register(Control{
		ID:       "HRD-IAM-013",
		Title:    "IAM policies do not let principals stop, delete or reconfigure CloudTrail trails",
		Severity: SeverityMedium,
		Rationale: "An intruder's first step is to stop the trail that records them. cloudtrail:StopLogging, " +
			"DeleteTrail, UpdateTrail and PutEventSelectors belong to a few break-glass administrators, not to " +
			"workload or developer policies.",
		Remediation: "Remove those actions (and cloudtrail:* or * wildcards covering them) from the aws_iam_policy, " +
			"aws_iam_role_policy, aws_iam_user_policy or aws_iam_group_policy, or add an explicit Deny for them; " +
			"in AWS Organizations, deny them with a service control policy. hardened_cloudtrail repairs a stopped trail " +
			"on the next apply.",
		References: []Reference{{SecurityHub, "CloudTrail.3"}},
	})

	IAMConsoleUsersViaGroups = register(Control{
		ID:       "HRD-IAM-014",
		Title:    "IAM users with console passwords receive permissions only through groups",
		Severity: SeverityMedium,
		Rationale: "A console password can be phished; permissions attached to such a user one by one are never " +
			"reviewed and outlive the job they were granted for. Groups keep them in a few reviewable places.",
		Remediation: "Attach the policies to an aws_iam_group and add the user with aws_iam_user_group_membership; " +
			"remove aws_iam_user_policy and aws_iam_user_policy_attachment for users that have an aws_iam_user_login_profile.",
		References: []Reference{{CISv140, "1.15"}, {CISv300, "1.15"}, {SecurityHub, "IAM.2"}},
	})

	// Account posture: practices that live in the account's state (the root user, credentials,
	// keys), not in any configuration. data "hardened_account_posture" reads them (AccountPosture).
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
		Threshold: AtLeast(30),
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

	AccessKeysRotated = register(Control{
		ID:        "HRD-IAM-020",
		Title:     "Active IAM access keys are rotated within 90 days",
		Severity:  SeverityMedium,
		Threshold: AtMost(90),
		Rationale: "An old key has had more time to leak (in code, logs, laptops); rotation bounds how long a leaked key works.",
		Remediation: "Create a new access key for each listed user, move its users to it, then deactivate and delete the " +
			"old one; better, replace long-lived keys with roles.",
		References: []Reference{{CISv120, "1.4"}, {CISv140, "1.14"}, {CISv300, "1.14"}, {SecurityHub, "IAM.3"}},
	})

	UnusedCredentialsDisabled = register(Control{
		ID:        "HRD-IAM-021",
		Title:     "Credentials unused for 45 days or more are disabled",
		Severity:  SeverityMedium,
		Threshold: AtMost(45),
		Rationale: "Passwords and access keys nobody uses are nobody's to notice when someone else starts using them.",
		Remediation: "Remove the console password or deactivate the access keys of each listed user (aws iam " +
			"delete-login-profile, aws iam update-access-key --status Inactive).",
		References: []Reference{{CISv120, "1.3"}, {CISv140, "1.12"}, {CISv300, "1.12"}, {SecurityHub, "IAM.22"}},
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

	// IAMNoPrivilegeEscalation: the IAM actions that let a principal grant itself more
	// than it was given, on every resource. Full "*" on "*" is IAMNoFullAdminPolicies'.
	IAMNoPrivilegeEscalation = register(Control{
		ID:       "HRD-IAM-023",
		Title:    "IAM policies do not allow privilege escalation or IAM administration on every resource",
		Severity: SeverityHigh,
		Rationale: "A principal allowed iam:* or one of the escalation actions (iam:PassRole, iam:CreatePolicyVersion, " +
			"iam:SetDefaultPolicyVersion, iam:Attach*Policy, iam:Put*Policy, iam:CreateAccessKey, iam:CreateLoginProfile, " +
			"iam:UpdateLoginProfile, iam:UpdateAssumeRolePolicy, sts:AssumeRole) on Resource \"*\" can give itself or " +
			"another identity any permission, or act as any role or user: the policy is administrator access in all " +
			"but name. An Allow with NotAction or NotResource grants these unless it names them.",
		Remediation: "In aws_iam_policy and aws_iam_*_policy documents, scope these actions to the ARNs of the roles, " +
			"users and policies the principal manages (iam:PassRole to the roles it hands to a service, with an " +
			"iam:PassedToService condition; sts:AssumeRole to named roles), or leave IAM administration to a few " +
			"roles assumed with MFA.",
	})
)
