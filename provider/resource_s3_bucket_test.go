package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
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

const (
	bucketAddr = "hardened_s3_bucket.b"
	dataBucket = "data"
	dataLogs   = "data-access-logs"
)

const bucketOneLine = `resource "hardened_s3_bucket" "b" { bucket = "data" }`

// checkBucketHardened checks every hardened property of the data bucket through the
// S3 API: Block Public Access, no ACLs, versioning, the wanted encryption with
// bucket keys, the TLS denies (with extra statements, if any), the lifecycle rule,
// and access logging to logTarget ("" : none).
func checkBucketHardened(t *testing.T, c *awsclient.Client, enc s3types.ServerSideEncryptionRule, extra []map[string]any, logTarget string) error {
	t.Helper()
	bucket := dataBucket
	got, action, err := readBucketSettings(context.Background(), c.S3(), bucket)
	if err != nil {
		return fmt.Errorf("%s: %w", action, err)
	}
	switch {
	case !got.Exists:
		return fmt.Errorf("bucket %s does not exist", bucket)
	case !got.PublicAccessBlocked:
		return fmt.Errorf("bucket %s: Block Public Access is not fully on", bucket)
	case !got.ACLsDisabled:
		return fmt.Errorf("bucket %s: ACLs are not disabled", bucket)
	case !got.Versioning:
		return fmt.Errorf("bucket %s: versioning is not enabled", bucket)
	case !got.encryptedAs(enc):
		return fmt.Errorf("bucket %s: encryption %+v", bucket, got.Encryption)
	case !policiesEquivalent(got.Policy, dataBucketPolicy("aws", bucket, extra)):
		return fmt.Errorf("bucket %s: policy %s", bucket, got.Policy)
	case !got.hasDataLifecycle(90, 7):
		return fmt.Errorf("bucket %s: lifecycle %+v", bucket, got.Lifecycle)
	case got.LogTarget != logTarget:
		return fmt.Errorf("bucket %s logs to %q, want %q", bucket, got.LogTarget, logTarget)
	}
	return nil
}

// expectNoBuckets checks that destroy left no bucket behind.
func expectNoBuckets(c *awsclient.Client) resource.TestCheckFunc {
	return func(*terraform.State) error {
		out, err := c.S3().ListBuckets(context.Background(), &s3.ListBucketsInput{})
		if err != nil {
			return err
		}
		for _, b := range out.Buckets {
			return fmt.Errorf("bucket %s left after destroy", aws.ToString(b.Name))
		}
		return nil
	}
}

// dropPolicy deletes a bucket policy. moto 5.2.1 applies a Deny for everyone
// regardless of its conditions, so the TLS denies refuse the tests' plain-HTTP
// object requests (on AWS only requests without TLS, or below TLS 1.2, are refused).
func dropPolicy(t *testing.T, c *awsclient.Client, bucket string) {
	t.Helper()
	mustCall(t)(c.S3().DeleteBucketPolicy(context.Background(), &s3.DeleteBucketPolicyInput{Bucket: aws.String(bucket)}))
}

// putObjectPast puts an object into a hardened bucket past its TLS denies (see dropPolicy).
func putObjectPast(t *testing.T, c *awsclient.Client, bucket, key, body string) {
	t.Helper()
	dropPolicy(t, c, bucket)
	putObject(t, c, bucket, key, body)
}

func putObject(t *testing.T, c *awsclient.Client, bucket, key, body string) {
	t.Helper()
	mustCall(t)(c.S3().PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key),
		Body: strings.NewReader(body)}))
}

