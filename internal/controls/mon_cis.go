package controls

// The CIS monitoring section: a CloudWatch Logs metric filter and an alarm on the
// trail's log group for each event class auditors want watched. The patterns are
// kept exactly as published (Security Hub CloudWatch.1-14 take theirs from the
// Security Hub user guide, the AWS Organizations item from CIS v1.4.0 4.15):
// Security Hub fails a control whose filter differs by one character.

// MonitoringItem is one CIS monitoring recommendation: its key in the provider's
// and linter's vocabulary, its control and its filter pattern, verbatim.
type MonitoringItem struct {
	// Key names the item in configurations (`disabled_items`) and resource names.
	Key string
	// MetricName is the default metric and alarm name suffix.
	MetricName string
	Control    Control
	// Pattern is the published filter pattern, character for character.
	Pattern string
}

func monitoring(id, what string, sev Severity, rationale string, refs ...Reference) Control {
	return register(Control{
		ID:        id,
		Title:     "A log metric filter and alarm exist for " + what,
		Severity:  sev,
		Rationale: rationale,
		Remediation: "Use hardened_cis_monitoring on the trail's CloudWatch Logs group, or create an " +
			"aws_cloudwatch_log_metric_filter with the exact CIS pattern and an aws_cloudwatch_metric_alarm on its " +
			"metric that notifies an SNS topic.",
		References: refs,
	})
}

var (
	CISMonitorUnauthorizedAPICalls = monitoring("HRD-MON-001", "unauthorized API calls", SeverityLow,
		"Repeated AccessDenied errors are how stolen credentials are probed and how a broken deployment shows itself.",
		Reference{CISv120, "3.1"}, Reference{CISv140, "4.1"}, Reference{SecurityHub, "CloudWatch.2"})
	CISMonitorConsoleWithoutMFA = monitoring("HRD-MON-002", "Management Console sign-in without MFA", SeverityLow,
		"A console sign-in without MFA is one password away from an account takeover.",
		Reference{CISv120, "3.2"}, Reference{CISv140, "4.2"}, Reference{SecurityHub, "CloudWatch.3"})
	CISMonitorRootUsage = monitoring("HRD-MON-003", "usage of the root user", SeverityMedium,
		"The root user cannot be restricted by IAM; any use of it outside the few tasks that need it is an incident.",
		Reference{CISv120, "3.3"}, Reference{CISv140, "4.3"}, Reference{SecurityHub, "CloudWatch.1"})
	CISMonitorIAMPolicyChanges = monitoring("HRD-MON-004", "IAM policy changes", SeverityLow,
		"A policy attached or edited is the usual way to escalate privileges.",
		Reference{CISv120, "3.4"}, Reference{CISv140, "4.4"}, Reference{SecurityHub, "CloudWatch.4"})
	CISMonitorCloudTrailChanges = monitoring("HRD-MON-005", "CloudTrail configuration changes", SeverityLow,
		"Stopping or changing a trail blinds every other detective control.",
		Reference{CISv120, "3.5"}, Reference{CISv140, "4.5"}, Reference{SecurityHub, "CloudWatch.5"})
	CISMonitorConsoleAuthFailures = monitoring("HRD-MON-006", "AWS Management Console authentication failures", SeverityLow,
		"Failed console sign-ins in numbers are a brute-force attempt; their source addresses help correlate it.",
		Reference{CISv120, "3.6"}, Reference{CISv140, "4.6"}, Reference{SecurityHub, "CloudWatch.6"})
	CISMonitorKMSKeyDeletion = monitoring("HRD-MON-007", "disabling or scheduled deletion of customer managed keys", SeverityLow,
		"Data encrypted under a disabled or deleted key is unreadable: disabling a key is a denial of service or a ransom.",
		Reference{CISv120, "3.7"}, Reference{CISv140, "4.7"}, Reference{SecurityHub, "CloudWatch.7"})
	CISMonitorS3PolicyChanges = monitoring("HRD-MON-008", "S3 bucket policy changes", SeverityLow,
		"A bucket policy or ACL changed is how data is made public or shared with another account.",
		Reference{CISv120, "3.8"}, Reference{CISv140, "4.8"}, Reference{SecurityHub, "CloudWatch.8"})
	CISMonitorConfigChanges = monitoring("HRD-MON-009", "AWS Config configuration changes", SeverityLow,
		"Stopping the recorder or removing its delivery channel ends the configuration history investigations rely on.",
		Reference{CISv120, "3.9"}, Reference{CISv140, "4.9"}, Reference{SecurityHub, "CloudWatch.9"})
	CISMonitorSecurityGroupChanges = monitoring("HRD-MON-010", "security group changes", SeverityLow,
		"A rule opened on a security group exposes whatever sits behind it.",
		Reference{CISv120, "3.10"}, Reference{CISv140, "4.10"}, Reference{SecurityHub, "CloudWatch.10"})
	CISMonitorNACLChanges = monitoring("HRD-MON-011", "changes to network access control lists (NACL)", SeverityLow,
		"A NACL changed can open whole subnets.",
		Reference{CISv120, "3.11"}, Reference{CISv140, "4.11"}, Reference{SecurityHub, "CloudWatch.11"})
	CISMonitorNetworkGatewayChanges = monitoring("HRD-MON-012", "changes to network gateways", SeverityLow,
		"A new or reattached gateway creates a path in or out of the VPC that bypasses the expected one.",
		Reference{CISv120, "3.12"}, Reference{CISv140, "4.12"}, Reference{SecurityHub, "CloudWatch.12"})
	CISMonitorRouteTableChanges = monitoring("HRD-MON-013", "route table changes", SeverityLow,
		"A route changed can send traffic through an attacker's appliance or around an inspection point.",
		Reference{CISv120, "3.13"}, Reference{CISv140, "4.13"}, Reference{SecurityHub, "CloudWatch.13"})
	CISMonitorVPCChanges = monitoring("HRD-MON-014", "VPC changes", SeverityLow,
		"Peering connections and VPC attribute changes join networks that were meant to stay apart.",
		Reference{CISv120, "3.14"}, Reference{CISv140, "4.14"}, Reference{SecurityHub, "CloudWatch.14"})
	CISMonitorOrganizationsChanges = monitoring("HRD-MON-015", "AWS Organizations changes", SeverityLow,
		"Detaching a service control policy or moving an account out of its OU removes guardrails from every account below.",
		Reference{CISv140, "4.15"}, Reference{CISv300, "4.15"})
)

