package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

const (
	keyAddr  = "hardened_kms_key.k"
	keyAlias = "alias/data"
	// testAccount is the emulator's default account.
	testAccount = "123456789012"
)

const keyOneLine = `resource "hardened_kms_key" "k" { alias = "alias/data" }`

// rootKeyPolicy is the policy a key gets with no administrators, users or services.
var rootKeyPolicy = keyPolicy(keyPolicySpec{Partition: "aws", Account: testAccount})

// keyBehindAlias is the key keyAlias names, as KMS describes it.
func keyBehindAlias(t *testing.T, c *awsclient.Client) *kmstypes.KeyMetadata {
	alias := keyAlias
	t.Helper()
	d, err := c.KMS().DescribeKey(context.Background(), &kms.DescribeKeyInput{KeyId: aws.String(alias)})
	if err != nil {
		t.Fatalf("describing %s: %v", alias, err)
	}
	return d.KeyMetadata
}

// checkKeyHardened checks through the KMS API that the key behind keyAlias is a
// usable symmetric key with rotation on and exactly the wanted policy.
func checkKeyHardened(t *testing.T, c *awsclient.Client, wantPolicy string) error {
	ctx := context.Background()
	m := keyBehindAlias(t, c)
	if m.KeyState != kmstypes.KeyStateEnabled || m.KeySpec != kmstypes.KeySpecSymmetricDefault {
		return fmt.Errorf("key %s is %s %s, want Enabled SYMMETRIC_DEFAULT", aws.ToString(m.KeyId), m.KeyState, m.KeySpec)
	}
	rot, err := c.KMS().GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: m.KeyId})
	if err != nil {
		return err
	}
	if !rot.KeyRotationEnabled {
		return fmt.Errorf("key %s does not rotate", aws.ToString(m.KeyId))
	}
	pol, err := c.KMS().GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: m.KeyId, PolicyName: aws.String("default")})
	if err != nil {
		return err
	}
	if !policiesEquivalent(aws.ToString(pol.Policy), wantPolicy) {
		return fmt.Errorf("key policy is\n%s\nwant\n%s", aws.ToString(pol.Policy), wantPolicy)
	}
	return nil
}

// expectKeysPendingDeletion checks that every customer key left is scheduled for deletion.
func expectKeysPendingDeletion(c *awsclient.Client) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ctx := context.Background()
		keys, err := c.KMS().ListKeys(ctx, &kms.ListKeysInput{})
		if err != nil {
			return err
		}
		for _, k := range keys.Keys {
			d, err := c.KMS().DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: k.KeyId})
			if err != nil {
				return err
			}
			if d.KeyMetadata.KeyManager == kmstypes.KeyManagerTypeCustomer && d.KeyMetadata.KeyState != kmstypes.KeyStatePendingDeletion {
				return fmt.Errorf("key %s is %s after destroy, want PendingDeletion", aws.ToString(k.KeyId), d.KeyMetadata.KeyState)
			}
		}
		return nil
	}
}

