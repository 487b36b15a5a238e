package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/hardened-tf/terraform-provider-hardened/internal/acctest"
	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/clock"
	"github.com/hardened-tf/terraform-provider-hardened/internal/emulator"
)

// testAccProtoV6ProviderFactories serves the provider in-process to the real
// Terraform CLI, so no registry or network is needed.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"hardened": providerserver.NewProtocol6WithError(New("test")()),
}

// testAccProviderFactoriesOnFakeClock serves a provider whose resources wait on
// clk: waits (propagation, deletion, visibility) take no time and deadlines pass
// after a fixed number of attempts.
func testAccProviderFactoriesOnFakeClock(clk clock.Clock) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"hardened": providerserver.NewProtocol6WithError(NewWithClock("test", clk)()),
	}
}

// TestMain starts the AWS emulator for every test of the package; a missing
// terraform or moto_server fails the run with what to install.
func TestMain(m *testing.M) {
	acctest.Main(m)
}

// testAccPreCheck gives each acceptance test an empty emulator.
func testAccPreCheck(t *testing.T) {
	t.Helper()
	if err := acctest.Emulator.Reset(); err != nil {
		t.Fatal(err)
	}
}

// testAWSClient returns a client for checking the emulator from tests, in the
// emulator's default account.
func testAWSClient(t *testing.T) *awsclient.Client {
	t.Helper()
	c, err := awsclient.New(context.Background(), awsclient.Config{MaxRetries: 2})
	if err != nil {
		t.Fatalf("building a test AWS client: %v", err)
	}
	return c
}

// testAWSClientAssuming returns a client that works in another emulated account.
func testAWSClientAssuming(t *testing.T, account string) *awsclient.Client {
	t.Helper()
	c, err := awsclient.New(context.Background(), awsclient.Config{
		MaxRetries: 2,
		AssumeRole: &awsclient.AssumeRole{RoleARN: "arn:aws:iam::" + account + ":role/test"},
	})
	if err != nil {
		t.Fatalf("building a test AWS client for account %s: %v", account, err)
	}
	return c
}

const passwordPolicyDefault = `resource "hardened_password_policy" "p" {}`

// The endpoints block wins over AWS_ENDPOINT_URL: with the environment pointing
// at a closed port, the provider still reaches the emulator through the block.
func TestAccProvider_endpointsBlockOverridesEnvironment(t *testing.T) {
	t.Setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(
				"max_retries = 0",
				"endpoints {",
				"  iam = \""+acctest.Emulator.Endpoint+"\"",
				"  sts = \""+acctest.Emulator.Endpoint+"\"",
				"}",
			) + passwordPolicyDefault,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("hardened_password_policy.p", tfjsonpath.New("id"),
					knownvalue.StringExact(emulator.DefaultAccountID)),
			},
		}},
	})
}

// The endpoints block has one attribute per awsclient.Services entry, documented
// with its environment variable, and each of them configures its client: with
// AWS_ENDPOINT_URL at a closed port, a block naming every service reaches the emulator.
func TestAccProvider_endpointsBlockListsEveryService(t *testing.T) {
	var resp provider.SchemaResponse
	New("test")().Schema(context.Background(), provider.SchemaRequest{}, &resp)
	block, ok := resp.Schema.Blocks["endpoints"].(schema.ListNestedBlock)
	if !ok {
		t.Fatalf("no endpoints list block: %T", resp.Schema.Blocks["endpoints"])
	}
	attrs := block.NestedObject.Attributes
	if len(attrs) != len(awsclient.Services) {
		t.Errorf("the endpoints block has %d attributes, awsclient.Services %d", len(attrs), len(awsclient.Services))
	}
	lines := []string{"max_retries = 0", "endpoints {"}
	for _, s := range awsclient.Services {
		a, ok := attrs[s.Key]
		if !ok {
			t.Errorf("the endpoints block lacks %s", s.Key)
			continue
		}
		if d := a.GetMarkdownDescription(); !strings.Contains(d, "`AWS_ENDPOINT_URL_"+s.EnvSuffix+"`") || !strings.Contains(d, s.Name) {
			t.Errorf("endpoints.%s description %q does not name %s and AWS_ENDPOINT_URL_%s", s.Key, d, s.Name, s.EnvSuffix)
		}
		lines = append(lines, fmt.Sprintf("  %s = %q", s.Key, acctest.Emulator.Endpoint))
	}
	lines = append(lines, "}")
	t.Setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(lines...) + passwordPolicyDefault,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("hardened_password_policy.p", tfjsonpath.New("id"),
					knownvalue.StringExact(emulator.DefaultAccountID)),
			},
		}},
	})
}

// AWS_ENDPOINT_URL_<SERVICE> wins over AWS_ENDPOINT_URL, as in the AWS SDKs.
func TestAccProvider_serviceEndpointEnvironment(t *testing.T) {
	t.Setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1")
	t.Setenv("AWS_ENDPOINT_URL_IAM", acctest.Emulator.Endpoint)
	t.Setenv("AWS_ENDPOINT_URL_STS", acctest.Emulator.Endpoint)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock("max_retries = 0") + passwordPolicyDefault,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("hardened_password_policy.p", tfjsonpath.New("minimum_length"),
					knownvalue.Int64Exact(14)),
			},
		}},
	})
}

// Static credentials and region in the block replace the environment's.
func TestAccProvider_staticCredentials(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	t.Setenv("AWS_REGION", "")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(
				`region     = "eu-west-1"`,
				`access_key = "AKIAEXAMPLE"`,
				`secret_key = "static-secret"`,
			) + passwordPolicyDefault,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("hardened_password_policy.p", tfjsonpath.New("id"),
					knownvalue.StringExact(emulator.DefaultAccountID)),
			},
		}},
	})
}