// CISMonitorPatternsVerbatim is the check auditors run on every item above: the
// filter on the trail's log group carries the published pattern exactly.
var CISMonitorPatternsVerbatim = register(Control{
	ID:       "HRD-MON-016",
	Title:    "CIS monitoring metric filters on a trail's log group use the published patterns verbatim",
	Severity: SeverityLow,
	Rationale: "Security Hub CloudWatch.1-14 pass only when the filter pattern is exactly the published one: a " +
		"reformatted, shortened or extended pattern fails the control even when it catches the same events, and a " +
		"pattern missing event names misses the changes auditors expect to be alarmed.",
	Remediation: "Use hardened_cis_monitoring on the trail's log group, or copy the pattern from the Security Hub " +
		"user guide (CloudWatch.1-14) or CIS v1.4.0 4.15 character for character.",
	References: []Reference{{CISv140, "4.1-4.15"}, {SecurityHub, "CloudWatch.1-14"}},
})

// MonitoringItems lists the CIS monitoring items in benchmark order. Each Pattern
// is the published text, unaltered: do not reformat it.
var MonitoringItems = []MonitoringItem{
	{Key: "unauthorized_api_calls", MetricName: "UnauthorizedAPICalls", Control: CISMonitorUnauthorizedAPICalls,
		Pattern: `{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}`},
	{Key: "console_signin_without_mfa", MetricName: "ConsoleSigninWithoutMFA", Control: CISMonitorConsoleWithoutMFA,
		Pattern: `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }`},
	{Key: "root_usage", MetricName: "RootAccountUsage", Control: CISMonitorRootUsage,
		Pattern: `{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}`},
	{Key: "iam_policy_changes", MetricName: "IAMPolicyChanges", Control: CISMonitorIAMPolicyChanges,
		Pattern: `{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}`},
	{Key: "cloudtrail_changes", MetricName: "CloudTrailChanges", Control: CISMonitorCloudTrailChanges,
		Pattern: `{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}`},
	{Key: "console_auth_failures", MetricName: "ConsoleAuthenticationFailure", Control: CISMonitorConsoleAuthFailures,
		Pattern: `{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}`},
	{Key: "kms_key_disable_or_deletion", MetricName: "DisableOrDeleteCMK", Control: CISMonitorKMSKeyDeletion,
		Pattern: `{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}`},
	{Key: "s3_bucket_policy_changes", MetricName: "S3BucketPolicyChanges", Control: CISMonitorS3PolicyChanges,
		Pattern: `{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}`},
	{Key: "config_changes", MetricName: "AWSConfigChanges", Control: CISMonitorConfigChanges,
		Pattern: `{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}`},
	{Key: "security_group_changes", MetricName: "SecurityGroupChanges", Control: CISMonitorSecurityGroupChanges,
		Pattern: `{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}`},
	{Key: "nacl_changes", MetricName: "NetworkACLChanges", Control: CISMonitorNACLChanges,
		Pattern: `{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}`},
	{Key: "network_gateway_changes", MetricName: "NetworkGatewayChanges", Control: CISMonitorNetworkGatewayChanges,
		Pattern: `{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}`},
	{Key: "route_table_changes", MetricName: "RouteTableChanges", Control: CISMonitorRouteTableChanges,
		Pattern: `{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}`},
	{Key: "vpc_changes", MetricName: "VPCChanges", Control: CISMonitorVPCChanges,
		Pattern: `{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}`},
	{Key: "organizations_changes", MetricName: "OrganizationsChanges", Control: CISMonitorOrganizationsChanges,
		Pattern: `{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName= "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName ="UpdateOrganizationalUnit")) }`},
}

// MonitoringItemByKey returns the item with the given key.
func MonitoringItemByKey(key string) (MonitoringItem, bool) {
	for _, it := range MonitoringItems {
		if it.Key == key {
			return it, true
		}
	}
	return MonitoringItem{}, false
}

// MonitoringItemByPattern returns the item whose published pattern is exactly p.
func MonitoringItemByPattern(p string) (MonitoringItem, bool) {
	for _, it := range MonitoringItems {
		if it.Pattern == p {
			return it, true
		}
	}
	return MonitoringItem{}, false
}
