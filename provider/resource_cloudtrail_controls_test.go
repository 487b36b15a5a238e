package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// cloudTrailWeakenings break one control each outside Terraform, as an attacker
// or a careless admin would, keyed by control ID.
func cloudTrailWeakenings(c *awsclient.Client) map[string]func(t *testing.T) {
	ctx := context.Background()
	ct, s := c.CloudTrail(), c.S3()
	return map[string]func(t *testing.T){
		controls.CloudTrailMultiRegion.ID: func(t *testing.T) {
			mustCall(t)(ct.UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String(trailName), IsMultiRegionTrail: aws.Bool(false)}))
		},
		controls.CloudTrailGlobalServiceEvents.ID: func(t *testing.T) {
			mustCall(t)(ct.UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String(trailName),
				IncludeGlobalServiceEvents: aws.Bool(false)}))
		},
		controls.CloudTrailLogFileValidation.ID: func(t *testing.T) {
			mustCall(t)(ct.UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String(trailName), EnableLogFileValidation: aws.Bool(false)}))
		},
		controls.CloudTrailKMSEncryption.ID: func(t *testing.T) {
			// Pointed at a key nobody controls through this configuration.
			k, err := c.KMS().CreateKey(ctx, &kms.CreateKeyInput{Description: aws.String("someone else's key")})
			mustCall(t)(k, err)
			mustCall(t)(ct.UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String(trailName), KmsKeyId: k.KeyMetadata.Arn}))
		},
		controls.CloudTrailCloudWatchLogs.ID: func(t *testing.T) {
			mustCall(t)(c.CloudWatchLogs().DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String(trailGroup)}))
		},
		controls.CloudTrailLogging.ID: func(t *testing.T) {
			mustCall(t)(ct.StopLogging(ctx, &cloudtrail.StopLoggingInput{Name: aws.String(trailName)}))
		},
		controls.CloudTrailBucketNotPublic.ID: func(t *testing.T) {
			mustCall(t)(s.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String(trailBucket)}))
		},
		controls.CloudTrailBucketAccessLogging.ID: func(t *testing.T) {
			mustCall(t)(s.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: aws.String(trailBucket),
				BucketLoggingStatus: &s3types.BucketLoggingStatus{}}))
		},
		controls.CloudTrailKeyRotation.ID: func(t *testing.T) {
			mustCall(t)(c.KMS().DisableKeyRotation(ctx, &kms.DisableKeyRotationInput{KeyId: describeTrail(t, c).KmsKeyId}))
		},
		controls.CloudTrailBucketTLSOnly.ID: func(t *testing.T) {
			mustCall(t)(s.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(trailBucket)}))
		},
		controls.CloudTrailLogRetention.ID: func(t *testing.T) {
			mustCall(t)(s.DeleteBucketLifecycle(ctx, &s3.DeleteBucketLifecycleInput{Bucket: aws.String(trailBucket)}))
		},
		controls.CloudTrailS3WriteDataEvents.ID: func(t *testing.T) {
			mustCall(t)(ct.PutEventSelectors(ctx, &cloudtrail.PutEventSelectorsInput{TrailName: aws.String(trailName),
				AdvancedEventSelectors: cloudtrailEventSelectors("none")}))
		},
	}
}

func mustCall(t *testing.T) func(any, error) {
	return func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
}

// Every control of the "Controls enforced" table, walked from the same list the
// table is rendered from: its rejected configuration fails at plan citing the
// control, and its weakening outside Terraform shows in the plan as the status
// attribute going from false back to true, and apply repairs it (checked through
// the AWS API). The controls met on request are repaired the same way.
func TestAccCloudTrail_controlsEnforced(t *testing.T) {
	c := testAWSClient(t)
	weaken := cloudTrailWeakenings(c)
	repaired := func(s *terraform.State) error {
		return checkTrailHardened(t, c, trailBucket, s.RootModule().Resources[trailAddr].Primary.Attributes["kms_key_arn"], true)
	}
	steps := []resource.TestStep{{Config: trailOneLine, Check: repaired}}
	walked := map[string]bool{}
	for _, e := range cloudTrailEnforcement {
		id := e.Control.ID
		walked[id] = true
		if e.Rejects == "" && e.Drift == "" {
			t.Fatalf("%s is documented as enforced without saying how", id)
		}
		if e.Rejects != "" {
			steps = append(steps, resource.TestStep{
				Config:      fmt.Sprintf("resource \"hardened_cloudtrail\" \"t\" {\n  name = %q\n  %s\n}", trailName, e.Rejects),
				ExpectError: regexp.MustCompile(`(?s)Insecure.*` + regexp.QuoteMeta("["+id+"]")),
			})
		}
		if e.Drift != "" {
			w, ok := weaken[id]
			if !ok {
				t.Fatalf("%s: no weakening shows its drift on %s", id, e.Drift)
			}
			steps = append(steps, driftRepairedStep(t, trailOneLine, w, e.Drift, repaired))
		}
	}
	for id := range weaken {
		if !walked[id] && id != controls.CloudTrailS3WriteDataEvents.ID {
			t.Fatalf("a weakening of %s, which the docs do not list as enforced", id)
		}
	}
	// On request: S3 write data events, removed by hand, come back.
	const dataEvents = `resource "hardened_cloudtrail" "t" {
  name           = "org-trail"
  s3_data_events = "write"
}`
	steps = append(steps, resource.TestStep{Config: dataEvents, Check: func(*terraform.State) error { return expectS3WriteDataEvents(t, c) }},
		resource.TestStep{
			PreConfig: func() { weaken[controls.CloudTrailS3WriteDataEvents.ID](t) },
			Config:    dataEvents,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				expectPriorValue(trailAddr, tfjsonpath.New("s3_data_events"), knownvalue.StringExact("none")),
				plancheck.ExpectKnownValue(trailAddr, tfjsonpath.New("s3_data_events"), knownvalue.StringExact("write")),
			}},
			Check: func(*terraform.State) error { return expectS3WriteDataEvents(t, c) },
		})
	for _, id := range []string{controls.CloudTrailS3WriteDataEvents.ID, controls.CloudTrailS3ReadDataEvents.ID} {
		if !containsControl(cloudTrailOptionalControls, id) {
			t.Fatalf("%s is not among the controls met on request", id)
		}
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
}

// driftRepairedStep weakens a control, expects the plan to show its status
// attribute going from false to true, and checks the repair.
func driftRepairedStep(t *testing.T, config string, weaken func(*testing.T), flag string, check resource.TestCheckFunc) resource.TestStep {
	return resource.TestStep{
		PreConfig: func() { weaken(t) },
		Config:    config,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(trailAddr, plancheck.ResourceActionUpdate),
			expectPriorValue(trailAddr, tfjsonpath.New(flag), knownvalue.Bool(false)),
			plancheck.ExpectKnownValue(trailAddr, tfjsonpath.New(flag), knownvalue.Bool(true)),
		}},
		Check: check,
	}
}

func containsControl(cs []controls.Control, id string) bool {
	for _, c := range cs {
		if c.ID == id {
			return true
		}
	}
	return false
}
