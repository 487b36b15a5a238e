package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hardened-tf/terraform-provider-hardened/internal/emulator"
)

// Everything below is checked through the AWS API of the emulator, not through state.

const (
	trailAddr   = "hardened_cloudtrail.t"
	trailName   = "org-trail"
	trailBucket = "hardened-ct-" + emulator.DefaultAccountID + "-org-trail"
	trailAccess = trailBucket + "-access"
	trailRole   = "hardened-cloudtrail-org-trail"
	trailGroup  = "/aws/cloudtrail/org-trail"
	trailAlias  = "alias/hardened-cloudtrail/org-trail"
	trailARNAcc = "arn:aws:cloudtrail:us-east-1:" + emulator.DefaultAccountID + ":trail/org-trail"
)

const trailOneLine = `resource "hardened_cloudtrail" "t" { name = "org-trail" }`

// The one-line block builds the whole CIS-grade setup; the next plan is empty; the
// trail imports by name; out-of-band weakening is drift that apply repairs; options
// update in place; a weak setting fails at plan; destroy keeps the logs.
func TestAccCloudTrail_basic(t *testing.T) {
	c := testAWSClient(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             expectTrailDestroyedLogsKept(t, c),
		Steps: []resource.TestStep{
			{
				Config: trailOneLine,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(trailAddr, tfjsonpath.New("arn"), knownvalue.StringExact(trailARNAcc)),
					statecheck.ExpectKnownValue(trailAddr, tfjsonpath.New("home_region"), knownvalue.StringExact("us-east-1")),
					statecheck.ExpectKnownValue(trailAddr, tfjsonpath.New("s3_bucket_name"), knownvalue.StringExact(trailBucket)),
					statecheck.ExpectKnownValue(trailAddr, tfjsonpath.New("access_log_bucket_name"), knownvalue.StringExact(trailAccess)),
					statecheck.ExpectKnownValue(trailAddr, tfjsonpath.New("kms_key_arn"),
						knownvalue.StringRegexp(regexp.MustCompile(`^arn:aws:kms:us-east-1:123456789012:key/`))),
					statecheck.ExpectKnownValue(trailAddr, tfjsonpath.New("cloud_watch_logs_group_arn"),
						knownvalue.StringExact("arn:aws:logs:us-east-1:123456789012:log-group:/aws/cloudtrail/org-trail:*")),
					statecheck.ExpectKnownValue(trailAddr, tfjsonpath.New("cloud_watch_logs_role_arn"),
						knownvalue.StringExact("arn:aws:iam::123456789012:role/"+trailRole)),
					statecheck.ExpectKnownValue(trailAddr, tfjsonpath.New("is_logging"), knownvalue.Bool(true)),
				},
				Check: func(s *terraform.State) error {
					key := s.RootModule().Resources[trailAddr].Primary.Attributes["kms_key_arn"]
					return checkTrailHardened(t, c, trailBucket, key, true)
				},
			},
			{
				Config:           trailOneLine,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName:                         trailAddr,
				ImportState:                          true,
				ImportStateId:                        trailName,
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "name",
			},
			// Someone stops logging, turns validation off, suspends versioning, removes
			// the public access block and key rotation, and opens the bucket policy.
			{
				PreConfig: func() { weakenTrail(t, c) },
				Config:    trailOneLine,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(trailAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(trailAddr, tfjsonpath.New("is_logging"), knownvalue.Bool(true)),
				}},
				Check: func(s *terraform.State) error {
					key := s.RootModule().Resources[trailAddr].Primary.Attributes["kms_key_arn"]
					return checkTrailHardened(t, c, trailBucket, key, true)
				},
			},
			{
				Config:           trailOneLine,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			// The trail deleted by hand is created again on the storage that was kept.
			{
				PreConfig: func() {
					if _, err := c.CloudTrail().DeleteTrail(context.Background(), &cloudtrail.DeleteTrailInput{Name: aws.String(trailName)}); err != nil {
						t.Fatal(err)
					}
				},
				Config: trailOneLine,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(trailAddr, plancheck.ResourceActionCreate),
				}},
				Check: func(s *terraform.State) error {
					key := s.RootModule().Resources[trailAddr].Primary.Attributes["kms_key_arn"]
					if n := countKeys(t, c); n != 1 {
						return fmt.Errorf("%d KMS keys after re-creating the trail, want the first one reused", n)
					}
					return checkTrailHardened(t, c, trailBucket, key, true)
				},
			},
			// Turning a CIS setting off is refused at plan, naming the control.
			{
				Config: `resource "hardened_cloudtrail" "t" {
  name                       = "org-trail"
  enable_log_file_validation = false
}`,
				ExpectError: regexp.MustCompile(`(?s)enable_log_file_validation must be true.*CIS AWS Foundations`),
			},
			{
				Config: `resource "hardened_cloudtrail" "t" {
  name           = "org-trail"
  retention_days = 30
}`,
				ExpectError: regexp.MustCompile(`retention_days`),
			},
			// Options update in place, tags reach everything created.
			{
				PreConfig: func() {
					if _, err := c.SNS().CreateTopic(context.Background(), &sns.CreateTopicInput{Name: aws.String("trail-notify")}); err != nil {
						t.Fatal(err)
					}
				},
				Config: `resource "hardened_cloudtrail" "t" {
  name                            = "org-trail"
  s3_data_events                  = "write"
  insights                        = true
  sns_topic_arn                   = "arn:aws:sns:us-east-1:123456789012:trail-notify"
  archive_after_days              = 30
  retention_days                  = 400
  cloud_watch_logs_retention_days = 90
  tags                            = { Team = "security" }
}`,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(trailAddr, plancheck.ResourceActionUpdate),
				}},
				Check: func(s *terraform.State) error {
					key := s.RootModule().Resources[trailAddr].Primary.Attributes["kms_key_arn"]
					if err := checkTrailHardened(t, c, trailBucket, key, true); err != nil {
						return err
					}
					if err := expectS3WriteDataEvents(t, c); err != nil {
						return err
					}
					if err := expectLifecycle(t, c, trailBucket, 30, 400); err != nil {
						return err
					}
					if err := expectLogGroupRetention(t, c, 90); err != nil {
						return err
					}
					tr := describeTrail(t, c)
					if got := aws.ToString(tr.SnsTopicARN); got != "arn:aws:sns:us-east-1:123456789012:trail-notify" {
						return fmt.Errorf("trail notifies %q, want the trail-notify topic", got)
					}
					ins, err := c.CloudTrail().GetInsightSelectors(context.Background(), &cloudtrail.GetInsightSelectorsInput{TrailName: aws.String(trailName)})
					if err != nil {
						return err
					}
					if len(ins.InsightSelectors) != 2 {
						return fmt.Errorf("insight selectors %+v, want ApiCallRateInsight and ApiErrorRateInsight", ins.InsightSelectors)
					}
					return expectTrailStorageTagged(t, c, key, "Team", "security")
				},
			},
		},
	})
}

