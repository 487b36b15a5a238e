package provider

// hardened_security_group configurations refused: at plan, at apply and on import.

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

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
