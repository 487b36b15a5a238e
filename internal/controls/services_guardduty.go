package controls

// GuardDuty's protection plans (HRD-SVC-004..012): each is a detector feature
// (or, for runtime monitoring's agents, an additional configuration of one) that
// Security Hub checks as its own control. GuardDuty.1, the detector itself, is
// HRD-SVC-001 in services.go.

// GuardDutyFeature is one GuardDuty protection plan: its name in the GuardDuty
// API (the key of hardened_guardduty's disabled_features), the detector feature
// it is configured under when it is an additional configuration, and its control.
type GuardDutyFeature struct {
	// Name is the API's name: a DetectorFeature, or a FeatureAdditionalConfiguration.
	Name string
	// Parent is the detector feature an additional configuration belongs to, or "".
	Parent  string
	Control Control
}

func guardDutyFeature(id, what string, sev Severity, rationale, sh string) Control {
	return register(Control{
		ID:        id,
		Title:     "GuardDuty " + what + " is enabled",
		Severity:  sev,
		Rationale: rationale,
		Remediation: "Turn the protection plan on in every GuardDuty detector: an aws_guardduty_detector_feature per " +
			"detector with status = \"ENABLED\" (for runtime monitoring, its additional_configuration blocks for " +
			"EKS_ADDON_MANAGEMENT, ECS_FARGATE_AGENT_MANAGEMENT and EC2_AGENT_MANAGEMENT ENABLED too).",
		References: []Reference{{SecurityHub, sh}},
	})
}

var (
	GuardDutyEKSAuditLogs = guardDutyFeature("HRD-SVC-004", "EKS Audit Log Monitoring", SeverityHigh,
		"Kubernetes audit logs show who did what in an EKS cluster; without them GuardDuty misses credential misuse and privilege escalation inside clusters.", "GuardDuty.5")
	GuardDutyLambdaProtection = guardDutyFeature("HRD-SVC-005", "Lambda Protection", SeverityHigh,
		"Lambda network activity is how GuardDuty spots a compromised function mining cryptocurrency or talking to a command-and-control host.", "GuardDuty.6")
	GuardDutyEKSRuntimeMonitoring = guardDutyFeature("HRD-SVC-006", "EKS Runtime Monitoring with automated agent management", SeverityMedium,
		"Runtime monitoring sees processes and file access in EKS nodes; without the managed add-on, new clusters run unmonitored.", "GuardDuty.7")
	GuardDutyMalwareProtection = guardDutyFeature("HRD-SVC-007", "Malware Protection for EC2", SeverityHigh,
		"Malware protection scans the EBS volumes of instances GuardDuty suspects, which turns a finding into evidence.", "GuardDuty.8")
	GuardDutyRDSProtection = guardDutyFeature("HRD-SVC-008", "RDS Protection", SeverityHigh,
		"RDS login activity shows brute-force and anomalous sign-ins to Aurora and RDS databases.", "GuardDuty.9")
	GuardDutyS3Protection = guardDutyFeature("HRD-SVC-009", "S3 Protection", SeverityHigh,
		"S3 data events show data being read or deleted from unusual places, the usual sign of exfiltration.", "GuardDuty.10")
	GuardDutyRuntimeMonitoring = guardDutyFeature("HRD-SVC-010", "Runtime Monitoring", SeverityHigh,
		"Runtime monitoring sees processes, network connections and file access on EKS, ECS and EC2 workloads, where most compromises act.", "GuardDuty.11")
	GuardDutyECSRuntimeMonitoring = guardDutyFeature("HRD-SVC-011", "ECS Runtime Monitoring with automated agent management", SeverityMedium,
		"Without the managed agent, Fargate tasks started after runtime monitoring was enabled are not monitored.", "GuardDuty.12")
	GuardDutyEC2RuntimeMonitoring = guardDutyFeature("HRD-SVC-012", "EC2 Runtime Monitoring with automated agent management", SeverityMedium,
		"Without the managed agent, instances launched after runtime monitoring was enabled are not monitored.", "GuardDuty.13")
)

// GuardDutyFeatures is every protection plan hardened_guardduty turns on, detector
// features first, then runtime monitoring's agent management.
var GuardDutyFeatures = []GuardDutyFeature{
	{Name: "S3_DATA_EVENTS", Control: GuardDutyS3Protection},
	{Name: "EKS_AUDIT_LOGS", Control: GuardDutyEKSAuditLogs},
	{Name: "EBS_MALWARE_PROTECTION", Control: GuardDutyMalwareProtection},
	{Name: "RDS_LOGIN_EVENTS", Control: GuardDutyRDSProtection},
	{Name: "LAMBDA_NETWORK_LOGS", Control: GuardDutyLambdaProtection},
	{Name: "RUNTIME_MONITORING", Control: GuardDutyRuntimeMonitoring},
	{Name: "EKS_ADDON_MANAGEMENT", Parent: "RUNTIME_MONITORING", Control: GuardDutyEKSRuntimeMonitoring},
	{Name: "ECS_FARGATE_AGENT_MANAGEMENT", Parent: "RUNTIME_MONITORING", Control: GuardDutyECSRuntimeMonitoring},
	{Name: "EC2_AGENT_MANAGEMENT", Parent: "RUNTIME_MONITORING", Control: GuardDutyEC2RuntimeMonitoring},
}

// GuardDutyFeatureByName finds a protection plan by its API name.
func GuardDutyFeatureByName(name string) (GuardDutyFeature, bool) {
	for _, f := range GuardDutyFeatures {
		if f.Name == name {
			return f, true
		}
	}
	return GuardDutyFeature{}, false
}
