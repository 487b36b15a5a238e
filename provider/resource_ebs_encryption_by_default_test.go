package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
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

const ebsDefaultAddr = "hardened_ebs_encryption_by_default.this"

// ebsEnabledRegions is every region the emulator lists as enabled for the
// account, in the commercial partition: what an unset regions governs.
func ebsEnabledRegions(t *testing.T) []string {
	t.Helper()
	ar, err := describeRegions(context.Background(), testAWSClient(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(ar.enabled) < 10 || !slices.Contains(ar.enabled, "eu-west-1") {
		t.Fatalf("the emulator lists %d enabled regions (%v): expected the commercial regions, eu-west-1 among them", len(ar.enabled), ar.enabled)
	}
	return ar.enabled
}

func ebsDefaultOn(t *testing.T, region string) bool {
	t.Helper()
	out, err := testAWSClient(t).EC2().GetEbsEncryptionByDefault(context.Background(), &ec2.GetEbsEncryptionByDefaultInput{}, inRegion(region))
	if err != nil {
		t.Fatalf("GetEbsEncryptionByDefault in %s: %v", region, err)
	}
	return aws.ToBool(out.EbsEncryptionByDefault)
}

// expectEBSDefault checks the emulator: on in the on regions, off in the off ones.
func expectEBSDefault(t *testing.T, on, off []string) error {
	t.Helper()
	for _, r := range on {
		if !ebsDefaultOn(t, r) {
			return fmt.Errorf("EBS encryption by default is off in %s, want on", r)
		}
	}
	for _, r := range off {
		if ebsDefaultOn(t, r) {
			return fmt.Errorf("EBS encryption by default is on in %s, want off", r)
		}
	}
	return nil
}

func ebsRegionsConfig(extra string, regions ...string) string {
	return fmt.Sprintf("resource \"hardened_ebs_encryption_by_default\" \"this\" {\n  regions = [\"%s\"]\n%s}\n",
		strings.Join(regions, `", "`), extra)
}

// One block with no arguments turns encryption on in every region the emulator
// lists; turning it off by hand in eu-west-1 is drift in that region's status,
// repaired by the next apply; import by account ID; destroy leaves it on.
func TestAccEBSEncryptionByDefault_everyRegion(t *testing.T) {
	var regions []string
	resource.Test(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			regions = ebsEnabledRegions(t)
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return expectEBSDefault(t, regions, nil) },
		Steps: []resource.TestStep{
			{
				Config: `resource "hardened_ebs_encryption_by_default" "this" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ebsDefaultAddr, tfjsonpath.New("id"), knownvalue.StringExact(emulator.DefaultAccountID)),
					statecheck.ExpectKnownValue(ebsDefaultAddr, tfjsonpath.New("region_status").AtMapKey("eu-west-1").AtMapKey("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ebsDefaultAddr, tfjsonpath.New("retain_on_destroy"), knownvalue.Bool(true)),
				},
				Check: func(s *terraform.State) error {
					attrs := s.RootModule().Resources[ebsDefaultAddr].Primary.Attributes
					if attrs["regions.#"] != fmt.Sprint(len(regions)) || attrs["region_status.%"] != fmt.Sprint(len(regions)) {
						return fmt.Errorf("regions.# = %s, region_status.%% = %s; want %d (every enabled region)",
							attrs["regions.#"], attrs["region_status.%"], len(regions))
					}
					// Regions of other partitions and regions not opted in stay untouched.
					return expectEBSDefault(t, regions, []string{"ap-east-1", "cn-north-1", "us-gov-west-1"})
				},
			},
			{
				PreConfig: func() {
					if _, err := testAWSClient(t).EC2().DisableEbsEncryptionByDefault(context.Background(),
						&ec2.DisableEbsEncryptionByDefaultInput{}, inRegion("eu-west-1")); err != nil {
						t.Fatal(err)
					}
				},
				Config: `resource "hardened_ebs_encryption_by_default" "this" {}`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(ebsDefaultAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(ebsDefaultAddr, tfjsonpath.New("region_status").AtMapKey("eu-west-1").AtMapKey("enabled"), knownvalue.Bool(true)),
						expectPriorValue(ebsDefaultAddr, tfjsonpath.New("region_status").AtMapKey("eu-west-1").AtMapKey("enabled"), knownvalue.Bool(false)),
						expectPriorValue(ebsDefaultAddr, tfjsonpath.New("region_status").AtMapKey("us-east-1").AtMapKey("enabled"), knownvalue.Bool(true)),
					},
				},
				Check: func(*terraform.State) error { return expectEBSDefault(t, regions, nil) },
			},
			{
				ResourceName:      ebsDefaultAddr,
				ImportState:       true,
				ImportStateId:     emulator.DefaultAccountID,
				ImportStateVerify: true,
			},
		},
	})
}

// A region enabled for the account between two plans: the emulator's region
// list cannot change, so an explicit list is widened. The added region is planned
// on and turned on; the others are not called again.
func TestAccEBSEncryptionByDefault_regionAdded(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: ebsRegionsConfig("", "us-east-1"),
				Check:  func(*terraform.State) error { return expectEBSDefault(t, []string{"us-east-1"}, []string{"eu-west-1"}) },
			},
			{
				Config: ebsRegionsConfig("", "us-east-1", "eu-west-1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(ebsDefaultAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(ebsDefaultAddr, tfjsonpath.New("region_status").AtMapKey("eu-west-1").AtMapKey("enabled"), knownvalue.Bool(true)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ebsDefaultAddr, tfjsonpath.New("region_status"), knownvalue.MapSizeExact(2)),
				},
				Check: func(*terraform.State) error {
					return expectEBSDefault(t, []string{"us-east-1", "eu-west-1"}, []string{"eu-west-2"})
				},
			},
		},
	})
}

// Unknown and disabled regions fail at plan, naming the region.
func TestAccEBSEncryptionByDefault_invalidRegions(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      ebsRegionsConfig("", "us-east-1", "xx-east-9"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Unknown region.*"xx-east-9" is not a region`),
			},
			{
				// The emulator lists ap-east-1 as not opted in.
				Config:      ebsRegionsConfig("", "ap-east-1"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Region not enabled.*Region ap-east-1 is not enabled`),
			},
			{
				Config:      ebsRegionsConfig("", "cn-north-1"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`"cn-north-1" is not a region of this account's partition`),
			},
		},
	})
}

