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
)
