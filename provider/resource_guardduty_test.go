package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"
	gdtypes "github.com/aws/aws-sdk-go-v2/service/guardduty/types"
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

const guardDutyAddr = "hardened_guardduty.this"

func guardDutyConfig(args string) string {
	return "resource \"hardened_guardduty\" \"this\" {\n" + args + "}\n"
}

// guardDutyDetectorIn reads a region's detector from the emulator (nil when none);
// more than one fails the test: GuardDuty allows one per region.
func guardDutyDetectorIn(t *testing.T, region string) (string, *guardduty.GetDetectorOutput) {
	t.Helper()
	ctx := context.Background()
	c := testAWSClient(t).GuardDuty()
	list, err := c.ListDetectors(ctx, &guardduty.ListDetectorsInput{}, inGuardDutyRegion(region))
	if err != nil {
		t.Fatalf("ListDetectors in %s: %v", region, err)
	}
	switch len(list.DetectorIds) {
	case 0:
		return "", nil
	case 1:
	default:
		t.Fatalf("%d detectors in %s, GuardDuty allows one", len(list.DetectorIds), region)
	}
	id := list.DetectorIds[0]
	d, err := c.GetDetector(ctx, &guardduty.GetDetectorInput{DetectorId: aws.String(id)}, inGuardDutyRegion(region))
	if err != nil {
		t.Fatalf("GetDetector %s in %s: %v", id, region, err)
	}
	return id, d
}

// expectGuardDutyOn checks the emulator: in every region one detector, enabled,
// publishing every 15 minutes, each protection plan as in features.
func expectGuardDutyOn(t *testing.T, regions []string, features map[string]string) error {
	t.Helper()
	for _, region := range regions {
		id, d := guardDutyDetectorIn(t, region)
		switch {
		case d == nil:
			return fmt.Errorf("no detector in %s", region)
		case d.Status != gdtypes.DetectorStatusEnabled:
			return fmt.Errorf("the detector %s in %s is %s", id, region, d.Status)
		case d.FindingPublishingFrequency != gdtypes.FindingPublishingFrequencyFifteenMinutes:
			return fmt.Errorf("the detector %s in %s publishes every %s", id, region, d.FindingPublishingFrequency)
		}
		got := guardDutyFeatureStatus(d.Features)
		for name, want := range features {
			if got[name] != want {
				return fmt.Errorf("the detector %s in %s has %s %q, want %q", id, region, name, got[name], want)
			}
		}
	}
	return nil
}

// allGuardDutyFeatures is every protection plan on.
func allGuardDutyFeatures() map[string]string { return wantedGuardDutyFeatures(nil) }

// createTestDetector creates a detector by hand (as another tool would: no tag,
// no features), suspended or not, and returns its ID.
func createTestDetector(t *testing.T, region string, enable bool) string {
	t.Helper()
	out, err := testAWSClient(t).GuardDuty().CreateDetector(context.Background(), &guardduty.CreateDetectorInput{
		Enable: aws.Bool(enable), FindingPublishingFrequency: gdtypes.FindingPublishingFrequencySixHours,
	}, inGuardDutyRegion(region))
	if err != nil {
		t.Fatalf("CreateDetector in %s: %v", region, err)
	}
	return aws.ToString(out.DetectorId)
}

// weakenGuardDuty changes the region's detector by hand: enable and frequency as
// given, and the named protection plans turned off (the others kept as they are).
func weakenGuardDuty(t *testing.T, region string, enable bool, frequency gdtypes.FindingPublishingFrequency, off ...string) {
	t.Helper()
	id, d := guardDutyDetectorIn(t, region)
	if d == nil {
		t.Fatalf("no detector in %s to weaken", region)
	}
	features := guardDutyFeatureStatus(d.Features)
	for _, name := range off {
		features[name] = featureDisabled
	}
	if _, err := testAWSClient(t).GuardDuty().UpdateDetector(context.Background(), &guardduty.UpdateDetectorInput{
		DetectorId: aws.String(id), Enable: aws.Bool(enable), FindingPublishingFrequency: frequency,
		Features: guardDutyFeatureRequest(features)}, inGuardDutyRegion(region)); err != nil {
		t.Fatalf("UpdateDetector %s in %s: %v", id, region, err)
	}
}

func guardDutyStatusPath(region, attr string) tfjsonpath.Path {
	return tfjsonpath.New("region_status").AtMapKey(region).AtMapKey(attr)
}

