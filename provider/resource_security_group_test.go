package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hardened-tf/terraform-provider-hardened/internal/clock"
	"github.com/hardened-tf/terraform-provider-hardened/internal/emulator"
)

const webAddr = "hardened_security_group.web"

// webConfig is a realistic group: public HTTPS, SSH from an office, app traffic
// from a load balancer group and from its own members, HTTPS out.
func webConfig(vpc string) string {
	return fmt.Sprintf(`
resource "hardened_security_group" "lb" {
  name        = "lb"
  description = "load balancer"
  vpc_id      = %[1]q
}

resource "hardened_security_group" "web" {
  name                 = "web"
  description          = "web tier"
  vpc_id               = %[1]q
  public_ingress_ports = [80, 443]
  tags                 = { Tier = "web" }

  ingress {
    description      = "https from the internet"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
  ingress {
    description = "ssh from the office"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["203.0.113.0/24"]
  }
  ingress {
    description     = "app traffic"
    protocol        = "tcp"
    from_port       = 8080
    to_port         = 8080
    security_groups = [hardened_security_group.lb.id]
    self            = true
  }
  ingress {
    description = "metrics"
    protocol    = "tcp"
    from_port   = 9100
    to_port     = 9100
    cidr_blocks = ["10.0.0.0/16"]
  }
  egress {
    description = "https out"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`, vpc)
}

// webConfigUpdated drops the metrics rule, redescribes the SSH rule, adds an admin
// UI rule and changes the tags; the HTTPS and app rules are untouched.
func webConfigUpdated(vpc, name, description string) string {
	return fmt.Sprintf(`
resource "hardened_security_group" "lb" {
  name        = "lb"
  description = "load balancer"
  vpc_id      = %[1]q
}

resource "hardened_security_group" "web" {
  name                 = %[2]q
  description          = %[3]q
  vpc_id               = %[1]q
  public_ingress_ports = [80, 443]
  tags                 = { Tier = "web", Env = "test" }

  ingress {
    description      = "https from the internet"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
  ingress {
    description = "ssh from the office VPN"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["203.0.113.0/24"]
  }
  ingress {
    description     = "app traffic"
    protocol        = "tcp"
    from_port       = 8080
    to_port         = 8080
    security_groups = [hardened_security_group.lb.id]
    self            = true
  }
  ingress {
    description = "admin UI from the VPC"
    protocol    = "tcp"
    from_port   = 8443
    to_port     = 8443
    cidr_blocks = ["10.0.0.0/16"]
  }
  egress {
    description = "https out"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`, vpc, name, description)
}

