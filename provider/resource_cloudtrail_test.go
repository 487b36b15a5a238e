package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
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

// checkTrailHardened checks through the AWS API everything the issue asks of the
// trail and, when managed, its storage.
func checkTrailHardened(t *testing.T, c *awsclient.Client, bucket, keyARN string, managed bool) error {
	t.Helper()
	name := trailName
	ctx := context.Background()
	tr := describeTrail(t, c)
	if tr == nil {
		return fmt.Errorf("trail %s does not exist", name)
	}
	switch {
	case !aws.ToBool(tr.IsMultiRegionTrail):
		return errors.New("trail is not multi-region")
	case !aws.ToBool(tr.IncludeGlobalServiceEvents):
		return errors.New("trail does not include global service events")
	case !aws.ToBool(tr.LogFileValidationEnabled):
		return errors.New("log file validation is off")
	case aws.ToString(tr.KmsKeyId) != keyARN:
		return fmt.Errorf("trail encrypts with %q, want %q", aws.ToString(tr.KmsKeyId), keyARN)
	case aws.ToString(tr.S3BucketName) != bucket:
		return fmt.Errorf("trail delivers to bucket %q, want %q", aws.ToString(tr.S3BucketName), bucket)
	case aws.ToString(tr.CloudWatchLogsLogGroupArn) == "" || aws.ToString(tr.CloudWatchLogsRoleArn) == "":
		return errors.New("trail does not deliver to CloudWatch Logs")
	}
	st, err := c.CloudTrail().GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(name)})
	if err != nil {
		return err
	}
	if !aws.ToBool(st.IsLogging) {
		return errors.New("trail is not logging")
	}
	sel, err := c.CloudTrail().GetEventSelectors(ctx, &cloudtrail.GetEventSelectorsInput{TrailName: aws.String(name)})
	if err != nil {
		return err
	}
	if !cloudtrailRecordsAllManagementEvents(sel) {
		return fmt.Errorf("event selectors do not record all management events: %+v", sel.AdvancedEventSelectors)
	}
	if !managed {
		return nil
	}

	// The key: customer managed, rotated, CloudTrail may encrypt only for this account's trails.
	k, err := c.KMS().DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(keyARN)})
	if err != nil {
		return err
	}
	if k.KeyMetadata.KeyManager != "CUSTOMER" {
		return fmt.Errorf("trail key is managed by %s, want CUSTOMER", k.KeyMetadata.KeyManager)
	}
	rot, err := c.KMS().GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(keyARN)})
	if err != nil {
		return err
	}
	if !rot.KeyRotationEnabled {
		return errors.New("trail key rotation is off")
	}
	kp, err := c.KMS().GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(keyARN), PolicyName: aws.String("default")})
	if err != nil {
		return err
	}
	if !strings.Contains(aws.ToString(kp.Policy), `"kms:EncryptionContext:aws:cloudtrail:arn":"arn:aws:cloudtrail:*:123456789012:trail/*"`) {
		return fmt.Errorf("key policy lacks the CloudTrail encryption-context condition: %s", aws.ToString(kp.Policy))
	}
	aliases, err := c.KMS().ListAliases(ctx, &kms.ListAliasesInput{KeyId: aws.String(keyARN)})
	if err != nil {
		return err
	}
	if len(aliases.Aliases) != 1 || aws.ToString(aliases.Aliases[0].AliasName) != trailAlias {
		return fmt.Errorf("key aliases %+v, want %s", aliases.Aliases, trailAlias)
	}

	// Both buckets: all four public access blocks, no ACLs, versioning, encryption, TLS only.
	for _, b := range []string{bucket, bucket + "-access"} {
		pab, err := c.S3().GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String(b)})
		if err != nil {
			return fmt.Errorf("bucket %s public access block: %w", b, err)
		}
		p := pab.PublicAccessBlockConfiguration
		if !aws.ToBool(p.BlockPublicAcls) || !aws.ToBool(p.BlockPublicPolicy) || !aws.ToBool(p.IgnorePublicAcls) ||
			!aws.ToBool(p.RestrictPublicBuckets) {
			return fmt.Errorf("bucket %s public access block incomplete: %+v", b, *p)
		}
		own, err := c.S3().GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(b)})
		if err != nil {
			return fmt.Errorf("bucket %s ownership: %w", b, err)
		}
		if len(own.OwnershipControls.Rules) != 1 || own.OwnershipControls.Rules[0].ObjectOwnership != s3types.ObjectOwnershipBucketOwnerEnforced {
			return fmt.Errorf("bucket %s ownership %+v, want BucketOwnerEnforced", b, own.OwnershipControls.Rules)
		}
		ver, err := c.S3().GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(b)})
		if err != nil {
			return err
		}
		if ver.Status != s3types.BucketVersioningStatusEnabled {
			return fmt.Errorf("bucket %s versioning is %q", b, ver.Status)
		}
		pol, err := c.S3().GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(b)})
		if err != nil {
			return fmt.Errorf("bucket %s policy: %w", b, err)
		}
		if !strings.Contains(aws.ToString(pol.Policy), `"aws:SecureTransport":"false"`) {
			return fmt.Errorf("bucket %s policy does not deny plain HTTP: %s", b, aws.ToString(pol.Policy))
		}
	}
	enc, err := c.S3().GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(bucket)})
	if err != nil {
		return err
	}
	rule := enc.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault
	if rule.SSEAlgorithm != s3types.ServerSideEncryptionAwsKms || aws.ToString(rule.KMSMasterKeyID) != keyARN {
		return fmt.Errorf("log bucket encryption %s with %q, want aws:kms with the trail key", rule.SSEAlgorithm, aws.ToString(rule.KMSMasterKeyID))
	}
	pol, err := c.S3().GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(bucket)})
	if err != nil {
		return err
	}
	var doc struct{ Statement []map[string]any }
	if err := json.Unmarshal([]byte(aws.ToString(pol.Policy)), &doc); err != nil {
		return err
	}
	writes := 0
	for _, s := range doc.Statement {
		if s["Effect"] == "Allow" && fmt.Sprint(s["Action"]) == "s3:PutObject" {
			writes++
			if !strings.Contains(fmt.Sprint(s["Condition"]), "aws:SourceArn:"+trailARNAcc) {
				return fmt.Errorf("CloudTrail may write without aws:SourceArn = the trail: %v", s)
			}
		}
	}
	if writes != 1 {
		return fmt.Errorf("%d PutObject grants in the log bucket policy, want 1", writes)
	}
	lg, err := c.S3().GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String(bucket)})
	if err != nil {
		return err
	}
	if lg.LoggingEnabled == nil || aws.ToString(lg.LoggingEnabled.TargetBucket) != bucket+"-access" {
		return fmt.Errorf("log bucket access logging %+v, want into %s-access", lg.LoggingEnabled, bucket)
	}

	// The log group: encrypted with the trail key, with a retention; the delivery role is scoped to it.
	groups, err := c.CloudWatchLogs().DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(trailGroup)})
	if err != nil {
		return err
	}
	if len(groups.LogGroups) != 1 || aws.ToString(groups.LogGroups[0].KmsKeyId) != keyARN || groups.LogGroups[0].RetentionInDays == nil {
		return fmt.Errorf("log group %s: %+v, want one encrypted with the trail key and a retention", trailGroup, groups.LogGroups)
	}
	rp, err := c.IAM().GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(trailRole), PolicyName: aws.String("cloudtrail-delivery")})
	if err != nil {
		return err
	}
	if !policiesEquivalent(iamDocument(rp.PolicyDocument), cloudtrailLogsRolePolicy(strings.TrimSuffix(aws.ToString(groups.LogGroups[0].Arn), ":*"))) {
		return fmt.Errorf("delivery role policy is not scoped to the log group: %s", iamDocument(rp.PolicyDocument))
	}
	return expectLifecycleAtLeast(t, c, bucket)
}