// A key with an alias and tags: checked through the API, imported by ID with
// every attribute, protected from destroy until allow_destroy, then updated with
// users and a shorter rotation period; destroy schedules its deletion.
func TestAccKMSKey_basic(t *testing.T) {
	c := testAWSClient(t)
	const config = `resource "hardened_kms_key" "k" {
  alias       = "alias/data"
  description = "application data"
  tags        = { team = "data" }
}`
	const updated = `resource "hardened_kms_key" "k" {
  alias                = "alias/data"
  description          = "application data"
  tags                 = { team = "data", env = "prod" }
  users                = ["arn:aws:iam::123456789012:role/app"]
  service_principals   = ["logs.us-east-1.amazonaws.com"]
  rotation_period_days = 180
  allow_destroy        = true
}`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             expectKeysPendingDeletion(c),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error { return checkKeyHardened(t, c, rootKeyPolicy) },
					resource.TestCheckResourceAttr(keyAddr, "rotation_period_days", "365"),
					resource.TestCheckResourceAttr(keyAddr, "deletion_window_days", "30"),
					resource.TestCheckResourceAttr(keyAddr, "key_spec", "SYMMETRIC_DEFAULT"),
					resource.TestCheckResourceAttr(keyAddr, "rotation_enabled", "true"),
					resource.TestCheckResourceAttrPair(keyAddr, "id", keyAddr, "key_id"),
					func(*terraform.State) error {
						m := keyBehindAlias(t, c)
						tags, err := c.KMS().ListResourceTags(context.Background(), &kms.ListResourceTagsInput{KeyId: m.KeyId})
						if err != nil {
							return err
						}
						got := map[string]string{}
						for _, tg := range tags.Tags {
							got[aws.ToString(tg.TagKey)] = aws.ToString(tg.TagValue)
						}
						if got["team"] != "data" || got[managedByTag] != managedBy(kmsKeyType, keyAlias) {
							return fmt.Errorf("key tags %v", got)
						}
						return nil
					},
				),
			},
			{ResourceName: keyAddr, ImportState: true, ImportStateVerify: true},
			{
				ResourceName: keyAddr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					return s.RootModule().Resources[keyAddr].Primary.Attributes["arn"], nil
				},
			},
			{Config: config, Destroy: true, ExpectError: regexp.MustCompile(`(?s)protected from destroy.*allow_destroy = true`)},
			{
				Config: updated,
				Check: func(*terraform.State) error {
					return checkKeyHardened(t, c, keyPolicy(keyPolicySpec{Partition: "aws", Account: testAccount,
						Users: []string{"arn:aws:iam::123456789012:role/app"}, ServicePrincipals: []string{"logs.us-east-1.amazonaws.com"}}))
				},
			},
			{Config: updated, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// keyWeakenings break one control each outside Terraform, keyed by control ID.
func keyWeakenings(c *awsclient.Client) map[string]func(t *testing.T) {
	ctx := context.Background()
	putPolicy := func(t *testing.T, extra string) {
		id := keyBehindAlias(t, c).KeyId
		doc := strings.Replace(rootKeyPolicy, `"Statement":[`, `"Statement":[`+extra+`,`, 1)
		mustCall(t)(c.KMS().PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: id, PolicyName: aws.String("default"), Policy: aws.String(doc)}))
	}
	return map[string]func(t *testing.T){
		controls.KMSKeyRotation.ID: func(t *testing.T) {
			mustCall(t)(c.KMS().DisableKeyRotation(ctx, &kms.DisableKeyRotationInput{KeyId: keyBehindAlias(t, c).KeyId}))
		},
		controls.KMSKeyAdministrativePath.ID: func(t *testing.T) {
			// The root keeps only read access: nobody administers the key.
			id := keyBehindAlias(t, c).KeyId
			mustCall(t)(c.KMS().PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: id, PolicyName: aws.String("default"),
				Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:Describe*","Resource":"*"}]}`)}))
		},
		controls.KMSKeyNoPublicPrincipal.ID: func(t *testing.T) {
			putPolicy(t, `{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}`)
		},
		controls.KMSKeyAdminOnlyFullAccess.ID: func(t *testing.T) {
			putPolicy(t, `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/app"},"Action":"kms:*","Resource":"*"}`)
		},
		controls.KMSKeyDeletionProtected.ID: func(t *testing.T) {
			mustCall(t)(c.KMS().ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: keyBehindAlias(t, c).KeyId,
				PendingWindowInDays: aws.Int32(7)}))
		},
	}
}