// One block with no arguments enables GuardDuty, every protection plan on, in
// every region the emulator lists. In eu-west-1 a detector suspended, a plan
// turned off and the frequency changed by hand are drift, repaired by the next
// apply; import by account ID; destroy leaves the detectors enabled.
func TestAccGuardDuty_everyRegion(t *testing.T) {
	regions := ebsEnabledRegions(t)
	config := guardDutyConfig("")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			return expectGuardDutyOn(t, regions, allGuardDutyFeatures())
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(guardDutyAddr, tfjsonpath.New("id"), knownvalue.StringExact(emulator.DefaultAccountID)),
					statecheck.ExpectKnownValue(guardDutyAddr, tfjsonpath.New("region_status"), knownvalue.MapSizeExact(len(regions))),
					statecheck.ExpectKnownValue(guardDutyAddr, guardDutyStatusPath("eu-west-1", "enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(guardDutyAddr, guardDutyStatusPath("eu-west-1", "finding_publishing_frequency"),
						knownvalue.StringExact("FIFTEEN_MINUTES")),
					statecheck.ExpectKnownValue(guardDutyAddr, guardDutyStatusPath("eu-west-1", "features").AtMapKey("EC2_AGENT_MANAGEMENT"),
						knownvalue.StringExact("ENABLED")),
				},
				Check: func(*terraform.State) error {
					if err := expectGuardDutyOn(t, regions, allGuardDutyFeatures()); err != nil {
						return err
					}
					// Regions not opted in and other partitions stay untouched.
					if id, _ := guardDutyDetectorIn(t, "ap-east-1"); id != "" {
						return fmt.Errorf("a detector %s in ap-east-1, which is not enabled for the account", id)
					}
					return nil
				},
			},
			{
				PreConfig: func() {
					weakenGuardDuty(t, "eu-west-1", false, gdtypes.FindingPublishingFrequencySixHours, "S3_DATA_EVENTS", "ECS_FARGATE_AGENT_MANAGEMENT")
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(guardDutyAddr, plancheck.ResourceActionUpdate),
						expectPriorValue(guardDutyAddr, guardDutyStatusPath("eu-west-1", "enabled"), knownvalue.Bool(false)),
						expectPriorValue(guardDutyAddr, guardDutyStatusPath("eu-west-1", "finding_publishing_frequency"), knownvalue.StringExact("SIX_HOURS")),
						expectPriorValue(guardDutyAddr, guardDutyStatusPath("eu-west-1", "features").AtMapKey("S3_DATA_EVENTS"), knownvalue.StringExact("DISABLED")),
						expectPriorValue(guardDutyAddr, guardDutyStatusPath("eu-west-1", "features").AtMapKey("ECS_FARGATE_AGENT_MANAGEMENT"), knownvalue.StringExact("DISABLED")),
						expectPriorValue(guardDutyAddr, guardDutyStatusPath("us-east-1", "enabled"), knownvalue.Bool(true)),
						plancheck.ExpectKnownValue(guardDutyAddr, guardDutyStatusPath("eu-west-1", "enabled"), knownvalue.Bool(true)),
						plancheck.ExpectKnownValue(guardDutyAddr, guardDutyStatusPath("eu-west-1", "features").AtMapKey("S3_DATA_EVENTS"), knownvalue.StringExact("ENABLED")),
					},
				},
				Check: func(*terraform.State) error {
					return expectGuardDutyOn(t, regions, allGuardDutyFeatures())
				},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName:      guardDutyAddr,
				ImportState:       true,
				ImportStateId:     emulator.DefaultAccountID,
				ImportStateVerify: true,
			},
		},
	})
}

