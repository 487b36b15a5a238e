package controls

// EC2, EBS, VPC and KMS controls.
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

	VPCFlowLogs = register(Control{
		ID:          "HRD-VPC-001",
		Title:       "Every VPC has flow logging enabled",
		Severity:    SeverityMedium,
		Rationale:   "Flow logs record accepted and rejected traffic: the network evidence of scanning, exfiltration and lateral movement.",
		Remediation: "Add an aws_flow_log with vpc_id set to the VPC (traffic_type \"ALL\" or at least \"REJECT\").",
		References: []Reference{
			{CISv120, "2.9"}, {CISv140, "3.9"}, {CISv300, "3.7"}, {CISv500, "3.7"}, {SecurityHub, "EC2.6"},
		},
	})

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
)

// AMIs and network ACLs.
var (
	AMINotPublic = register(Control{
		ID:          "HRD-EC2-004",
		Title:       "AMIs are not shared publicly",
		Severity:    SeverityHigh,
		Rationale:   "A public AMI lets anyone launch a copy of the image, with whatever data and credentials were baked into it.",
		Remediation: "Share AMIs with named accounts (aws_ami_launch_permission account_id or organization_arn), never group = \"all\".",
	})

	NACLNoWorldAdminPorts = register(Control{
		ID:       "HRD-NET-009",
		Title:    "Network ACLs do not allow ingress from the internet to administrative or database ports",
		Severity: SeverityHigh,
		Rationale: "A network ACL that admits remote administration (SSH, RDP, Telnet, FTP) or database traffic from " +
			"anywhere removes a layer of defence in depth in front of every instance in its subnets. An allow rule " +
			"for every protocol admits every port, whatever its port fields say.",
		Remediation: "Restrict aws_network_acl_rule (or the aws_network_acl / aws_default_network_acl ingress blocks) " +
			"that cover administrative or database ports to known CIDRs, and allow only tcp/udp port ranges the " +
			"subnets serve: never protocol -1 (all) from 0.0.0.0/0 or ::/0.",
		// The same list as the security-group controls: CIS 5.1 and EC2.21 name 22 and 3389.
		Ports: AdminPorts,
		References: []Reference{
			{CISv140, "5.1"}, {CISv300, "5.1"}, {CISv500, "5.2"}, {SecurityHub, "EC2.21"},
		},
	})
)
