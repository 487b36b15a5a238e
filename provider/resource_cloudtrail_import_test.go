package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/emulator"
)

// A trail made outside Terraform the plain way: a bucket with nothing set, and
// CreateTrail with no key and no CloudWatch Logs.
const (
	plainBucket = "plain2-bucket"
	plainObject = "AWSLogs/123456789012/CloudTrail/us-east-1/earlier.json.gz"
)

func createPlainTrail(t *testing.T, c *awsclient.Client) {
	t.Helper()
	ctx := context.Background()
	if _, err := c.S3().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(plainBucket)}); err != nil {
		t.Fatal(err)
	}
	// A log delivered before the import: hardening in place must keep it.
	if _, err := c.S3().PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(plainBucket), Key: aws.String(plainObject),
		Body: strings.NewReader("{}")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CloudTrail().CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String(trailName),
		S3BucketName: aws.String(plainBucket)}); err != nil {
		t.Fatal(err)
	}
}

// importedPlanChecks: the plan of an imported plain trail shows what apply does: a
// key it creates is unknown, the log group and role it creates are known by their
// derived ARNs, and storage_management says what it manages.
func importedPlanChecks(bucketRole string) []plancheck.PlanCheck {
	checks := []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(trailAddr, plancheck.ResourceActionUpdate),
		plancheck.ExpectUnknownValue(trailAddr, tfjsonpath.New("kms_key_arn")),
		plancheck.ExpectKnownValue(trailAddr, tfjsonpath.New("cloud_watch_logs_group_arn"),
			knownvalue.StringExact("arn:aws:logs:us-east-1:123456789012:log-group:"+trailGroup+":*")),
		plancheck.ExpectKnownValue(trailAddr, tfjsonpath.New("cloud_watch_logs_role_arn"),
			knownvalue.StringExact("arn:aws:iam::123456789012:role/"+trailRole)),
		plancheck.ExpectKnownValue(trailAddr, tfjsonpath.New("s3_bucket_name"), knownvalue.StringExact(plainBucket)),
		plancheck.ExpectKnownValue(trailAddr, tfjsonpath.New("storage_management"), knownvalue.MapExact(map[string]knownvalue.Check{
			"kms_key": knownvalue.StringExact("managed"), "cloud_watch_logs": knownvalue.StringExact("managed"),
			"s3_bucket": knownvalue.StringExact(bucketRole),
		})),
		plancheck.ExpectKnownValue(trailAddr, tfjsonpath.New("key_rotation_enabled"), knownvalue.Bool(true)),
	}
	for _, flag := range []string{"bucket_public_access_blocked", "bucket_policy_compliant", "bucket_versioning_enabled",
		"bucket_encrypted", "bucket_access_logging_enabled"} {
		var want knownvalue.Check = knownvalue.Bool(true)
		if bucketRole == "referenced" {
			want = knownvalue.Null()
		}
		checks = append(checks, plancheck.ExpectKnownValue(trailAddr, tfjsonpath.New(flag), want))
	}
	return checks
}

