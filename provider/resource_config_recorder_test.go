package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hardened-tf/terraform-provider-hardened/internal/acctest"
	"github.com/hardened-tf/terraform-provider-hardened/internal/emulator"
	"github.com/hardened-tf/terraform-provider-hardened/internal/faultproxy"
)

const (
	configRecorderAddr = "hardened_config_recorder.this"
	// configManagedBucket is the bucket the resource creates in the emulator's account and region.
	configManagedBucket = "hardened-config-" + emulator.DefaultAccountID + "-us-east-1"
)

// configRecorderIn reads a region's recorder from the emulator (nil when none).
func configRecorderIn(t *testing.T, region string) (*cfgtypes.ConfigurationRecorder, bool, string) {
	t.Helper()
	ctx := context.Background()
	c := testAWSClient(t).ConfigService()
	recs, err := c.DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{}, inConfigRegion(region))
	if err != nil {
		t.Fatalf("DescribeConfigurationRecorders in %s: %v", region, err)
	}
	if len(recs.ConfigurationRecorders) > 1 {
		t.Fatalf("%d recorders in %s, AWS allows one", len(recs.ConfigurationRecorders), region)
	}
	chs, err := c.DescribeDeliveryChannels(ctx, &configservice.DescribeDeliveryChannelsInput{}, inConfigRegion(region))
	if err != nil {
		t.Fatalf("DescribeDeliveryChannels in %s: %v", region, err)
	}
	bucket := ""
	if len(chs.DeliveryChannels) > 0 {
		bucket = aws.ToString(chs.DeliveryChannels[0].S3BucketName)
	}
	if len(recs.ConfigurationRecorders) == 0 {
		return nil, false, bucket
	}
	rec := recs.ConfigurationRecorders[0]
	st, err := c.DescribeConfigurationRecorderStatus(ctx, &configservice.DescribeConfigurationRecorderStatusInput{}, inConfigRegion(region))
	if err != nil {
		t.Fatalf("DescribeConfigurationRecorderStatus in %s: %v", region, err)
	}
	return &rec, len(st.ConfigurationRecordersStatus) > 0 && st.ConfigurationRecordersStatus[0].Recording, bucket
}

// expectConfigRecording checks the emulator: in every region a recorder of all
// supported types through the service-linked role, recording, delivering to
// bucket; global resource types in global only.
func expectConfigRecording(t *testing.T, regions []string, global, bucket string) error {
	t.Helper()
	for _, region := range regions {
		rec, recording, got := configRecorderIn(t, region)
		switch {
		case rec == nil:
			return fmt.Errorf("no recorder in %s", region)
		case !recording:
			return fmt.Errorf("the recorder in %s is stopped", region)
		case !recordsAllSupported(rec.RecordingGroup):
			return fmt.Errorf("the recorder in %s does not record all supported types: %+v", region, rec.RecordingGroup)
		case rec.RecordingGroup.IncludeGlobalResourceTypes != (region == global):
			return fmt.Errorf("the recorder in %s has include_global_resource_types = %v, want %v",
				region, rec.RecordingGroup.IncludeGlobalResourceTypes, region == global)
		case !regexp.MustCompile(`^arn:aws:iam::\d{12}:role/aws-service-role/config\.amazonaws\.com/`).MatchString(aws.ToString(rec.RoleARN)):
			return fmt.Errorf("the recorder in %s uses role %s, not the Config service-linked role", region, aws.ToString(rec.RoleARN))
		case got != bucket:
			return fmt.Errorf("the delivery channel in %s delivers to %q, want %q", region, got, bucket)
		}
	}
	return nil
}

// expectNoConfig checks that the regions have no recorder and no channel.
func expectNoConfig(t *testing.T, regions ...string) error {
	t.Helper()
	for _, region := range regions {
		if rec, _, bucket := configRecorderIn(t, region); rec != nil || bucket != "" {
			return fmt.Errorf("%s still has a recorder (%v) or a delivery channel (%q)", region, rec != nil, bucket)
		}
	}
	return nil
}

func configRecorderConfig(args string) string {
	return "resource \"hardened_config_recorder\" \"this\" {\n" + args + "}\n"
}

