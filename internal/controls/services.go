package controls

// Account services, databases, edge and IAM policy controls.
var (
	GuardDutyEnabled = register(Control{
		ID:          "HRD-SVC-001",
		Title:       "GuardDuty detectors are enabled",
		Severity:    SeverityHigh,
		Rationale:   "GuardDuty turns CloudTrail, DNS and flow-log activity into threat findings; a disabled detector finds nothing.",
		Remediation: "Set enable = true on aws_guardduty_detector.",
		References:  []Reference{{SecurityHub, "GuardDuty.1"}},
	})

	ConfigRecorderAll = register(Control{
		ID:          "HRD-SVC-002",
		Title:       "AWS Config records all supported resources, global ones included, and is enabled",
		Severity:    SeverityMedium,
		Rationale:   "Config's history of resource configurations answers what changed and when; a partial or stopped recorder leaves gaps.",
		Remediation: "Set recording_group { all_supported = true, include_global_resource_types = true } on aws_config_configuration_recorder and is_enabled = true on aws_config_configuration_recorder_status.",
		References: []Reference{
			{CISv120, "2.5"}, {CISv140, "3.5"}, {CISv300, "3.3"}, {CISv500, "3.3"}, {SecurityHub, "Config.1"},
		},
	})

	RDSEncrypted = register(Control{
		ID:          "HRD-DB-001",
		Title:       "RDS instances and clusters encrypt their storage",
		Severity:    SeverityHigh,
		Rationale:   "Unencrypted database storage, snapshots and replicas expose data to anyone who can copy a snapshot.",
		Remediation: "Set storage_encrypted = true (with kms_key_id for a customer-managed key) on aws_db_instance and aws_rds_cluster; existing databases need a snapshot restore.",
		References:  []Reference{{CISv140, "2.3.1"}, {CISv300, "2.3.1"}, {SecurityHub, "RDS.3"}},
	})

	RDSNotPublic = register(Control{
		ID:          "HRD-DB-002",
		Title:       "RDS instances are not publicly accessible",
		Severity:    SeverityCritical,
		Rationale:   "A publicly accessible database gets a public DNS name and address: only its security group stands between it and the internet.",
		Remediation: "Set publicly_accessible = false on aws_db_instance and reach the database from inside the VPC.",
		References:  []Reference{{CISv300, "2.3.3"}, {SecurityHub, "RDS.2"}},
	})

	RedshiftEncrypted = register(Control{
		ID:          "HRD-DB-003",
		Title:       "Redshift clusters are encrypted at rest",
		Severity:    SeverityHigh,
		Rationale:   "Warehouse data and its snapshots are readable by anyone who can copy an unencrypted snapshot.",
		Remediation: "Set encrypted = true (with kms_key_id) on aws_redshift_cluster.",
		References:  []Reference{{SecurityHub, "Redshift.10"}},
	})

	RedshiftNotPublic = register(Control{
		ID:          "HRD-DB-004",
		Title:       "Redshift clusters are not publicly accessible",
		Severity:    SeverityCritical,
		Rationale:   "A publicly accessible cluster is reachable from the internet, guarded only by its security group.",
		Remediation: "Set publicly_accessible = false on aws_redshift_cluster.",
		References:  []Reference{{SecurityHub, "Redshift.1"}},
	})

	CloudFrontHTTPS = register(Control{
		ID:          "HRD-EDGE-001",
		Title:       "CloudFront requires HTTPS between viewers and edge locations",
		Severity:    SeverityMedium,
		Rationale:   "With allow-all, viewers can use plain HTTP, exposing cookies and content to anyone on the path.",
		Remediation: "Set viewer_protocol_policy = \"redirect-to-https\" (or \"https-only\") in every cache behaviour of aws_cloudfront_distribution.",
		References:  []Reference{{SecurityHub, "CloudFront.3"}},
	})

	CloudFrontModernTLS = register(Control{
		ID:          "HRD-EDGE-002",
		Title:       "CloudFront viewers negotiate TLS 1.2 or later (TLSv1.2_2021)",
		Severity:    SeverityMedium,
		Rationale:   "TLS 1.0 and 1.1 have known weaknesses and are deprecated; the default *.cloudfront.net certificate allows TLSv1.",
		Remediation: "In aws_cloudfront_distribution's viewer_certificate, use a custom certificate (acm_certificate_arn, ssl_support_method = \"sni-only\") with minimum_protocol_version = \"TLSv1.2_2021\".",
	})

	LoadBalancerHTTPS = register(Control{
		ID:          "HRD-EDGE-003",
		Title:       "Load balancer listeners serve HTTPS, or redirect HTTP to HTTPS",
		Severity:    SeverityMedium,
		Rationale:   "Plain HTTP listeners send credentials and session cookies in clear text.",
		Remediation: "Give HTTP aws_lb_listener resources a default_action { type = \"redirect\" redirect { protocol = \"HTTPS\" port = \"443\" status_code = \"HTTP_301\" } }; serve traffic on HTTPS listeners (aws_elb: lb_protocol = \"https\").",
		References:  []Reference{{SecurityHub, "ELB.1"}},
	})

	LoadBalancerTLSPolicy = register(Control{
		ID:          "HRD-EDGE-004",
		Title:       "HTTPS and TLS listeners use a TLS 1.2+ security policy",
		Severity:    SeverityMedium,
		Rationale:   "Older ELB security policies accept TLS 1.0/1.1 and weak ciphers.",
		Remediation: "Set ssl_policy on aws_lb_listener to ELBSecurityPolicy-TLS13-1-2-2021-06 (or another TLS13-1-2 / FS-1-2 policy).",
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
)

// IAM hygiene, messaging encryption and function exposure.
var (
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

	SNSEncrypted = register(Control{
		ID:          "HRD-MSG-001",
		Title:       "SNS topics are encrypted with KMS",
		Severity:    SeverityLow,
		Rationale:   "Messages at rest in a topic may carry sensitive data; KMS encryption adds a key policy in front of them.",
		Remediation: "Set kms_master_key_id on aws_sns_topic (alias/aws/sns or a customer-managed key).",
		References:  []Reference{{SecurityHub, "SNS.1"}},
	})

	SQSEncrypted = register(Control{
		ID:          "HRD-MSG-002",
		Title:       "SQS queues are encrypted at rest",
		Severity:    SeverityLow,
		Rationale:   "Queued messages may carry sensitive data; server-side encryption protects them at rest.",
		Remediation: "Set sqs_managed_sse_enabled = true or kms_master_key_id on aws_sqs_queue.",
		References:  []Reference{{SecurityHub, "SQS.1"}},
	})

	LambdaNotPublic = register(Control{
		ID:          "HRD-FN-001",
		Title:       "Lambda functions cannot be invoked by everyone",
		Severity:    SeverityHigh,
		Rationale:   "A resource policy with principal \"*\" lets any AWS account, or anyone through a function URL, invoke the function.",
		Remediation: "Set aws_lambda_permission principal to a service or account, with source_arn or source_account for services.",
		References:  []Reference{{SecurityHub, "Lambda.1"}},
	})
)

// ClassicLoadBalancerTLSPolicy is LoadBalancerTLSPolicy for classic load
// balancers, whose listeners negotiate through SSL negotiation policies.
var ClassicLoadBalancerTLSPolicy = register(Control{
	ID:       "HRD-EDGE-005",
	Title:    "Classic load balancer SSL negotiation policies accept only TLS 1.2 and strong ciphers",
	Severity: SeverityMedium,
	Rationale: "An SSL negotiation policy that enables SSLv3, TLS 1.0 or 1.1, or ciphers such as RC4, 3DES, " +
		"export or NULL ciphers lets a client (or an attacker in the path) negotiate a connection whose encryption " +
		"can be broken; the predefined policies older than ELBSecurityPolicy-TLS-1-2-2017-01 all accept TLS 1.0.",
	Remediation: "In aws_load_balancer_policy (policy_type_name = \"SSLNegotiationPolicyType\") or " +
		"aws_lb_ssl_negotiation_policy, set only the attribute Reference-Security-Policy = " +
		"\"ELBSecurityPolicy-TLS-1-2-2017-01\", or enable only Protocol-TLSv1.2 and strong ciphers; better, move " +
		"to an Application or Network Load Balancer with a TLS13-1-2 policy.",
	References: []Reference{{SecurityHub, "ELB.8"}},
})