// A failure in one region (a policy denying eu-west-1) does not lose the others:
// the error names the region, state records the regions that were done, and
// once the region answers again the next apply finishes it.
func TestAccEBSEncryptionByDefault_partialFailure(t *testing.T) {
	proxy, err := faultproxy.Start(acctest.Emulator.Endpoint, faultproxy.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	cfg := func(regions ...string) string {
		return acctest.ProviderBlock("endpoints {", "  ec2 = \""+proxy.URL+"\"", "}") + ebsRegionsConfig("", regions...)
	}
	three := []string{"us-east-1", "eu-west-1", "eu-west-2"}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg("us-east-1")},
			{
				PreConfig: func() {
					proxy.Configure(faultproxy.Config{Rules: []faultproxy.Rule{
						{Match: "ec2:EnableEbsEncryptionByDefault", Region: "eu-west-1", Kind: faultproxy.AccessDenied},
					}})
				},
				Config:      cfg(three...),
				ExpectError: regexp.MustCompile(`(?s)ec2:EnableEbsEncryptionByDefault for region eu-west-1 failed.*UnauthorizedOperation.*on in the\s+other regions \(2 of 3\)`),
			},
			{
				PreConfig: func() {
					if err := expectEBSDefault(t, []string{"us-east-1", "eu-west-2"}, []string{"eu-west-1"}); err != nil {
						t.Fatal(err)
					}
					proxy.Configure(faultproxy.Config{})
					proxy.Reset()
				},
				Config: cfg(three...),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(ebsDefaultAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					// Only the failed region is called again.
					if n := proxy.Counts()["ec2:EnableEbsEncryptionByDefault"]; n != 1 {
						return fmt.Errorf("the recovering apply enabled %d regions, want 1 (eu-west-1)", n)
					}
					return expectEBSDefault(t, three, nil)
				},
			},
		},
	})
}

// retain_on_destroy = false turns encryption off again in every governed region.
func TestAccEBSEncryptionByDefault_destroyDisables(t *testing.T) {
	regions := []string{"us-east-1", "eu-west-1"}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return expectEBSDefault(t, nil, regions) },
		Steps: []resource.TestStep{{
			Config: ebsRegionsConfig("  retain_on_destroy = false\n", regions...),
			Check:  func(*terraform.State) error { return expectEBSDefault(t, regions, nil) },
		}},
	})
}

// A create that fails in one region keeps what it did in the others; Terraform
// marks the half-created resource tainted, and the next apply replaces it: the
// retained regions stay on (destroy turns nothing off) and the failed one is done.
func TestAccEBSEncryptionByDefault_partialFailureOnCreate(t *testing.T) {
	proxy, err := faultproxy.Start(acctest.Emulator.Endpoint, faultproxy.Config{Rules: []faultproxy.Rule{
		{Match: "ec2:EnableEbsEncryptionByDefault", Region: "eu-west-1", Kind: faultproxy.AccessDenied},
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	config := acctest.ProviderBlock("endpoints {", "  ec2 = \""+proxy.URL+"\"", "}") + ebsRegionsConfig("", "us-east-1", "eu-west-1")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: regexp.MustCompile(`ec2:EnableEbsEncryptionByDefault for region eu-west-1 failed`),
			},
			{
				PreConfig: func() {
					if err := expectEBSDefault(t, []string{"us-east-1"}, []string{"eu-west-1"}); err != nil {
						t.Fatal(err)
					}
					proxy.Configure(faultproxy.Config{})
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(ebsDefaultAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(*terraform.State) error { return expectEBSDefault(t, []string{"us-east-1", "eu-west-1"}, nil) },
			},
		},
	})
}
