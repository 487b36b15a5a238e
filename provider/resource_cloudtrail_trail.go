package provider

// hardened_cloudtrail's trail: created or updated onto its storage (retried while
// new roles and policies propagate), its event and insight selectors, logging,
// tags; read back for drift.

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// ctTrailSettings is what the trail is set to, beside its storage.
type ctTrailSettings struct {
	SNSTopicARN  string
	S3DataEvents string
	Insights     bool
	Tags         map[string]string
}

// isPropagationError reports the errors CloudTrail returns while a just-created
// role or a just-written key or bucket policy is not yet visible to it.
func isPropagationError(err error) bool {
	return hasErrorCode(err, "InvalidCloudWatchLogsRoleArnException", "InvalidCloudWatchLogsLogGroupArnException",
		"InsufficientS3BucketPolicyException", "InsufficientEncryptionPolicyException",
		"KmsKeyNotFoundException", "InvalidKmsKeyIdException")
}

// retryPropagation calls f until it succeeds, fails with another error, or the resource's propagation pacing runs out.
func (r *CloudTrailResource) retryPropagation(ctx context.Context, f func() error) error {
	return retryWhile(ctx, r.clock, r.propagation, isPropagationError, f)
}

// createTrail creates the trail on its storage and returns its ARN.
func (r *CloudTrailResource) createTrail(ctx context.Context, n ctNames, s ctStorage, set ctTrailSettings,
	diags *diag.Diagnostics) (string, bool) {
	in := &cloudtrail.CreateTrailInput{
		Name: aws.String(n.trail), S3BucketName: aws.String(s.Buckets.Log), KmsKeyId: aws.String(s.Key.ARN),
		IsMultiRegionTrail: aws.Bool(true), IncludeGlobalServiceEvents: aws.Bool(true),
		EnableLogFileValidation:   aws.Bool(true),
		CloudWatchLogsLogGroupArn: aws.String(trailLogGroupARN(s.Logs.GroupARN)), CloudWatchLogsRoleArn: aws.String(s.Role.ARN),
		TagsList: cloudtrailTags(set.Tags),
	}
	if sns := snsTopicReference(set.SNSTopicARN, n); sns != "" {
		in.SnsTopicName = aws.String(sns)
	}
	var out *cloudtrail.CreateTrailOutput
	err := r.retryPropagation(ctx, func() (err error) { out, err = r.client.CloudTrail().CreateTrail(ctx, in); return err })
	if err != nil {
		hint := "Fix the cause and apply again: the storage created so far is recorded and reused."
		switch errorCode(err) {
		case errTrailAlreadyExists:
			hint = fmt.Sprintf("A trail named %q already exists: import it (terraform import "+
				"hardened_cloudtrail.NAME %s) or choose another name.", n.trail, n.trail)
		case errSNSPolicyInsufficient:
			hint = "Check that sns_topic_arn names an existing topic whose policy lets cloudtrail.amazonaws.com " +
				"publish, then apply again: the storage created so far is recorded and reused."
		}
		addAPIError(diags, "cloudtrail:CreateTrail", "trail "+n.trail, err, hint)
		return "", false
	}
	return aws.ToString(out.TrailARN), true
}

// updateTrail points the trail at its storage again (the repair of every
// destination and CIS setting), and makes its tags exactly set.Tags.
func (r *CloudTrailResource) updateTrail(ctx context.Context, n ctNames, s ctStorage, set ctTrailSettings,
	diags *diag.Diagnostics) (string, bool) {
	in := &cloudtrail.UpdateTrailInput{
		Name: aws.String(n.trail), S3BucketName: aws.String(s.Buckets.Log), KmsKeyId: aws.String(s.Key.ARN),
		IsMultiRegionTrail: aws.Bool(true), IncludeGlobalServiceEvents: aws.Bool(true),
		EnableLogFileValidation:   aws.Bool(true),
		CloudWatchLogsLogGroupArn: aws.String(trailLogGroupARN(s.Logs.GroupARN)), CloudWatchLogsRoleArn: aws.String(s.Role.ARN),
		SnsTopicName: aws.String(snsTopicReference(set.SNSTopicARN, n)), // "" removes the notification
	}
	var out *cloudtrail.UpdateTrailOutput
	err := r.retryPropagation(ctx, func() (err error) { out, err = r.client.CloudTrail().UpdateTrail(ctx, in); return err })
	if err != nil {
		addAPIError(diags, "cloudtrail:UpdateTrail", "trail "+n.trail, err, "")
		return "", false
	}
	arn := aws.ToString(out.TrailARN)
	return arn, r.syncTrailTags(ctx, arn, set.Tags, diags)
}