// The one-line bucket of the issue: every property checked through the API.
// Then encrypted with a hardened_kms_key, logging to its own access-log bucket,
// tagged; imported by name; a non-empty bucket refuses destroy until force_destroy.
func TestAccS3Bucket_basic(t *testing.T) {
	c := testAWSClient(t)
	const withKey = `resource "hardened_kms_key" "k" {
  alias         = "alias/data"
  allow_destroy = true
}
resource "hardened_s3_bucket" "b" {
  bucket            = "data"
  kms_key_arn       = hardened_kms_key.k.arn
  access_log_bucket = true
  tags              = { team = "data" }
  policy_statements = jsonencode([{ Sid = "App", Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:role/app" },
    Action = "s3:GetObject", Resource = "arn:aws:s3:::data/*" }])
  %s
}`
	appReads := []map[string]any{{"Sid": "App", "Effect": "Allow", "Principal": map[string]any{"AWS": "arn:aws:iam::123456789012:role/app"},
		"Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}}
	keyRule := func(s *terraform.State) s3types.ServerSideEncryptionRule {
		return sseKMS(s.RootModule().Resources["hardened_kms_key.k"].Primary.Attributes["arn"])
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             expectNoBuckets(c),
		Steps: []resource.TestStep{
			{
				Config: bucketOneLine,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(bucketAddr, tfjsonpath.New("access_logging_enabled"), knownvalue.Null()),
				}},
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error { return checkBucketHardened(t, c, sseKMS(""), nil, "") },
					resource.TestCheckResourceAttr(bucketAddr, "arn", "arn:aws:s3:::data"),
					resource.TestCheckResourceAttr(bucketAddr, "policy_compliant", "true"),
				),
			},
			{
				Config: fmt.Sprintf(withKey, ""),
				Check: resource.ComposeTestCheckFunc(
					func(s *terraform.State) error {
						return checkBucketHardened(t, c, keyRule(s), appReads, dataLogs)
					},
					func(*terraform.State) error { return checkAccessLogBucket(c) },
					resource.TestCheckResourceAttr(bucketAddr, "access_logging_enabled", "true"),
					resource.TestCheckResourceAttr(bucketAddr, "access_log_bucket_name", dataLogs),
				),
			},
			{
				ResourceName: bucketAddr, ImportState: true, ImportStateVerify: true,
				// What an import cannot know from the bucket alone: the configuration's choices.
				ImportStateVerifyIgnore: []string{"access_log_bucket", "access_log_bucket_name", "access_logging_enabled"},
			},
			{
				PreConfig:   func() { putObjectPast(t, c, dataBucket, "report.csv", "a,b") },
				Config:      fmt.Sprintf(withKey, ""),
				Destroy:     true,
				ExpectError: regexp.MustCompile(`(?s)Bucket is not empty.*force_destroy = true`),
			},
			{Config: fmt.Sprintf(withKey, "force_destroy = true")},
		},
	})
}

// accessLogBucketPolicyFor is the access-log bucket's expected policy.
func accessLogBucketPolicyFor(bucket string) string {
	return accessLogBucketPolicy("aws", bucket+accessLogBucketSuffix, testAccount, bucket)
}

// A versioned bucket with several versions of an object and a delete marker:
// destroy refuses it, then deletes every version and marker with force_destroy.
func TestAccS3Bucket_forceDestroyVersioned(t *testing.T) {
	c := testAWSClient(t)
	fill := func() {
		dropPolicy(t, c, dataBucket)
		for i := 0; i < 3; i++ {
			putObject(t, c, dataBucket, "doc.txt", fmt.Sprintf("version %d", i))
		}
		putObject(t, c, dataBucket, "other.txt", "x")
		mustCall(t)(c.S3().DeleteObject(context.Background(), &s3.DeleteObjectInput{Bucket: aws.String(dataBucket), Key: aws.String("other.txt")}))
		out, err := c.S3().ListObjectVersions(context.Background(), &s3.ListObjectVersionsInput{Bucket: aws.String(dataBucket)})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Versions) != 4 || len(out.DeleteMarkers) != 1 {
			t.Fatalf("%d versions and %d delete markers, want 4 and 1", len(out.Versions), len(out.DeleteMarkers))
		}
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             expectNoBuckets(c),
		Steps: []resource.TestStep{
			{Config: bucketOneLine},
			{PreConfig: fill, Config: bucketOneLine, Destroy: true, ExpectError: regexp.MustCompile(`Bucket is not empty`)},
			{
				Config: `resource "hardened_s3_bucket" "b" {
  bucket        = "data"
  force_destroy = true
}`,
				Check: func(*terraform.State) error {
					if empty, err := bucketIsEmpty(context.Background(), c.S3(), dataBucket); err != nil || empty {
						return fmt.Errorf("the refused destroy emptied the bucket (empty=%v, %v)", empty, err)
					}
					return nil
				},
			},
		},
	})
}

