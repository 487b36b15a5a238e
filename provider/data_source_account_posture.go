package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/clock"
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

var (
	_ datasource.DataSource              = &AccountPostureDataSource{}
	_ datasource.DataSourceWithConfigure = &AccountPostureDataSource{}
)

// credentialReportWait bounds how long the data source waits for IAM to
// generate the credential report (it usually takes seconds).
const credentialReportWait = 2 * time.Minute

// NewAccountPostureDataSource is the factory registered with the provider.
func NewAccountPostureDataSource() datasource.DataSource {
	return &AccountPostureDataSource{}
}

// AccountPostureDataSource reads the account practices a plan cannot show.
type AccountPostureDataSource struct {
	client *awsclient.Client
	clock  clock.Clock
}

type accountPostureModel struct {
	ID            types.String `tfsdk:"id"`
	MaxKeyAgeDays types.Int64  `tfsdk:"max_key_age_days"`
	MaxUnusedDays types.Int64  `tfsdk:"max_unused_days"`
	Checks        types.List   `tfsdk:"checks"`
	Failed        types.List   `tfsdk:"failed"`
	Compliant     types.Bool   `tfsdk:"compliant"`
}

type postureCheckModel struct {
	ID          types.String `tfsdk:"id"`
	Title       types.String `tfsdk:"title"`
	CIS         types.String `tfsdk:"cis"`
	SecurityHub types.String `tfsdk:"security_hub"`
	Status      types.String `tfsdk:"status"`
	Detail      types.String `tfsdk:"detail"`
	Offenders   types.List   `tfsdk:"offenders"`
}

var postureCheckType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.StringType, "title": types.StringType, "cis": types.StringType, "security_hub": types.StringType,
	"status": types.StringType, "detail": types.StringType, "offenders": types.ListType{ElemType: types.StringType},
}}

func (d *AccountPostureDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_account_posture"
}

func (d *AccountPostureDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	keyAge, unused := controls.AccessKeysRotated, controls.UnusedCredentialsDisabled
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The security practices that live in the account's state rather than in any " +
			"configuration, so that no plan can show them: root access keys, root MFA (and whether it is hardware), " +
			"recent root use, MFA for console users, access key rotation, unused credentials, a second active key, " +
			"and the password policy. Read with `iam:GetAccountSummary`, `iam:ListVirtualMFADevices`, " +
			"`iam:GetAccountPasswordPolicy` and the IAM credential report (`iam:GenerateCredentialReport`, " +
			"`iam:GetCredentialReport`). A check whose API is denied, or whose report is unavailable, is `unknown`, " +
			"never `pass`. `hardened-lint` reports each failed check of this data source in a plan as a finding " +
			"(rule `hardened_account_posture`).\n\nChecks, in order:\n\n" + controlsTable(controls.AccountPosture...),
		Attributes: map[string]schema.Attribute{
			"id": str("The AWS account ID."),
			"max_key_age_days": schema.Int64Attribute{
				Optional: true,
				Validators: []validator.Int64{atLeastAPI(1, "a key age is at least a day"),
					controlLimit(keyAge)},
				MarkdownDescription: fmt.Sprintf("Days after which an active access key fails the rotation check. "+
					"Defaults to %d, the most the catalog allows (%s); set it lower to be stricter.", keyAge.Threshold.Value, keyAge.Cite()),
			},
			"max_unused_days": schema.Int64Attribute{
				Optional: true,
				Validators: []validator.Int64{atLeastAPI(1, "an unused period is at least a day"),
					controlLimit(unused)},
				MarkdownDescription: fmt.Sprintf("Days without use after which a console password or active access "+
					"key fails the unused-credentials check. Defaults to %d, the most the catalog allows (%s).",
					unused.Threshold.Value, unused.Cite()),
			},
			"checks": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "One object per practice, in the order of the table above.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":           str("The catalog control ID, such as `HRD-IAM-020`."),
					"title":        str("What the practice requires."),
					"cis":          str("The CIS AWS Foundations v3.0.0 recommendation, or empty."),
					"security_hub": str("The AWS Security Hub control, or empty."),
					"status":       str("`pass`, `fail`, or `unknown` when the API denied the call or the report was unavailable."),
					"detail":       str("One sentence on what was found."),
					"offenders": schema.ListAttribute{
						ElementType: types.StringType,
						Computed:    true,
						MarkdownDescription: "The IAM user names that fail the check (`root` for the root user); never " +
							"access key IDs or other secrets.",
					},
				}},
			},
			"failed": schema.ListAttribute{
				ElementType:         types.StringType,
				Computed:            true,
				MarkdownDescription: "The control IDs of the failed checks.",
			},
			"compliant": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "`true` only when every check passed (an `unknown` check is not compliant).",
			},
		},
	}
}

func (d *AccountPostureDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client, d.clock = dataSourceClient(req, resp)
}

