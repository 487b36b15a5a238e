package provider

// "Not found" and other AWS error checks shared by every resource.

import (
	"errors"

	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
)

// errorCode is the AWS error code of err, or "".
func errorCode(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode()
	}
	return ""
}

// hasErrorCode reports whether err is an AWS error with one of codes.
func hasErrorCode(err error, codes ...string) bool {
	if err == nil {
		return false
	}
	code := errorCode(err)
	for _, c := range codes {
		if code == c {
			return true
		}
	}
	return false
}

// gotNoAnswer reports an error that carries no AWS error code: the request may
// have reached AWS and its response been lost (a non-idempotent call may have
// taken effect).
func gotNoAnswer(err error) bool {
	var apiErr smithy.APIError
	return err != nil && !errors.As(err, &apiErr)
}

// isBucketNotFound is HeadBucket's and the bucket calls' "no such bucket".
func isBucketNotFound(err error) bool {
	var nf *s3types.NotFound
	return errors.As(err, &nf) || hasErrorCode(err, "NoSuchBucket", "NotFound")
}

// S3 answers a read of a configuration the bucket does not have with an error:
// these are the codes that mean "not set", per configuration.
const (
	errNoPublicAccessBlock   = "NoSuchPublicAccessBlockConfiguration"
	errNoOwnershipControls   = "OwnershipControlsNotFoundError"
	errNoBucketEncryption    = "ServerSideEncryptionConfigurationNotFoundError"
	errNoBucketPolicy        = "NoSuchBucketPolicy"
	errNoLifecycle           = "NoSuchLifecycleConfiguration"
	errNoBucketTags          = "NoSuchTagSet"
	errNoBucketTagsVariant   = "NoSuchTagSetError"
	errIAMNoSuchEntity       = "NoSuchEntity"
	errLogsNotFound          = "ResourceNotFoundException"
	errLogsAlreadyExists     = "ResourceAlreadyExistsException"
	errTrailNotFound         = "TrailNotFoundException"
	errInsightNotEnabled     = "InsightNotEnabledException"
	errTrailAlreadyExists    = "TrailAlreadyExistsException"
	errSNSPolicyInsufficient = "InsufficientSnsTopicPolicyException"
	errFlowLogAlreadyExists  = "FlowLogAlreadyExists"
)