// bucketWeakenings break one control each outside Terraform, keyed by control ID.
func bucketWeakenings(c *awsclient.Client) map[string]func(t *testing.T) {
	ctx := context.Background()
	s, b := c.S3(), aws.String(dataBucket)
	withStatement := func(t *testing.T, stmt string) {
		doc := strings.Replace(dataBucketPolicy("aws", dataBucket, nil), `"Statement":[`, `"Statement":[`+stmt+`,`, 1)
		mustCall(t)(s.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: b, Policy: aws.String(doc)}))
	}
	return map[string]func(t *testing.T){
		controls.S3BlockPublicAccess.ID: func(t *testing.T) {
			mustCall(t)(s.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: b}))
		},
		controls.S3NoPublicACL.ID: func(t *testing.T) {
			mustCall(t)(s.PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: b,
				OwnershipControls: &s3types.OwnershipControls{Rules: []s3types.OwnershipControlsRule{
					{ObjectOwnership: s3types.ObjectOwnershipObjectWriter}}}}))
		},
		controls.S3NoPublicPolicy.ID: func(t *testing.T) {
			withStatement(t, `{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*"}`)
		},
		controls.S3NoCrossAccountFullAccess.ID: func(t *testing.T) {
			withStatement(t, `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:*","Resource":"arn:aws:s3:::data/*"}`)
		},
		controls.S3TLSOnly.ID: func(t *testing.T) {
			mustCall(t)(s.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: b}))
		},
		controls.S3Versioning.ID: func(t *testing.T) {
			mustCall(t)(s.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: b,
				VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusSuspended}}))
		},
		controls.S3KMSEncryption.ID: func(t *testing.T) {
			mustCall(t)(s.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: b,
				ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{Rules: []s3types.ServerSideEncryptionRule{sseS3()}}}))
		},
		controls.S3AccessLogging.ID: func(t *testing.T) {
			mustCall(t)(s.PutBucketLogging(ctx, &s3.PutBucketLoggingInput{Bucket: b, BucketLoggingStatus: &s3types.BucketLoggingStatus{}}))
		},
		controls.S3Lifecycle.ID: func(t *testing.T) {
			mustCall(t)(s.DeleteBucketLifecycle(ctx, &s3.DeleteBucketLifecycleInput{Bucket: b}))
		},
	}
}

// Every control of the "Controls enforced" table, walked from the list the table
// is rendered from: the rejected configuration fails at plan citing the control,
// and each weakening outside Terraform shows in the plan (the status attribute
// from false to true) and is repaired by apply, checked through the S3 API. The
// access-log bucket's own hardening counts for access_logging_enabled.
func TestAccS3Bucket_controlsEnforced(t *testing.T) {
	c := testAWSClient(t)
	// force_destroy: the emulator writes access logs, which destroy otherwise keeps.
	const config = `resource "hardened_s3_bucket" "b" {
  bucket            = "data"
  access_log_bucket = true
  force_destroy     = true
}`
	weaken := bucketWeakenings(c)
	repaired := func(*terraform.State) error {
		if err := checkBucketHardened(t, c, sseKMS(""), nil, dataLogs); err != nil {
			return err
		}
		return checkAccessLogBucket(c)
	}
	steps := []resource.TestStep{{Config: config, Check: repaired}}
	for _, e := range s3BucketEnforcement {
		id := e.Control.ID
		if e.Drift == "" {
			t.Fatalf("%s: every bucket control is repaired as drift", id)
		}
		if e.Rejects != "" {
			steps = append(steps, resource.TestStep{
				Config:      fmt.Sprintf("resource \"hardened_s3_bucket\" \"b\" {\n  bucket = %q\n  access_log_bucket = true\n  %s\n}", dataBucket, e.Rejects),
				ExpectError: regexp.MustCompile(`(?s)Insecure.*` + regexp.QuoteMeta("["+id+"]")),
			})
		}
		w, ok := weaken[id]
		if !ok {
			t.Fatalf("%s: no weakening shows its drift on %s", id, e.Drift)
		}
		steps = append(steps, driftRepairedStepAt(t, bucketAddr, config, w, e.Drift, repaired))
	}
	if len(weaken) != len(s3BucketEnforcement) {
		t.Fatalf("%d weakenings for %d documented controls", len(weaken), len(s3BucketEnforcement))
	}
	logsOpened := func(t *testing.T) {
		mustCall(t)(c.S3().DeletePublicAccessBlock(context.Background(), &s3.DeletePublicAccessBlockInput{Bucket: aws.String(dataLogs)}))
	}
	steps = append(steps, driftRepairedStepAt(t, bucketAddr, config, logsOpened, "access_logging_enabled", repaired),
		resource.TestStep{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}})
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             expectNoBuckets(c),
		Steps:                    steps,
	})
}

