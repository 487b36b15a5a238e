package controls

import (
	"strings"
	"testing"
)

// publishedPatterns are the filter patterns as published, copied from the Security
// Hub user guide (CloudWatch.1-14, "Copy the following pattern") and from CIS AWS
// Foundations v1.4.0 4.15. Auditors compare patterns character by character: this
// table is a second, independent copy, so an edit to the catalog fails here.
var publishedPatterns = map[string]string{
	"CloudWatch.1":   `{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}`,
	"CloudWatch.2":   `{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}`,
	"CloudWatch.3":   `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }`,
	"CloudWatch.4":   `{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}`,
	"CloudWatch.5":   `{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}`,
	"CloudWatch.6":   `{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}`,
	"CloudWatch.7":   `{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}`,
	"CloudWatch.8":   `{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}`,
	"CloudWatch.9":   `{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}`,
	"CloudWatch.10":  `{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}`,
	"CloudWatch.11":  `{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}`,
	"CloudWatch.12":  `{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}`,
	"CloudWatch.13":  `{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}`,
	"CloudWatch.14":  `{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}`,
	"CIS 1.4.0 4.15": `{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName= "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName ="UpdateOrganizationalUnit")) }`,
}

func TestMonitoringPatternsVerbatim(t *testing.T) {
	if len(MonitoringItems) != len(publishedPatterns) {
		t.Fatalf("%d monitoring items, %d published patterns", len(MonitoringItems), len(publishedPatterns))
	}
	for _, it := range MonitoringItems {
		ref := it.Control.Ref(SecurityHub)
		if ref == "" {
			ref = "CIS 1.4.0 " + it.Control.Ref(CISv140)
		}
		want, ok := publishedPatterns[ref]
		if !ok {
			t.Errorf("%s (%s): no published pattern for %q", it.Key, it.Control.ID, ref)
			continue
		}
		if it.Pattern != want {
			t.Errorf("%s (%s) pattern differs from the published text:\n got %s\nwant %s", it.Key, ref, it.Pattern, want)
		}
	}
}

func TestMonitoringItemsComplete(t *testing.T) {
	keys := map[string]bool{}
	for i, it := range MonitoringItems {
		if keys[it.Key] || it.Key == "" || it.MetricName == "" || strings.TrimSpace(it.Pattern) != it.Pattern {
			t.Errorf("item %d (%s): empty or repeated key, no metric name, or padded pattern", i, it.Key)
		}
		keys[it.Key] = true
		if got, ok := MonitoringItemByKey(it.Key); !ok || got.Control.ID != it.Control.ID {
			t.Errorf("MonitoringItemByKey(%s) = %v, %v", it.Key, got.Control.ID, ok)
		}
		if got, ok := MonitoringItemByPattern(it.Pattern); !ok || got.Key != it.Key {
			t.Errorf("MonitoringItemByPattern(%s) = %v, %v", it.Key, got.Key, ok)
		}
		if i < 14 && it.Control.Ref(SecurityHub) == "" {
			t.Errorf("%s: items 1-14 map to Security Hub CloudWatch.1-14", it.Key)
		}
	}
	if _, ok := MonitoringItemByPattern(MonitoringItems[0].Pattern + " "); ok {
		t.Error("a pattern with one more character must not match")
	}
}
