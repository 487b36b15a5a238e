// Package provider implements the hardened Terraform provider: AWS resources that
// cannot be configured insecurely.
package provider

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/clock"
)

var _ provider.Provider = &HardenedProvider{}

// HardenedProvider is the provider implementation.
type HardenedProvider struct {
	// version is "dev" for local builds, the release version otherwise.
	version string
	// clock is the time source handed to every resource and data source.
	clock clock.Clock
}

// New returns a provider factory for the given version, on the wall clock.
func New(version string) func() provider.Provider {
	return NewWithClock(version, clock.Real())
}

// NewWithClock returns a provider factory whose resources read the time and wait
// through clk (tests pass a clock.Fake).
func NewWithClock(version string, clk clock.Clock) func() provider.Provider {
	return func() provider.Provider {
		return &HardenedProvider{version: version, clock: clk}
	}
}

// providerData is what Configure hands to resources and data sources.
type providerData struct {
	client *awsclient.Client
	clock  clock.Clock
	// claims refuses two resources governing one region's singleton (region_claims.go).
	claims *regionClaims
}

// providerModel maps the provider block.
type providerModel struct {
	Region                    types.String      `tfsdk:"region"`
	Profile                   types.String      `tfsdk:"profile"`
	AccessKey                 types.String      `tfsdk:"access_key"`
	SecretKey                 types.String      `tfsdk:"secret_key"`
	Token                     types.String      `tfsdk:"token"`
	SharedConfigFiles         types.List        `tfsdk:"shared_config_files"`
	SharedCredentialsFiles    types.List        `tfsdk:"shared_credentials_files"`
	AllowedAccountIDs         types.Set         `tfsdk:"allowed_account_ids"`
	ForbiddenAccountIDs       types.Set         `tfsdk:"forbidden_account_ids"`
	S3UsePathStyle            types.Bool        `tfsdk:"s3_use_path_style"`
	SkipCredentialsValidation types.Bool        `tfsdk:"skip_credentials_validation"`
	MaxRetries                types.Int64       `tfsdk:"max_retries"`
	AssumeRole                []assumeRoleModel `tfsdk:"assume_role"`
	// Endpoints is the endpoints block: a list of at most one object with a string
	// attribute per awsclient.Services key.
	Endpoints types.List `tfsdk:"endpoints"`
}

type assumeRoleModel struct {
	RoleARN     types.String `tfsdk:"role_arn"`
	SessionName types.String `tfsdk:"session_name"`
	ExternalID  types.String `tfsdk:"external_id"`
	Duration    types.String `tfsdk:"duration"`
}

// endpointsAttributes are the endpoints block's attributes, one per awsclient.Services entry.
func endpointsAttributes() map[string]schema.Attribute {
	attrs := make(map[string]schema.Attribute, len(awsclient.Services))
	for _, s := range awsclient.Services {
		attrs[s.Key] = schema.StringAttribute{
			Optional: true,
			MarkdownDescription: fmt.Sprintf("Endpoint URL for %s, overriding `AWS_ENDPOINT_URL_%s` and `AWS_ENDPOINT_URL`.",
				s.Name, s.EnvSuffix),
		}
	}
	return attrs
}

// endpointsFromConfig reads the endpoints block into a map from service key to URL
// (set values only). unknown reports a value not known until apply.
func endpointsFromConfig(block types.List) (endpoints map[string]string, unknown bool) {
	if block.IsUnknown() {
		return nil, true
	}
	endpoints = map[string]string{}
	for _, elem := range block.Elements() {
		obj, ok := elem.(types.Object)
		if !ok || obj.IsUnknown() {
			return nil, true
		}
		for key, v := range obj.Attributes() {
			str, ok := v.(types.String)
			if !ok || str.IsUnknown() {
				return nil, true
			}
			if str.ValueString() != "" {
				endpoints[key] = str.ValueString()
			}
		}
	}
	return endpoints, false
}

var accountIDRegexp = regexp.MustCompile(`^\d{12}$`)

func (p *HardenedProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "hardened"
	resp.Version = p.version
}