// configureTrail sets the event selectors (all management events, S3 data events
// as configured), Insights, and starts logging (a new trail starts stopped).
// Insights are written on a new trail only when wanted.
func (r *CloudTrailResource) configureTrail(ctx context.Context, n ctNames, set ctTrailSettings, isNew bool,
	diags *diag.Diagnostics) bool {
	ct := r.client.CloudTrail()
	if _, err := ct.PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{
		TrailName:              aws.String(n.trail),
		AdvancedEventSelectors: cloudtrailEventSelectors(set.S3DataEvents),
	}); err != nil {
		addAPIError(diags, "cloudtrail:PutEventSelectors", "trail "+n.trail, err, "")
		return false
	}
	insights := []cttypes.InsightSelector{} // empty, not nil: an empty list turns Insights off
	if set.Insights {
		insights = []cttypes.InsightSelector{{InsightType: cttypes.InsightTypeApiCallRateInsight},
			{InsightType: cttypes.InsightTypeApiErrorRateInsight}}
	}
	if set.Insights || !isNew {
		if _, err := ct.PutInsightSelectors(ctx, &cloudtrail.PutInsightSelectorsInput{
			TrailName: aws.String(n.trail), InsightSelectors: insights,
		}); err != nil {
			addAPIError(diags, "cloudtrail:PutInsightSelectors", "trail "+n.trail, err, "")
			return false
		}
	}
	// Addressed by name (in its home region).
	if _, err := ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String(n.trail)}); err != nil {
		addAPIError(diags, "cloudtrail:StartLogging", "trail "+n.trail, err, "")
		return false
	}
	return true
}

// snsTopicReference is what CloudTrail's SnsTopicName gets: the topic's name when
// it lives in the trail's account and region (AWS accepts the name or the ARN; the
// emulator only the name), the ARN otherwise.
func snsTopicReference(topicARN string, n ctNames) string {
	prefix := fmt.Sprintf("arn:%s:sns:%s:%s:", n.partition, n.region, n.account)
	if name, ok := strings.CutPrefix(topicARN, prefix); ok && name != "" && !strings.Contains(name, ":") {
		return name
	}
	return topicARN
}

// cloudtrailEventSelectors records every management event (read and write) and,
// for "write" or "all", S3 object-level events of every bucket.
func cloudtrailEventSelectors(s3DataEvents string) []cttypes.AdvancedEventSelector {
	sel := []cttypes.AdvancedEventSelector{{
		Name:           aws.String("Management events"),
		FieldSelectors: []cttypes.AdvancedFieldSelector{{Field: aws.String("eventCategory"), Equals: []string{"Management"}}},
	}}
	if s3DataEvents == "write" || s3DataEvents == "all" {
		fs := []cttypes.AdvancedFieldSelector{
			{Field: aws.String("eventCategory"), Equals: []string{"Data"}},
			{Field: aws.String("resources.type"), Equals: []string{"AWS::S3::Object"}},
		}
		if s3DataEvents == "write" {
			fs = append(fs, cttypes.AdvancedFieldSelector{Field: aws.String("readOnly"), Equals: []string{"false"}})
		}
		sel = append(sel, cttypes.AdvancedEventSelector{Name: aws.String("S3 data events"), FieldSelectors: fs})
	}
	return sel
}

