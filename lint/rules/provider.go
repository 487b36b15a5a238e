package rules

import (
	"sort"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// All is the registry of rules, sorted by ID.
func All() []engine.Rule {
	rules := []engine.Rule{
		AwsIAMAccessKey{},
		AwsIAMUserDirectPolicy{},
		AwsLambdaPermissionPublic{},
		AwsSNSTopicEncryption{},
		AwsSQSQueueEncryption{},
		AwsAMIPublic{},
		AwsNetworkACLWorldAdminPorts{},
		AwsCloudFrontHTTPS{},
		AwsCloudFrontTLS{},
		AwsConfigRecorderAll{},
		AwsGuardDutyEnabled{},
		AwsIAMFullAdminPolicy{},
		AwsLBHTTPS{},
		AwsLBTLSPolicy{},
		AwsRDSEncryption{},
		AwsRDSPublic{},
		AwsRedshiftEncryption{},
		AwsRedshiftPublic{},
		AwsCloudtrailBucketAccessLogging{},
		AwsCloudtrailBucketPublic{},
		AwsCloudtrailCloudwatchLogs{},
		AwsCloudtrailGlobalServiceEvents{},
		AwsCloudtrailKMSEncryption{},
		AwsCloudtrailLogFileValidation{},
		AwsCloudtrailLoggingEnabled{},
		AwsCloudtrailMultiRegion{},
		AwsDefaultSecurityGroupRules{},
		AwsEBSEncryptionByDefault{},
		AwsEBSVolumeEncryption{},
		AwsIAMPasswordPolicyCharacterClasses{},
		AwsIAMPasswordPolicyMaxAge{},
		AwsIAMPasswordPolicyMinLength{},
		AwsIAMPasswordPolicyReusePrevention{},
		AwsInstanceIMDSv2{},
		AwsKMSKeyRotation{},
		AwsS3BucketAccessLogging{},
		AwsS3BucketPublicACL{},
		AwsS3BucketPublicAccessBlock{},
		AwsS3BucketPublicPolicy{},
		AwsS3BucketVersioning{},
		AwsSecurityGroupWidePortRange{},
		AwsSecurityGroupWorldAdminPorts{},
		AwsSecurityGroupWorldAllProtocols{},
		AwsVPCFlowLogs{},
		AwsCloudwatchLogGroupRetention{},
		AwsCloudwatchLogGroupKMS{},
		AwsSecurityHubEnabled{},
		AwsS3AccountPublicAccessBlock{},
		AwsEBSCopyEncryption{},
		AwsSecurityGroupWorldICMP{},
		AwsSecurityGroupWorldEgress{},
		AwsSecurityGroupDescription{},
		AwsVPCDefaultSecurityGroup{},
		AwsDBSecurityGroupWorld{},
		AwsCloudtrailS3DataEvents{},
		AwsCloudtrailSNSNotification{},
		AwsCloudtrailBucketDeleteProtection{},
		AwsCloudtrailBucketLifecycle{},
		AwsS3BucketTLSOnly{},
		AwsS3BucketWebsite{},
		AwsIAMCloudtrailTampering{},
		AwsS3BucketMFADelete{},
		AwsIAMUserLoginProfileDirectPolicy{},
		AwsCloudtrailBucketKMS{},
		HardenedAccountPosture{},
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].Metadata().ID < rules[j].Metadata().ID })
	return rules
}

// Lookup finds a rule by ID.
func Lookup(id string) (engine.Rule, bool) {
	for _, r := range All() {
		if r.Metadata().ID == id {
			return r, true
		}
	}
	return nil, false
}