func TestAccProvider_missingRegion(t *testing.T) {
	t.Setenv("AWS_REGION", "")
	t.Setenv("AWS_DEFAULT_REGION", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      acctest.ProviderBlock() + passwordPolicyDefault,
			ExpectError: regexp.MustCompile(`no AWS region: set region in the provider block, or AWS_REGION`),
		}},
	})
}

func TestAccProvider_halfStaticCredentials(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      acctest.ProviderBlock(`access_key = "AKIAEXAMPLE"`) + passwordPolicyDefault,
			ExpectError: regexp.MustCompile(`access_key and secret_key must be set together`),
		}},
	})
}

// A provider limited to other accounts refuses to plan anything.
func TestAccProvider_allowedAccountIDsRefusesOtherAccounts(t *testing.T) {
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      acctest.ProviderBlock(`allowed_account_ids = ["111111111111"]`) + passwordPolicyDefault,
				ExpectError: regexp.MustCompile(`AWS account 123456789012 is not in allowed_account_ids\s+\(111111111111\)`),
			},
			{
				Config:      acctest.ProviderBlock(`forbidden_account_ids = ["123456789012"]`) + passwordPolicyDefault,
				ExpectError: regexp.MustCompile(`AWS account 123456789012 is listed in forbidden_account_ids`),
			},
			{
				Config:      acctest.ProviderBlock(`allowed_account_ids = ["12345"]`) + passwordPolicyDefault,
				ExpectError: regexp.MustCompile(`must be a 12-digit AWS account\s+ID, got: 12345`),
			},
			{
				Config: acctest.ProviderBlock(`allowed_account_ids = ["123456789012"]`) + passwordPolicyDefault,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("hardened_password_policy.p", tfjsonpath.New("id"),
						knownvalue.StringExact(emulator.DefaultAccountID)),
				},
			},
		},
	})
}

// assume_role switches the account every resource works in.
func TestAccProvider_assumeRole(t *testing.T) {
	const account = "222222222222"
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.ProviderBlock(
					"assume_role {",
					`  role_arn = "not-an-arn"`,
					"}",
				) + passwordPolicyDefault,
				ExpectError: regexp.MustCompile(`assume_role.role_arn "not-an-arn" is not an ARN`),
			},
			{
				Config: acctest.ProviderBlock(
					"assume_role {",
					`  role_arn = "arn:aws:iam::`+account+`:role/terraform"`,
					`  duration = "24h"`,
					"}",
				) + passwordPolicyDefault,
				ExpectError: regexp.MustCompile(`duration "24h" must be a duration from 15m to 12h`),
			},
			{
				Config: acctest.ProviderBlock(
					`allowed_account_ids = ["`+account+`"]`,
					"assume_role {",
					`  role_arn     = "arn:aws:iam::`+account+`:role/terraform"`,
					`  session_name = "ci"`,
					`  external_id  = "ext-id"`,
					`  duration     = "30m"`,
					"}",
				) + `resource "hardened_password_policy" "p" { minimum_length = 21 }`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("hardened_password_policy.p", tfjsonpath.New("id"),
						knownvalue.StringExact(account)),
				},
				Check: func(_ *terraform.State) error {
					if _, err := getPolicy(testAWSClient(t)); !isNoSuchEntity(err) {
						return fmt.Errorf("the base credentials' account was changed, not the assumed one (err %v)", err)
					}
					return expectPolicyLength(testAWSClientAssuming(t, account), 21)
				},
			},
		},
	})
}

func TestAccProvider_invalidEndpoint(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(
				"endpoints {",
				`  iam = "localhost:5000"`,
				"}",
			) + passwordPolicyDefault,
			ExpectError: regexp.MustCompile(`endpoints.iam = "localhost:5000" is not an endpoint URL`),
		}},
	})
}

// endpointsFromConfig reads the set values of the block, and reports a value not known until apply.
func TestEndpointsFromConfig(t *testing.T) {
	attrTypes := map[string]attr.Type{}
	for _, s := range awsclient.Services {
		attrTypes[s.Key] = types.StringType
	}
	object := func(set map[string]attr.Value) attr.Value {
		values := map[string]attr.Value{}
		for k := range attrTypes {
			values[k] = types.StringNull()
		}
		for k, v := range set {
			values[k] = v
		}
		return types.ObjectValueMust(attrTypes, values)
	}
	list := func(elems ...attr.Value) types.List {
		return types.ListValueMust(types.ObjectType{AttrTypes: attrTypes}, elems)
	}
	got, unknown := endpointsFromConfig(list(object(map[string]attr.Value{
		"config": types.StringValue("http://127.0.0.1:5000"), "iam": types.StringValue(""),
	})))
	if unknown || len(got) != 1 || got["config"] != "http://127.0.0.1:5000" {
		t.Errorf("set values: %v (unknown %v), want only config", got, unknown)
	}
	if got, unknown := endpointsFromConfig(types.ListNull(types.ObjectType{AttrTypes: attrTypes})); unknown || len(got) != 0 {
		t.Errorf("no block: %v (unknown %v)", got, unknown)
	}
	if _, unknown := endpointsFromConfig(list(object(map[string]attr.Value{"s3": types.StringUnknown()}))); !unknown {
		t.Error("an endpoint known only after apply is not reported as unknown")
	}
}
