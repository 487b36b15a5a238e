package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
)

// controlsGroupConfig is a group with public HTTPS in and HTTPS out, plus extra
// (more arguments or blocks).
func controlsGroupConfig(vpc, extra string) string {
	return fmt.Sprintf(`
resource "hardened_security_group" "web" {
  name                 = "controls"
  description          = "documented controls"
  vpc_id               = %q
  public_ingress_ports = [443]

  ingress {
    description = "https"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    description = "https out"
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
%s}
`, vpc, extra)
}

// sgBlock is an ingress or egress block.
func sgBlock(dir, desc, proto string, from, to int, peers string) string {
	return fmt.Sprintf("  %s {\n    description = %q\n    protocol    = %q\n    from_port   = %d\n    to_port     = %d\n    %s\n  }\n",
		dir, desc, proto, from, to, peers)
}

// Every control in the docs' "Controls enforced" table is rejected at plan when a
// rule breaks it, and a rule breaking it added outside Terraform is revoked.
func TestAccSecurityGroup_documentedControls(t *testing.T) {
	testAccPreCheck(t)
	c := testAWSClient(t)
	vpc := createDualStackVPC(t, c) // the emulator revokes ::/0 egress only in a VPC with IPv6
	cfg := func(extra string) string { return controlsGroupConfig(vpc, extra) }
	world4, world6 := `cidr_blocks = ["0.0.0.0/0"]`, `ipv6_cidr_blocks = ["::/0"]`
	groupID := func(s *terraform.State) string { return s.RootModule().Resources[webAddr].Primary.ID }
	addIngress := func(perms ...ec2types.IpPermission) func(*testing.T, *terraform.State) {
		return func(t *testing.T, s *terraform.State) { authorizeIngress(t, c, groupID(s), perms...) }
	}
	repaired := func(s *terraform.State) error {
		return expectRuleSet(ruleIDs(t, c, groupID(s)), []string{
			"ingress tcp 443 0.0.0.0/0 (https)",
			"egress tcp 443 0.0.0.0/0 (https out)",
		})
	}
	update := plancheck.ResourceActionUpdate
	how := map[string]enforcement{
		"HRD-NET-002": {
			Rejected: []rejection{{cfg(sgBlock("ingress", "ssh", "tcp", 22, 22, world4)),
				[]string{`ingress rule "ssh" allows tcp 22 (SSH) from 0.0.0.0/0`, "(CIS AWS Foundations 5.2, Security Hub EC2.53) [HRD-NET-002]"}}},
			Weaken: addIngress(tcpFrom(22, "0.0.0.0/0", "ssh by hand")),
			Action: update, Repaired: repaired,
		},
		"HRD-NET-003": {
			Rejected: []rejection{{cfg(sgBlock("ingress", "pg", "tcp", 5432, 5432, world6)),
				[]string{`ingress rule "pg" allows tcp 5432 (PostgreSQL) from ::/0`, "(CIS AWS Foundations 5.3, Security Hub EC2.54) [HRD-NET-003]"}}},
			Weaken: addIngress(ec2types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(5432), ToPort: aws.Int32(5432),
				Ipv6Ranges: []ec2types.Ipv6Range{{CidrIpv6: aws.String("::/0"), Description: aws.String("pg by hand")}}}),
			Action: update, Repaired: repaired,
		},
		"HRD-NET-004": {
			Rejected: []rejection{{cfg(sgBlock("ingress", "everything", "-1", 0, 0, world6)),
				[]string{`ingress rule "everything" allows all traffic (every protocol and port) from ::/0`, "(Security Hub EC2.18) [HRD-NET-004]"}}},
			Weaken: addIngress(ec2types.IpPermission{IpProtocol: aws.String("-1"),
				IpRanges: []ec2types.IpRange{{CidrIp: aws.String("0.0.0.0/0"), Description: aws.String("all by hand")}}}),
			Action: update, Repaired: repaired,
		},
		"HRD-NET-005": {
			Rejected: []rejection{{cfg(sgBlock("ingress", "range", "udp", 1000, 2000, `cidr_blocks = ["10.0.0.0/8"]`)),
				[]string{`ingress rule "range" opens 1001 udp ports (1000-2000) to 10.0.0.0/8`, "(Security Hub EC2.18) [HRD-NET-005]"}}},
			Weaken: addIngress(ec2types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(1000), ToPort: aws.Int32(2000),
				IpRanges: []ec2types.IpRange{{CidrIp: aws.String("10.0.0.0/8")}}}),
			Action: update, Repaired: repaired,
		},
		"HRD-NET-006": {
			Rejected: []rejection{
				{cfg(sgBlock("egress", "anything out", "-1", 0, 0, world4)),
					[]string{`egress rule "anything out" allows all traffic (every protocol and port) out to 0.0.0.0/0`, "[HRD-NET-006]", "allow_all_egress = true"}},
				{cfg(sgBlock("egress", "tcp out", "tcp", 0, 65535, world6)),
					[]string{`egress rule "tcp out" allows every tcp port (0-65535) out to ::/0`, "[HRD-NET-006]"}},
			},
			Weaken: func(t *testing.T, s *terraform.State) {
				authorizeEgress(t, c, groupID(s),
					ec2types.IpPermission{IpProtocol: aws.String("-1"), IpRanges: []ec2types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}},
					ec2types.IpPermission{IpProtocol: aws.String("udp"), FromPort: aws.Int32(0), ToPort: aws.Int32(65535),
						Ipv6Ranges: []ec2types.Ipv6Range{{CidrIpv6: aws.String("::/0")}}})
			},
			Action: update, Repaired: repaired,
		},
		"HRD-NET-007": {
			Rejected: []rejection{
				{cfg(sgBlock("ingress", " ", "tcp", 8443, 8443, `cidr_blocks = ["10.0.0.0/16"]`)),
					[]string{"description is empty: it must describe its purpose (control HRD-NET-007).", "[HRD-NET-007]"}},
				{`resource "hardened_security_group" "web" { description = "" }`,
					[]string{"description is empty", "[HRD-NET-007]"}},
			},
			// The https rule's description removed by hand is written again.
			Weaken: func(t *testing.T, s *terraform.State) { clearIngressDescription(t, c, groupID(s), 443, "0.0.0.0/0") },
			Action: update, Repaired: repaired,
		},
		"HRD-NET-008": {
			Rejected: []rejection{{cfg(sgBlock("ingress", "ui", "tcp", 8080, 8080, world4)),
				[]string{`ingress rule "ui" allows tcp 8080 from 0.0.0.0/0, not declared in public_ingress_ports`, "(Security Hub EC2.18) [HRD-NET-008]"}}},
			Weaken: addIngress(tcpFrom(8080, "0.0.0.0/0", "ui by hand")),
			Action: update, Repaired: repaired,
		},
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    documentedControlSteps(t, securityGroupControls, how, webAddr, cfg("")),
	})
}

// clearIngressDescription removes the description of a group's IPv4 ingress rule.
func clearIngressDescription(t *testing.T, c *awsclient.Client, sg string, port int32, cidr string) {
	t.Helper()
	if _, err := c.EC2().UpdateSecurityGroupRuleDescriptionsIngress(context.Background(),
		&ec2.UpdateSecurityGroupRuleDescriptionsIngressInput{GroupId: aws.String(sg), IpPermissions: []ec2types.IpPermission{{
			IpProtocol: aws.String("tcp"), FromPort: aws.Int32(port), ToPort: aws.Int32(port),
			IpRanges: []ec2types.IpRange{{CidrIp: aws.String(cidr), Description: aws.String("")}},
		}}}); err != nil {
		t.Fatalf("clearing the description of ingress %d from %s in %s: %v", port, cidr, sg, err)
	}
	if d := ruleIDs(t, c, sg); d[fmt.Sprintf("ingress tcp %d %s", port, cidr)] == "" {
		t.Fatalf("the emulator kept the description of ingress %d from %s: %v", port, cidr, d)
	}
}
