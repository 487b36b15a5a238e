package controls

// CloudTrail controls: a trail in every region, validated, encrypted, integrated
// with CloudWatch Logs, delivering to a non-public, access-logged bucket.
var (
	CloudTrailMultiRegion = register(Control{
		ID:       "HRD-CT-001",
		Title:    "CloudTrail is enabled in all regions with read and write management events",
		Severity: SeverityHigh,
		Rationale: "A single-region trail misses activity in every other region, where attackers start resources " +
			"precisely because nobody looks.",
		Remediation: "Set is_multi_region_trail = true and record all management events (read_write_type = \"All\").",
		References: []Reference{
			{CISv120, "2.1"}, {CISv140, "3.1"}, {CISv300, "3.1"}, {CISv500, "3.1"}, {SecurityHub, "CloudTrail.1"},
		},
	})

	CloudTrailGlobalServiceEvents = register(Control{
		ID:          "HRD-CT-002",
		Title:       "CloudTrail records global service events (IAM, STS, CloudFront)",
		Severity:    SeverityMedium,
		Rationale:   "IAM and STS calls are global; a trail without global service events misses every identity change.",
		Remediation: "Remove include_global_service_events = false (it defaults to true).",
		References: []Reference{
			{SecurityHub, "CloudTrail.1"},
		},
	})

	CloudTrailLogFileValidation = register(Control{
		ID:          "HRD-CT-003",
		Title:       "CloudTrail log file validation is enabled",
		Severity:    SeverityMedium,
		Rationale:   "Validation digests prove that delivered log files were not modified or deleted after delivery.",
		Remediation: "Set enable_log_file_validation = true.",
		References: []Reference{
			{CISv120, "2.2"}, {CISv140, "3.2"}, {CISv300, "3.2"}, {CISv500, "3.2"}, {SecurityHub, "CloudTrail.4"},
		},
	})

	CloudTrailKMSEncryption = register(Control{
		ID:          "HRD-CT-004",
		Title:       "CloudTrail logs are encrypted at rest with a customer-managed KMS key",
		Severity:    SeverityMedium,
		Rationale:   "A KMS key adds an access control on reading the logs, separate from the bucket's, and an audit trail of decryptions.",
		Remediation: "Set kms_key_id to a customer-managed KMS key with rotation enabled.",
		References: []Reference{
			{CISv120, "2.7"}, {CISv140, "3.7"}, {CISv300, "3.5"}, {CISv500, "3.5"}, {SecurityHub, "CloudTrail.2"},
		},
	})

	CloudTrailCloudWatchLogs = register(Control{
		ID:          "HRD-CT-005",
		Title:       "CloudTrail delivers to CloudWatch Logs",
		Severity:    SeverityLow,
		Rationale:   "CloudWatch Logs integration enables real-time metric filters and alarms on API activity.",
		Remediation: "Set cloud_watch_logs_group_arn and cloud_watch_logs_role_arn.",
		References: []Reference{
			{CISv120, "2.4"}, {CISv140, "3.4"}, {SecurityHub, "CloudTrail.5"},
		},
	})

	CloudTrailLogging = register(Control{
		ID:          "HRD-CT-006",
		Title:       "CloudTrail trails are logging",
		Severity:    SeverityHigh,
		Rationale:   "A stopped trail records nothing; stopping logging is a classic first step of an intrusion.",
		Remediation: "Remove enable_logging = false (it defaults to true).",
		References: []Reference{
			{SecurityHub, "CloudTrail.3"},
		},
	})

	CloudTrailBucketNotPublic = register(Control{
		ID:       "HRD-CT-007",
		Title:    "The S3 bucket of CloudTrail logs is not publicly accessible",
		Severity: SeverityCritical,
		Rationale: "Trail logs reveal the account's resources, identities and activity; a public bucket hands them to " +
			"anyone.",
		Remediation: "Add an aws_s3_bucket_public_access_block with all four settings true for the trail's bucket and " +
			"remove public ACLs and policies.",
		References: []Reference{
			{CISv120, "2.3"}, {CISv140, "3.3"}, {SecurityHub, "CloudTrail.6"},
		},
	})

	CloudTrailBucketAccessLogging = register(Control{
		ID:          "HRD-CT-008",
		Title:       "The S3 bucket of CloudTrail logs has server access logging enabled",
		Severity:    SeverityLow,
		Rationale:   "Access logs show who read or tried to delete the trail's logs.",
		Remediation: "Add an aws_s3_bucket_logging for the trail's bucket, targeting a separate log bucket.",
		References: []Reference{
			{CISv120, "2.6"}, {CISv140, "3.6"}, {CISv300, "3.4"}, {CISv500, "3.4"}, {SecurityHub, "CloudTrail.7"},
		},
	})

	CloudTrailKeyRotation = register(Control{
		ID:          "HRD-CT-009",
		Title:       "The KMS key that encrypts CloudTrail logs has automatic rotation enabled",
		Severity:    SeverityMedium,
		Rationale:   "Rotation limits how much data one key version protects and how long a leaked key version stays useful.",
		Remediation: "Enable automatic key rotation on the customer-managed key, or let hardened_cloudtrail create the key.",
		References: []Reference{
			{CISv120, "2.8"}, {CISv140, "3.8"}, {CISv300, "3.6"}, {CISv500, "3.6"}, {SecurityHub, "KMS.4"},
		},
	})

	CloudTrailS3WriteDataEvents = register(Control{
		ID:       "HRD-CT-010",
		Title:    "Object-level logging for write events is enabled for S3 buckets",
		Severity: SeverityLow,
		Rationale: "Management events do not record object reads and writes; without data events nobody can tell " +
			"which objects were changed or exfiltrated.",
		Remediation: "Add to aws_cloudtrail an event_selector with data_resource { type = \"AWS::S3::Object\", values " +
			"= [\"arn:aws:s3\"] } (or an advanced_event_selector on resources.type AWS::S3::Object), or set " +
			"s3_data_events = \"write\" or \"all\" on hardened_cloudtrail.",
		References: []Reference{
			{CISv140, "3.10"}, {CISv300, "3.8"}, {CISv500, "3.8"}, {SecurityHub, "S3.22"},
		},
	})

	CloudTrailS3ReadDataEvents = register(Control{
		ID:          "HRD-CT-011",
		Title:       "Object-level logging for read events is enabled for S3 buckets",
		Severity:    SeverityLow,
		Rationale:   "Read data events show which objects were read, the evidence needed after a data leak.",
		Remediation: "Set s3_data_events = \"all\" on hardened_cloudtrail.",
		References: []Reference{
			{CISv140, "3.11"}, {CISv300, "3.9"}, {CISv500, "3.9"}, {SecurityHub, "S3.23"},
		},
	})

	CloudTrailBucketTLSOnly = register(Control{
		ID:       "HRD-CT-012",
		Title:    "The S3 bucket of CloudTrail logs denies requests that do not use TLS",
		Severity: SeverityMedium,
		Rationale: "A bucket policy that denies aws:SecureTransport = false keeps log reads and writes off " +
			"unencrypted connections.",
		Remediation: "Add a Deny statement for s3:* when aws:SecureTransport is false, or let hardened_cloudtrail " +
			"create the bucket.",
		References: []Reference{
			{CISv140, "2.1.2"}, {CISv300, "2.1.1"}, {CISv500, "2.1.1"}, {SecurityHub, "S3.5"},
		},
	})

	CloudTrailLogRetention = register(Control{
		ID:        "HRD-CT-013",
		Title:     "CloudTrail logs are retained for at least 90 days",
		Severity:  SeverityMedium,
		Threshold: AtLeast(90),
		Rationale: "Intrusions are often found weeks after they start; logs expired sooner leave the start of the " +
			"intrusion unexplained (CloudTrail's own event history keeps 90 days).",
		Remediation: "Set retention_days to 90 or more (365 by default on hardened_cloudtrail).",
		// No CIS or Security Hub identifier: this is the provider's own floor.
	})
)