func checkAccessLogBucket(c *awsclient.Client) error {
	got, action, err := readBucketSettings(context.Background(), c.S3(), dataLogs)
	if err != nil {
		return fmt.Errorf("%s: %w", action, err)
	}
	if !got.PublicAccessBlocked || !got.ACLsDisabled || !got.Versioning || !got.encryptedAs(sseS3()) ||
		!policiesEquivalent(got.Policy, accessLogBucketPolicyFor(dataBucket)) {
		return fmt.Errorf("access-log bucket %s is not hardened: %+v", dataLogs, got)
	}
	return nil
}

// Each rejected shape fails at plan naming the statement and the control.
func TestAccS3Bucket_rejectedPolicies(t *testing.T) {
	cases := []struct{ name, args, want string }{
		{"public read", `policy_statements = jsonencode([{ Sid = "PublicRead", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::data/*" }])`,
			`policy_statements\[0\] \(Sid "PublicRead"\) allows everyone.*\[HRD-S3-003\]`},
		{"public read with a referer", `policy_statements = jsonencode([{ Effect = "Allow", Principal = { AWS = "*" }, Action = "s3:GetObject", Resource = "*", Condition = { StringLike = { "aws:Referer" = "https://example.com/*" } } }])`,
			`policy_statements\[0\] allows everyone.*\[HRD-S3-003\]`},
		{"s3:* to another account", `policy_statements = jsonencode([{ Sid = "Ok", Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:role/app" }, Action = "s3:GetObject", Resource = "*" }, { Sid = "Partner", Effect = "Allow", Principal = { AWS = "444455556666" }, Action = "s3:*", Resource = "*" }])`,
			`policy_statements\[1\] \(Sid "Partner"\) allows s3:\*.*444455556666.*\[HRD-S3-010\]`},
		{"replaces the TLS deny", `policy_statements = jsonencode([{ Sid = "DenyInsecureTransport", Effect = "Deny", Principal = "*", Action = "s3:DeleteObject", Resource = "*" }])`,
			`policy_statements\[0\] \(Sid "DenyInsecureTransport"\) reuses the Sid.*\[HRD-S3-007\]`},
		{"allows plain HTTP", `policy_statements = jsonencode([{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:role/app" }, Action = "s3:GetObject", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "false" } } }])`,
			`policy_statements\[0\] allows requests made without TLS.*\[HRD-S3-007\]`},
		{"no noncurrent expiry", `noncurrent_version_days = 0`, `Insecure noncurrent_version_days.*\[HRD-S3-012\]`},
		{"a key with SSE-S3", `sse = "s3"
  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"`, `Conflicting encryption settings`},
		{"two log destinations", `access_log_bucket = true
  access_log_target = "logs"`, `access_log_bucket`},
		{"an uppercase name", `access_log_target = "Logs"`, `must be a bucket name`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config:      fmt.Sprintf("resource \"hardened_s3_bucket\" \"b\" {\n  bucket = \"data\"\n  %s\n}", tc.args),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)` + strings.ReplaceAll(tc.want, " ", `\s+`)),
		})
	}
	c := testAWSClient(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             expectNoBuckets(c),
		Steps:                    steps,
	})
}

// A plain public bucket made outside Terraform (no Block Public Access, ACLs
// enabled, a public-read policy, no versioning, lifecycle or logging) holding an
// object, imported by name:
// the import reports every property not hardened, the plan shows each going to
// true, apply hardens the same bucket keeping the object, and the next plan is empty.
func TestAccS3Bucket_importPlainBucket(t *testing.T) {
	c := testAWSClient(t)
	createPlain := func() {
		ctx := context.Background()
		mustCall(t)(c.S3().CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(dataBucket), ObjectOwnership: s3types.ObjectOwnershipObjectWriter}))
		mustCall(t)(c.S3().DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String(dataBucket)}))
		putObject(t, c, dataBucket, "kept.txt", "keep me")
		mustCall(t)(c.S3().PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(dataBucket), Policy: aws.String(
			`{"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*"}]}`)}))
	}
	const config = `resource "hardened_s3_bucket" "b" {
  bucket        = "data"
  force_destroy = true
}`
	flags := []string{"public_access_blocked", "acls_disabled", "versioning_enabled", "policy_compliant", "lifecycle_compliant"}
	var planChecks []plancheck.PlanCheck
	planChecks = append(planChecks, plancheck.ExpectResourceAction(bucketAddr, plancheck.ResourceActionUpdate),
		plancheck.ExpectKnownValue(bucketAddr, tfjsonpath.New("policy_statements"), knownvalue.Null()))
	for _, f := range flags {
		planChecks = append(planChecks, expectPriorValue(bucketAddr, tfjsonpath.New(f), knownvalue.Bool(false)),
			plancheck.ExpectKnownValue(bucketAddr, tfjsonpath.New(f), knownvalue.Bool(true)))
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t); createPlain() },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             expectNoBuckets(c),
		Steps: []resource.TestStep{
			{
				Config: config, ResourceName: bucketAddr, ImportState: true, ImportStateId: dataBucket, ImportStatePersist: true,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					a := states[0].Attributes
					if !strings.Contains(a["policy_statements"], `"Sid":"PublicRead"`) {
						return fmt.Errorf("imported policy_statements %q lacks the public statement the plan must remove", a["policy_statements"])
					}
					for _, f := range flags {
						if a[f] != "false" {
							return fmt.Errorf("imported %s = %q for a plain bucket, want false", f, a[f])
						}
					}
					return nil
				},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: planChecks},
				Check: func(*terraform.State) error {
					if err := checkBucketHardened(t, c, sseKMS(""), nil, ""); err != nil {
						return err
					}
					// Listed, not read: see dropPolicy.
					out, err := c.S3().ListObjectVersions(context.Background(), &s3.ListObjectVersionsInput{Bucket: aws.String(dataBucket)})
					if err != nil {
						return err
					}
					if len(out.Versions) != 1 || aws.ToString(out.Versions[0].Key) != "kept.txt" {
						return fmt.Errorf("the object did not survive the hardening: %d versions", len(out.Versions))
					}
					return nil
				},
			},
			{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// Destroy without force_destroy deletes the empty data bucket and keeps its
// access-log bucket once it holds logs: the record of who accessed the data.
func TestAccS3Bucket_destroyKeepsAccessLogs(t *testing.T) {
	c := testAWSClient(t)
	const config = `resource "hardened_s3_bucket" "b" {
  bucket            = "data"
  access_log_bucket = true
}`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			out, err := c.S3().ListBuckets(context.Background(), &s3.ListBucketsInput{})
			if err != nil {
				return err
			}
			var names []string
			for _, b := range out.Buckets {
				names = append(names, aws.ToString(b.Name))
			}
			if len(names) != 1 || names[0] != dataLogs {
				return fmt.Errorf("buckets after destroy: %v, want only %s", names, dataLogs)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: config},
			// A log written (past the policy, which this apply puts back).
			{PreConfig: func() { putObjectPast(t, c, dataLogs, "data/2026-12-03-access", "log line") }, Config: config},
		},
	})
}
