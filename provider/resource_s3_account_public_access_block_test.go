package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	s3ctypes "github.com/aws/aws-sdk-go-v2/service/s3control/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hardened-tf/terraform-provider-hardened/internal/emulator"
)

const s3AccountBlockAddr = "hardened_s3_account_public_access_block.this"

const s3AccountBlockDefault = `resource "hardened_s3_account_public_access_block" "this" {}`

// accountBlock reads the emulated account's block: nil when there is none.
func accountBlock(t *testing.T) *s3ctypes.PublicAccessBlockConfiguration {
	t.Helper()
	out, err := testAWSClient(t).S3Control().GetPublicAccessBlock(context.Background(),
		&s3control.GetPublicAccessBlockInput{AccountId: aws.String(emulator.DefaultAccountID)})
	if isNoPublicAccessBlock(err) {
		return nil
	}
	if err != nil {
		t.Fatalf("GetPublicAccessBlock: %v", err)
	}
	return out.PublicAccessBlockConfiguration
}

func expectAccountBlockOn(t *testing.T) error {
	t.Helper()
	c := accountBlock(t)
	if c == nil {
		return fmt.Errorf("the account has no S3 public access block")
	}
	if !aws.ToBool(c.BlockPublicAcls) || !aws.ToBool(c.BlockPublicPolicy) || !aws.ToBool(c.IgnorePublicAcls) ||
		!aws.ToBool(c.RestrictPublicBuckets) {
		return fmt.Errorf("the account's S3 public access block is not fully on: %+v", *c)
	}
	return nil
}

func putAccountBlock(t *testing.T, restrict bool) {
	t.Helper()
	_, err := testAWSClient(t).S3Control().PutPublicAccessBlock(context.Background(), &s3control.PutPublicAccessBlockInput{
		AccountId: aws.String(emulator.DefaultAccountID),
		PublicAccessBlockConfiguration: &s3ctypes.PublicAccessBlockConfiguration{BlockPublicAcls: aws.Bool(true),
			BlockPublicPolicy: aws.Bool(true), IgnorePublicAcls: aws.Bool(true), RestrictPublicBuckets: aws.Bool(restrict)},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Enforced, repaired when one setting is turned off or the block deleted,
// imported by account ID, kept on destroy.
func TestAccS3AccountPublicAccessBlock_basic(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return expectAccountBlockOn(t) },
		Steps: []resource.TestStep{
			{
				Config: s3AccountBlockDefault,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(s3AccountBlockAddr, tfjsonpath.New("id"), knownvalue.StringExact(emulator.DefaultAccountID)),
					statecheck.ExpectKnownValue(s3AccountBlockAddr, tfjsonpath.New("restrict_public_buckets"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(s3AccountBlockAddr, tfjsonpath.New("retain_on_destroy"), knownvalue.Bool(true)),
				},
				Check: func(*terraform.State) error { return expectAccountBlockOn(t) },
			},
			{
				PreConfig: func() { putAccountBlock(t, false) },
				Config:    s3AccountBlockDefault,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(s3AccountBlockAddr, plancheck.ResourceActionUpdate),
						expectPriorValue(s3AccountBlockAddr, tfjsonpath.New("restrict_public_buckets"), knownvalue.Bool(false)),
						plancheck.ExpectKnownValue(s3AccountBlockAddr, tfjsonpath.New("restrict_public_buckets"), knownvalue.Bool(true)),
					},
				},
				Check: func(*terraform.State) error { return expectAccountBlockOn(t) },
			},
			{
				PreConfig: func() {
					if _, err := testAWSClient(t).S3Control().DeletePublicAccessBlock(context.Background(),
						&s3control.DeletePublicAccessBlockInput{AccountId: aws.String(emulator.DefaultAccountID)}); err != nil {
						t.Fatal(err)
					}
				},
				Config: s3AccountBlockDefault,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(s3AccountBlockAddr, plancheck.ResourceActionCreate)},
				},
				Check: func(*terraform.State) error { return expectAccountBlockOn(t) },
			},
			{
				ResourceName:      s3AccountBlockAddr,
				ImportState:       true,
				ImportStateId:     emulator.DefaultAccountID,
				ImportStateVerify: true,
			},
			{
				ResourceName:  s3AccountBlockAddr,
				ImportState:   true,
				ImportStateId: "111111111111",
				ExpectError:   regexp.MustCompile(`(?s)Wrong AWS account.*belongs to account 111111111111`),
			},
			{
				ResourceName:  s3AccountBlockAddr,
				ImportState:   true,
				ImportStateId: "my-account",
				ExpectError:   regexp.MustCompile(`"my-account" is not an AWS account ID`),
			},
		},
	})
}

// No setting can be turned off in configuration.
func TestAccS3AccountPublicAccessBlock_insecureRejected(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `resource "hardened_s3_account_public_access_block" "this" {
  block_public_policy = false
}`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Insecure block_public_policy.*CIS AWS Foundations 2.1.4, Security Hub\s+S3.1`),
		}},
	})
}

// retain_on_destroy = false deletes the block on destroy.
func TestAccS3AccountPublicAccessBlock_destroyDeletes(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if c := accountBlock(t); c != nil {
				return fmt.Errorf("the block is still there after destroy: %+v", *c)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: `resource "hardened_s3_account_public_access_block" "this" {
  retain_on_destroy = false
}`,
			Check: func(*terraform.State) error { return expectAccountBlockOn(t) },
		}},
	})
}
