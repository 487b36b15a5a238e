package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/emulator"
)

const defaultSGAddr = "hardened_default_security_group.this"

func defaultSGConfig(vpcID, extra string) string {
	return fmt.Sprintf("resource \"hardened_default_security_group\" \"this\" {\n  vpc_id = %q\n%s}\n", vpcID, extra)
}

// A default group with rules added by hand is stripped by apply, whatever the rules
// name (IPv4, IPv6, prefix lists, the group itself), and stays stripped.
func TestAccDefaultSecurityGroup_basic(t *testing.T) {
	vpc := testAccVPC(t)
	c := testAWSClient(t)
	sg := defaultGroupID(t, c, vpc)
	pl := createPrefixList(t, c)
	authorizeIngress(t, c, sg,
		ec2types.IpPermission{IpProtocol: aws.String("-1"), UserIdGroupPairs: []ec2types.UserIdGroupPair{{GroupId: aws.String(sg)}}},
		tcpFrom(22, "0.0.0.0/0", "ssh from anywhere"),
		ec2types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443),
			Ipv6Ranges:    []ec2types.Ipv6Range{{CidrIpv6: aws.String("::/0")}},
			PrefixListIds: []ec2types.PrefixListId{{PrefixListId: aws.String(pl)}}},
	)
	if n := len(groupRules(t, c, sg)); n != 5 { // 4 ingress and the default egress
		t.Fatalf("setup: default group has %d rules, want 5", n)
	}
	other := createVPC(t, c, "10.9.0.0/16")
	otherSG := defaultGroupID(t, c, other)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(_ *terraform.State) error {
			// Destroy forgets the groups and restores nothing.
			for _, id := range []string{sg, otherSG} {
				if rules := groupRules(t, c, id); len(rules) != 0 {
					return fmt.Errorf("destroy restored %d rules in default group %s", len(rules), id)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: defaultSGConfig(vpc, "  tags = { Name = \"locked\" }\n"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(defaultSGAddr, tfjsonpath.New("id"), knownvalue.StringExact(sg)),
					statecheck.ExpectKnownValue(defaultSGAddr, tfjsonpath.New("name"), knownvalue.StringExact("default")),
					statecheck.ExpectKnownValue(defaultSGAddr, tfjsonpath.New("owner_id"), knownvalue.StringExact(emulator.DefaultAccountID)),
					statecheck.ExpectKnownValue(defaultSGAddr, tfjsonpath.New("arn"),
						knownvalue.StringRegexp(regexp.MustCompile(`^arn:aws:ec2:us-east-1:123456789012:security-group/`+sg+`$`))),
					statecheck.ExpectKnownValue(defaultSGAddr, tfjsonpath.New("ingress"), knownvalue.ListExact(nil)),
					statecheck.ExpectKnownValue(defaultSGAddr, tfjsonpath.New("egress"), knownvalue.ListExact(nil)),
					statecheck.ExpectKnownValue(defaultSGAddr, tfjsonpath.New("tags"),
						knownvalue.MapExact(map[string]knownvalue.Check{"Name": knownvalue.StringExact("locked")})),
					statecheck.ExpectKnownValue(defaultSGAddr, tfjsonpath.New("ownership_id"),
						knownvalue.StringRegexp(regexp.MustCompile(`^hdsg-[0-9a-f]{16}$`))),
				},
				Check: func(s *terraform.State) error {
					if err := expectTags(t, c, sg, ownedTags(s, map[string]string{"Name": "locked"})); err != nil {
						return err
					}
					return expectNoRules(t, c, sg)
				},
			},
			// Nothing left to do.
			{
				Config: defaultSGConfig(vpc, "  tags = { Name = \"locked\" }\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			// Import by the group's ID. Import takes ownership at the next apply, with a new ownership_id.
			{
				ResourceName:            defaultSGAddr,
				ImportState:             true,
				ImportStateId:           sg,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"ownership_id"},
			},
			// Tags change in place.
			{
				Config: defaultSGConfig(vpc, "  tags = { Name = \"still-locked\", Owner = \"security\" }\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(defaultSGAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error {
					return expectTags(t, c, sg, ownedTags(s, map[string]string{"Name": "still-locked", "Owner": "security"}))
				},
			},
			// Another VPC: the resource is replaced, the first group stays locked.
			{
				Config: defaultSGConfig(other, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(defaultSGAddr, plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(defaultSGAddr, tfjsonpath.New("id"), knownvalue.StringExact(otherSG)),
				},
				Check: func(s *terraform.State) error {
					if err := expectNoRules(t, c, sg); err != nil {
						return err
					}
					// The first group was released: locked, and free for another owner.
					if err := expectTags(t, c, sg, map[string]string{"Name": "still-locked", "Owner": "security"}); err != nil {
						return err
					}
					if err := expectTags(t, c, otherSG, ownedTags(s, map[string]string{})); err != nil {
						return err
					}
					return expectNoRules(t, c, otherSG)
				},
			},
		},
	})
}

