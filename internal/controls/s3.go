package controls

// S3 bucket controls: no public access, versioning, access logging.
var (
	S3BlockPublicAccess = register(Control{
		ID:       "HRD-S3-001",
		Title:    "S3 buckets are covered by all four Block Public Access settings",
		Severity: SeverityHigh,
		Rationale: "Block Public Access overrides any ACL or bucket policy that would make objects public; without it one " +
			"mistaken grant or policy statement publishes the bucket.",
		Remediation: "Add an aws_s3_bucket_public_access_block with block_public_acls, block_public_policy, " +
			"ignore_public_acls and restrict_public_buckets all true (or an aws_s3_account_public_access_block), or " +
			"use hardened_s3_bucket, which always sets all four and repairs them.",
		References: []Reference{
			{CISv140, "2.1.5"}, {CISv300, "2.1.4"}, {CISv500, "2.1.4"}, {SecurityHub, "S3.8"},
		},
	})

	S3NoPublicACL = register(Control{
		ID:        "HRD-S3-002",
		Title:     "S3 buckets grant no access to everyone through ACLs",
		Severity:  SeverityCritical,
		Rationale: "A public-read or public-read-write ACL, or a grant to AllUsers or AuthenticatedUsers, opens the bucket to the whole internet.",
		Remediation: "Remove the public ACL or grant, set object ownership to BucketOwnerEnforced (ACLs disabled), and block " +
			"public ACLs. hardened_s3_bucket disables ACLs and re-disables them when they are turned back on.",
		References: []Reference{
			{SecurityHub, "S3.2"},
		},
	})

	S3NoPublicPolicy = register(Control{
		ID:        "HRD-S3-003",
		Title:     "S3 bucket policies do not allow everyone (Principal \"*\") without a restricting condition",
		Severity:  SeverityCritical,
		Rationale: "An Allow statement for Principal \"*\" with no condition grants its actions to anyone on the internet.",
		Remediation: "Name the principals (accounts, roles, services with aws:SourceArn), or add a condition such as " +
			"aws:PrincipalOrgID or aws:SourceVpce. hardened_s3_bucket rejects such policy_statements at plan.",
		References: []Reference{
			{SecurityHub, "S3.2"},
		},
	})

	S3Versioning = register(Control{
		ID:        "HRD-S3-004",
		Title:     "S3 buckets have versioning enabled",
		Severity:  SeverityMedium,
		Rationale: "Versioning keeps overwritten and deleted objects recoverable after mistakes and ransomware.",
		Remediation: "Add an aws_s3_bucket_versioning with status = \"Enabled\" (or versioning { enabled = true } on " +
			"provider v3), or use hardened_s3_bucket, which always versions and re-enables suspended versioning.",
		References: []Reference{
			{SecurityHub, "S3.14"},
		},
	})

	S3AccessLogging = register(Control{
		ID:        "HRD-S3-005",
		Title:     "S3 buckets have server access logging enabled",
		Severity:  SeverityLow,
		Rationale: "Access logs record who read, wrote or deleted objects: the evidence an investigation needs.",
		Remediation: "Add an aws_s3_bucket_logging targeting a separate log bucket (buckets that receive access logs are " +
			"exempt), or use hardened_s3_bucket with access_log_target or access_log_bucket = true.",
		References: []Reference{
			{SecurityHub, "S3.9"},
		},
	})
)

// S3 practices that apply to every bucket beyond public access.
var (
	S3TLSOnly = register(Control{
		ID:       "HRD-S3-007",
		Title:    "S3 bucket policies deny requests that do not use TLS",
		Severity: SeverityMedium,
		Rationale: "Without a Deny on aws:SecureTransport = false, clients may read and write objects over plain HTTP, " +
			"where credentials' signatures and data travel unencrypted.",
		Remediation: "Add to the bucket's aws_s3_bucket_policy a statement denying s3:* on the bucket and its objects " +
			"when aws:SecureTransport is false. hardened_s3_bucket and hardened_cloudtrail's buckets have it. (hardened-lint does not judge " +
			"buckets that only receive server access logs, which the S3 logging service writes.)",
		References: []Reference{{CISv140, "2.1.2"}, {CISv300, "2.1.1"}, {CISv500, "2.1.1"}, {SecurityHub, "S3.5"}},
	})

	S3NoWebsite = register(Control{
		ID:       "HRD-S3-008",
		Title:    "S3 buckets do not serve static websites",
		Severity: SeverityInfo,
		Rationale: "Website endpoints speak only plain HTTP and require public reads: fine for public assets, a leak " +
			"for anything else. CloudFront with origin access control serves the same content over HTTPS from a " +
			"private bucket.",
		Remediation: "Remove the aws_s3_bucket_website_configuration (or the website block) and serve through " +
			"aws_cloudfront_distribution with an origin access control.",
	})
)

// Data bucket practices hardened_s3_bucket enforces beyond the controls above.
var (
	S3NoCrossAccountFullAccess = register(Control{
		ID:       "HRD-S3-010",
		Title:    "S3 bucket policies do not allow s3:* to other accounts without a condition",
		Severity: SeverityHigh,
		Rationale: "s3:* includes PutBucketPolicy, DeleteBucket and every object operation: another account granted it " +
			"unconditionally can take the bucket over, publish it or delete its data.",
		Remediation: "Grant other accounts only the actions they need (s3:GetObject, s3:PutObject), or restrict the " +
			"statement with a condition (aws:PrincipalArn, aws:SourceVpce). hardened_s3_bucket rejects such " +
			"policy_statements at plan.",
	})

	S3KMSEncryption = register(Control{
		ID:       "HRD-S3-011",
		Title:    "S3 buckets encrypt new objects by default with KMS keys (bucket keys on)",
		Severity: SeverityLow,
		Rationale: "SSE-KMS puts a key policy, and an audit trail of every decryption, in front of each object; S3 " +
			"bucket keys keep the KMS requests (and cost) low.",
		Remediation: "Add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = \"aws:kms\", a " +
			"kms_master_key_id and bucket_key_enabled = true, or use hardened_s3_bucket with kms_key_arn (a " +
			"hardened_kms_key).",
		References: []Reference{{SecurityHub, "S3.17"}},
	})

	S3Lifecycle = register(Control{
		ID:       "HRD-S3-012",
		Title:    "Versioned S3 buckets expire noncurrent versions and abort incomplete multipart uploads",
		Severity: SeverityLow,
		Rationale: "Versioning keeps every overwritten object forever unless noncurrent versions expire, and abandoned " +
			"multipart uploads are stored (and billed) invisibly until they are aborted.",
		Remediation: "Add an aws_s3_bucket_lifecycle_configuration rule with noncurrent_version_expiration and " +
			"abort_incomplete_multipart_upload, or use hardened_s3_bucket (noncurrent_version_days, default 90).",
		References: []Reference{{SecurityHub, "S3.13"}},
	})
)

// The account-level public access block and MFA delete.
var (
	AccountPublicAccessBlock = register(Control{
		ID:          "HRD-S3-006",
		Title:       "S3 Block Public Access is fully enabled at the account level",
		Severity:    SeverityHigh,
		Rationale:   "The account-level block covers every bucket, including those created later outside Terraform; a setting left false lets a single ACL or policy publish data.",
		Remediation: "Use hardened_s3_account_public_access_block, which keeps all four settings on and repairs drift, or set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true on aws_s3_account_public_access_block.",
		References:  []Reference{{CISv140, "2.1.5"}, {CISv300, "2.1.4"}, {SecurityHub, "S3.1"}},
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
