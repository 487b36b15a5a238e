package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
)

// allowAllEgressConfig is a group with an allow-all egress block (IPv4 and IPv6);
// optIn is the allow_all_egress line, or "" to leave it out.
func allowAllEgressConfig(vpc, optIn string) string {
	return fmt.Sprintf(`
resource "hardened_security_group" "web" {
  name        = "egress"
  description = "allow-all egress"
  vpc_id      = %q
  %s

  egress {
    description      = "anything out"
    protocol         = "-1"
    from_port        = 0
    to_port          = 0
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
}
`, vpc, optIn)
}

func closedEgressConfig(vpc string) string {
	return fmt.Sprintf(`
resource "hardened_security_group" "web" {
  name        = "egress"
  description = "allow-all egress"
  vpc_id      = %q
}
`, vpc)
}

// Allow-all egress applies only with allow_all_egress = true; without the opt-in it
// fails at plan, and an allow-all rule added out of band is revoked as drift.
func TestAccSecurityGroup_allowAllEgress(t *testing.T) {
	testAccPreCheck(t)
	c := testAWSClient(t)
	vpc := createDualStackVPC(t, c)
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             expectGroupsGone(t, c, &id),
		Steps: []resource.TestStep{
			{
				Config:      allowAllEgressConfig(vpc, ""),
				ExpectError: wrapped(`egress rule "anything out" allows all traffic (every protocol and port) out to ::/0 (control HRD-NET-006) [HRD-NET-006]`),
			},
			{
				Config: allowAllEgressConfig(vpc, "allow_all_egress = true"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(webAddr, tfjsonpath.New("allow_all_egress"), knownvalue.Bool(true)),
				},
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources[webAddr].Primary.ID
					return expectRuleSet(ruleIDs(t, c, id), []string{
						"egress -1 0.0.0.0/0 (anything out)",
						"egress -1 ::/0 (anything out)",
					})
				},
			},
			{
				Config:           allowAllEgressConfig(vpc, "allow_all_egress = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			// Import records allow_all_egress = false: it is not stored in AWS.
			{
				ResourceName:            webAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"allow_all_egress"},
			},
			// Withdrawing the opt-in while the rule is still configured fails at plan.
			{
				Config:      allowAllEgressConfig(vpc, "allow_all_egress = false"),
				ExpectError: wrapped(`set allow_all_egress = true on hardened_security_group: this weakens HRD-NET-006`),
			},
			{
				Config: closedEgressConfig(vpc),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(webAddr, tfjsonpath.New("allow_all_egress"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(webAddr, tfjsonpath.New("egress"), knownvalue.SetExact(nil)),
				},
				Check: func(_ *terraform.State) error { return expectRuleSet(ruleIDs(t, c, id), nil) },
			},
			// Added out of band: every TCP port to the internet shows as drift and is revoked.
			{
				PreConfig: func() {
					authorizeEgress(t, c, id, ec2types.IpPermission{IpProtocol: aws.String("tcp"),
						FromPort: aws.Int32(0), ToPort: aws.Int32(65535),
						Ipv6Ranges: []ec2types.Ipv6Range{{CidrIpv6: aws.String("::/0"), Description: aws.String("by hand")}}})
				},
				Config: closedEgressConfig(vpc),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(webAddr, plancheck.ResourceActionUpdate),
						expectPriorValue(webAddr, tfjsonpath.New("egress"), knownvalue.SetExact([]knownvalue.Check{
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"description":      knownvalue.StringExact("by hand"),
								"to_port":          knownvalue.Int64Exact(65535),
								"ipv6_cidr_blocks": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("::/0")}),
							}),
						})),
						plancheck.ExpectKnownValue(webAddr, tfjsonpath.New("egress"), knownvalue.SetExact(nil)),
					},
				},
				Check: func(_ *terraform.State) error { return expectRuleSet(ruleIDs(t, c, id), nil) },
			},
			{
				Config:           closedEgressConfig(vpc),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// createDualStackVPC creates a VPC with an IPv6 block. The emulator ignores the IPv6
// ranges of RevokeSecurityGroupEgress in a VPC without one (AWS revokes them), so
// tests that revoke ::/0 egress rules use this VPC.
func createDualStackVPC(t *testing.T, c *awsclient.Client) string {
	t.Helper()
	out, err := c.EC2().CreateVpc(context.Background(), &ec2.CreateVpcInput{
		CidrBlock: aws.String("10.0.0.0/16"), AmazonProvidedIpv6CidrBlock: aws.Bool(true),
	})
	if err != nil {
		t.Fatalf("creating a dual-stack VPC: %v", err)
	}
	return aws.ToString(out.Vpc.VpcId)
}