// Bring your own log bucket (e.g. in a logging account), key and CloudWatch Logs
// destination: they are referenced, never created, changed or deleted.
func TestAccCloudTrail_bringYourOwnStorage(t *testing.T) {
	c := testAWSClient(t)
	ctx := context.Background()
	const bucket, group, role = "central-audit-logs", "/central/cloudtrail", "central-cloudtrail-delivery"
	// The configuration names ARNs, so the fixtures exist before the test case.
	testAccPreCheck(t)
	if _, err := c.S3().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	k, err := c.KMS().CreateKey(ctx, &kms.CreateKeyInput{Description: aws.String("central audit key")})
	if err != nil {
		t.Fatal(err)
	}
	keyARN := aws.ToString(k.KeyMetadata.Arn)
	if _, err := c.CloudWatchLogs().CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(group)}); err != nil {
		t.Fatal(err)
	}
	groupARN := "arn:aws:logs:us-east-1:123456789012:log-group:" + group + ":*"
	r, err := c.IAM().CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(role),
		AssumeRolePolicyDocument: aws.String(cloudtrailLogsRoleTrust(emulator.DefaultAccountID, trailARNAcc))})
	if err != nil {
		t.Fatal(err)
	}
	roleARN := aws.ToString(r.Role.Arn)
	config := fmt.Sprintf(`resource "hardened_cloudtrail" "t" {
  name                       = "org-trail"
  s3_bucket_name             = %q
  kms_key_arn                = %q
  cloud_watch_logs_group_arn = %q
  cloud_watch_logs_role_arn  = %q
}`, bucket, keyARN, groupARN, roleARN)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if trailExists(t, c) {
				return errors.New("trail still exists after destroy")
			}
			// What the user brought is untouched.
			if !bucketExists(t, c, bucket) {
				return fmt.Errorf("brought bucket %s was deleted", bucket)
			}
			if _, err := c.IAM().GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(role)}); err != nil {
				return fmt.Errorf("brought role %s: %v", role, err)
			}
			if !logGroupExists(t, c, group) {
				return fmt.Errorf("brought log group %s was deleted", group)
			}
			if n := countKeys(t, c); n != 1 {
				return fmt.Errorf("%d KMS keys after destroy, want the brought one", n)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(trailAddr, tfjsonpath.New("s3_bucket_name"), knownvalue.StringExact(bucket)),
				statecheck.ExpectKnownValue(trailAddr, tfjsonpath.New("kms_key_arn"), knownvalue.StringExact(keyARN)),
				statecheck.ExpectKnownValue(trailAddr, tfjsonpath.New("access_log_bucket_name"), knownvalue.Null()),
			},
			Check: func(*terraform.State) error {
				if err := checkTrailHardened(t, c, bucket, keyARN, false); err != nil {
					return err
				}
				tr := describeTrail(t, c)
				if got := aws.ToString(tr.CloudWatchLogsLogGroupArn); got != groupARN {
					return fmt.Errorf("trail delivers to log group %q, want the brought %q", got, groupARN)
				}
				if got := aws.ToString(tr.CloudWatchLogsRoleArn); got != roleARN {
					return fmt.Errorf("trail uses role %q, want the brought %q", got, roleARN)
				}
				// Nothing of the managed storage was created.
				for _, b := range []string{trailBucket, trailAccess} {
					if bucketExists(t, c, b) {
						return fmt.Errorf("managed bucket %s created although a bucket was brought", b)
					}
				}
				if n := countKeys(t, c); n != 1 {
					return fmt.Errorf("%d KMS keys exist, want only the brought one", n)
				}
				if logGroupExists(t, c, trailGroup) {
					return fmt.Errorf("managed log group %s created although one was brought", trailGroup)
				}
				if _, err := c.IAM().GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(trailRole)}); err == nil {
					return fmt.Errorf("managed role %s created although one was brought", trailRole)
				}
				return nil
			},
		}, {
			Config:           config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

// A create that fails half-way (here: the log group name is taken by a group this
// provider did not create) saves what it built; once the conflict is gone the next
// apply completes, reusing the key and buckets instead of creating them twice.
func TestAccCloudTrail_halfFailedCreateCompletes(t *testing.T) {
	c := testAWSClient(t)
	ctx := context.Background()
	resource.Test(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			if _, err := c.CloudWatchLogs().CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{
				LogGroupName: aws.String(trailGroup)}); err != nil {
				t.Fatal(err)
			}
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             expectTrailDestroyedLogsKept(t, c),
		Steps: []resource.TestStep{
			{
				Config:      trailOneLine,
				ExpectError: regexp.MustCompile(`(?s)Log group name in use.*` + regexp.QuoteMeta(trailGroup)),
				Check: func(*terraform.State) error {
					return nil
				},
			},
			{
				PreConfig: func() {
					// The failed apply left the key and buckets, and no trail.
					if trailExists(t, c) {
						t.Fatal("a trail exists after the failed create")
					}
					if n := countKeys(t, c); n != 1 {
						t.Fatalf("%d KMS keys after the failed create, want 1", n)
					}
					if !bucketExists(t, c, trailBucket) {
						t.Fatalf("bucket %s missing after the failed create", trailBucket)
					}
					if _, err := c.CloudWatchLogs().DeleteLogGroup(ctx, &cloudwatchlogs.DeleteLogGroupInput{
						LogGroupName: aws.String(trailGroup)}); err != nil {
						t.Fatal(err)
					}
				},
				Config: trailOneLine,
				Check: func(s *terraform.State) error {
					key := s.RootModule().Resources[trailAddr].Primary.Attributes["kms_key_arn"]
					if err := checkTrailHardened(t, c, trailBucket, key, true); err != nil {
						return err
					}
					if n := countKeys(t, c); n != 1 {
						return fmt.Errorf("%d KMS keys after the second apply, want 1 (the first one reused)", n)
					}
					if n := countTrails(t, c); n != 1 {
						return fmt.Errorf("%d trails, want 1", n)
					}
					return nil
				},
			},
			{
				Config:           trailOneLine,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// force_destroy_logs = true deletes the buckets (with their objects) and schedules the key's deletion.
func TestAccCloudTrail_forceDestroyLogs(t *testing.T) {
	c := testAWSClient(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			for _, b := range []string{trailBucket, trailAccess} {
				if bucketExists(t, c, b) {
					return fmt.Errorf("bucket %s kept although force_destroy_logs = true", b)
				}
			}
			if trailExists(t, c) || logGroupExists(t, c, trailGroup) {
				return errors.New("trail or log group left after destroy")
			}
			if n := countKeys(t, c); n != 0 {
				return fmt.Errorf("%d KMS keys not scheduled for deletion although force_destroy_logs = true", n)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: `resource "hardened_cloudtrail" "t" {
  name               = "org-trail"
  force_destroy_logs = true
}`,
			Check: func(*terraform.State) error {
				// A log object, so the bucket is not empty when it is destroyed. (The
				// emulator is reached over plain HTTP, which the bucket policy denies:
				// lift the policy for this write.)
				ctx := context.Background()
				pol, err := c.S3().GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(trailBucket)})
				if err != nil {
					return err
				}
				if _, err := c.S3().DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(trailBucket)}); err != nil {
					return err
				}
				if _, err := c.S3().PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(trailBucket),
					Key: aws.String("AWSLogs/123456789012/CloudTrail/us-east-1/log.json.gz"), Body: strings.NewReader("{}")}); err != nil {
					return err
				}
				_, err = c.S3().PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(trailBucket), Policy: pol.Policy})
				return err
			},
		}},
	})
}
