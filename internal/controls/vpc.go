package controls

// VPC controls (HRD-VPC-*).
var (
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

	VPCFlowLogsAllTraffic = register(Control{
		ID:       "HRD-VPC-002",
		Title:    "VPC flow logs record all traffic, accepted and rejected",
		Severity: SeverityLow,
		Rationale: "CIS and Security Hub EC2.6 ask for rejected packets at least; but exfiltration and lateral " +
			"movement travel over connections the security groups accept, which a REJECT-only flow log never records.",
		Remediation: "Set traffic_type = \"ALL\" on aws_flow_log (hardened_flow_logs records ALL always).",
		// No CIS or Security Hub identifier: both accept REJECT; ALL is this provider's stricter floor.
	})

	VPCFlowLogRetention = register(Control{
		ID:        "HRD-VPC-003",
		Title:     "VPC flow logs are retained for at least 90 days",
		Severity:  SeverityLow,
		Threshold: AtLeast(90),
		Rationale: "Network evidence is looked for weeks after an intrusion starts; flow logs expired sooner cannot " +
			"show where the intruder connected from or what left the network.",
		Remediation: "Set retention_in_days to 90 or more on the flow logs' aws_cloudwatch_log_group " +
			"(cloud_watch_logs_retention_days on hardened_flow_logs, 365 by default).",
		// No CIS or Security Hub identifier: this is the provider's own floor, as HRD-CT-013 is for trails.
	})
)