// A detector that exists (suspended, no plans, publishing every six hours, made
// by another tool) is adopted under its ID, not duplicated; retain_on_destroy =
// false deletes the detector the resource created and only suspends the adopted one.
func TestAccGuardDuty_adoptAndDestroy(t *testing.T) {
	var adopted string
	resource.Test(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			adopted = createTestDetector(t, "eu-west-1", false)
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if id, _ := guardDutyDetectorIn(t, "us-east-1"); id != "" {
				return fmt.Errorf("the detector %s the resource created in us-east-1 was not deleted", id)
			}
			id, d := guardDutyDetectorIn(t, "eu-west-1")
			if id != adopted || d.Status != gdtypes.DetectorStatusDisabled {
				return fmt.Errorf("the adopted detector %s in eu-west-1 should be kept and suspended, found %q (%v)", adopted, id, d)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: guardDutyConfig(`  regions           = ["us-east-1", "eu-west-1"]
  retain_on_destroy = false
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(guardDutyAddr, guardDutyStatusPath("eu-west-1", "detector_id"), knownvalue.NotNull()),
			},
			Check: func(s *terraform.State) error {
				if id, _ := guardDutyDetectorIn(t, "eu-west-1"); id != adopted {
					return fmt.Errorf("the detector in eu-west-1 is %q, want the adopted %s", id, adopted)
				}
				if got := s.RootModule().Resources[guardDutyAddr].Primary.Attributes["region_status.eu-west-1.detector_id"]; got != adopted {
					return fmt.Errorf("region_status reports detector %q in eu-west-1, want %s", got, adopted)
				}
				return expectGuardDutyOn(t, []string{"us-east-1", "eu-west-1"}, allGuardDutyFeatures())
			},
		}},
	})
}

// An import block adopts the account's GuardDuty: the suspended detector in
// eu-west-1 is imported and enabled in the same apply, and the plan is empty after.
func TestAccGuardDuty_importBlock(t *testing.T) {
	var existing string
	config := `import {
  to = hardened_guardduty.this
  id = "` + emulator.DefaultAccountID + `"
}

` + guardDutyConfig("  regions = [\"eu-west-1\"]\n")
	resource.Test(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			existing = createTestDetector(t, "eu-west-1", false)
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(guardDutyAddr, plancheck.ResourceActionUpdate),
					expectPriorValue(guardDutyAddr, guardDutyStatusPath("eu-west-1", "enabled"), knownvalue.Bool(false)),
				}},
				Check: func(*terraform.State) error {
					if id, _ := guardDutyDetectorIn(t, "eu-west-1"); id != existing {
						return fmt.Errorf("the detector in eu-west-1 is %q, want the imported %s", id, existing)
					}
					return expectGuardDutyOn(t, []string{"eu-west-1"}, allGuardDutyFeatures())
				},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// Plans named in disabled_features are turned off, runtime monitoring's agents
// with it; removing the entries turns them back on.
func TestAccGuardDuty_disabledFeatures(t *testing.T) {
	regions := []string{"us-east-1", "eu-west-1"}
	off := map[string]string{"LAMBDA_NETWORK_LOGS": "no Lambda functions", "RUNTIME_MONITORING": "agents not approved yet"}
	want := wantedGuardDutyFeatures(off)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: guardDutyConfig(`  regions = ["us-east-1", "eu-west-1"]
  disabled_features = {
    LAMBDA_NETWORK_LOGS = "no Lambda functions"
    RUNTIME_MONITORING  = "agents not approved yet"
  }
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(guardDutyAddr, guardDutyStatusPath("eu-west-1", "features").AtMapKey("EKS_ADDON_MANAGEMENT"),
						knownvalue.StringExact("DISABLED")),
					statecheck.ExpectKnownValue(guardDutyAddr, guardDutyStatusPath("eu-west-1", "features").AtMapKey("S3_DATA_EVENTS"),
						knownvalue.StringExact("ENABLED")),
				},
				Check: func(*terraform.State) error {
					for _, name := range []string{"LAMBDA_NETWORK_LOGS", "RUNTIME_MONITORING", "EKS_ADDON_MANAGEMENT",
						"ECS_FARGATE_AGENT_MANAGEMENT", "EC2_AGENT_MANAGEMENT"} {
						if want[name] != featureDisabled {
							return fmt.Errorf("%s is wanted %s, want DISABLED", name, want[name])
						}
					}
					return expectGuardDutyOn(t, regions, want)
				},
			},
			{
				Config: guardDutyConfig("  regions = [\"us-east-1\", \"eu-west-1\"]\n"),
				Check: func(*terraform.State) error {
					return expectGuardDutyOn(t, regions, allGuardDutyFeatures())
				},
			},
		},
	})
}