// An existing plain trail imported with `terraform import` (an ImportState step)
// and a one-line configuration: the plan is what apply does, apply is consistent,
// the next plan is empty, and the bucket the resource only references is left as
// it was, with null status attributes and a warning naming what it lacks. Opting
// in with manage_s3_bucket then hardens it in place.
func TestAccCloudTrail_importPlainTrail(t *testing.T) {
	c := testAWSClient(t)
	const config = `resource "hardened_cloudtrail" "t" { name = "org-trail" }`
	const managed = `resource "hardened_cloudtrail" "t" {
  name             = "org-trail"
  manage_s3_bucket = true
}`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t); createPlainTrail(t, c) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             expectPlainBucketKept(t, c),
		Steps: []resource.TestStep{
			{
				Config:             config,
				ResourceName:       trailAddr,
				ImportState:        true,
				ImportStateId:      trailName,
				ImportStatePersist: true,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 {
						return fmt.Errorf("%d imported instances, want 1", len(states))
					}
					a := states[0].Attributes
					if a["s3_bucket_name"] != plainBucket || a["storage_management.s3_bucket"] != "referenced" {
						return fmt.Errorf("imported bucket %q (%q), want %s referenced", a["s3_bucket_name"],
							a["storage_management.s3_bucket"], plainBucket)
					}
					for _, flag := range []string{"bucket_public_access_blocked", "bucket_policy_compliant"} {
						if v, ok := a[flag]; ok && v != "" {
							return fmt.Errorf("imported %s = %q for a bucket the resource does not check, want null", flag, v)
						}
					}
					return nil
				},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: importedPlanChecks("referenced")},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(trailAddr, tfjsonpath.New("bucket_public_access_blocked"), knownvalue.Null()),
					statecheck.ExpectKnownValue(trailAddr, tfjsonpath.New("bucket_policy_compliant"), knownvalue.Null()),
					statecheck.ExpectKnownValue(trailAddr, tfjsonpath.New("access_log_bucket_name"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error {
					key := s.RootModule().Resources[trailAddr].Primary.Attributes["kms_key_arn"]
					if err := checkTrailHardened(t, c, plainBucket, key, false); err != nil {
						return err
					}
					if err := expectBucketUntouched(t, c); err != nil {
						return err
					}
					return expectReferencedBucketWarning(t, c)
				},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			// Opting in hardens the bucket in place.
			{
				Config: managed,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(trailAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(trailAddr, tfjsonpath.New("bucket_public_access_blocked"), knownvalue.Bool(true)),
					plancheck.ExpectKnownValue(trailAddr, tfjsonpath.New("access_log_bucket_name"), knownvalue.StringExact(trailAccess)),
				}},
				Check: func(s *terraform.State) error {
					return expectPlainBucketHardened(t, c, s.RootModule().Resources[trailAddr].Primary.Attributes["kms_key_arn"])
				},
			},
			{
				Config:           managed,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// The same trail imported with an import block into a configuration that opts the
// bucket into management: one apply imports it and hardens the bucket in place
// (keeping its objects), the next plan is empty, drift on the bucket is repaired,
// and destroy keeps the bucket.
func TestAccCloudTrail_importBlockManagedBucket(t *testing.T) {
	c := testAWSClient(t)
	const config = `import {
  to = hardened_cloudtrail.t
  id = "org-trail"
}

resource "hardened_cloudtrail" "t" {
  name             = "org-trail"
  manage_s3_bucket = true
}`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t); createPlainTrail(t, c) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             expectPlainBucketKept(t, c),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(importedPlanChecks("hardened_in_place"),
					plancheck.ExpectKnownValue(trailAddr, tfjsonpath.New("access_log_bucket_name"), knownvalue.StringExact(trailAccess)))},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(trailAddr, tfjsonpath.New("bucket_public_access_blocked"), knownvalue.Bool(true)),
				},
				Check: func(s *terraform.State) error {
					key := s.RootModule().Resources[trailAddr].Primary.Attributes["kms_key_arn"]
					if err := checkTrailHardened(t, c, plainBucket, key, false); err != nil {
						return err
					}
					return expectPlainBucketHardened(t, c, key)
				},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				PreConfig: func() {
					ctx := context.Background()
					if _, err := c.S3().DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String(plainBucket)}); err != nil {
						t.Fatal(err)
					}
					if _, err := c.S3().DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(plainBucket)}); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(trailAddr, plancheck.ResourceActionUpdate),
					expectPriorValue(trailAddr, tfjsonpath.New("bucket_public_access_blocked"), knownvalue.Bool(false)),
					expectPriorValue(trailAddr, tfjsonpath.New("bucket_policy_compliant"), knownvalue.Bool(false)),
				}},
				Check: func(s *terraform.State) error {
					return expectPlainBucketHardened(t, c, s.RootModule().Resources[trailAddr].Primary.Attributes["kms_key_arn"])
				},
			},
		},
	})
}

