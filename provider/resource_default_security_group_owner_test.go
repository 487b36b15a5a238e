package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
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
)

const secondSGAddr = "hardened_default_security_group.second"

// twoOwnersConfig declares "this" and, when second is not "", a second resource on
// the same VPC (second is its extra body, e.g. a depends_on line).
func twoOwnersConfig(vpc string, this, second bool, secondBody string) string {
	cfg := ""
	if this {
		cfg += defaultSGConfig(vpc, "  tags = { Name = \"first\" }\n")
	}
	if second {
		cfg += fmt.Sprintf("resource \"hardened_default_security_group\" \"second\" {\n  vpc_id = %q\n  tags = { Name = \"second\" }\n%s}\n",
			vpc, secondBody)
	}
	return cfg
}

// A VPC's default group has one owner: a second resource is refused at create, and
// the first is unaffected; import takes ownership explicitly, the
// former owner's plan then fails naming the takeover, and its destroy leaves the
// new owner's tag; an ownership tag removed out of band is written again.
func TestAccDefaultSecurityGroup_oneOwner(t *testing.T) {
	vpc := testAccVPC(t)
	c := testAWSClient(t)
	sg := defaultGroupID(t, c, vpc)
	var first, second string
	ownerIs := func(want *string, tags map[string]string) func(*terraform.State) error {
		return func(_ *terraform.State) error {
			all := map[string]string{ownerTagKey: *want}
			for k, v := range tags {
				all[k] = v
			}
			if err := expectTags(t, c, sg, all); err != nil {
				return err
			}
			return expectNoRules(t, c, sg)
		}
	}
	refused := wrapped(fmt.Sprintf("The default security group %s of VPC %s is already managed by another "+
		"hardened_default_security_group (tag hardened:owner = ", sg, vpc))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			// Both in one configuration: the second is refused at create.
			{
				Config:      twoOwnersConfig(vpc, true, true, "  depends_on = [hardened_default_security_group.this]\n"),
				ExpectError: refused,
			},
			// The first is unaffected: it owns the group, with its tags, and plans nothing.
			{
				Config: twoOwnersConfig(vpc, true, false, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					first = s.RootModule().Resources[defaultSGAddr].Primary.Attributes["ownership_id"]
					return ownerIs(&first, map[string]string{"Name": "first"})(s)
				},
			},
			// Once the group is owned, a second resource (without depends_on) fails at create too,
			// naming how to resolve it.
			{
				Config:      twoOwnersConfig(vpc, true, true, ""),
				ExpectError: wrapped(`import it, which takes ownership: terraform import hardened_default_security_group.NAME ` + sg),
			},
			{
				Config: twoOwnersConfig(vpc, true, false, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: ownerIs(&first, map[string]string{"Name": "first"}),
			},
			// Import takes ownership explicitly: the next apply tags the group with a new ID.
			{
				Config:             twoOwnersConfig(vpc, true, true, ""),
				ResourceName:       secondSGAddr,
				ImportState:        true,
				ImportStateId:      sg,
				ImportStatePersist: true,
			},
			// The import's apply tags the group with a new ownership_id; the former owner
			// changes nothing.
			{
				Config: twoOwnersConfig(vpc, true, true, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(secondSGAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(secondSGAddr, tfjsonpath.New("ownership_id")),
						plancheck.ExpectResourceAction(defaultSGAddr, plancheck.ResourceActionNoop),
					},
				},
				Check: func(s *terraform.State) error {
					second = s.RootModule().Resources[secondSGAddr].Primary.Attributes["ownership_id"]
					if second == first || second == "" {
						return fmt.Errorf("import kept ownership_id %q (first owner %q), want a new one", second, first)
					}
					return ownerIs(&second, map[string]string{"Name": "second"})(s)
				},
			},
			// From then on the former owner neither reads nor changes the group: its plan
			// stays empty (with a warning), and a change to it fails naming the takeover.
			{
				Config: twoOwnersConfig(vpc, true, true, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: ownerIs(&second, map[string]string{"Name": "second"}),
			},
			{
				Config: strings.Replace(twoOwnersConfig(vpc, true, true, ""), `Name = "first"`, `Name = "first, again"`, 1),
				ExpectError: regexp.MustCompile(`(?s)Default security group taken over by another resource.*` +
					wrapped("The default security group "+sg+" of VPC "+vpc+" was adopted by this resource").String() +
					`.*` + wrapped("terraform import hardened_default_security_group.NAME "+sg).String()),
			},
			// Removing the former owner from the configuration only forgets the group: the
			// new owner's tag stays.
			{
				Config: twoOwnersConfig(vpc, false, true, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(defaultSGAddr, plancheck.ResourceActionDestroy),
						plancheck.ExpectResourceAction(secondSGAddr, plancheck.ResourceActionNoop),
					},
				},
				Check: ownerIs(&second, map[string]string{"Name": "second"}),
			},
			// An ownership tag removed out of band shows as drift and is written again.
			{
				PreConfig: func() {
					if _, err := c.EC2().DeleteTags(context.Background(), &ec2.DeleteTagsInput{Resources: []string{sg},
						Tags: []ec2types.Tag{{Key: aws.String(ownerTagKey)}}}); err != nil {
						t.Fatal(err)
					}
				},
				Config: twoOwnersConfig(vpc, false, true, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(secondSGAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(secondSGAddr, tfjsonpath.New("ownership_id")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(secondSGAddr, tfjsonpath.New("ownership_id"),
						knownvalue.StringRegexp(regexp.MustCompile(`^hdsg-[0-9a-f]{16}$`))),
				},
				Check: func(s *terraform.State) error {
					second = s.RootModule().Resources[secondSGAddr].Primary.Attributes["ownership_id"]
					return ownerIs(&second, map[string]string{"Name": "second"})(s)
				},
			},
			{
				Config: twoOwnersConfig(vpc, false, true, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
	// The last owner's destroy released the group: locked, untagged, free to adopt.
	if err := expectTags(t, c, sg, map[string]string{"Name": "second"}); err != nil {
		t.Error(err)
	}
	if err := expectNoRules(t, c, sg); err != nil {
		t.Error(err)
	}
}

// The ownership tag cannot be set through tags.
func TestAccDefaultSecurityGroup_ownerTagReserved(t *testing.T) {
	vpc := testAccVPC(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      defaultSGConfig(vpc, "  tags = { \"hardened:owner\" = \"me\" }\n"),
			PlanOnly:    true,
			ExpectError: wrapped(`The tag hardened:owner marks the resource that owns the group`),
		}},
	})
}

// Moving the group to another resource with an import block (and a removed block
// for the former one) takes ownership in the same apply.
func TestAccDefaultSecurityGroup_importBlockTakesOwnership(t *testing.T) {
	vpc := testAccVPC(t)
	c := testAWSClient(t)
	sg := defaultGroupID(t, c, vpc)
	var first string
	moved := fmt.Sprintf(`
removed {
  from = hardened_default_security_group.this
  lifecycle {
    destroy = false
  }
}

import {
  to = hardened_default_security_group.second
  id = %q
}

resource "hardened_default_security_group" "second" {
  vpc_id = %q
}
`, sg, vpc)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: defaultSGConfig(vpc, ""),
				Check: func(s *terraform.State) error {
					first = s.RootModule().Resources[defaultSGAddr].Primary.Attributes["ownership_id"]
					return expectTags(t, c, sg, ownedTags(s, nil))
				},
			},
			{
				Config: moved,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(secondSGAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(secondSGAddr, tfjsonpath.New("ownership_id")),
					},
				},
				Check: func(s *terraform.State) error {
					second := s.RootModule().Resources[secondSGAddr].Primary.Attributes["ownership_id"]
					if second == "" || second == first {
						return fmt.Errorf("the import kept ownership_id %q (first owner %q), want a new one", second, first)
					}
					if err := expectTags(t, c, sg, map[string]string{ownerTagKey: second}); err != nil {
						return err
					}
					return expectNoRules(t, c, sg)
				},
			},
			{
				Config:           moved,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// terraform destroy of a resource whose group was taken over (by another
// configuration, here by hand) works, and leaves the other owner's tag.
func TestAccDefaultSecurityGroup_destroyAfterTakeover(t *testing.T) {
	vpc := testAccVPC(t)
	c := testAWSClient(t)
	sg := defaultGroupID(t, c, vpc)
	const other = "hdsg-0123456789abcdef"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(_ *terraform.State) error {
			return expectTags(t, c, sg, map[string]string{ownerTagKey: other, "Name": "theirs"})
		},
		Steps: []resource.TestStep{
			{Config: defaultSGConfig(vpc, "  tags = { Name = \"mine\" }\n")},
			{
				PreConfig: func() {
					if _, err := c.EC2().CreateTags(context.Background(), &ec2.CreateTagsInput{Resources: []string{sg},
						Tags: []ec2types.Tag{{Key: aws.String(ownerTagKey), Value: aws.String(other)},
							{Key: aws.String("Name"), Value: aws.String("theirs")}}}); err != nil {
						t.Fatal(err)
					}
				},
				Config: defaultSGConfig(vpc, "  tags = { Name = \"mine\" }\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config:      defaultSGConfig(vpc, "  tags = { Name = \"mine, again\" }\n"),
				PlanOnly:    true,
				ExpectError: wrapped(`is now tagged hardened:owner = "` + other + `"`),
			},
		},
	})
}
