package controls

// KMS key controls (HRD-KMS-*).
var (
	KMSKeyRotation = register(Control{
		ID:          "HRD-KMS-001",
		Title:       "Customer-managed symmetric KMS keys have automatic rotation enabled",
		Severity:    SeverityMedium,
		Rationale:   "Rotation limits how much data one key version protects and how long a leaked key version stays useful.",
		Remediation: "Set enable_key_rotation = true on aws_kms_key (symmetric encryption keys).",
		References: []Reference{
			{CISv120, "2.8"}, {CISv140, "3.8"}, {CISv300, "3.6"}, {CISv500, "3.6"}, {SecurityHub, "KMS.4"},
		},
	})
)