// A rule added after apply shows in the plan as drift naming the rule, and apply revokes it.
func TestAccDefaultSecurityGroup_driftRevoked(t *testing.T) {
	vpc := testAccVPC(t)
	c := testAWSClient(t)
	sg := defaultGroupID(t, c, vpc)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: defaultSGConfig(vpc, "")},
			{
				PreConfig: func() {
					authorizeIngress(t, c, sg, tcpFrom(22, "203.0.113.0/24", "added by hand"))
					authorizeEgress(t, c, sg, tcpFrom(443, "0.0.0.0/0", "updates"))
				},
				Config: defaultSGConfig(vpc, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(defaultSGAddr, plancheck.ResourceActionUpdate),
						// The plan names what apply revokes...
						expectPriorValue(defaultSGAddr, tfjsonpath.New("ingress"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"protocol":               knownvalue.StringExact("tcp"),
								"from_port":              knownvalue.Int64Exact(22),
								"to_port":                knownvalue.Int64Exact(22),
								"cidr_ipv4":              knownvalue.StringExact("203.0.113.0/24"),
								"description":            knownvalue.StringExact("added by hand"),
								"security_group_rule_id": knownvalue.StringRegexp(regexp.MustCompile(`^sgr-`)),
							}),
						})),
						expectPriorValue(defaultSGAddr, tfjsonpath.New("egress"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectPartial(map[string]knownvalue.Check{
								"from_port": knownvalue.Int64Exact(443),
								"cidr_ipv4": knownvalue.StringExact("0.0.0.0/0"),
							}),
						})),
						// ...and plans none left.
						plancheck.ExpectKnownValue(defaultSGAddr, tfjsonpath.New("ingress"), knownvalue.ListExact(nil)),
						plancheck.ExpectKnownValue(defaultSGAddr, tfjsonpath.New("egress"), knownvalue.ListExact(nil)),
					},
				},
				Check: func(_ *terraform.State) error { return expectNoRules(t, c, sg) },
			},
			{
				Config: defaultSGConfig(vpc, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// An unknown VPC fails with an error naming it; a non-default group cannot be imported.
func TestAccDefaultSecurityGroup_errors(t *testing.T) {
	vpc := testAccVPC(t)
	c := testAWSClient(t)
	web := createGroup(t, c, vpc, "web")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Fails at plan, before anything is adopted.
				Config:      defaultSGConfig("vpc-0123456789abcdef0", ""),
				PlanOnly:    true,
				ExpectError: wrapped(`VPC "vpc-0123456789abcdef0" does not exist in region us-east-1 of account 123456789012. Check vpc_id`),
			},
			{
				Config:        defaultSGConfig(vpc, ""),
				ResourceName:  defaultSGAddr,
				ImportState:   true,
				ImportStateId: web,
				ExpectError:   wrapped(`is not a VPC's default security group. Import it as hardened_security_group`),
			},
			{
				Config:        defaultSGConfig(vpc, ""),
				ResourceName:  defaultSGAddr,
				ImportState:   true,
				ImportStateId: vpc,
				ExpectError:   wrapped(`"` + vpc + `" is not a security group ID`),
			},
		},
	})
}

// Destroy warns that the group stays, locked.
func TestDefaultSecurityGroupDeleteWarns(t *testing.T) {
	ctx := context.Background()
	r := NewDefaultSecurityGroupResource()
	sresp := &fwresource.SchemaResponse{}
	r.Schema(ctx, fwresource.SchemaRequest{}, sresp)
	state := tfsdk.State{Schema: sresp.Schema}
	m := defaultSecurityGroupModel{
		ID: types.StringValue("sg-0123"), ARN: types.StringNull(), Name: types.StringValue("default"),
		OwnerID: types.StringNull(), VPCID: types.StringValue("vpc-0456"), Tags: types.MapNull(types.StringType),
		Ingress: types.ListNull(foundRuleObjectType), Egress: types.ListNull(foundRuleObjectType),
	}
	if d := state.Set(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	resp := &fwresource.DeleteResponse{}
	r.Delete(ctx, fwresource.DeleteRequest{State: state}, resp)
	if resp.Diagnostics.HasError() || resp.Diagnostics.WarningsCount() != 1 {
		t.Fatalf("want one warning, got %v", resp.Diagnostics)
	}
	w := resp.Diagnostics.Warnings()[0]
	for _, want := range []string{"sg-0123 of vpc-0456", "left with no rules", "CIS AWS Foundations 5.4", "HRD-NET-001"} {
		if !strings.Contains(w.Detail(), want) {
			t.Errorf("warning %q does not contain %q", w.Detail(), want)
		}
	}
}

func expectNoRules(t *testing.T, c *awsclient.Client, sg string) error {
	t.Helper()
	if rules := groupRules(t, c, sg); len(rules) != 0 {
		return fmt.Errorf("default group %s still has %d rules: %+v", sg, len(rules), rules)
	}
	return nil
}

// ownedTags is want plus the ownership tag naming the default group resource of s.
func ownedTags(s *terraform.State, want map[string]string) map[string]string {
	out := map[string]string{ownerTagKey: s.RootModule().Resources[defaultSGAddr].Primary.Attributes["ownership_id"]}
	for k, v := range want {
		out[k] = v
	}
	return out
}

// Every control in the docs' "Controls enforced" table is repaired when weakened
// outside Terraform (no argument adds a rule, so there is nothing to reject at plan).
func TestAccDefaultSecurityGroup_documentedControls(t *testing.T) {
	vpc := testAccVPC(t)
	c := testAWSClient(t)
	sg := defaultGroupID(t, c, vpc)
	how := map[string]enforcement{
		"HRD-NET-001": {
			// AWS's stock rules restored by hand: all traffic between members, all egress.
			Weaken: func(t *testing.T, _ *terraform.State) {
				authorizeIngress(t, c, sg, ec2types.IpPermission{IpProtocol: aws.String("-1"),
					UserIdGroupPairs: []ec2types.UserIdGroupPair{{GroupId: aws.String(sg)}}})
				authorizeEgress(t, c, sg, ec2types.IpPermission{IpProtocol: aws.String("-1"),
					IpRanges: []ec2types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}})
			},
			Action:   plancheck.ResourceActionUpdate,
			Repaired: func(_ *terraform.State) error { return expectNoRules(t, c, sg) },
		},
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    documentedControlSteps(t, defaultSecurityGroupControls, how, defaultSGAddr, defaultSGConfig(vpc, "")),
	})
}