// weakenTrail does by hand what an attacker or a careless admin would.
func weakenTrail(t *testing.T, c *awsclient.Client) {
	t.Helper()
	ctx := context.Background()
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(c.CloudTrail().StopLogging(ctx, &cloudtrail.StopLoggingInput{Name: aws.String(trailName)}))
	must(c.CloudTrail().UpdateTrail(ctx, &cloudtrail.UpdateTrailInput{Name: aws.String(trailName), EnableLogFileValidation: aws.Bool(false)}))
	must(c.S3().PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(trailBucket),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusSuspended}}))
	must(c.S3().DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String(trailBucket)}))
	must(c.S3().DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(trailBucket)}))
	tr := describeTrail(t, c)
	must(c.KMS().DisableKeyRotation(ctx, &kms.DisableKeyRotationInput{KeyId: tr.KmsKeyId}))
	st, err := c.CloudTrail().GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(trailName)})
	if err != nil || aws.ToBool(st.IsLogging) {
		t.Fatalf("the emulator did not stop logging: %v", err)
	}
}

func expectTrailDestroyedLogsKept(t *testing.T, c *awsclient.Client) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if trailExists(t, c) {
			return errors.New("trail still exists after destroy")
		}
		if logGroupExists(t, c, trailGroup) {
			return fmt.Errorf("log group %s still exists after destroy", trailGroup)
		}
		_, err := c.IAM().GetRole(context.Background(), &iam.GetRoleInput{RoleName: aws.String(trailRole)})
		var nf *iamtypes.NoSuchEntityException
		if !errors.As(err, &nf) {
			return fmt.Errorf("delivery role %s still exists after destroy (%v)", trailRole, err)
		}
		for _, b := range []string{trailBucket, trailAccess} {
			if !bucketExists(t, c, b) {
				return fmt.Errorf("log bucket %s was deleted: logs must be kept", b)
			}
		}
		if n := countKeys(t, c); n != 1 {
			return fmt.Errorf("%d KMS keys after destroy, want the trail key kept", n)
		}
		return nil
	}
}