// Every control of the "Controls enforced" table, walked from the list the table
// is rendered from: the rejected configuration fails at plan citing the control,
// and the weakening outside Terraform shows in the plan as the status attribute
// going from false to true, and apply repairs it (checked through the API). A key
// disabled by hand is repaired the same way.
func TestAccKMSKey_controlsEnforced(t *testing.T) {
	c := testAWSClient(t)
	weaken := keyWeakenings(c)
	repaired := func(*terraform.State) error { return checkKeyHardened(t, c, rootKeyPolicy) }
	steps := []resource.TestStep{{Config: keyOneLine, Check: repaired}}
	for _, e := range kmsKeyEnforcement {
		id := e.Control.ID
		if e.Rejects == "" || e.Drift == "" {
			t.Fatalf("%s: every key control is both rejected at plan and repaired as drift", id)
		}
		steps = append(steps, resource.TestStep{
			Config:      fmt.Sprintf("resource \"hardened_kms_key\" \"k\" {\n  alias = %q\n  %s\n}", keyAlias, e.Rejects),
			ExpectError: regexp.MustCompile(`(?s)Insecure.*` + regexp.QuoteMeta("["+id+"]")),
		})
		w, ok := weaken[id]
		if !ok {
			t.Fatalf("%s: no weakening shows its drift on %s", id, e.Drift)
		}
		steps = append(steps, driftRepairedStepAt(t, keyAddr, keyOneLine, w, e.Drift, repaired))
	}
	if len(weaken) != len(kmsKeyEnforcement) {
		t.Fatalf("%d weakenings for %d documented controls", len(weaken), len(kmsKeyEnforcement))
	}
	disable := func(t *testing.T) {
		mustCall(t)(c.KMS().DisableKey(context.Background(), &kms.DisableKeyInput{KeyId: keyBehindAlias(t, c).KeyId}))
	}
	steps = append(steps, driftRepairedStepAt(t, keyAddr, keyOneLine, disable, "key_enabled", repaired),
		resource.TestStep{Config: keyOneLine, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		// allow_destroy for the test's own destroy.
		resource.TestStep{Config: `resource "hardened_kms_key" "k" {
  alias         = "alias/data"
  allow_destroy = true
}`})
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             expectKeysPendingDeletion(c),
		Steps:                    steps,
	})
}

// driftRepairedStepAt weakens a control of the resource at addr, expects the plan
// to show its status attribute going from false to true, and checks the repair.
func driftRepairedStepAt(t *testing.T, addr, config string, weaken func(*testing.T), flag string, check resource.TestCheckFunc) resource.TestStep {
	return resource.TestStep{
		PreConfig: func() { weaken(t) },
		Config:    config,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
			expectPriorValue(addr, tfjsonpath.New(flag), knownvalue.Bool(false)),
			plancheck.ExpectKnownValue(addr, tfjsonpath.New(flag), knownvalue.Bool(true)),
		}},
		Check: check,
	}
}

