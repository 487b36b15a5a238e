package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/emulator"
)

const passwordPolicyAddr = "hardened_password_policy.p"

func TestAccPasswordPolicy_basic(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		// The default keeps the policy on destroy.
		CheckDestroy: func(_ *terraform.State) error { return expectPolicyLength(testAWSClient(t), 20) },
		Steps: []resource.TestStep{
			// Create with every default: the CIS-strict policy.
			{
				Config: passwordPolicyDefault,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("id"), knownvalue.StringExact(emulator.DefaultAccountID)),
					statecheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("minimum_length"), knownvalue.Int64Exact(14)),
					statecheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("max_age_days"), knownvalue.Int64Exact(90)),
					statecheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("reuse_prevention"), knownvalue.Int64Exact(24)),
					statecheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("hard_expiry"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("require_uppercase"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("require_lowercase"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("require_numbers"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("require_symbols"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("allow_users_to_change"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("expire_passwords"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("retain_on_destroy"), knownvalue.Bool(true)),
				},
				Check: func(_ *terraform.State) error {
					p, err := getPolicy(testAWSClient(t))
					if err != nil {
						return err
					}
					return expectStrict(p, 14, 90)
				},
			},
			// Import by account ID.
			{
				ResourceName:      passwordPolicyAddr,
				ImportState:       true,
				ImportStateId:     emulator.DefaultAccountID,
				ImportStateVerify: true,
			},
			// Stricter values update in place, and every field is sent again.
			{
				Config: `resource "hardened_password_policy" "p" {
  minimum_length = 20
  max_age_days   = 60
  hard_expiry    = true
}`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(passwordPolicyAddr, plancheck.ResourceActionUpdate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("minimum_length"), knownvalue.Int64Exact(20)),
					statecheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("max_age_days"), knownvalue.Int64Exact(60)),
					statecheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("hard_expiry"), knownvalue.Bool(true)),
				},
				Check: func(_ *terraform.State) error {
					p, err := getPolicy(testAWSClient(t))
					if err != nil {
						return err
					}
					if !aws.ToBool(p.HardExpiry) {
						return errors.New("hard_expiry was not applied")
					}
					return expectStrict(p, 20, 60)
				},
			},
		},
	})
}

// Out-of-band weakening and deletion show as drift, and the next apply repairs them.
func TestAccPasswordPolicy_driftRepair(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: passwordPolicyDefault},
			// Someone weakens the policy in the console: UpdateAccountPasswordPolicy
			// with only a length resets every other field to IAM's defaults.
			{
				PreConfig: func() {
					_, err := testAWSClient(t).IAM().UpdateAccountPasswordPolicy(context.Background(),
						&iam.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: aws.Int32(8)})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: passwordPolicyDefault,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(passwordPolicyAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("minimum_length"), knownvalue.Int64Exact(14)),
						plancheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("require_symbols"), knownvalue.Bool(true)),
					},
				},
				Check: func(_ *terraform.State) error {
					p, err := getPolicy(testAWSClient(t))
					if err != nil {
						return err
					}
					return expectStrict(p, 14, 90)
				},
			},
			// Someone deletes the policy: the plan creates it again.
			{
				PreConfig: func() {
					_, err := testAWSClient(t).IAM().DeleteAccountPasswordPolicy(context.Background(),
						&iam.DeleteAccountPasswordPolicyInput{})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: passwordPolicyDefault,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(passwordPolicyAddr, plancheck.ResourceActionCreate),
					},
				},
				Check: func(_ *terraform.State) error {
					p, err := getPolicy(testAWSClient(t))
					if err != nil {
						return err
					}
					return expectStrict(p, 14, 90)
				},
			},
			// After the repair, a plan is empty.
			{
				Config: passwordPolicyDefault,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// Weak values fail at plan, before any AWS call, naming the attribute, the limit and the control.
func TestAccPasswordPolicy_weakValuesRejected(t *testing.T) {
	cases := []struct {
		name, body string
		want       string
	}{
		{"short", "minimum_length = 8",
			`minimum_length must be at least 14 \(CIS AWS Foundations 1.8, Security Hub\s+IAM.15\), got 8`},
		{"too long for IAM", "minimum_length = 129", `minimum_length must be at most 128 \(the IAM limit\), got 129`},
		{"reuse", "reuse_prevention = 5",
			`reuse_prevention must be at least 24 \(CIS AWS Foundations 1.9, Security Hub\s+IAM.16\), got 5`},
		{"long expiry", "max_age_days = 365",
			`max_age_days must be at most 90 \(CIS AWS Foundations v1.2.0 1.11, Security\s+Hub IAM.17\), got 365`},
		{"no expiry", "max_age_days = 0", `max_age_days must be at least 1 \(passwords must expire\), got 0`},
		{"symbols off", "require_symbols = false",
			`require_symbols must be true \(CIS AWS Foundations v1.2.0 1.7, Security Hub\s+IAM.13\)`},
		{"uppercase off", "require_uppercase = false", `require_uppercase must be true`},
		{"lowercase off", "require_lowercase = false", `require_lowercase must be true`},
		{"numbers off", "require_numbers = false", `require_numbers must be true`},
		{"users cannot change", "allow_users_to_change = false", `allow_users_to_change must be true`},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      fmt.Sprintf("resource \"hardened_password_policy\" \"p\" {\n  %s\n}\n", c.body),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(c.want),
		})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
	// Nothing was written: validation failed before any AWS call.
	if _, err := getPolicy(testAWSClient(t)); !isNoSuchEntity(err) {
		t.Fatalf("a rejected plan changed the account's password policy: %v", err)
	}
}