// expectBucketUntouched: the bucket the resource only references kept its plain settings.
func expectBucketUntouched(t *testing.T, c *awsclient.Client) error {
	t.Helper()
	got, action, err := readBucketSettings(context.Background(), c.S3(), plainBucket)
	switch {
	case err != nil:
		return fmt.Errorf("%s: %w", action, err)
	case got.PublicAccessBlocked, got.Policy != "", got.Versioning, got.LogTarget != "":
		return fmt.Errorf("bucket %s only referenced was changed: %+v", plainBucket, got)
	}
	return nil
}

// expectReferencedBucketWarning: the warning the plan gives names the bucket and,
// read through the API, each control it lacks.
func expectReferencedBucketWarning(t *testing.T, c *awsclient.Client) error {
	t.Helper()
	r := &CloudTrailResource{client: c}
	var diags diag.Diagnostics
	r.warnReferencedBucket(context.Background(), newCTNames("aws", "us-east-1", emulator.DefaultAccountID, trailName), plainBucket, &diags)
	if diags.WarningsCount() != 1 {
		return fmt.Errorf("%d warnings about the plain bucket, want 1", diags.WarningsCount())
	}
	detail := diags.Warnings()[0].Detail()
	for _, want := range []string{plainBucket, "public access block", "TLS-only bucket policy", "versioning",
		"server access logging", "manage_s3_bucket = true"} {
		if !strings.Contains(detail, want) {
			return fmt.Errorf("warning %q does not name %q", detail, want)
		}
	}
	return nil
}

// expectPlainBucketHardened checks through the S3 API that the user's bucket was
// hardened in place and still holds the log it had.
func expectPlainBucketHardened(t *testing.T, c *awsclient.Client, keyARN string) error {
	t.Helper()
	ctx := context.Background()
	got, action, err := readBucketSettings(ctx, c.S3(), plainBucket)
	switch {
	case err != nil:
		return fmt.Errorf("%s: %w", action, err)
	case !got.PublicAccessBlocked || !got.ACLsDisabled:
		return errors.New("the adopted bucket does not block public access")
	case !got.Versioning:
		return errors.New("the adopted bucket is not versioned")
	case !got.encryptedWith(keyARN):
		return fmt.Errorf("the adopted bucket does not encrypt with the trail key %s", keyARN)
	case !policiesEquivalent(got.Policy, cloudtrailBucketPolicy("aws", plainBucket, emulator.DefaultAccountID, trailARNAcc)):
		return fmt.Errorf("the adopted bucket's policy is %s", got.Policy)
	case got.LogTarget != trailAccess:
		return fmt.Errorf("the adopted bucket logs to %q, want %s", got.LogTarget, trailAccess)
	}
	if missing := got.missingControls("aws", plainBucket); len(missing) > 0 {
		return fmt.Errorf("the adopted bucket still lacks %v", missing)
	}
	return expectPlainObjectKept(ctx, c)
}

func expectPlainObjectKept(ctx context.Context, c *awsclient.Client) error {
	out, err := c.S3().ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(plainBucket)})
	if err != nil {
		return fmt.Errorf("listing %s: %w", plainBucket, err)
	}
	for _, v := range out.Versions {
		if aws.ToString(v.Key) == plainObject {
			return nil
		}
	}
	return fmt.Errorf("object %s of bucket %s is gone", plainObject, plainBucket)
}

// expectPlainBucketKept: destroy deletes the trail but never the user's bucket or its logs.
func expectPlainBucketKept(t *testing.T, c *awsclient.Client) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if trailExists(t, c) {
			return errors.New("trail still exists after destroy")
		}
		if !bucketExists(t, c, plainBucket) {
			return fmt.Errorf("the user's bucket %s was deleted", plainBucket)
		}
		return expectPlainObjectKept(context.Background(), c)
	}
}
