package provider

// hardened_security_group against changes made outside Terraform and AWS's own
// spellings of what was configured.

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
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func driftConfig(vpc string) string {
	return fmt.Sprintf(`
resource "hardened_security_group" "web" {
  name                 = "drift"
  description          = "drift test"
  vpc_id               = %q
  public_ingress_ports = [443]

  ingress {
    description      = "https"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
}
`, vpc)
}

// Rules added and removed out of band show in the plan, and apply restores the configuration.
func TestAccSecurityGroup_drift(t *testing.T) {
	vpc := testAccVPC(t)
	c := testAWSClient(t)
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: driftConfig(vpc),
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources[webAddr].Primary.ID
					return nil
				},
			},
			{
				PreConfig: func() {
					authorizeIngress(t, c, id, tcpFrom(22, "10.1.0.0/16", "debugging"))
					authorizeEgress(t, c, id, ec2types.IpPermission{IpProtocol: aws.String("-1"),
						IpRanges: []ec2types.IpRange{{CidrIp: aws.String("0.0.0.0/0"), Description: aws.String("oops")}}})
					if _, err := c.EC2().RevokeSecurityGroupIngress(context.Background(), &ec2.RevokeSecurityGroupIngressInput{
						GroupId: aws.String(id), IpPermissions: []ec2types.IpPermission{tcpFrom(443, "0.0.0.0/0", "")},
					}); err != nil {
						t.Fatal(err)
					}
				},
				Config: driftConfig(vpc),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(webAddr, plancheck.ResourceActionUpdate),
						// Refreshed state: the HTTPS block lost its IPv4 source, the SSH rule appeared...
						expectPriorValue(webAddr, tfjsonpath.New("ingress"), knownvalue.SetExact([]knownvalue.Check{
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"description":      knownvalue.StringExact("https"),
								"cidr_blocks":      knownvalue.SetExact([]knownvalue.Check{}),
								"ipv6_cidr_blocks": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("::/0")}),
							}),
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"description": knownvalue.StringExact("debugging"),
								"protocol":    knownvalue.StringExact("tcp"),
								"from_port":   knownvalue.Int64Exact(22),
								"cidr_blocks": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("10.1.0.0/16")}),
							}),
						})),
						expectPriorValue(webAddr, tfjsonpath.New("egress"), knownvalue.SetExact([]knownvalue.Check{
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"description": knownvalue.StringExact("oops"),
								"protocol":    knownvalue.StringExact("-1"),
								"cidr_blocks": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("0.0.0.0/0")}),
							}),
						})),
						// ...and the plan is the configuration again.
						plancheck.ExpectKnownValue(webAddr, tfjsonpath.New("ingress"), knownvalue.SetExact([]knownvalue.Check{
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"description": knownvalue.StringExact("https"),
								"cidr_blocks": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("0.0.0.0/0")}),
							}),
						})),
						plancheck.ExpectKnownValue(webAddr, tfjsonpath.New("egress"), knownvalue.SetExact([]knownvalue.Check{})),
					},
				},
				Check: func(_ *terraform.State) error {
					return expectRuleSet(ruleIDs(t, c, id), []string{
						"ingress tcp 443 0.0.0.0/0 (https)",
						"ingress tcp 443 ::/0 (https)",
					})
				},
			},
			{
				Config: driftConfig(vpc),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// Numbered and named protocols are the same to AWS: no drift, no API call.
func TestAccSecurityGroup_protocolSpelling(t *testing.T) {
	vpc := testAccVPC(t)
	c := testAWSClient(t)
	cfg := func(tcp, all string) string {
		return fmt.Sprintf(`
resource "hardened_security_group" "web" {
  name        = "spelling"
  description = "protocol spelling"
  vpc_id      = %q

  ingress {
    description = "api from the VPC"
    protocol    = %q
    from_port   = 8080
    to_port     = 8080
    cidr_blocks = ["10.0.0.0/16"]
  }
  ingress {
    description = "members"
    protocol    = %q
    from_port   = 0
    to_port     = 0
    self        = true
  }
  egress {
    description = "dns"
    protocol    = "17"
    from_port   = 53
    to_port     = 53
    cidr_blocks = ["10.0.0.2/32"]
  }
}
`, vpc, tcp, all)
	}
	var id string
	var before map[string]string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg("6", "all"),
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources[webAddr].Primary.ID
					before = ruleIDs(t, c, id)
					return expectRuleSet(before, []string{
						"egress udp 53 10.0.0.2/32 (dns)",
						"ingress -1 " + id,
						"ingress tcp 8080 10.0.0.0/16 (api from the VPC)",
					})
				},
			},
			{
				Config: cfg("6", "all"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: cfg("TCP", "-1"),
				Check: func(_ *terraform.State) error {
					after := ruleIDs(t, c, id)
					for k, v := range before {
						if after[k] != v {
							return fmt.Errorf("respelling the protocol changed rule %q (%s -> %s)", k, v, after[k])
						}
					}
					return nil
				},
			},
		},
	})
}
