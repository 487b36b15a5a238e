package provider

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
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

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
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

// Insecure or malformed rules fail at plan, before any AWS call, naming the rule,
// the port and the control; the secure variants plan.
func TestAccSecurityGroup_rejectedAtPlan(t *testing.T) {
	rule := func(desc, proto string, from, to int, cidrs string) string {
		return fmt.Sprintf("  ingress {\n    description = %q\n    protocol    = %q\n    from_port   = %d\n    to_port     = %d\n    %s\n  }\n",
			desc, proto, from, to, cidrs)
	}
	group := func(extra string) string {
		return "resource \"hardened_security_group\" \"web\" {\n  name        = \"web\"\n  description = \"web tier\"\n" + extra + "}\n"
	}
	world := `cidr_blocks = ["0.0.0.0/0"]`
	cases := []struct {
		name, config, want string
	}{
		{"ssh from the world", group(rule("ssh", "tcp", 22, 22, world)),
			`ingress rule "ssh" allows tcp 22 (SSH) from 0.0.0.0/0: administrative and database ports must never be reachable from the internet (CIS AWS Foundations 5.2, Security Hub EC2.53) [HRD-NET-002]. Restrict the rule to known CIDRs`},
		{"mysql from the world, even when declared", group("  public_ingress_ports = [443]\n" + rule("db", "tcp", 3306, 3306, world)),
			`ingress rule "db" allows tcp 3306 (MySQL) from 0.0.0.0/0`},
		{"admin ports cannot be declared public", group("  public_ingress_ports = [443, 3389]\n"),
			`public_ingress_ports: port 3389 (RDP) is an administrative or database port and cannot be declared public`},
		{"postgres over IPv6", group(rule("pg", "6", 5432, 5432, `ipv6_cidr_blocks = ["::/0"]`)),
			`ingress rule "pg" allows tcp 5432 (PostgreSQL) from ::/0: administrative and database ports must never be reachable from the internet (CIS AWS Foundations 5.3, Security Hub EC2.54) [HRD-NET-003]`},
		{"all traffic from the world", group(rule("everything", "-1", 0, 0, world)),
			`ingress rule "everything" allows all traffic (every protocol and port) from 0.0.0.0/0 (Security Hub EC2.18) [HRD-NET-004]`},
		{"wide range from a /8", group(rule("range", "tcp", 1024, 2048, `cidr_blocks = ["10.0.0.0/8"]`)),
			`ingress rule "range" opens 1025 tcp ports (1024-2048) to 10.0.0.0/8; at most 64 ports per rule may be opened to networks broader than /16 (Security Hub EC2.18) [HRD-NET-005]`},
		{"undeclared public port", group("  public_ingress_ports = [443]\n" + rule("web", "tcp", 8080, 8080, world)),
			`ingress rule "web" allows tcp 8080 from 0.0.0.0/0, not declared in public_ingress_ports (Security Hub EC2.18) [HRD-NET-008]. If the service is meant to be public, add 8080 to public_ingress_ports`},
		{"allow-all egress", group(strings.Replace(rule("anything out", "-1", 0, 0, world), "ingress", "egress", 1)),
			`egress rule "anything out" allows all traffic (every protocol and port) out to 0.0.0.0/0 (control HRD-NET-006) [HRD-NET-006]. State only the outbound traffic the members need`},
		{"allow-all egress over IPv6, every tcp port", group(strings.Replace(rule("tcp out", "tcp", 0, 65535, `ipv6_cidr_blocks = ["::/0"]`), "ingress", "egress", 1)),
			`egress rule "tcp out" allows every tcp port (0-65535) out to ::/0 (control HRD-NET-006) [HRD-NET-006]. State only the outbound traffic the members need (e.g. tcp 443 to 0.0.0.0/0 or to a prefix list, udp 123 for NTP). To accept allow-all egress knowingly, set allow_all_egress = true on hardened_security_group: this weakens HRD-NET-006.`},
		{"allow-all egress refused explicitly", group("  allow_all_egress = false\n" + strings.Replace(rule("all out", "all", 0, 0, world), "ingress", "egress", 1)),
			`egress rule "all out" allows all traffic`},
		{"empty rule description", group(rule("", "tcp", 443, 443, `cidr_blocks = ["10.0.0.0/16"]`)),
			`description is empty: it must describe its purpose (control HRD-NET-007)`},
		{"empty group description", `resource "hardened_security_group" "web" { description = " " }`,
			`description is empty: it must describe its purpose`},
		{"non-canonical CIDR", group(rule("office", "tcp", 22, 22, `cidr_blocks = ["203.0.113.7/24"]`)),
			`ingress rule "office": cidr_blocks "203.0.113.7/24" is not in canonical form (its network address is 203.0.113.0/24)`},
		{"IPv6 block in cidr_blocks", group(rule("v6", "tcp", 22, 22, `cidr_blocks = ["2001:db8::/32"]`)),
			`is not an IPv4 CIDR block: put IPv6 blocks in ipv6_cidr_blocks`},
		{"ports with all protocols", group(rule("all", "-1", 22, 22, `cidr_blocks = ["10.0.0.0/16"]`)),
			`ingress rule "all": protocol -1 (all traffic) has no ports: set from_port = 0 and to_port = 0`},
		{"unknown protocol", group(rule("x", "sctp", 1, 1, `cidr_blocks = ["10.0.0.0/16"]`)),
			`protocol "sctp" is not tcp, udp, icmp, icmpv6, -1 (all) or a protocol number`},
		{"reversed range", group(rule("x", "tcp", 90, 80, `cidr_blocks = ["10.0.0.0/16"]`)),
			`tcp ports must be from 0 to 65535 with from_port <= to_port, got 90-80`},
		{"no source", group(rule("nobody", "tcp", 80, 80, ``)), `ingress rule "nobody" has no sources`},
		{"same rule twice", group(rule("a", "tcp", 80, 80, `cidr_blocks = ["10.0.0.0/16"]`) +
			rule("b", "6", 80, 80, `cidr_blocks = ["10.0.0.0/16", "10.1.0.0/16"]`)),
			`both define ingress tcp 80 from 10.0.0.0/16`},
		{"name and name_prefix", `resource "hardened_security_group" "web" {
  name        = "a"
  name_prefix = "b"
  description = "x"
}`, `Attribute "name_prefix" cannot be specified when "name" is specified`},
		{"reserved name", `resource "hardened_security_group" "web" {
  name        = "sg-web"
  description = "x"
}`, `name "sg-web" starts with "sg-"`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{Config: tc.config, PlanOnly: true, ExpectError: wrapped(tc.want)})
	}
	// The secure variants plan (and would create the group).
	for _, ok := range []string{
		group("  public_ingress_ports = [443]\n" + rule("https", "tcp", 443, 443, `cidr_blocks = ["0.0.0.0/0"]`+"\n    ipv6_cidr_blocks = [\"::/0\"]")),
		group(rule("ssh from the office", "tcp", 22, 22, `cidr_blocks = ["203.0.113.0/24"]`)),
		group(rule("db from the VPC", "tcp", 3306, 3306, `cidr_blocks = ["10.0.0.0/16"]`)),
		group(rule("ping", "icmp", 8, 0, world)),
		group(rule("64 ports", "udp", 10000, 10063, `cidr_blocks = ["10.0.0.0/8"]`)),
		group("  allow_all_egress = true\n" + strings.Replace(rule("anything out", "-1", 0, 0, world), "ingress", "egress", 1)),
		group(strings.Replace(rule("https out", "tcp", 443, 443, world+"\n    ipv6_cidr_blocks = [\"::/0\"]"), "ingress", "egress", 1)),
	} {
		steps = append(steps, resource.TestStep{Config: ok, PlanOnly: true, ExpectNonEmptyPlan: true})
	}
	testAccPreCheck(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
	// Nothing was created.
	out, err := testAWSClient(t).EC2().DescribeSecurityGroups(context.Background(), &ec2.DescribeSecurityGroupsInput{
		Filters: []ec2types.Filter{{Name: aws.String("group-name"), Values: []string{"web"}}},
	})
	if err != nil || len(out.SecurityGroups) != 0 {
		t.Fatalf("a plan-only run created security groups: %v %v", out, err)
	}
}

// A source known only during apply is checked then: the group is never created.
func TestAccSecurityGroup_rejectedAtApply(t *testing.T) {
	vpc := testAccVPC(t)
	c := testAWSClient(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "terraform_data" "cidr" {
  input = "0.0.0.0/0"
}

resource "hardened_security_group" "web" {
  name        = "late"
  description = "source known at apply"
  vpc_id      = %q

  ingress {
    description = "ssh"
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = [terraform_data.cidr.output]
  }
}
`, vpc),
			ExpectError: wrapped(`ingress rule "ssh" allows tcp 22 (SSH) from 0.0.0.0/0`),
		}},
	})
	out, err := c.EC2().DescribeSecurityGroups(context.Background(), &ec2.DescribeSecurityGroupsInput{
		Filters: []ec2types.Filter{{Name: aws.String("group-name"), Values: []string{"late"}}},
	})
	if err != nil || len(out.SecurityGroups) != 0 {
		t.Fatalf("the insecure group was created: %v %v", out, err)
	}
}

// Import of a malformed ID or of a default group is refused with what to do instead.
func TestAccSecurityGroup_importRefused(t *testing.T) {
	vpc := testAccVPC(t)
	c := testAWSClient(t)
	def := defaultGroupID(t, c, vpc)
	cfg := fmt.Sprintf("resource \"hardened_security_group\" \"web\" {\n  description = \"x\"\n  vpc_id = %q\n}\n", vpc)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg, ResourceName: webAddr, ImportState: true, ImportStateId: def,
				ExpectError: wrapped(def + " is the default security group of " + vpc + ". Manage it with hardened_default_security_group"),
			},
			{
				Config: cfg, ResourceName: webAddr, ImportState: true, ImportStateId: "web",
				ExpectError: wrapped(`"web" is not a security group ID`),
			},
			{
				Config: cfg, ResourceName: webAddr, ImportState: true, ImportStateId: "sg-0123456789abcdef0",
				ExpectError: wrapped(`Security group sg-0123456789abcdef0 does not exist in region us-east-1`),
			},
		},
	})
}

// --- helpers shared by the security group tests ---

// wrapped matches text as Terraform prints it, wrapped at any space.
func wrapped(text string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(regexp.QuoteMeta(text), " ", `\s+`))
}

// testAccVPC gives a test an empty emulator and a new VPC (with its default group).
func testAccVPC(t *testing.T) string {
	t.Helper()
	testAccPreCheck(t)
	return createVPC(t, testAWSClient(t), "10.0.0.0/16")
}

func createVPC(t *testing.T, c *awsclient.Client, cidr string) string {
	t.Helper()
	out, err := c.EC2().CreateVpc(context.Background(), &ec2.CreateVpcInput{CidrBlock: aws.String(cidr)})
	if err != nil {
		t.Fatalf("creating a VPC: %v", err)
	}
	return aws.ToString(out.Vpc.VpcId)
}

func defaultVPCID(t *testing.T, c *awsclient.Client) string {
	t.Helper()
	out, err := c.EC2().DescribeVpcs(context.Background(), &ec2.DescribeVpcsInput{
		Filters: []ec2types.Filter{{Name: aws.String("is-default"), Values: []string{"true"}}},
	})
	if err != nil || len(out.Vpcs) != 1 {
		t.Fatalf("finding the default VPC: %v (%d found)", err, len(out.Vpcs))
	}
	return aws.ToString(out.Vpcs[0].VpcId)
}

func defaultGroupID(t *testing.T, c *awsclient.Client, vpc string) string {
	t.Helper()
	out, err := c.EC2().DescribeSecurityGroups(context.Background(), &ec2.DescribeSecurityGroupsInput{
		Filters: []ec2types.Filter{
			{Name: aws.String("vpc-id"), Values: []string{vpc}},
			{Name: aws.String("group-name"), Values: []string{"default"}},
		},
	})
	if err != nil || len(out.SecurityGroups) != 1 {
		t.Fatalf("finding the default group of %s: %v", vpc, err)
	}
	return aws.ToString(out.SecurityGroups[0].GroupId)
}

func createGroup(t *testing.T, c *awsclient.Client, vpc, name string) string {
	t.Helper()
	out, err := c.EC2().CreateSecurityGroup(context.Background(), &ec2.CreateSecurityGroupInput{
		GroupName: aws.String(name), Description: aws.String(name), VpcId: aws.String(vpc),
	})
	if err != nil {
		t.Fatalf("creating group %s: %v", name, err)
	}
	return aws.ToString(out.GroupId)
}

func createPrefixList(t *testing.T, c *awsclient.Client) string {
	t.Helper()
	out, err := c.EC2().CreateManagedPrefixList(context.Background(), &ec2.CreateManagedPrefixListInput{
		PrefixListName: aws.String("office"), AddressFamily: aws.String("IPv4"), MaxEntries: aws.Int32(5),
		Entries: []ec2types.AddPrefixListEntry{{Cidr: aws.String("198.51.100.0/24")}},
	})
	if err != nil {
		t.Fatalf("creating a prefix list: %v", err)
	}
	return aws.ToString(out.PrefixList.PrefixListId)
}

// createInterface attaches a new network interface (in a new subnet) to a group.
func createInterface(t *testing.T, c *awsclient.Client, vpc, sg string) string {
	t.Helper()
	ctx := context.Background()
	sub, err := c.EC2().CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String(vpc), CidrBlock: aws.String("10.0.1.0/24")})
	if err != nil {
		t.Fatalf("creating a subnet: %v", err)
	}
	out, err := c.EC2().CreateNetworkInterface(ctx, &ec2.CreateNetworkInterfaceInput{
		SubnetId: sub.Subnet.SubnetId, Groups: []string{sg}, Description: aws.String("web server"),
	})
	if err != nil {
		t.Fatalf("creating a network interface: %v", err)
	}
	return aws.ToString(out.NetworkInterface.NetworkInterfaceId)
}

func tcpFrom(port int32, cidr, desc string) ec2types.IpPermission {
	r := ec2types.IpRange{CidrIp: aws.String(cidr)}
	if desc != "" {
		r.Description = aws.String(desc)
	}
	return ec2types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(port), ToPort: aws.Int32(port),
		IpRanges: []ec2types.IpRange{r}}
}

func authorizeIngress(t *testing.T, c *awsclient.Client, sg string, perms ...ec2types.IpPermission) {
	t.Helper()
	if _, err := c.EC2().AuthorizeSecurityGroupIngress(context.Background(), &ec2.AuthorizeSecurityGroupIngressInput{
		GroupId: aws.String(sg), IpPermissions: perms,
	}); err != nil {
		t.Fatalf("adding ingress rules to %s: %v", sg, err)
	}
}

func authorizeEgress(t *testing.T, c *awsclient.Client, sg string, perms ...ec2types.IpPermission) {
	t.Helper()
	if _, err := c.EC2().AuthorizeSecurityGroupEgress(context.Background(), &ec2.AuthorizeSecurityGroupEgressInput{
		GroupId: aws.String(sg), IpPermissions: perms,
	}); err != nil {
		t.Fatalf("adding egress rules to %s: %v", sg, err)
	}
}

func groupRules(t *testing.T, c *awsclient.Client, sg string) []ec2types.SecurityGroupRule {
	t.Helper()
	rules, err := listGroupRules(context.Background(), c.EC2(), sg)
	if err != nil {
		t.Fatalf("listing the rules of %s: %v", sg, err)
	}
	return rules
}

func findGroup(t *testing.T, c *awsclient.Client, sg string) *ec2types.SecurityGroup {
	t.Helper()
	g, err := describeGroup(context.Background(), c.EC2(), sg)
	if err != nil {
		t.Fatalf("reading group %s: %v", sg, err)
	}
	return g
}

// ruleIDs maps "direction protocol port peer (description)" to each AWS rule's ID.
// Descriptions are left out for group references (the emulator does not return them
// from DescribeSecurityGroupRules).
func ruleIDs(t *testing.T, c *awsclient.Client, sg string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, r := range groupRules(t, c, sg) {
		dir := "ingress"
		if aws.ToBool(r.IsEgress) {
			dir = "egress"
		}
		ports := fmt.Sprintf(" %d", aws.ToInt32(r.FromPort))
		if aws.ToString(r.IpProtocol) == "-1" {
			ports = ""
		} else if aws.ToInt32(r.FromPort) != aws.ToInt32(r.ToPort) {
			ports += fmt.Sprintf("-%d", aws.ToInt32(r.ToPort))
		}
		peer := aws.ToString(r.CidrIpv4) + aws.ToString(r.CidrIpv6) + aws.ToString(r.PrefixListId)
		desc := ""
		if r.ReferencedGroupInfo != nil {
			peer = aws.ToString(r.ReferencedGroupInfo.GroupId)
		} else if d := aws.ToString(r.Description); d != "" {
			desc = " (" + d + ")"
		}
		out[fmt.Sprintf("%s %s%s %s%s", dir, aws.ToString(r.IpProtocol), ports, peer, desc)] = aws.ToString(r.SecurityGroupRuleId)
	}
	return out
}

func expectRuleSet(got map[string]string, want []string) error {
	keys := make([]string, 0, len(got))
	for k := range got {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	sort.Strings(want)
	if strings.Join(keys, "\n") != strings.Join(want, "\n") {
		return fmt.Errorf("rules in AWS:\n  %s\nwant:\n  %s", strings.Join(keys, "\n  "), strings.Join(want, "\n  "))
	}
	return nil
}

// expectDescription checks a group-reference rule's description where the emulator
// reports it (DescribeSecurityGroups).
func expectDescription(t *testing.T, c *awsclient.Client, sg string, port int32, peer, want string) error {
	t.Helper()
	g := findGroup(t, c, sg)
	for _, p := range g.IpPermissions {
		if aws.ToInt32(p.FromPort) != port {
			continue
		}
		for _, pair := range p.UserIdGroupPairs {
			if aws.ToString(pair.GroupId) == peer {
				if got := aws.ToString(pair.Description); got != want {
					return fmt.Errorf("rule from %s on port %d has description %q, want %q", peer, port, got, want)
				}
				return nil
			}
		}
	}
	return fmt.Errorf("no rule from %s on port %d in %s", peer, port, sg)
}

func expectTags(t *testing.T, c *awsclient.Client, sg string, want map[string]string) error {
	t.Helper()
	g := findGroup(t, c, sg)
	if g == nil {
		return fmt.Errorf("group %s does not exist", sg)
	}
	got := map[string]string{}
	for _, tag := range g.Tags {
		got[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		return fmt.Errorf("tags of %s are %v, want %v", sg, got, want)
	}
	return nil
}

func expectGroupsGone(t *testing.T, c *awsclient.Client, ids ...*string) func(*terraform.State) error {
	return func(_ *terraform.State) error {
		for _, id := range ids {
			if *id != "" && findGroup(t, c, *id) != nil {
				return fmt.Errorf("security group %s still exists after destroy", *id)
			}
		}
		return nil
	}
}

// expectPriorValue checks a value of a resource's refreshed state in the plan (the
// "before" side), i.e. what the plan shows changing.
func expectPriorValue(addr string, p tfjsonpath.Path, check knownvalue.Check) plancheck.PlanCheck {
	return priorValueCheck{addr: addr, path: p, check: check}
}

type priorValueCheck struct {
	addr  string
	path  tfjsonpath.Path
	check knownvalue.Check
}

func (e priorValueCheck) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != e.addr || rc.Change == nil {
			continue
		}
		v, err := tfjsonpath.Traverse(rc.Change.Before, e.path)
		if err != nil {
			resp.Error = fmt.Errorf("%s: %w", e.addr, err)
			return
		}
		if err := e.check.CheckValue(v); err != nil {
			resp.Error = fmt.Errorf("%s.%s before apply: %w", e.addr, e.path, err)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the plan", e.addr)
}

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
