package controls

// CloudWatch Logs controls (HRD-LOG-*).
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
)