// CloudTrail practices of lower severity: notification and the log bucket's protection.
var (
	CloudTrailSNSNotification = register(Control{
		ID:       "HRD-CT-014",
		Title:    "CloudTrail notifies an SNS topic of every log file delivery",
		Severity: SeverityLow,
		Rationale: "A delivery notification lets a pipeline or a person notice when log files stop arriving, the first " +
			"sign of a stopped or redirected trail.",
		Remediation: "Set sns_topic_name on aws_cloudtrail (sns_topic_arn on hardened_cloudtrail) to a topic whose " +
			"policy lets cloudtrail.amazonaws.com publish.",
	})

	CloudTrailBucketDeleteProtection = register(Control{
		ID:       "HRD-CT-015",
		Title:    "The S3 bucket of CloudTrail logs protects log objects against deletion (MFA delete or Object Lock)",
		Severity: SeverityLow,
		Rationale: "An intruder with the bucket owner's credentials deletes the logs of the intrusion; MFA delete or " +
			"Object Lock keeps them until an MFA-holding person or the retention period allows it.",
		Remediation: "Enable Object Lock (object_lock_enabled = true on aws_s3_bucket with an " +
			"aws_s3_bucket_object_lock_configuration) or MFA delete (mfa_delete = \"Enabled\" in " +
			"aws_s3_bucket_versioning, set by the root user) on the trail's bucket.",
		References: []Reference{{CISv140, "2.1.3"}, {CISv300, "2.1.2"}},
	})

	CloudTrailBucketLifecycle = register(Control{
		ID:       "HRD-CT-016",
		Title:    "The S3 bucket of CloudTrail logs archives old logs with a lifecycle rule",
		Severity: SeverityLow,
		Rationale: "Logs kept for years are cheap only in an archive storage class; without a lifecycle they either " +
			"cost enough to be deleted early or are never reviewed for retention.",
		Remediation: "Add an aws_s3_bucket_lifecycle_configuration with a transition to GLACIER (or DEEP_ARCHIVE) for " +
			"the trail's bucket. hardened_cloudtrail does this (archive_after_days, retention_days).",
	})
)

// The log bucket's default encryption.
var (
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
