package controls

// Account-wide settings, logging and copies of encrypted data.
var (
	LogGroupRetention = register(Control{
		ID:          "HRD-LOG-001",
		Title:       "CloudWatch Logs log groups have a retention period",
		Severity:    SeverityLow,
		Rationale:   "A log group without retention keeps events forever at growing cost, and a retention picked by accident (1 day) loses the history an investigation needs; the period should be a decision.",
		Remediation: "Set retention_in_days on aws_cloudwatch_log_group (365 or more for audit logs; hardened_cloudtrail's log group defaults to 365).",
		References:  []Reference{{SecurityHub, "CloudWatch.16"}},
	})

	LogGroupKMS = register(Control{
		ID:          "HRD-LOG-002",
		Title:       "CloudWatch Logs log groups are encrypted with a customer-managed KMS key",
		Severity:    SeverityLow,
		Rationale:   "Logs carry request parameters, addresses and sometimes secrets; a customer-managed key puts reading them under a key policy you control and audit.",
		Remediation: "Set kms_key_id on aws_cloudwatch_log_group to a customer-managed key whose policy lets logs.<region>.amazonaws.com use it (hardened_cloudtrail does this for its log group).",
	})

	SecurityHubEnabled = register(Control{
		ID:          "HRD-SVC-003",
		Title:       "Security Hub is enabled where the account's security services are configured",
		Severity:    SeverityInfo,
		Rationale:   "Security Hub gathers GuardDuty, Config and Inspector findings and runs the CIS and FSBP checks continuously; an account baseline that enables the detectors but not Security Hub leaves the findings scattered.",
		Remediation: "Add an aws_securityhub_account (and aws_securityhub_standards_subscription for the CIS and FSBP standards) to the module that configures GuardDuty and AWS Config.",
		References:  []Reference{{CISv140, "4.16"}, {CISv300, "4.16"}},
	})

	AccountPublicAccessBlock = register(Control{
		ID:          "HRD-S3-006",
		Title:       "S3 Block Public Access is fully enabled at the account level",
		Severity:    SeverityHigh,
		Rationale:   "The account-level block covers every bucket, including those created later outside Terraform; a setting left false lets a single ACL or policy publish data.",
		Remediation: "Set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true on aws_s3_account_public_access_block.",
		References:  []Reference{{CISv140, "2.1.5"}, {CISv300, "2.1.4"}, {SecurityHub, "S3.1"}},
	})

	CopiesEncrypted = register(Control{
		ID:          "HRD-EC2-005",
		Title:       "Copies of EBS snapshots and AMIs are encrypted",
		Severity:    SeverityMedium,
		Rationale:   "A copy is where an unencrypted snapshot can be encrypted, and where an encrypted one can be shared or moved to another region: an unencrypted copy spreads readable disk images.",
		Remediation: "Set encrypted = true (with kms_key_id for a customer-managed key) on aws_ebs_snapshot_copy and aws_ami_copy.",
	})
)
