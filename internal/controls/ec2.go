package controls

// EC2 controls: EBS encryption, instance metadata, AMIs and copies (HRD-EC2-*).
var (
	EBSVolumeEncryption = register(Control{
		ID:          "HRD-EC2-001",
		Title:       "EBS volumes (and instance root and data volumes) are encrypted",
		Severity:    SeverityHigh,
		Rationale:   "Unencrypted volumes and their snapshots expose data to anyone who can copy or share a snapshot.",
		Remediation: "Set encrypted = true (with kms_key_id for a customer-managed key), or turn on aws_ebs_encryption_by_default.",
		References: []Reference{
			{SecurityHub, "EC2.3"},
		},
	})

	EBSEncryptionByDefault = register(Control{
		ID:          "HRD-EC2-002",
		Title:       "EBS encryption by default is enabled",
		Severity:    SeverityMedium,
		Rationale:   "Encryption by default makes every new volume and snapshot copy in the region encrypted, whatever its creator asked for.",
		Remediation: "Use hardened_ebs_encryption_by_default, which turns it on in every region enabled for the account and repairs drift, or set enabled = true on aws_ebs_encryption_by_default in every region.",
		References: []Reference{
			{CISv140, "2.2.1"}, {CISv300, "2.2.1"}, {SecurityHub, "EC2.7"},
		},
	})

	IMDSv2Required = register(Control{
		ID:       "HRD-EC2-003",
		Title:    "EC2 instances require IMDSv2 (session tokens) for instance metadata",
		Severity: SeverityHigh,
		Rationale: "IMDSv1 answers any request from the instance, so an SSRF bug in an application hands out the " +
			"instance role's credentials; IMDSv2 requires a session token that such requests cannot obtain.",
		Remediation: "Set metadata_options { http_tokens = \"required\" } on aws_instance, aws_launch_template and " +
			"aws_launch_configuration (an instance launched from a template may take it from the template).",
		References: []Reference{
			{CISv300, "5.6"}, {SecurityHub, "EC2.8"},
		},
	})

	AMINotPublic = register(Control{
		ID:          "HRD-EC2-004",
		Title:       "AMIs are not shared publicly",
		Severity:    SeverityHigh,
		Rationale:   "A public AMI lets anyone launch a copy of the image, with whatever data and credentials were baked into it.",
		Remediation: "Share AMIs with named accounts (aws_ami_launch_permission account_id or organization_arn), never group = \"all\".",
	})

	CopiesEncrypted = register(Control{
		ID:          "HRD-EC2-005",
		Title:       "Copies of EBS snapshots and AMIs are encrypted",
		Severity:    SeverityMedium,
		Rationale:   "A copy is where an unencrypted snapshot can be encrypted, and where an encrypted one can be shared or moved to another region: an unencrypted copy spreads readable disk images.",
		Remediation: "Set encrypted = true (with kms_key_id for a customer-managed key) on aws_ebs_snapshot_copy and aws_ami_copy.",
	})
)