func (p *HardenedProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	accountIDs := []validator.String{stringvalidator.RegexMatches(accountIDRegexp, "must be a 12-digit AWS account ID")}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The `hardened` provider manages AWS resources that cannot be configured insecurely. " +
			"Its settings are named like the `hashicorp/aws` provider's, and an empty `provider \"hardened\" {}` " +
			"block uses the standard AWS environment: the credentials chain, `AWS_REGION`, `AWS_PROFILE`, " +
			"`AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>`.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "AWS region. Defaults to `AWS_REGION`, then the shared config profile's region.",
			},
			"profile": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Named profile of the shared config and credentials files. Defaults to `AWS_PROFILE`.",
			},
			"access_key": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "AWS access key ID. Prefer the credentials chain (`AWS_ACCESS_KEY_ID`, profiles, SSO, roles).",
			},
			"secret_key": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "AWS secret access key; required with `access_key`.",
			},
			"token": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Session token for temporary credentials given with `access_key` and `secret_key`.",
			},
			"shared_config_files": schema.ListAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: "Paths of shared config files. Defaults to `AWS_CONFIG_FILE`, then `~/.aws/config`.",
			},
			"shared_credentials_files": schema.ListAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: "Paths of shared credentials files. Defaults to `AWS_SHARED_CREDENTIALS_FILE`, then `~/.aws/credentials`.",
			},
			"allowed_account_ids": schema.SetAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Validators:  []validator.Set{setvalidator.ValueStringsAre(accountIDs...)},
				MarkdownDescription: "Account IDs the provider may manage. Any other account is refused before a " +
					"single change is made. Conflicts with `forbidden_account_ids`.",
			},
			"forbidden_account_ids": schema.SetAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				Validators:          []validator.Set{setvalidator.ValueStringsAre(accountIDs...)},
				MarkdownDescription: "Account IDs the provider must never manage.",
			},
			"s3_use_path_style": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Use path-style S3 addresses (`https://s3.amazonaws.com/BUCKET/KEY`). Turned on " +
					"automatically when the S3 endpoint is a loopback address (an emulator).",
			},
			"skip_credentials_validation": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Skip the STS `GetCallerIdentity` check at configuration. The account is still " +
					"looked up when `allowed_account_ids` or `forbidden_account_ids` is set, and by resources that need it.",
			},
			"max_retries": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("How many times a throttled or transiently failed AWS call is retried, "+
					"with exponential backoff. Defaults to %d. A call whose endpoint cannot be reached (connection "+
					"refused or reset, DNS, TLS, timeout) is tried at most %d times over about 10-15 seconds, whatever "+
					"this is, then fails with an error naming the endpoint.", awsclient.DefaultMaxRetries,
					awsclient.ConnectionAttempts),
			},
		},
		Blocks: map[string]schema.Block{
			"assume_role": schema.ListNestedBlock{
				MarkdownDescription: "Assume an IAM role with the base credentials before making any call.",
				Validators:          []validator.List{listvalidator.SizeAtMost(1)},
				NestedObject: schema.NestedBlockObject{
					Attributes: map[string]schema.Attribute{
						"role_arn": schema.StringAttribute{
							Required:            true,
							MarkdownDescription: "ARN of the role to assume.",
						},
						"session_name": schema.StringAttribute{
							Optional:            true,
							MarkdownDescription: "Session name recorded in CloudTrail. Defaults to `terraform-provider-hardened`.",
						},
						"external_id": schema.StringAttribute{
							Optional:            true,
							MarkdownDescription: "External ID the role's trust policy requires.",
						},
						"duration": schema.StringAttribute{
							Optional: true,
							MarkdownDescription: "Session duration as a Go duration (`15m`, `1h`), from 15 minutes to " +
								"12 hours. Defaults to 1 hour.",
						},
					},
				},
			},
			"endpoints": schema.ListNestedBlock{
				MarkdownDescription: "Custom service endpoints, for emulators and private endpoints.",
				Validators:          []validator.List{listvalidator.SizeAtMost(1)},
				NestedObject: schema.NestedBlockObject{
					Attributes: endpointsAttributes(),
				},
			},
		},
	}
}

