package controls

// IAM policy, user and access key controls (HRD-IAM-*); the account password
// policy's are in iam_password.go.
var (
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
)