// An unknown plan name fails at plan, listing the plans.
func TestAccGuardDuty_unknownFeature(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      guardDutyConfig("  disabled_features = { DNS_LOGS = \"foundational, cannot be turned off\" }\n"),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Unknown GuardDuty protection plan.*"DNS_LOGS".*S3_DATA_EVENTS`),
		}},
	})
}

// A region that fails (CreateDetector denied in eu-west-1) does not lose the others: the error names the region and the call, and once the region
// answers the next apply creates only its detector.
func TestAccGuardDuty_partialFailure(t *testing.T) {
	proxy, err := faultproxy.Start(acctest.Emulator.Endpoint, faultproxy.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	const createDetector = "guardduty:CreateDetector"
	regions := []string{"eu-west-1", "eu-west-2", "us-east-1"}
	config := acctest.ProviderBlock("endpoints {", "  guardduty = \""+proxy.URL+"\"", "}") +
		guardDutyConfig("  regions = [\"us-east-1\", \"eu-west-1\", \"eu-west-2\"]\n")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Created first: a create that fails leaves the resource tainted (replaced), an update does not.
				Config: guardDutyConfig("  regions = [\"us-east-1\"]\n"),
			},
			{
				PreConfig: func() {
					proxy.Configure(faultproxy.Config{Rules: []faultproxy.Rule{
						{Match: createDetector, Region: "eu-west-1", Kind: faultproxy.AccessDenied},
					}})
				},
				Config: config,
				ExpectError: regexp.MustCompile(`(?s)guardduty:CreateDetector for region eu-west-1 failed.*AccessDenied.*` +
					`enabled\s+in\s+the\s+other\s+regions\s+\(2\s+of\s+3\)`),
			},
			{
				PreConfig: func() {
					if err := expectGuardDutyOn(t, []string{"us-east-1", "eu-west-2"}, allGuardDutyFeatures()); err != nil {
						t.Fatal(err)
					}
					if id, _ := guardDutyDetectorIn(t, "eu-west-1"); id != "" {
						t.Fatalf("a detector %s in eu-west-1, where CreateDetector was denied", id)
					}
					proxy.Configure(faultproxy.Config{})
					proxy.Reset()
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(guardDutyAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					if n := proxy.Counts()[createDetector]; n != 1 {
						return fmt.Errorf("the recovering apply created %d detectors, want 1 (eu-west-1)", n)
					}
					return expectGuardDutyOn(t, regions, allGuardDutyFeatures())
				},
			},
		},
	})
}

// With retain_on_destroy = false, a region removed from regions loses the
// detector the resource created there; the other region keeps its detector.
func TestAccGuardDuty_regionReleased(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: guardDutyConfig("  regions           = [\"us-east-1\", \"eu-west-1\"]\n  retain_on_destroy = false\n"),
				Check: func(*terraform.State) error {
					return expectGuardDutyOn(t, []string{"us-east-1", "eu-west-1"}, allGuardDutyFeatures())
				},
			},
			{
				Config: guardDutyConfig("  regions           = [\"us-east-1\"]\n  retain_on_destroy = false\n"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(guardDutyAddr, tfjsonpath.New("region_status"), knownvalue.MapSizeExact(1)),
				},
				Check: func(*terraform.State) error {
					if id, _ := guardDutyDetectorIn(t, "eu-west-1"); id != "" {
						return fmt.Errorf("the detector %s in eu-west-1, removed from regions, was not deleted", id)
					}
					return expectGuardDutyOn(t, []string{"us-east-1"}, allGuardDutyFeatures())
				},
			},
		},
	})
}

// Two hardened_guardduty resources governing one region would adopt the same
// detector and rewrite each other's protection plans at every apply: the second
// is refused at plan, naming the region; disjoint regions are fine.
func TestAccGuardDuty_twoResourcesOneRegion(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
resource "hardened_guardduty" "all" {
  regions = ["us-east-1", "eu-west-1"]
}

resource "hardened_guardduty" "used" {
  regions           = ["eu-west-1"]
  disabled_features = { LAMBDA_NETWORK_LOGS = "no Lambda functions (SEC-1)" }
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Region governed by two hardened_guardduty resources.*eu-west-1.*disjoint`),
			},
			{
				Config: `
resource "hardened_guardduty" "us" {
  regions = ["us-east-1"]
}

resource "hardened_guardduty" "eu" {
  regions           = ["eu-west-1"]
  disabled_features = { LAMBDA_NETWORK_LOGS = "no Lambda functions (SEC-1)" }
}
`,
				Check: func(*terraform.State) error {
					if err := expectGuardDutyOn(t, []string{"us-east-1"}, allGuardDutyFeatures()); err != nil {
						return err
					}
					return expectGuardDutyOn(t, []string{"eu-west-1"},
						wantedGuardDutyFeatures(map[string]string{"LAMBDA_NETWORK_LOGS": "x"}))
				},
			},
		},
	})
}