// Create, empty plan, import, in-place rule update keeping unchanged rules, then
// replacement on name and description changes.
func TestAccSecurityGroup_basic(t *testing.T) {
	vpc := testAccVPC(t)
	c := testAWSClient(t)
	var webID, lbID string
	var before map[string]string // rule IDs after create
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             expectGroupsGone(t, c, &webID, &lbID),
		Steps: []resource.TestStep{
			{
				Config: webConfig(vpc),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(webAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^sg-`))),
					statecheck.ExpectKnownValue(webAddr, tfjsonpath.New("name"), knownvalue.StringExact("web")),
					statecheck.ExpectKnownValue(webAddr, tfjsonpath.New("vpc_id"), knownvalue.StringExact(vpc)),
					statecheck.ExpectKnownValue(webAddr, tfjsonpath.New("owner_id"), knownvalue.StringExact(emulator.DefaultAccountID)),
					statecheck.ExpectKnownValue(webAddr, tfjsonpath.New("arn"),
						knownvalue.StringRegexp(regexp.MustCompile(`^arn:aws:ec2:us-east-1:123456789012:security-group/sg-`))),
					statecheck.ExpectKnownValue(webAddr, tfjsonpath.New("ingress"), knownvalue.SetSizeExact(4)),
					statecheck.ExpectKnownValue(webAddr, tfjsonpath.New("egress"), knownvalue.SetSizeExact(1)),
					statecheck.ExpectKnownValue("hardened_security_group.lb", tfjsonpath.New("egress"), knownvalue.SetSizeExact(0)),
				},
				Check: func(s *terraform.State) error {
					webID = s.RootModule().Resources[webAddr].Primary.ID
					lbID = s.RootModule().Resources["hardened_security_group.lb"].Primary.ID
					before = ruleIDs(t, c, webID)
					want := []string{
						"egress tcp 443 0.0.0.0/0 (https out)",
						"ingress tcp 22 203.0.113.0/24 (ssh from the office)",
						"ingress tcp 443 0.0.0.0/0 (https from the internet)",
						"ingress tcp 443 ::/0 (https from the internet)",
						"ingress tcp 8080 " + lbID,
						"ingress tcp 8080 " + webID,
						"ingress tcp 9100 10.0.0.0/16 (metrics)",
					}
					if err := expectRuleSet(before, want); err != nil {
						return err
					}
					// AWS's allow-all egress of a new group is gone.
					if n := len(groupRules(t, c, lbID)); n != 0 {
						return fmt.Errorf("group lb without rule blocks has %d rules in AWS, want 0", n)
					}
					return expectTags(t, c, webID, map[string]string{"Tier": "web"})
				},
			},
			{
				Config: webConfig(vpc),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				ResourceName:            webAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"public_ingress_ports"},
			},
			// Rules change in place: only the difference is authorized and revoked.
			{
				Config: webConfigUpdated(vpc, "web", "web tier"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(webAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(_ *terraform.State) error {
					after := ruleIDs(t, c, webID)
					if err := expectRuleSet(after, []string{
						"egress tcp 443 0.0.0.0/0 (https out)",
						"ingress tcp 22 203.0.113.0/24 (ssh from the office VPN)",
						"ingress tcp 443 0.0.0.0/0 (https from the internet)",
						"ingress tcp 443 ::/0 (https from the internet)",
						"ingress tcp 8080 " + lbID,
						"ingress tcp 8080 " + webID,
						"ingress tcp 8443 10.0.0.0/16 (admin UI from the VPC)",
					}); err != nil {
						return err
					}
					// Unchanged and redescribed rules are the same AWS rules: no delete-and-recreate.
					for k, was := range map[string]string{
						"egress tcp 443 0.0.0.0/0 (https out)":                    "egress tcp 443 0.0.0.0/0 (https out)",
						"ingress tcp 443 0.0.0.0/0 (https from the internet)":     "ingress tcp 443 0.0.0.0/0 (https from the internet)",
						"ingress tcp 443 ::/0 (https from the internet)":          "ingress tcp 443 ::/0 (https from the internet)",
						"ingress tcp 8080 " + lbID:                                "ingress tcp 8080 " + lbID,
						"ingress tcp 8080 " + webID:                               "ingress tcp 8080 " + webID,
						"ingress tcp 22 203.0.113.0/24 (ssh from the office VPN)": "ingress tcp 22 203.0.113.0/24 (ssh from the office)",
					} {
						if before[was] == "" || before[was] != after[k] {
							return fmt.Errorf("rule %q was recreated: ID %q before the update, %q after", k, before[was], after[k])
						}
					}
					if err := expectDescription(t, c, webID, 8080, lbID, "app traffic"); err != nil {
						return err
					}
					return expectTags(t, c, webID, map[string]string{"Tier": "web", "Env": "test"})
				},
			},
			{
				Config: webConfigUpdated(vpc, "web", "web tier"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			// A new name, or a new description (which AWS cannot change), replaces the group.
			{
				Config: webConfigUpdated(vpc, "web-2", "web tier"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(webAddr, plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				Check: func(s *terraform.State) error {
					old := webID
					webID = s.RootModule().Resources[webAddr].Primary.ID
					if g := findGroup(t, c, old); g != nil {
						return fmt.Errorf("replaced group %s still exists", old)
					}
					return nil
				},
			},
			{
				Config: webConfigUpdated(vpc, "web-2", "web tier, version 2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(webAddr, plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(webAddr, tfjsonpath.New("description"), knownvalue.StringExact("web tier, version 2")),
				},
				Check: func(s *terraform.State) error {
					webID = s.RootModule().Resources[webAddr].Primary.ID
					return nil
				},
			},
		},
	})
}

// Defaults: a generated name (or one from name_prefix), the region's default VPC,
// and no egress.
func TestAccSecurityGroup_defaults(t *testing.T) {
	testAccPreCheck(t)
	c := testAWSClient(t)
	defaultVPC := defaultVPCID(t, c)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
resource "hardened_security_group" "generated" {
  description = "generated name"
}

resource "hardened_security_group" "prefixed" {
  name_prefix = "app-"
  description = "prefixed name"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("hardened_security_group.generated", tfjsonpath.New("name"),
						knownvalue.StringRegexp(regexp.MustCompile(`^terraform-\d{24}$`))),
					statecheck.ExpectKnownValue("hardened_security_group.prefixed", tfjsonpath.New("name"),
						knownvalue.StringRegexp(regexp.MustCompile(`^app-\d{24}$`))),
					statecheck.ExpectKnownValue("hardened_security_group.generated", tfjsonpath.New("vpc_id"),
						knownvalue.StringExact(defaultVPC)),
				},
				Check: func(s *terraform.State) error {
					for _, addr := range []string{"hardened_security_group.generated", "hardened_security_group.prefixed"} {
						id := s.RootModule().Resources[addr].Primary.ID
						if rules := groupRules(t, c, id); len(rules) != 0 {
							return fmt.Errorf("%s (%s) has %d rules, want none (egress closed by default)", addr, id, len(rules))
						}
					}
					return nil
				},
			},
			{
				Config: `
resource "hardened_security_group" "generated" {
  description = "generated name"
}

resource "hardened_security_group" "prefixed" {
  name_prefix = "app-"
  description = "prefixed name"
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// A group still used by a network interface is not deleted: the error names the
// interface, and destroy succeeds once it is gone.
func TestAccSecurityGroup_deleteInUse(t *testing.T) {
	vpc := testAccVPC(t)
	c := testAWSClient(t)
	var id, eni string
	cfg := fmt.Sprintf(`
resource "hardened_security_group" "web" {
  name        = "in-use"
  description = "attached to an ENI"
  vpc_id      = %q
}
`, vpc)
	resource.Test(t, resource.TestCase{
		// On a fake clock the provider gives up on the group in use at once.
		ProtoV6ProviderFactories: testAccProviderFactoriesOnFakeClock(clock.NewFake(time.Now())),
		CheckDestroy:             expectGroupsGone(t, c, &id),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources[webAddr].Primary.ID
					return nil
				},
			},
			{
				PreConfig: func() { eni = createInterface(t, c, vpc, id) },
				Config:    cfg,
				Destroy:   true,
				ExpectError: regexp.MustCompile(`(?s)Security group still in use.*is still used by 1 network\s+interface\(s\):\s+eni-` +
					`.*"web server".*Detach or\s+delete these network interfaces`),
			},
			{
				PreConfig: func() {
					if findGroup(t, c, id) == nil {
						t.Fatalf("group %s was deleted although network interface %s uses it", id, eni)
					}
					if _, err := c.EC2().DeleteNetworkInterface(context.Background(),
						&ec2.DeleteNetworkInterfaceInput{NetworkInterfaceId: aws.String(eni)}); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// --- helpers shared by the security group tests ---

// After a CreateSecurityGroup whose response was lost, the retry's
// InvalidGroup.Duplicate leads to the group the first attempt made, and only to
// a group exactly as that create would have left it.
func TestAccSecurityGroup_retriedCreateAdoption(t *testing.T) {
	vpc := testAccVPC(t)
	c := testAWSClient(t)
	ctx := context.Background()
	in := func(name, desc string, tags map[string]string) *ec2.CreateSecurityGroupInput {
		return &ec2.CreateSecurityGroupInput{GroupName: aws.String(name), Description: aws.String(desc),
			VpcId: aws.String(vpc), TagSpecifications: tagSpecifications(tags)}
	}
	create := func(i *ec2.CreateSecurityGroupInput) string {
		out, err := c.EC2().CreateSecurityGroup(ctx, i)
		if err != nil {
			t.Fatal(err)
		}
		return aws.ToString(out.GroupId)
	}
	tags := map[string]string{"team": "platform"}
	fresh := create(in("fresh", "web servers", tags))
	if g, err := retriedCreateGroup(ctx, c.EC2(), in("fresh", "web servers", tags)); err != nil || g == nil || aws.ToString(g.GroupId) != fresh {
		t.Fatalf("the group a lost create made was not found: %v, %v", g, err)
	}
	create(in("other-desc", "someone else's", tags))
	create(in("other-tags", "web servers", map[string]string{"team": "data"}))
	used := create(in("in-use", "web servers", tags))
	if _, err := c.EC2().AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(used),
		IpPermissions: []ec2types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443),
			IpRanges: []ec2types.IpRange{{CidrIp: aws.String("10.0.0.0/8")}}}}}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"other-desc", "other-tags", "in-use", "absent"} {
		if g, err := retriedCreateGroup(ctx, c.EC2(), in(name, "web servers", tags)); err != nil || g != nil {
			t.Errorf("%s: adopted %v (err %v); a group that differs from the create's is someone else's", name, g, err)
		}
	}
}
