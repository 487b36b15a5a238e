package provider

import (
	"testing"

	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// IAM role names are case-insensitive: moto 5.2.1 names the Config
// service-linked role AWSServiceRoleForconfig, AWS AWSServiceRoleForConfig; the
// role is found by its path and compared without case.
func TestConfigRecorder_sameRole(t *testing.T) {
	aws := "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
	moto := "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForconfig"
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{aws, aws, true},
		{aws, moto, true},
		{aws, "arn:aws:iam::123456789012:role/config-by-hand", false},
		{"", "", false}, // no recorder role is never the service-linked role
	} {
		if got := sameRole(tc.a, tc.b); got != tc.want {
			t.Errorf("sameRole(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// AWS reports the recording strategy with allSupported (moto too); an
// exclusion or inclusion strategy is not "all supported", whatever allSupported says.
func TestConfigRecorder_recordsAllSupported(t *testing.T) {
	strategy := func(s cfgtypes.RecordingStrategyType) *cfgtypes.RecordingStrategy {
		return &cfgtypes.RecordingStrategy{UseOnly: s}
	}
	for name, tc := range map[string]struct {
		g    *cfgtypes.RecordingGroup
		want bool
	}{
		"none":              {nil, false},
		"all, no strategy":  {&cfgtypes.RecordingGroup{AllSupported: true}, true},
		"all, strategy all": {&cfgtypes.RecordingGroup{AllSupported: true, RecordingStrategy: strategy(cfgtypes.RecordingStrategyTypeAllSupportedResourceTypes)}, true},
		"all, exclusion":    {&cfgtypes.RecordingGroup{AllSupported: true, RecordingStrategy: strategy(cfgtypes.RecordingStrategyTypeExclusionByResourceTypes)}, false},
		"listed types":      {&cfgtypes.RecordingGroup{ResourceTypes: []cfgtypes.ResourceType{cfgtypes.ResourceTypeBucket}}, false},
	} {
		if got := recordsAllSupported(tc.g); got != tc.want {
			t.Errorf("%s: recordsAllSupported = %v, want %v", name, got, tc.want)
		}
	}
}

// The managed bucket is hardened only with every control and exactly the
// resource's policy: AWS Config scoped to the account by aws:SourceAccount.
func TestConfigRecorder_bucketCompliant(t *testing.T) {
	const account, bucket = "123456789012", "hardened-config-123456789012-us-east-1"
	good := bucketSettings{Exists: true, PublicAccessBlocked: true, ACLsDisabled: true, Versioning: true,
		Encryption: sseS3Config(), Policy: configBucketPolicy("aws", account, bucket)}
	if !good.deliveryBucketCompliant("aws", bucket, configBucketPolicy("aws", account, bucket)) {
		t.Fatal("a bucket with every control is not compliant")
	}
	for name, weaken := range map[string]func(*bucketSettings){
		"missing":         func(b *bucketSettings) { b.Exists = false },
		"public access":   func(b *bucketSettings) { b.PublicAccessBlocked = false },
		"ACLs enabled":    func(b *bucketSettings) { b.ACLsDisabled = false },
		"versioning off":  func(b *bucketSettings) { b.Versioning = false },
		"no encryption":   func(b *bucketSettings) { b.Encryption = nil },
		"no policy":       func(b *bucketSettings) { b.Policy = "" },
		"another account": func(b *bucketSettings) { b.Policy = configBucketPolicy("aws", "210987654321", bucket) },
	} {
		b := good
		weaken(&b)
		if b.deliveryBucketCompliant("aws", bucket, configBucketPolicy("aws", account, bucket)) {
			t.Errorf("%s: reported compliant", name)
		}
	}
}

func sseS3Config() *s3types.ServerSideEncryptionConfiguration {
	return &s3types.ServerSideEncryptionConfiguration{Rules: []s3types.ServerSideEncryptionRule{sseS3()}}
}