func (p *HardenedProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Values that are unknown at plan time (computed by other resources) cannot
	// configure a client yet; Terraform calls Configure again during apply.
	if unknownProviderConfig(m) {
		resp.Diagnostics.AddWarning("Provider configuration is not yet known",
			"Some hardened provider settings depend on values known only after apply; resources of this provider "+
				"cannot be read until then.")
		return
	}

	cfg := awsclient.Config{
		Region:                    m.Region.ValueString(),
		Profile:                   m.Profile.ValueString(),
		AccessKey:                 m.AccessKey.ValueString(),
		SecretKey:                 m.SecretKey.ValueString(),
		Token:                     m.Token.ValueString(),
		S3UsePathStyle:            m.S3UsePathStyle.ValueBool(),
		SkipCredentialsValidation: m.SkipCredentialsValidation.ValueBool(),
		MaxRetries:                -1,
	}
	if !m.MaxRetries.IsNull() {
		if m.MaxRetries.ValueInt64() < 0 || m.MaxRetries.ValueInt64() > 100 {
			resp.Diagnostics.AddAttributeError(path.Root("max_retries"), "Invalid max_retries",
				fmt.Sprintf("max_retries must be from 0 to 100, got %d.", m.MaxRetries.ValueInt64()))
			return
		}
		cfg.MaxRetries = int(m.MaxRetries.ValueInt64())
	}
	resp.Diagnostics.Append(m.SharedConfigFiles.ElementsAs(ctx, &cfg.SharedConfigFiles, false)...)
	resp.Diagnostics.Append(m.SharedCredentialsFiles.ElementsAs(ctx, &cfg.SharedCredentialsFiles, false)...)
	resp.Diagnostics.Append(m.AllowedAccountIDs.ElementsAs(ctx, &cfg.AllowedAccountIDs, false)...)
	resp.Diagnostics.Append(m.ForbiddenAccountIDs.ElementsAs(ctx, &cfg.ForbiddenAccountIDs, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if len(cfg.AllowedAccountIDs) > 0 && len(cfg.ForbiddenAccountIDs) > 0 {
		resp.Diagnostics.AddAttributeError(path.Root("allowed_account_ids"), "Conflicting account lists",
			"Set either allowed_account_ids or forbidden_account_ids, not both.")
		return
	}
	if len(m.AssumeRole) == 1 {
		ar := m.AssumeRole[0]
		cfg.AssumeRole = &awsclient.AssumeRole{
			RoleARN:     ar.RoleARN.ValueString(),
			SessionName: ar.SessionName.ValueString(),
			ExternalID:  ar.ExternalID.ValueString(),
		}
		if d := ar.Duration.ValueString(); d != "" {
			dur, err := time.ParseDuration(d)
			if err != nil || dur < 15*time.Minute || dur > 12*time.Hour {
				resp.Diagnostics.AddAttributeError(path.Root("assume_role").AtListIndex(0).AtName("duration"),
					"Invalid assume_role duration",
					fmt.Sprintf("duration %q must be a duration from 15m to 12h, such as \"1h\".", d))
				return
			}
			cfg.AssumeRole.Duration = dur
		}
	}
	cfg.Endpoints, _ = endpointsFromConfig(m.Endpoints)

	client, err := awsclient.New(ctx, cfg)
	if err != nil {
		resp.Diagnostics.AddError("Cannot configure the hardened provider", err.Error())
		return
	}
	data := &providerData{client: client, clock: p.clock, claims: newRegionClaims()}
	if data.clock == nil {
		data.clock = clock.Real()
	}
	resp.ResourceData = data
	resp.DataSourceData = data
}

func unknownProviderConfig(m providerModel) bool {
	for _, v := range []interface{ IsUnknown() bool }{
		m.Region, m.Profile, m.AccessKey, m.SecretKey, m.Token, m.SharedConfigFiles, m.SharedCredentialsFiles,
		m.AllowedAccountIDs, m.ForbiddenAccountIDs, m.S3UsePathStyle, m.SkipCredentialsValidation, m.MaxRetries,
	} {
		if v.IsUnknown() {
			return true
		}
	}
	if _, unknown := endpointsFromConfig(m.Endpoints); unknown {
		return true
	}
	for _, ar := range m.AssumeRole {
		if ar.RoleARN.IsUnknown() || ar.SessionName.IsUnknown() || ar.ExternalID.IsUnknown() || ar.Duration.IsUnknown() {
			return true
		}
	}
	return false
}

func (p *HardenedProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewPasswordPolicyResource,
		NewDefaultSecurityGroupResource,
		NewSecurityGroupResource,
		NewCloudTrailResource,
		NewEBSEncryptionByDefaultResource,
		NewConfigRecorderResource,
		NewS3AccountPublicAccessBlockResource,
		NewKMSKeyResource,
		NewS3BucketResource,
		NewCISMonitoringResource,
		NewGuardDutyResource,
		NewFlowLogsResource,
	}
}

func (p *HardenedProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewAccountPostureDataSource,
	}
}
