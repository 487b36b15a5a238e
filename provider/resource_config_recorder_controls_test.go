package provider

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	cfgtypes "github.com/aws/aws-sdk-go-v2/service/configservice/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// configWeakening breaks a control in eu-west-1 by hand; the status attribute
// (under region_status.eu-west-1) must show it before the apply repairs it.
type configWeakening struct {
	name, attr string
	prior      knownvalue.Check
	weaken     func(t *testing.T, c *configservice.Client)
}

func configWeakenings() map[string][]configWeakening {
	const region = "eu-west-1"
	stop := func(t *testing.T, c *configservice.Client) {
		if _, err := c.StopConfigurationRecorder(context.Background(), &configservice.StopConfigurationRecorderInput{
			ConfigurationRecorderName: aws.String("default")}, inConfigRegion(region)); err != nil {
			t.Fatal(err)
		}
	}
	return map[string][]configWeakening{controls.ConfigRecorderAll.ID: {
		{"recorder stopped", "recording", knownvalue.Bool(false), stop},
		{"scope narrowed", "all_supported", knownvalue.Bool(false), func(t *testing.T, _ *configservice.Client) {
			putTestRecorder(t, "default", &cfgtypes.RecordingGroup{
				ResourceTypes: []cfgtypes.ResourceType{cfgtypes.ResourceTypeBucket}})
		}},
		{"global types recorded twice", "include_global_resource_types", knownvalue.Bool(true), func(t *testing.T, _ *configservice.Client) {
			putTestRecorder(t, "default", &cfgtypes.RecordingGroup{AllSupported: true, IncludeGlobalResourceTypes: true})
		}},
		{"channel deleted", "delivery_bucket", knownvalue.StringExact(""), func(t *testing.T, c *configservice.Client) {
			stop(t, c) // AWS refuses to delete the channel of a running recorder
			if _, err := c.DeleteDeliveryChannel(context.Background(), &configservice.DeleteDeliveryChannelInput{
				DeliveryChannelName: aws.String("default")}, inConfigRegion(region)); err != nil {
				t.Fatal(err)
			}
		}},
	}}
}

// Every control the docs table lists (configRecorderEnforcement) is shown: each
// weakening by hand in eu-west-1 is reported by its status attribute, planned as
// an update and repaired; the plan is empty afterwards.
func TestAccConfigRecorder_controlsEnforced(t *testing.T) {
	regions := []string{"us-east-1", "eu-west-1"}
	config := configRecorderConfig("  regions = [\"us-east-1\", \"eu-west-1\"]\n")
	repaired := func(*terraform.State) error {
		return expectConfigRecording(t, regions, "us-east-1", configManagedBucket)
	}
	weakenings := configWeakenings()
	steps := []resource.TestStep{{Config: config, Check: repaired}}
	for _, e := range configRecorderEnforcement {
		ws := weakenings[e.Control.ID]
		if e.Drift == "" || len(ws) == 0 {
			t.Fatalf("%s is documented as enforced through %q, but no weakening shows it", e.Control.ID, e.Drift)
		}
		delete(weakenings, e.Control.ID)
		for _, w := range ws {
			path := tfjsonpath.New(e.Drift).AtMapKey("eu-west-1").AtMapKey(w.attr)
			steps = append(steps, resource.TestStep{
				PreConfig: func() { w.weaken(t, testAWSClient(t).ConfigService()) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(configRecorderAddr, plancheck.ResourceActionUpdate),
					expectPriorValue(configRecorderAddr, path, w.prior),
				}},
				Check: repaired,
			})
		}
	}
	for id := range weakenings {
		t.Fatalf("a weakening of %s, which the docs do not list as enforced", id)
	}
	steps = append(steps, resource.TestStep{
		Config:           config,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
	})
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
}
