package controls

// Account security services: GuardDuty, AWS Config, Security Hub (HRD-SVC-*).
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

	SecurityHubEnabled = register(Control{
		ID:          "HRD-SVC-003",
		Title:       "Security Hub is enabled where the account's security services are configured",
		Severity:    SeverityInfo,
		Rationale:   "Security Hub gathers GuardDuty, Config and Inspector findings and runs the CIS and FSBP checks continuously; an account baseline that enables the detectors but not Security Hub leaves the findings scattered.",
		Remediation: "Add an aws_securityhub_account (and aws_securityhub_standards_subscription for the CIS and FSBP standards) to the module that configures GuardDuty and AWS Config.",
		References:  []Reference{{CISv140, "4.16"}, {CISv300, "4.16"}},
	})
)