// Explicit true values (as copied from aws_iam_account_password_policy) are accepted.
func TestAccPasswordPolicy_explicitTrue(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `resource "hardened_password_policy" "p" {
  minimum_length        = 14
  reuse_prevention      = 24
  max_age_days          = 90
  require_uppercase     = true
  require_lowercase     = true
  require_numbers       = true
  require_symbols       = true
  allow_users_to_change = true
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("require_symbols"), knownvalue.Bool(true)),
			},
		}},
	})
}

// retain_on_destroy = false deletes the policy on destroy.
func TestAccPasswordPolicy_destroyDeletes(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(_ *terraform.State) error {
			_, err := getPolicy(testAWSClient(t))
			if !isNoSuchEntity(err) {
				return fmt.Errorf("password policy still exists after destroy with retain_on_destroy = false (err %v)", err)
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: `resource "hardened_password_policy" "p" { retain_on_destroy = false }`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(passwordPolicyAddr, tfjsonpath.New("retain_on_destroy"), knownvalue.Bool(false)),
			},
		}},
	})
}

// The default destroy leaves the strict policy in place.
func TestAccPasswordPolicy_destroyRetains(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(_ *terraform.State) error {
			p, err := getPolicy(testAWSClient(t))
			if err != nil {
				return fmt.Errorf("password policy was deleted on destroy although retain_on_destroy defaults to true: %w", err)
			}
			return expectStrict(p, 14, 90)
		},
		Steps: []resource.TestStep{{Config: passwordPolicyDefault}},
	})
}

// Importing another account's policy, or a malformed ID, is refused.
func TestAccPasswordPolicy_importRefused(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: passwordPolicyDefault},
			{
				ResourceName:  passwordPolicyAddr,
				ImportState:   true,
				ImportStateId: "111111111111",
				ExpectError:   regexp.MustCompile(`belongs to account 111111111111, but the provider's\s+credentials are for account 123456789012`),
			},
			{
				ResourceName:  passwordPolicyAddr,
				ImportState:   true,
				ImportStateId: "default",
				ExpectError:   regexp.MustCompile(`"default" is not an AWS account ID`),
			},
		},
	})
}

func getPolicy(c *awsclient.Client) (*iamtypes.PasswordPolicy, error) {
	out, err := c.IAM().GetAccountPasswordPolicy(context.Background(), &iam.GetAccountPasswordPolicyInput{})
	if err != nil {
		return nil, err
	}
	return out.PasswordPolicy, nil
}

func isNoSuchEntity(err error) bool {
	var nse *iamtypes.NoSuchEntityException
	return errors.As(err, &nse)
}

func expectPolicyLength(c *awsclient.Client, want int32) error {
	p, err := getPolicy(c)
	if err != nil {
		return err
	}
	if got := aws.ToInt32(p.MinimumPasswordLength); got != want {
		return fmt.Errorf("minimum password length in AWS is %d, want %d", got, want)
	}
	return nil
}

// expectStrict checks the policy in AWS, not just the state; reuse prevention is always 24.
func expectStrict(p *iamtypes.PasswordPolicy, length, maxAge int32) error {
	const reuse = 24
	switch {
	case aws.ToInt32(p.MinimumPasswordLength) != length:
		return fmt.Errorf("MinimumPasswordLength = %d, want %d", aws.ToInt32(p.MinimumPasswordLength), length)
	case aws.ToInt32(p.MaxPasswordAge) != maxAge:
		return fmt.Errorf("MaxPasswordAge = %d, want %d", aws.ToInt32(p.MaxPasswordAge), maxAge)
	case aws.ToInt32(p.PasswordReusePrevention) != reuse:
		return fmt.Errorf("PasswordReusePrevention = %d, want %d", aws.ToInt32(p.PasswordReusePrevention), reuse)
	case !p.RequireUppercaseCharacters || !p.RequireLowercaseCharacters || !p.RequireNumbers || !p.RequireSymbols:
		return fmt.Errorf("character classes not all required: %+v", *p)
	case !p.AllowUsersToChangePassword:
		return errors.New("AllowUsersToChangePassword is false")
	}
	return nil
}