func describeTrail(t *testing.T, c *awsclient.Client) *cttypes.Trail {
	t.Helper()
	// The emulator ignores trailNameList: filter here.
	out, err := c.CloudTrail().DescribeTrails(context.Background(), &cloudtrail.DescribeTrailsInput{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range out.TrailList {
		if aws.ToString(out.TrailList[i].Name) == trailName {
			return &out.TrailList[i]
		}
	}
	return nil
}

func trailExists(t *testing.T, c *awsclient.Client) bool {
	return describeTrail(t, c) != nil
}

func countTrails(t *testing.T, c *awsclient.Client) int {
	t.Helper()
	out, err := c.CloudTrail().DescribeTrails(context.Background(), &cloudtrail.DescribeTrailsInput{})
	if err != nil {
		t.Fatal(err)
	}
	return len(out.TrailList)
}

func bucketExists(t *testing.T, c *awsclient.Client, b string) bool {
	t.Helper()
	_, err := c.S3().HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String(b)})
	return err == nil
}

func logGroupExists(t *testing.T, c *awsclient.Client, group string) bool {
	t.Helper()
	out, err := c.CloudWatchLogs().DescribeLogGroups(context.Background(), &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(group)})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range out.LogGroups {
		if aws.ToString(g.LogGroupName) == group {
			return true
		}
	}
	return false
}

// countKeys counts KMS keys that are not pending deletion.
func countKeys(t *testing.T, c *awsclient.Client) int {
	t.Helper()
	ctx := context.Background()
	out, err := c.KMS().ListKeys(ctx, &kms.ListKeysInput{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, k := range out.Keys {
		d, err := c.KMS().DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: k.KeyId})
		if err != nil {
			t.Fatal(err)
		}
		if d.KeyMetadata.KeyState != "PendingDeletion" {
			n++
		}
	}
	return n
}

func expectS3WriteDataEvents(t *testing.T, c *awsclient.Client) error {
	t.Helper()
	sel, err := c.CloudTrail().GetEventSelectors(context.Background(), &cloudtrail.GetEventSelectorsInput{TrailName: aws.String(trailName)})
	if err != nil {
		return err
	}
	if got := s3DataEventsOf(sel.AdvancedEventSelectors); got != "write" {
		return fmt.Errorf("S3 data events recorded: %q, want write (selectors %+v)", got, sel.AdvancedEventSelectors)
	}
	return nil
}