func (d *AccountPostureDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m accountPostureModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || !requireClient(d.client, &resp.Diagnostics) {
		return
	}
	account, err := d.client.AccountID(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot determine the AWS account", err.Error())
		return
	}
	in := postureInput{
		now:       d.clock.Now(),
		maxKeyAge: int(orDefault(m.MaxKeyAgeDays, controls.AccessKeysRotated.Threshold.Value)),
		maxUnused: int(orDefault(m.MaxUnusedDays, controls.UnusedCredentialsDisabled.Threshold.Value)),
	}
	d.readSummary(ctx, &in)
	d.readMFA(ctx, &in)
	d.readReport(ctx, &in)
	d.readPasswordPolicy(ctx, &in)

	checks := evaluatePosture(in)
	objs := make([]postureCheckModel, 0, len(checks))
	failed := []string{}
	compliant := true
	for _, c := range checks {
		offenders, diags := types.ListValueFrom(ctx, types.StringType, append([]string{}, c.offenders...))
		resp.Diagnostics.Append(diags...)
		objs = append(objs, postureCheckModel{
			ID: types.StringValue(c.control.ID), Title: types.StringValue(c.control.Title),
			CIS: types.StringValue(c.control.Ref(controls.CISv300)), SecurityHub: types.StringValue(c.control.Ref(controls.SecurityHub)),
			Status: types.StringValue(c.status), Detail: types.StringValue(c.detail), Offenders: offenders,
		})
		if c.status == postureFail {
			failed = append(failed, c.control.ID)
		}
		compliant = compliant && c.status == posturePass
	}
	list, diags := types.ListValueFrom(ctx, postureCheckType, objs)
	resp.Diagnostics.Append(diags...)
	failedList, diags := types.ListValueFrom(ctx, types.StringType, failed)
	resp.Diagnostics.Append(diags...)
	m.ID = types.StringValue(account)
	m.Checks, m.Failed, m.Compliant = list, failedList, types.BoolValue(compliant)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (d *AccountPostureDataSource) readSummary(ctx context.Context, in *postureInput) {
	out, err := d.client.IAM().GetAccountSummary(ctx, &iam.GetAccountSummaryInput{})
	if err != nil {
		in.summaryErr = apiReason(err)
		return
	}
	in.summary = out.SummaryMap
	if in.summary == nil {
		in.summary = map[string]int32{}
	}
}

// readMFA finds whether the root user's MFA device is a virtual one: a
// hardware device never appears in ListVirtualMFADevices.
func (d *AccountPostureDataSource) readMFA(ctx context.Context, in *postureInput) {
	virtual := false
	p := iam.NewListVirtualMFADevicesPaginator(d.client.IAM(), &iam.ListVirtualMFADevicesInput{
		AssignmentStatus: iamtypes.AssignmentStatusTypeAssigned,
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			in.mfaErr = apiReason(err)
			return
		}
		for _, dev := range page.VirtualMFADevices {
			if isRootMFADevice(dev) {
				virtual = true
			}
		}
	}
	in.rootVirtual = &virtual
}

func isRootMFADevice(dev iamtypes.VirtualMFADevice) bool {
	if dev.User != nil && strings.HasSuffix(aws.ToString(dev.User.Arn), ":root") {
		return true
	}
	return strings.HasSuffix(aws.ToString(dev.SerialNumber), ":mfa/root-account-mfa-device")
}

// readReport asks IAM for a fresh credential report, waits for it on the
// provider's clock, and parses it.
func (d *AccountPostureDataSource) readReport(ctx context.Context, in *postureInput) {
	deadline := d.clock.Now().Add(credentialReportWait)
	for wait := time.Second; ; wait = min(2*wait, 10*time.Second) {
		out, err := d.client.IAM().GenerateCredentialReport(ctx, &iam.GenerateCredentialReportInput{})
		if err != nil {
			in.reportErr = "iam:GenerateCredentialReport failed: " + apiReason(err)
			return
		}
		if out.State == iamtypes.ReportStateTypeComplete {
			break
		}
		if d.clock.Now().After(deadline) {
			in.reportErr = fmt.Sprintf("IAM did not finish the credential report within %s.", credentialReportWait)
			return
		}
		if err := d.clock.Sleep(ctx, wait); err != nil {
			in.reportErr = err.Error()
			return
		}
	}
	out, err := d.client.IAM().GetCredentialReport(ctx, &iam.GetCredentialReportInput{})
	if err != nil {
		in.reportErr = "iam:GetCredentialReport failed: " + apiReason(err)
		return
	}
	rows, err := parseCredentialReport(out.Content)
	if err != nil {
		in.reportErr = err.Error()
		return
	}
	in.report = rows
}

func (d *AccountPostureDataSource) readPasswordPolicy(ctx context.Context, in *postureInput) {
	out, err := d.client.IAM().GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
	var notFound *iamtypes.NoSuchEntityException
	switch {
	case errors.As(err, &notFound):
		in.policyAbsent = true
		return
	case err != nil:
		in.policyErr = apiReason(err)
		return
	}
	p := out.PasswordPolicy
	in.policy = &passwordPolicy{
		minLength: int(aws.ToInt32(p.MinimumPasswordLength)), reuse: int(aws.ToInt32(p.PasswordReusePrevention)),
		maxAge: int(aws.ToInt32(p.MaxPasswordAge)), upper: p.RequireUppercaseCharacters, lower: p.RequireLowercaseCharacters,
		numbers: p.RequireNumbers, symbols: p.RequireSymbols, expiring: p.ExpirePasswords,
	}
}

// apiReason is an AWS error's code and message, without the request details.
func apiReason(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode() + ": " + apiErr.ErrorMessage()
	}
	return err.Error()
}

func orDefault(v types.Int64, def int) int64 {
	if v.IsNull() || v.IsUnknown() {
		return int64(def)
	}
	return v.ValueInt64()
}
