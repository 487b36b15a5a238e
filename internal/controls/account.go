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
		Remediation: "Use hardened_s3_account_public_access_block, which keeps all four settings on and repairs drift, or set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true on aws_s3_account_public_access_block.",
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

// Network exposure beyond the admin ports.
var (
	NoWorldICMP = register(Control{
		ID:       "HRD-NET-010",
		Title:    "Security groups do not allow ICMP from the internet",
		Severity: SeverityMedium,
		Rationale: "ICMP from anywhere lets the internet map which hosts are alive (ping sweeps) and reach ICMP-handling " +
			"code; the only ICMP a host needs from the internet is path MTU discovery (type 3, code 4).",
		Remediation: "Limit ICMP ingress rules of aws_security_group (and aws_security_group_rule) to known networks, or " +
			"allow only type 3 code 4 (from_port = 3, to_port = 4) from the internet for path MTU discovery.",
	})

	DatabasePortsNotPublic = register(Control{
		ID:       "HRD-DB-005",
		Title:    "Security groups of RDS and Redshift do not open the database port to the internet",
		Severity: SeverityHigh,
		Rationale: "A database whose security group accepts its port from 0.0.0.0/0 or ::/0 is one password guess " +
			"away from the internet as soon as it has a reachable address.",
		Remediation: "Allow the database port only from the application's security group or private CIDRs. " +
			"hardened_security_group refuses database ports from the internet at plan.",
		References: []Reference{{SecurityHub, "EC2.19"}},
	})
)

// Protection of the audit trail and of object versions.
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

	S3MFADelete = register(Control{
		ID:       "HRD-S3-009",
		Title:    "Versioned S3 buckets require MFA to delete versions",
		Severity: SeverityInfo,
		Rationale: "Versioning keeps overwritten and deleted objects, but anyone allowed s3:DeleteObjectVersion can " +
			"still purge them; MFA delete makes permanent deletion and versioning changes need the root user's MFA. " +
			"Only the root user can turn it on, with an MFA code at apply time, so it is reported as information " +
			"(exit 0 under the default fail_on); Object Lock is the automatable alternative.",
		Remediation: "Set mfa_delete = \"Enabled\" in the versioning_configuration of aws_s3_bucket_versioning (applied " +
			"by the root user with the mfa argument), or use Object Lock.",
		References: []Reference{{CISv140, "2.1.3"}, {CISv300, "2.1.2"}},
	})
)

// Console users and the encryption of log buckets.
var (
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

	CloudTrailBucketKMS = register(Control{
		ID:       "HRD-CT-017",
		Title:    "The S3 bucket of CloudTrail logs encrypts by default with SSE-KMS",
		Severity: SeverityLow,
		Rationale: "Logs describe the whole account; SSE-KMS default encryption puts a key policy, and an audit trail " +
			"of decryptions, in front of every object in the log bucket, including objects not written by the trail.",
		Remediation: "Add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = \"aws:kms\" and a " +
			"customer-managed kms_master_key_id for the trail's bucket. hardened_cloudtrail does this (its access-log " +
			"bucket keeps SSE-S3, the only default encryption S3 server access logging supports everywhere).",
	})
)

// IAMNoPrivilegeEscalation: the IAM actions that let a principal grant itself more
// than it was given, on every resource. Full "*" on "*" is IAMNoFullAdminPolicies'.
var IAMNoPrivilegeEscalation = register(Control{
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