// Every control in the docs' "Controls enforced" table is rejected at plan when
// configured weaker, and repaired when weakened (or deleted) outside Terraform.
func TestAccPasswordPolicy_documentedControls(t *testing.T) {
	testAccPreCheck(t)
	c := testAWSClient(t)
	// weaken writes the strict policy with one field changed, as the console would.
	weaken := func(change func(*iam.UpdateAccountPasswordPolicyInput)) func(*testing.T, *terraform.State) {
		return func(t *testing.T, _ *terraform.State) {
			in := &iam.UpdateAccountPasswordPolicyInput{
				MinimumPasswordLength: aws.Int32(14), MaxPasswordAge: aws.Int32(90), PasswordReusePrevention: aws.Int32(24),
				RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, RequireNumbers: true,
				RequireSymbols: true, AllowUsersToChangePassword: true,
			}
			change(in)
			if _, err := c.IAM().UpdateAccountPasswordPolicy(context.Background(), in); err != nil {
				t.Fatal(err)
			}
		}
	}
	strict := func(_ *terraform.State) error {
		p, err := getPolicy(c)
		if err != nil {
			return err
		}
		return expectStrict(p, 14, 90)
	}
	update := plancheck.ResourceActionUpdate
	rejected := func(body string, want ...string) []rejection {
		return []rejection{{config: fmt.Sprintf("resource \"hardened_password_policy\" \"p\" {\n  %s\n}\n", body), want: want}}
	}
	how := map[string]enforcement{
		"HRD-IAM-001": {
			Weaken: func(t *testing.T, _ *terraform.State) {
				if _, err := c.IAM().DeleteAccountPasswordPolicy(context.Background(), &iam.DeleteAccountPasswordPolicyInput{}); err != nil {
					t.Fatal(err)
				}
			},
			Action: plancheck.ResourceActionCreate, Repaired: strict,
		},
		"HRD-IAM-002": {
			Rejected: rejected("minimum_length = 13",
				"minimum_length must be at least 14 (CIS AWS Foundations 1.8, Security Hub IAM.15), got 13.", "[HRD-IAM-002]"),
			Weaken: weaken(func(in *iam.UpdateAccountPasswordPolicyInput) { in.MinimumPasswordLength = aws.Int32(8) }),
			Action: update, Repaired: strict,
		},
		"HRD-IAM-003": {
			Rejected: rejected("reuse_prevention = 23", "reuse_prevention must be at least 24", "[HRD-IAM-003]"),
			Weaken:   weaken(func(in *iam.UpdateAccountPasswordPolicyInput) { in.PasswordReusePrevention = aws.Int32(1) }),
			Action:   update, Repaired: strict,
		},
		"HRD-IAM-004": {
			Rejected: rejected("max_age_days = 91", "max_age_days must be at most 90", "[HRD-IAM-004]"),
			Weaken:   weaken(func(in *iam.UpdateAccountPasswordPolicyInput) { in.MaxPasswordAge = aws.Int32(365) }),
			Action:   update, Repaired: strict,
		},
		"HRD-IAM-005": {
			Rejected: rejected("require_uppercase = false", "require_uppercase must be true", "[HRD-IAM-005]"),
			Weaken:   weaken(func(in *iam.UpdateAccountPasswordPolicyInput) { in.RequireUppercaseCharacters = false }),
			Action:   update, Repaired: strict,
		},
		"HRD-IAM-006": {
			Rejected: rejected("require_lowercase = false", "require_lowercase must be true", "[HRD-IAM-006]"),
			Weaken:   weaken(func(in *iam.UpdateAccountPasswordPolicyInput) { in.RequireLowercaseCharacters = false }),
			Action:   update, Repaired: strict,
		},
		"HRD-IAM-007": {
			Rejected: rejected("require_symbols = false", "require_symbols must be true", "[HRD-IAM-007]"),
			Weaken:   weaken(func(in *iam.UpdateAccountPasswordPolicyInput) { in.RequireSymbols = false }),
			Action:   update, Repaired: strict,
		},
		"HRD-IAM-008": {
			Rejected: rejected("require_numbers = false", "require_numbers must be true", "[HRD-IAM-008]"),
			Weaken:   weaken(func(in *iam.UpdateAccountPasswordPolicyInput) { in.RequireNumbers = false }),
			Action:   update, Repaired: strict,
		},
		"HRD-IAM-009": {
			Rejected: rejected("allow_users_to_change = false", "allow_users_to_change must be true", "[HRD-IAM-009]"),
			Weaken:   weaken(func(in *iam.UpdateAccountPasswordPolicyInput) { in.AllowUsersToChangePassword = false }),
			Action:   update, Repaired: strict,
		},
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    documentedControlSteps(t, passwordPolicyControls, how, passwordPolicyAddr, passwordPolicyDefault),
	})
}
