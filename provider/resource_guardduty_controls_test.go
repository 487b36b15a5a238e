package provider

import (
	"fmt"
	"testing"

	gdtypes "github.com/aws/aws-sdk-go-v2/service/guardduty/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// TestAccGuardDuty_controlsEnforced walks every control the docs list
// (guardDutyEnforcement): each protection plan disabled without a reason fails at
// plan citing its control; in eu-west-1 the detector suspended and each plan
// turned off by hand are planned as an update and repaired through the API.
func TestAccGuardDuty_controlsEnforced(t *testing.T) {
	const region = "eu-west-1"
	regions := []string{"us-east-1", region}
	config := guardDutyConfig("  regions = [\"us-east-1\", \"eu-west-1\"]\n")
	repaired := func(*terraform.State) error { return expectGuardDutyOn(t, regions, allGuardDutyFeatures()) }
	fifteen := gdtypes.FindingPublishingFrequencyFifteenMinutes
	how := map[string]enforcement{
		controls.GuardDutyEnabled.ID: {
			Weaken: func(t *testing.T, _ *terraform.State) {
				weakenGuardDuty(t, region, false, gdtypes.FindingPublishingFrequencyOneHour)
			},
			Action: plancheck.ResourceActionUpdate, Repaired: repaired,
		},
	}
	for _, f := range controls.GuardDutyFeatures {
		how[f.Control.ID] = enforcement{
			Rejected: []rejection{{
				config: guardDutyConfig(fmt.Sprintf("  disabled_features = { %s = \" \" }\n", f.Name)),
				want:   []string{"disabled without a reason", f.Control.Cite(), "[" + f.Control.ID + "]"},
			}},
			Weaken: func(t *testing.T, _ *terraform.State) { weakenGuardDuty(t, region, true, fifteen, f.Name) },
			Action: plancheck.ResourceActionUpdate, Repaired: repaired,
		}
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    documentedControlSteps(t, enforcedBy(guardDutyEnforcement()), how, guardDutyAddr, config),
	})
}
