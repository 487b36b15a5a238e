package controls

// KMS key controls (HRD-KMS-*): rotation, key policies that can neither lock the
// account out nor open the key to everyone, and keys that are not deleted by accident.
var (
	KMSKeyRotation = register(Control{
		ID:        "HRD-KMS-001",
		Title:     "Customer-managed symmetric KMS keys have automatic rotation enabled",
		Severity:  SeverityMedium,
		Rationale: "Rotation limits how much data one key version protects and how long a leaked key version stays useful.",
		Remediation: "Set enable_key_rotation = true on aws_kms_key (symmetric encryption keys), or use hardened_kms_key, " +
			"whose rotation cannot be turned off (rotation_period_days 90 to 365) and is repaired when turned off by hand.",
		References: []Reference{
			{CISv120, "2.8"}, {CISv140, "3.8"}, {CISv300, "3.6"}, {CISv500, "3.6"}, {SecurityHub, "KMS.4"},
		},
	})

	KMSKeyAdministrativePath = register(Control{
		ID:       "HRD-KMS-002",
		Title:    "KMS key policies keep an administrative path (no lockout)",
		Severity: SeverityHigh,
		Rationale: "A key policy is the only thing that grants access to a key: a policy that names no administrator, or " +
			"a Deny that covers kms:PutKeyPolicy for the administrators, leaves a key nobody can manage, and the data " +
			"it encrypts recoverable only through AWS Support. bypass_policy_lockout_safety_check turns AWS's own " +
			"check off.",
		Remediation: "Keep a statement allowing kms:* to the account root (arn:aws:iam::ACCOUNT:root) or to a named " +
			"administrator role, never Deny kms:PutKeyPolicy to them, and leave bypass_policy_lockout_safety_check " +
			"false. hardened_kms_key builds such a policy from administrators and users and rejects any other shape at plan.",
	})

	KMSKeyNoPublicPrincipal = register(Control{
		ID:       "HRD-KMS-003",
		Title:    "KMS key policies do not allow everyone (Principal \"*\") without a condition restricting the principal",
		Severity: SeverityCritical,
		Rationale: "An Allow for Principal \"*\" lets any AWS account use the key, unless a condition such as " +
			"aws:PrincipalOrgID, aws:SourceAccount or kms:CallerAccount pins who the caller is; aws:SecureTransport or " +
			"aws:UserAgent do not.",
		Remediation: "Name the principals (accounts, roles, service principals with aws:SourceAccount), or restrict " +
			"Principal \"*\" with aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn or kms:CallerAccount. " +
			"hardened_kms_key rejects such statements at plan.",
		References: []Reference{{SecurityHub, "KMS.5"}},
	})

	KMSKeyAdminOnlyFullAccess = register(Control{
		ID:       "HRD-KMS-004",
		Title:    "KMS key policies grant kms:* only to key administrators",
		Severity: SeverityMedium,
		Rationale: "kms:* includes PutKeyPolicy and ScheduleKeyDeletion: a principal that only needs to encrypt or " +
			"decrypt can then take the key over or destroy every piece of data it protects.",
		Remediation: "Grant users kms:Encrypt, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey* and kms:DescribeKey; " +
			"keep kms:* for administrators. With hardened_kms_key, list them in users and administrators.",
	})

	KMSKeyDeletionProtected = register(Control{
		ID:        "HRD-KMS-005",
		Title:     "KMS keys are not scheduled for deletion unintentionally, and their deletion waits at least 7 days",
		Severity:  SeverityHigh,
		Threshold: AtLeast(7),
		Rationale: "Deleting a key makes everything it encrypted unreadable for good; the waiting period is the only " +
			"chance to notice and cancel a mistaken or malicious deletion.",
		Remediation: "Keep deletion_window_in_days at 30 (at least 7) and cancel deletions nobody intended " +
			"(aws kms cancel-key-deletion). hardened_kms_key refuses to destroy a key unless allow_destroy = true " +
			"and cancels a deletion scheduled outside Terraform.",
		References: []Reference{{SecurityHub, "KMS.3"}},
	})
)
