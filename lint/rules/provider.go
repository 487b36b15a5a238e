// Package rules holds hardened-lint's rules: one rule per file, named after its
// ID (aws_<resource>_<problem>.go) beside its table test, its examples in
// examples/lint/<ID>/. Helpers shared by several rules live in files named for
// what they do: attribute_reader.go, attribute_checks.go, policy_document.go,
// s3_bucket_correlation.go, security_group_rule_extraction.go and
// cloudtrail_bucket_correlation.go.
package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// All is the registry: every rule, sorted by ID.
func All() []engine.Rule {
	// Sorted by rule ID (TestRegistrySorted); make new-rule inserts new rules in place.
	return []engine.Rule{
		AwsAMIPublic{},
		AwsCloudFrontHTTPS{},
		AwsCloudFrontTLS{},
		AwsCloudtrailBucketAccessLogging{},
		AwsCloudtrailBucketDeleteProtection{},
		AwsCloudtrailBucketKMS{},
		AwsCloudtrailBucketLifecycle{},
		AwsCloudtrailBucketPublic{},
		AwsCloudtrailCloudwatchLogs{},
		AwsCloudtrailGlobalServiceEvents{},
		AwsCloudtrailKMSEncryption{},
		AwsCloudtrailLogFileValidation{},
		AwsCloudtrailLoggingEnabled{},
		AwsCloudtrailMultiRegion{},
		AwsCloudtrailS3DataEvents{},
		AwsCloudtrailSNSNotification{},
		AwsCloudwatchLogGroupKMS{},
		AwsCloudwatchLogGroupRetention{},
		AwsCloudwatchLogMetricFilterCisPattern{},
		AwsConfigRecorderAll{},
		AwsDBSecurityGroupWorld{},
		AwsDefaultSecurityGroupRules{},
		AwsEBSCopyEncryption{},
		AwsEBSEncryptionByDefault{},
		AwsEBSVolumeEncryption{},
		AwsELBTLSPolicy{},
		AwsGuardDutyEnabled{},
		AwsGuardDutyFeatureEnabled{},
		AwsIAMAccessKey{},
		AwsIAMCloudtrailTampering{},
		AwsIAMFullAdminPolicy{},
		AwsIAMPasswordPolicyCharacterClasses{},
		AwsIAMPasswordPolicyMaxAge{},
		AwsIAMPasswordPolicyMinLength{},
		AwsIAMPasswordPolicyReusePrevention{},
		AwsIAMPrivilegeEscalationPolicy{},
		AwsIAMUserDirectPolicy{},
		AwsIAMUserLoginProfileDirectPolicy{},
		AwsInstanceIMDSv2{},
		AwsKMSKeyPublicPolicy{},
		AwsKMSKeyRotation{},
		AwsLambdaPermissionPublic{},
		AwsLambdaPermissionServiceSource{},
		AwsLBHTTPS{},
		AwsLBTLSPolicy{},
		AwsNetworkACLWorldAdminPorts{},
		AwsRDSEncryption{},
		AwsRDSPublic{},
		AwsRedshiftEncryption{},
		AwsRedshiftPublic{},
		AwsS3AccountPublicAccessBlock{},
		AwsS3BucketAccessLogging{},
		AwsS3BucketMFADelete{},
		AwsS3BucketPublicAccessBlock{},
		AwsS3BucketPublicACL{},
		AwsS3BucketPublicPolicy{},
		AwsS3BucketTLSOnly{},
		AwsS3BucketVersioning{},
		AwsS3BucketWebsite{},
		AwsSecurityControlDeleted{},
		AwsSecurityControlWeakened{},
		AwsSecurityGroupDescription{},
		AwsSecurityGroupWidePortRange{},
		AwsSecurityGroupWorldAdminPorts{},
		AwsSecurityGroupWorldAllProtocols{},
		AwsSecurityGroupWorldEgress{},
		AwsSecurityGroupWorldICMP{},
		AwsSecurityHubEnabled{},
		AwsSNSTopicEncryption{},
		AwsSNSTopicPublicPolicy{},
		AwsSQSQueueEncryption{},
		AwsSQSQueuePublicPolicy{},
		AwsVPCDefaultSecurityGroup{},
		AwsVPCFlowLogs{},
		HardenedAccountPosture{},
	}
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
