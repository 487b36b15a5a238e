package controls

// Database controls: RDS, Redshift and the other engines (HRD-DB-*).
var (
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