func expectLifecycleAtLeast(t *testing.T, c *awsclient.Client, bucket string) error {
	t.Helper()
	out, err := c.S3().GetBucketLifecycleConfiguration(context.Background(), &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(bucket)})
	if err != nil {
		return fmt.Errorf("log bucket lifecycle: %w", err)
	}
	archive, retention, ok := lifecycleDays(out.Rules)
	if !ok || archive <= 0 || retention < 90 {
		return fmt.Errorf("log bucket lifecycle archive %d, expire %d (found %v): want Glacier and an expiry of at least 90 days", archive, retention, ok)
	}
	return nil
}

func expectLifecycle(t *testing.T, c *awsclient.Client, bucket string, archive, retention int64) error {
	t.Helper()
	out, err := c.S3().GetBucketLifecycleConfiguration(context.Background(), &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(bucket)})
	if err != nil {
		return err
	}
	a, r, ok := lifecycleDays(out.Rules)
	if !ok || a != archive || r != retention {
		return fmt.Errorf("log bucket lifecycle archive %d expire %d, want %d and %d", a, r, archive, retention)
	}
	return nil
}

func expectLogGroupRetention(t *testing.T, c *awsclient.Client, days int32) error {
	t.Helper()
	out, err := c.CloudWatchLogs().DescribeLogGroups(context.Background(), &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(trailGroup)})
	if err != nil {
		return err
	}
	if len(out.LogGroups) != 1 || aws.ToInt32(out.LogGroups[0].RetentionInDays) != days {
		return fmt.Errorf("log group retention %+v, want %d days", out.LogGroups, days)
	}
	return nil
}

// expectTrailStorageTagged checks a user tag on the trail, both buckets, the key, the role and the log group.
func expectTrailStorageTagged(t *testing.T, c *awsclient.Client, keyARN, key, value string) error {
	t.Helper()
	ctx := context.Background()
	has := func(what string, tags map[string]string) error {
		if tags[key] != value {
			return fmt.Errorf("%s tags %v, want %s = %s", what, tags, key, value)
		}
		if what != "trail" && tags[managedByTag] != "hardened_cloudtrail/"+trailName {
			return fmt.Errorf("%s lacks the managed-by tag: %v", what, tags)
		}
		return nil
	}
	tt, err := c.CloudTrail().ListTags(ctx, &cloudtrail.ListTagsInput{ResourceIdList: []string{trailARNAcc}})
	if err != nil {
		return err
	}
	m := map[string]string{}
	for _, rt := range tt.ResourceTagList {
		for _, tg := range rt.TagsList {
			m[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
		}
	}
	if err := has("trail", m); err != nil {
		return err
	}
	for _, b := range []string{trailBucket, trailAccess} {
		bt, err := c.S3().GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String(b)})
		if err != nil {
			return err
		}
		m := map[string]string{}
		for _, tg := range bt.TagSet {
			m[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
		}
		if err := has("bucket "+b, m); err != nil {
			return err
		}
	}
	kt, err := c.KMS().ListResourceTags(ctx, &kms.ListResourceTagsInput{KeyId: aws.String(keyARN)})
	if err != nil {
		return err
	}
	m = map[string]string{}
	for _, tg := range kt.Tags {
		m[aws.ToString(tg.TagKey)] = aws.ToString(tg.TagValue)
	}
	if err := has("key", m); err != nil {
		return err
	}
	rt, err := c.IAM().ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: aws.String(trailRole)})
	if err != nil {
		return err
	}
	m = map[string]string{}
	for _, tg := range rt.Tags {
		m[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
	}
	if err := has("role", m); err != nil {
		return err
	}
	lt, err := c.CloudWatchLogs().ListTagsForResource(ctx, &cloudwatchlogs.ListTagsForResourceInput{
		ResourceArn: aws.String("arn:aws:logs:us-east-1:123456789012:log-group:" + trailGroup)})
	if err != nil {
		return err
	}
	return has("log group", lt.Tags)
}