// s3DataEventsOf reads back what cloudtrailEventSelectors wrote.
func s3DataEventsOf(sel []cttypes.AdvancedEventSelector) string {
	out := "none"
	for _, s := range sel {
		isS3, readOnly := false, ""
		for _, f := range s.FieldSelectors {
			switch aws.ToString(f.Field) {
			case "resources.type":
				isS3 = len(f.Equals) == 1 && f.Equals[0] == "AWS::S3::Object"
			case "readOnly":
				if len(f.Equals) == 1 {
					readOnly = f.Equals[0]
				}
			}
		}
		if isS3 && readOnly == "" {
			return "all"
		}
		if isS3 && readOnly == "false" {
			out = "write"
		}
	}
	return out
}

// cloudtrailRecordsAllManagementEvents: an advanced selector on eventCategory
// Management with no readOnly filter, or a basic selector with ReadWriteType All.
func cloudtrailRecordsAllManagementEvents(sel *cloudtrail.GetEventSelectorsOutput) bool {
	for _, s := range sel.AdvancedEventSelectors {
		mgmt, filtered := false, false
		for _, f := range s.FieldSelectors {
			switch aws.ToString(f.Field) {
			case "eventCategory":
				mgmt = len(f.Equals) == 1 && f.Equals[0] == "Management"
			default:
				filtered = true
			}
		}
		if mgmt && !filtered {
			return true
		}
	}
	for _, s := range sel.EventSelectors {
		if aws.ToBool(s.IncludeManagementEvents) && s.ReadWriteType == cttypes.ReadWriteTypeAll {
			return true
		}
	}
	return false
}

func (r *CloudTrailResource) syncTrailTags(ctx context.Context, arn string, want map[string]string, diags *diag.Diagnostics) bool {
	ct := r.client.CloudTrail()
	have, ok := r.trailTags(ctx, arn, diags)
	if !ok {
		return false
	}
	set, remove := tagDiff(have, want)
	if len(remove) > 0 {
		var tags []cttypes.Tag
		for _, k := range remove {
			tags = append(tags, cttypes.Tag{Key: aws.String(k)})
		}
		if _, err := ct.RemoveTags(ctx, &cloudtrail.RemoveTagsInput{ResourceId: aws.String(arn), TagsList: tags}); err != nil {
			addAPIError(diags, "cloudtrail:RemoveTags", "trail "+arn, err, "")
			return false
		}
	}
	if len(set) > 0 {
		if _, err := ct.AddTags(ctx, &cloudtrail.AddTagsInput{ResourceId: aws.String(arn), TagsList: cloudtrailTags(set)}); err != nil {
			addAPIError(diags, "cloudtrail:AddTags", "trail "+arn, err, "")
			return false
		}
	}
	return true
}

func (r *CloudTrailResource) trailTags(ctx context.Context, arn string, diags *diag.Diagnostics) (map[string]string, bool) {
	out, err := r.client.CloudTrail().ListTags(ctx, &cloudtrail.ListTagsInput{ResourceIdList: []string{arn}})
	if err != nil {
		addAPIError(diags, "cloudtrail:ListTags", "trail "+arn, err, "")
		return nil, false
	}
	tags := map[string]string{}
	for _, rt := range out.ResourceTagList {
		for _, t := range rt.TagsList {
			tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
	}
	return tags, true
}

// deleteTrail deletes the trail by name in its home region (moto ignores DeleteTrail with an ARN).
func (r *CloudTrailResource) deleteTrail(ctx context.Context, n ctNames, diags *diag.Diagnostics) bool {
	if _, err := r.client.CloudTrail().DeleteTrail(ctx, &cloudtrail.DeleteTrailInput{Name: aws.String(n.trail)}); err != nil &&
		!hasErrorCode(err, errTrailNotFound) {
		addAPIError(diags, "cloudtrail:DeleteTrail", "trail "+n.trail, err, "")
		return false
	}
	return true
}
