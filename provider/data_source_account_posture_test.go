package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hardened-tf/terraform-provider-hardened/internal/clock"
	"github.com/hardened-tf/terraform-provider-hardened/internal/emulator"
)

const postureAddr = "data.hardened_account_posture.this"

// The order of checks (controls.AccountPosture).
const (
	chkRootKeys = iota
	chkRootMFA
	chkRootHardwareMFA
	chkRootUse
	chkConsoleMFA
	chkKeyRotation
	chkUnused
	chkOneKey
	chkPasswordPolicy
	chkPasswordLength
	chkPasswordReuse
)

// expectPosture checks statuses (and offenders, comma-joined) by check index.
func expectPosture(want map[int]string, offenders map[int]string, failed string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		res, ok := s.RootModule().Resources[postureAddr]
		if !ok {
			return fmt.Errorf("%s is not in state", postureAddr)
		}
		a := res.Primary.Attributes
		var problems []string
		for i, st := range want {
			if got := a[fmt.Sprintf("checks.%d.status", i)]; got != st {
				problems = append(problems, fmt.Sprintf("check %d (%s): status %q, want %q (%s)", i,
					a[fmt.Sprintf("checks.%d.id", i)], got, st, a[fmt.Sprintf("checks.%d.detail", i)]))
			}
		}
		for i, names := range offenders {
			var got []string
			for j := 0; a[fmt.Sprintf("checks.%d.offenders.%d", i, j)] != ""; j++ {
				got = append(got, a[fmt.Sprintf("checks.%d.offenders.%d", i, j)])
			}
			if strings.Join(got, ",") != names {
				problems = append(problems, fmt.Sprintf("check %d: offenders %v, want %s", i, got, names))
			}
		}
		var gotFailed []string
		for j := 0; a[fmt.Sprintf("failed.%d", j)] != ""; j++ {
			gotFailed = append(gotFailed, a[fmt.Sprintf("failed.%d", j)])
		}
		if strings.Join(gotFailed, ",") != failed {
			problems = append(problems, fmt.Sprintf("failed = %v, want %s", gotFailed, failed))
		}
		if a["compliant"] != "false" {
			problems = append(problems, "compliant is "+a["compliant"]+" while checks fail")
		}
		if a["id"] != emulator.DefaultAccountID {
			problems = append(problems, "id = "+a["id"])
		}
		if len(problems) > 0 {
			return fmt.Errorf("%s", strings.Join(problems, "\n"))
		}
		return nil
	}
}

// must fails the test on a setup call's error: must(t)(c.CreateUser(...)).
func must(t *testing.T) func(any, error) {
	return func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
}

// Each posture check passes and fails against the emulator's IAM, the keys aged
// by the provider's fake clock. The emulator has no <root_account> row in its
// credential report and cannot give the root user MFA: the root checks' other
// sides are unit tests (TestEvaluatePosture).
func TestAccAccountPostureDataSource_checks(t *testing.T) {
	fake := clock.NewFake(time.Now())
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"hardened": providerserver.NewProtocol6WithError(NewWithClock("test", fake)()),
	}
	ctx := context.Background()
	var bobSecondKey string
	config := `data "hardened_account_posture" "this" {}`
	resource.Test(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			c := testAWSClient(t).IAM()
			for _, u := range []string{"alice", "bob"} {
				must(t)(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(u)}))
				must(t)(c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(u)}))
			}
			must(t)(c.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("alice"),
				Password: aws.String("Correct-Horse-Battery-9")}))
			k, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("bob")})
			must(t)(k, err)
			bobSecondKey = aws.ToString(k.AccessKey.AccessKeyId)
		},
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			// Fresh keys: rotation and use pass; alice has a password without MFA,
			// bob two active keys, and there is no password policy.
			{
				Config: config,
				Check: expectPosture(map[int]string{
					chkRootKeys: posturePass, chkRootMFA: postureFail, chkRootHardwareMFA: postureFail, chkRootUse: postureUnknown,
					chkConsoleMFA: postureFail, chkKeyRotation: posturePass, chkUnused: posturePass, chkOneKey: postureFail,
					chkPasswordPolicy: postureFail, chkPasswordLength: postureFail, chkPasswordReuse: postureFail,
				}, map[int]string{chkConsoleMFA: "alice", chkOneKey: "bob", chkRootMFA: "root", chkKeyRotation: ""},
					"HRD-IAM-016,HRD-IAM-017,HRD-IAM-019,HRD-IAM-022,HRD-IAM-001,HRD-IAM-002,HRD-IAM-003"),
			},
			// Fixed: alice gets MFA, bob's second key goes, a strict policy is set.
			// Forty days later nothing is old enough for the defaults, but a stricter
			// max_key_age_days = 30 fails both keys.
			{
				PreConfig: func() {
					c := testAWSClient(t).IAM()
					dev, err := c.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("alice")})
					must(t)(dev, err)
					must(t)(c.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String("alice"),
						SerialNumber: dev.VirtualMFADevice.SerialNumber, AuthenticationCode1: aws.String("123456"), AuthenticationCode2: aws.String("654321")}))
					must(t)(c.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: aws.String("bob"), AccessKeyId: aws.String(bobSecondKey)}))
					must(t)(c.UpdateAccountPasswordPolicy(ctx, &iam.UpdateAccountPasswordPolicyInput{
						MinimumPasswordLength: aws.Int32(14), PasswordReusePrevention: aws.Int32(24), MaxPasswordAge: aws.Int32(90),
						RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, RequireNumbers: true, RequireSymbols: true,
						AllowUsersToChangePassword: true,
					}))
					fake.Advance(40 * 24 * time.Hour)
				},
				Config: config + "\n" + `data "hardened_account_posture" "strict" { max_key_age_days = 30 }`,
				Check: resource.ComposeAggregateTestCheckFunc(
					expectPosture(map[int]string{
						chkConsoleMFA: posturePass, chkKeyRotation: posturePass, chkUnused: posturePass, chkOneKey: posturePass,
						chkPasswordPolicy: posturePass, chkPasswordLength: posturePass, chkPasswordReuse: posturePass,
					}, nil, "HRD-IAM-016,HRD-IAM-017"),
					resource.TestCheckResourceAttr("data.hardened_account_posture.strict", "checks.5.status", postureFail),
					resource.TestCheckResourceAttr("data.hardened_account_posture.strict", "checks.5.offenders.#", "2"),
				),
			},
			// Sixty days more (100 in all): both keys are past 90 days and unused for 45.
			{
				PreConfig: func() { fake.Advance(60 * 24 * time.Hour) },
				Config:    config,
				Check: expectPosture(map[int]string{chkKeyRotation: postureFail, chkUnused: postureFail, chkConsoleMFA: posturePass},
					map[int]string{chkKeyRotation: "alice,bob", chkUnused: "alice,bob"},
					"HRD-IAM-016,HRD-IAM-017,HRD-IAM-020,HRD-IAM-021"),
			},
		},
	})
}

// Thresholds looser than the catalog fail at plan.
func TestAccAccountPostureDataSource_thresholdsFloored(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `data "hardened_account_posture" "this" { max_key_age_days = 120 }`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`max_key_age_days must be at most 90`),
			},
			{
				Config:      `data "hardened_account_posture" "this" { max_unused_days = 90 }`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`max_unused_days must be at most 45`),
			},
		},
	})
}