// putTestRecorder puts a recorder in eu-west-1 out of band, with a role of its own
// (moto accepts any role ARN).
func putTestRecorder(t *testing.T, name string, group *cfgtypes.RecordingGroup) {
	t.Helper()
	if _, err := testAWSClient(t).ConfigService().PutConfigurationRecorder(context.Background(), &configservice.PutConfigurationRecorderInput{
		ConfigurationRecorder: &cfgtypes.ConfigurationRecorder{Name: aws.String(name), RecordingGroup: group,
			RoleARN: aws.String("arn:aws:iam::" + emulator.DefaultAccountID + ":role/config-by-hand")}}, inConfigRegion("eu-west-1")); err != nil {
		t.Fatal(err)
	}
}

// One block with no arguments records in every region the emulator lists, global
// types in the provider's region only, into a hardened bucket. In eu-west-1 the
// recorder stopped, its channel deleted and its scope narrowed by hand are drift,
// repaired by the next apply; import by account ID; destroy leaves Config recording.
func TestAccConfigRecorder_everyRegion(t *testing.T) {
	regions := ebsEnabledRegions(t)
	config := configRecorderConfig("")
	status := func(region, attr string) tfjsonpath.Path {
		return tfjsonpath.New("region_status").AtMapKey(region).AtMapKey(attr)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			return expectConfigRecording(t, regions, "us-east-1", configManagedBucket)
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(configRecorderAddr, tfjsonpath.New("id"), knownvalue.StringExact(emulator.DefaultAccountID)),
					statecheck.ExpectKnownValue(configRecorderAddr, tfjsonpath.New("global_resources_region"), knownvalue.StringExact("us-east-1")),
					statecheck.ExpectKnownValue(configRecorderAddr, tfjsonpath.New("s3_bucket_name"), knownvalue.StringExact(configManagedBucket)),
					statecheck.ExpectKnownValue(configRecorderAddr, tfjsonpath.New("bucket_managed"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(configRecorderAddr, tfjsonpath.New("bucket_hardened"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(configRecorderAddr, status("eu-west-1", "include_global_resource_types"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(configRecorderAddr, status("us-east-1", "include_global_resource_types"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(configRecorderAddr, tfjsonpath.New("region_status"), knownvalue.MapSizeExact(len(regions))),
				},
				Check: func(*terraform.State) error {
					if err := expectConfigRecording(t, regions, "us-east-1", configManagedBucket); err != nil {
						return err
					}
					// Regions not opted in and other partitions stay untouched.
					if err := expectNoConfig(t, "ap-east-1"); err != nil {
						return err
					}
					b, action, err := readBucketSettings(context.Background(), testAWSClient(t).S3(), configManagedBucket)
					if err != nil {
						return fmt.Errorf("%s: %w", action, err)
					}
					if !b.deliveryBucketCompliant("aws", configManagedBucket, configBucketPolicy("aws", emulator.DefaultAccountID, configManagedBucket)) {
						return fmt.Errorf("bucket %s is not hardened: %+v", configManagedBucket, b)
					}
					return nil
				},
			},
			{
				PreConfig: func() {
					ctx := context.Background()
					c := testAWSClient(t).ConfigService()
					if _, err := c.StopConfigurationRecorder(ctx, &configservice.StopConfigurationRecorderInput{
						ConfigurationRecorderName: aws.String("default")}, inConfigRegion("eu-west-1")); err != nil {
						t.Fatal(err)
					}
					if _, err := c.DeleteDeliveryChannel(ctx, &configservice.DeleteDeliveryChannelInput{
						DeliveryChannelName: aws.String("default")}, inConfigRegion("eu-west-1")); err != nil {
						t.Fatal(err)
					}
					putTestRecorder(t, "default", &cfgtypes.RecordingGroup{
						ResourceTypes: []cfgtypes.ResourceType{cfgtypes.ResourceTypeInstance}})
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(configRecorderAddr, plancheck.ResourceActionUpdate),
						expectPriorValue(configRecorderAddr, status("eu-west-1", "recording"), knownvalue.Bool(false)),
						expectPriorValue(configRecorderAddr, status("eu-west-1", "all_supported"), knownvalue.Bool(false)),
						expectPriorValue(configRecorderAddr, status("eu-west-1", "service_linked_role"), knownvalue.Bool(false)),
						expectPriorValue(configRecorderAddr, status("eu-west-1", "delivery_bucket"), knownvalue.StringExact("")),
						expectPriorValue(configRecorderAddr, status("us-east-1", "recording"), knownvalue.Bool(true)),
						plancheck.ExpectKnownValue(configRecorderAddr, status("eu-west-1", "recording"), knownvalue.Bool(true)),
						plancheck.ExpectKnownValue(configRecorderAddr, status("eu-west-1", "delivery_bucket"), knownvalue.StringExact(configManagedBucket)),
					},
				},
				Check: func(*terraform.State) error {
					return expectConfigRecording(t, regions, "us-east-1", configManagedBucket)
				},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName:      configRecorderAddr,
				ImportState:       true,
				ImportStateId:     emulator.DefaultAccountID,
				ImportStateVerify: true,
			},
		},
	})
}

// A recorder that exists (under another name, stopped, narrowed, without a
// channel) is adopted, not duplicated; global types go to the region named;
// retain_on_destroy = false stops and deletes recorders and channels, and the
// empty bucket.
func TestAccConfigRecorder_adoptAndDestroy(t *testing.T) {
	regions := []string{"eu-west-1", "us-east-1"}
	resource.Test(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			putTestRecorder(t, "existing", &cfgtypes.RecordingGroup{
				ResourceTypes: []cfgtypes.ResourceType{cfgtypes.ResourceTypeInstance}})
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if err := expectNoConfig(t, regions...); err != nil {
				return err
			}
			_, err := testAWSClient(t).S3().HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String(configManagedBucket)})
			if !isBucketNotFound(err) {
				return fmt.Errorf("bucket %s was not deleted (HeadBucket: %v)", configManagedBucket, err)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: configRecorderConfig(`  regions                 = ["us-east-1", "eu-west-1"]
  global_resources_region = "eu-west-1"
  retain_on_destroy       = false
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(configRecorderAddr, tfjsonpath.New("region_status").AtMapKey("eu-west-1").AtMapKey("include_global_resource_types"), knownvalue.Bool(true)),
			},
			Check: func(*terraform.State) error {
				if rec, _, _ := configRecorderIn(t, "eu-west-1"); rec == nil || aws.ToString(rec.Name) != "existing" {
					return fmt.Errorf("the recorder in eu-west-1 was not adopted under its name: %+v", rec)
				}
				return expectConfigRecording(t, regions, "eu-west-1", configManagedBucket)
			},
		}},
	})
}

// A bucket the user names is only referenced: never changed, never reported
// hardened; the recorders deliver to it.
func TestAccConfigRecorder_userBucket(t *testing.T) {
	const bucket = "my-config-history"
	resource.Test(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			if err := createPrivateBucket(context.Background(), testAWSClient(t).S3(), bucket, "us-east-1"); err != nil {
				t.Fatal(err)
			}
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: configRecorderConfig(`  regions        = ["us-east-1", "eu-west-1"]
  s3_bucket_name = "` + bucket + `"
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(configRecorderAddr, tfjsonpath.New("bucket_managed"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(configRecorderAddr, tfjsonpath.New("bucket_hardened"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					if err := expectConfigRecording(t, []string{"us-east-1", "eu-west-1"}, "us-east-1", bucket); err != nil {
						return err
					}
					b, action, err := readBucketSettings(context.Background(), testAWSClient(t).S3(), bucket)
					if err != nil {
						return fmt.Errorf("%s: %w", action, err)
					}
					if b.Policy != "" || b.Versioning {
						return fmt.Errorf("the referenced bucket %s was changed: policy %q, versioning %v", bucket, b.Policy, b.Versioning)
					}
					_, err = testAWSClient(t).S3().HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String(configManagedBucket)})
					if !isBucketNotFound(err) {
						return fmt.Errorf("bucket %s was created although s3_bucket_name is set (HeadBucket: %v)", configManagedBucket, err)
					}
					return nil
				},
			},
			{
				ResourceName:      configRecorderAddr,
				ImportState:       true,
				ImportStateId:     emulator.DefaultAccountID,
				ImportStateVerify: true,
				// After import every enabled region is governed: only the two configured ones are compared below.
				ImportStateVerifyIgnore: []string{"regions", "region_status"},
			},
		},
	})
}

// A global_resources_region outside regions would record IAM nowhere: it fails at plan.
func TestAccConfigRecorder_globalRegionNotGoverned(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: configRecorderConfig(`  regions                 = ["eu-west-1"]
  global_resources_region = "us-east-1"
`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Global resources region not governed.*us-east-1.*HRD-SVC-002`),
		}},
	})
}

// The managed bucket weakened by hand (policy deleted, versioning suspended) is
// reported by bucket_hardened and hardened again by the next apply.
func TestAccConfigRecorder_bucketDriftRepaired(t *testing.T) {
	config := configRecorderConfig("  regions = [\"us-east-1\"]\n")
	hardened := func(*terraform.State) error {
		b, action, err := readBucketSettings(context.Background(), testAWSClient(t).S3(), configManagedBucket)
		if err != nil {
			return fmt.Errorf("%s: %w", action, err)
		}
		if !b.deliveryBucketCompliant("aws", configManagedBucket, configBucketPolicy("aws", emulator.DefaultAccountID, configManagedBucket)) {
			return fmt.Errorf("bucket %s is not hardened: %+v", configManagedBucket, b)
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, Check: hardened},
			{
				PreConfig: func() {
					ctx := context.Background()
					s := testAWSClient(t).S3()
					if _, err := s.DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(configManagedBucket)}); err != nil {
						t.Fatal(err)
					}
					if _, err := s.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(configManagedBucket),
						VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusSuspended}}); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(configRecorderAddr, plancheck.ResourceActionUpdate),
					expectPriorValue(configRecorderAddr, tfjsonpath.New("bucket_hardened"), knownvalue.Bool(false)),
				}},
				Check: hardened,
			},
		},
	})
}

// A region that fails (a policy denying Config in eu-west-1) does not lose the
// others: the error names the region and the call, and once the region answers
// the next apply finishes it.
func TestAccConfigRecorder_partialFailure(t *testing.T) {
	proxy, err := faultproxy.Start(acctest.Emulator.Endpoint, faultproxy.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	config := acctest.ProviderBlock("endpoints {", "  config = \""+proxy.URL+"\"", "}") +
		configRecorderConfig("  regions = [\"us-east-1\", \"eu-west-1\", \"eu-west-2\"]\n")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: configRecorderConfig("  regions = [\"us-east-1\"]\n"),
			},
			{
				PreConfig: func() {
					proxy.Configure(faultproxy.Config{Rules: []faultproxy.Rule{
						{Match: "config:PutConfigurationRecorder", Region: "eu-west-1", Kind: faultproxy.AccessDenied},
					}})
				},
				Config: config,
				ExpectError: regexp.MustCompile(`(?s)config:PutConfigurationRecorder for region eu-west-1 failed.*AccessDenied.*` +
					`recording\s+in\s+the\s+other\s+regions\s+\(2\s+of\s+3\)`),
			},
			{
				PreConfig: func() {
					if err := expectConfigRecording(t, []string{"us-east-1", "eu-west-2"}, "us-east-1", configManagedBucket); err != nil {
						t.Fatal(err)
					}
					if err := expectNoConfig(t, "eu-west-1"); err != nil {
						t.Fatal(err)
					}
					proxy.Configure(faultproxy.Config{})
					proxy.Reset()
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(configRecorderAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					if n := proxy.Counts()["config:PutConfigurationRecorder"]; n != 1 {
						return fmt.Errorf("the recovering apply put %d recorders, want 1 (eu-west-1)", n)
					}
					return expectConfigRecording(t, []string{"us-east-1", "eu-west-1", "eu-west-2"}, "us-east-1", configManagedBucket)
				},
			},
		},
	})
}

// Two hardened_config_recorder resources governing one region would rewrite each
// other's recorder and delivery channel at every apply: refused at plan.
func TestAccConfigRecorder_twoResourcesOneRegion(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "hardened_config_recorder" "this" {}

resource "hardened_config_recorder" "used" {
  regions                 = ["us-east-1", "eu-west-1"]
  global_resources_region = "eu-west-1"
}
`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Region governed by two hardened_config_recorder resources.*eu-west-1, us-east-1`),
		}},
	})
}