// Each rejected shape fails at plan, and the error names the statement and the
// control; nothing is created.
func TestAccKMSKey_rejectedPolicies(t *testing.T) {
	cases := []struct{ name, args, want string }{
		{"public principal", `additional_statements = jsonencode([{ Sid = "Open", Effect = "Allow", Principal = "*", Action = "kms:Decrypt", Resource = "*" }])`,
			`additional_statements\[0\] \(Sid "Open"\) allows everyone.*\[HRD-KMS-003\]`},
		{"public principal over TLS only", `additional_statements = jsonencode([{ Effect = "Allow", Principal = { AWS = "*" }, Action = "kms:Decrypt", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "true" } } }])`,
			`additional_statements\[0\] allows everyone.*\[HRD-KMS-003\]`},
		{"kms:* to a user", `additional_statements = jsonencode([{ Sid = "App", Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:role/app" }, Action = "kms:*", Resource = "*" }])`,
			`additional_statements\[0\] \(Sid "App"\) grants kms:\*.*\[HRD-KMS-004\]`},
		{"deny the administrative path", `additional_statements = jsonencode([{ Sid = "Ok", Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:role/app" }, Action = "kms:Decrypt", Resource = "*" }, { Sid = "Lock", Effect = "Deny", Principal = "*", Action = "kms:PutKeyPolicy", Resource = "*" }])`,
			`additional_statements\[1\] \(Sid "Lock"\) denies kms:PutKeyPolicy.*lock the account out.*\[HRD-KMS-002\]`},
		{"deny the named administrator", `administrators = ["arn:aws:iam::123456789012:role/KeyAdmin"]
  additional_statements = jsonencode([{ Effect = "Deny", Principal = { AWS = "arn:aws:iam::123456789012:role/KeyAdmin" }, Action = "kms:*", Resource = "*" }])`,
			`additional_statements\[0\] denies kms:PutKeyPolicy.*\[HRD-KMS-002\]`},
		{"no administrator", `administrators = []`, `administrators is empty.*\[HRD-KMS-002\]`},
		{"asymmetric key", `key_spec = "RSA_2048"`, `Unsupported key_spec.*rotates only.*\[HRD-KMS-001\]`},
		{"rotation too rare", `rotation_period_days = 730`, `Insecure rotation_period_days.*at most 365.*\[HRD-KMS-001\]`},
		{"rotation too often", `rotation_period_days = 30`, `rotation_period_days must be at least 90`},
		{"short deletion window", `deletion_window_days = 3`, `Insecure deletion_window_days.*at least 7.*\[HRD-KMS-005\]`},
		{"a whole document", `additional_statements = jsonencode({ Version = "2012-10-17", Statement = [] })`, `Invalid additional_statements.*jsonencode`},
		{"not an IAM principal", `users = ["app"]`, `must be an IAM principal ARN`},
		{"reserved alias", `alias = "alias/aws/s3"`, `reserved for AWS`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config:      fmt.Sprintf("resource \"hardened_kms_key\" \"k\" {\n  %s\n}", tc.args),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)` + strings.ReplaceAll(tc.want, " ", `\s+`)),
		})
	}
	c := testAWSClient(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			keys, err := c.KMS().ListKeys(context.Background(), &kms.ListKeysInput{})
			if err == nil && len(keys.Keys) > 0 {
				return fmt.Errorf("%d keys created by configurations rejected at plan", len(keys.Keys))
			}
			return err
		},
		Steps: steps,
	})
}

// A plain key made outside Terraform (default policy, no rotation), imported by
// ARN: the import reports rotation off, the plan turns it on, apply hardens the
// key in place (same key), and the next plan is empty.
func TestAccKMSKey_importPlainKey(t *testing.T) {
	c := testAWSClient(t)
	var plainARN string
	createPlain := func() {
		ctx := context.Background()
		k, err := c.KMS().CreateKey(ctx, &kms.CreateKeyInput{Description: aws.String("plain")})
		if err != nil {
			t.Fatal(err)
		}
		plainARN = aws.ToString(k.KeyMetadata.Arn)
		mustCall(t)(c.KMS().CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(keyAlias), TargetKeyId: k.KeyMetadata.KeyId}))
	}
	const config = `resource "hardened_kms_key" "k" {
  alias         = "alias/data"
  description   = "plain"
  users         = ["arn:aws:iam::123456789012:role/app"]
  allow_destroy = true
}`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t); createPlain() },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             expectKeysPendingDeletion(c),
		Steps: []resource.TestStep{
			{
				Config: config, ResourceName: keyAddr, ImportState: true, ImportStatePersist: true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return plainARN, nil },
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					a := states[0].Attributes
					if a["rotation_enabled"] != "false" || a["key_enabled"] != "true" || a["alias"] != keyAlias || a["arn"] != plainARN {
						return fmt.Errorf("imported rotation_enabled=%s key_enabled=%s alias=%s arn=%s", a["rotation_enabled"],
							a["key_enabled"], a["alias"], a["arn"])
					}
					// The default policy grants the account root kms:*, as the root-administered policy does.
					if a["policy_compliant"] != "true" {
						return fmt.Errorf("imported policy_compliant=%s for AWS's default policy", a["policy_compliant"])
					}
					return nil
				},
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(keyAddr, plancheck.ResourceActionUpdate),
					expectPriorValue(keyAddr, tfjsonpath.New("rotation_enabled"), knownvalue.Bool(false)),
					plancheck.ExpectKnownValue(keyAddr, tfjsonpath.New("rotation_enabled"), knownvalue.Bool(true)),
				}},
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPtr(keyAddr, "arn", &plainARN),
					func(*terraform.State) error {
						return checkKeyHardened(t, c, keyPolicy(keyPolicySpec{Partition: "aws", Account: testAccount,
							Users: []string{"arn:aws:iam::123456789012:role/app"}}))
					},
				),
			},
			{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}
