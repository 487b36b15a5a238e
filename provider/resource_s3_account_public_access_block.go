package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	s3ctypes "github.com/aws/aws-sdk-go-v2/service/s3control/types"
	"github.com/aws/smithy-go"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

var (
	_ resource.Resource                = &S3AccountPublicAccessBlockResource{}
	_ resource.ResourceWithConfigure   = &S3AccountPublicAccessBlockResource{}
	_ resource.ResourceWithImportState = &S3AccountPublicAccessBlockResource{}
)

const s3AccountBlockWhat = "The S3 account public access block"

// NewS3AccountPublicAccessBlockResource is the factory registered with the provider.
func NewS3AccountPublicAccessBlockResource() resource.Resource {
	return &S3AccountPublicAccessBlockResource{}
}

// S3AccountPublicAccessBlockResource keeps all four account-level S3 Block Public Access settings on.
type S3AccountPublicAccessBlockResource struct {
	client *awsclient.Client
}

type s3AccountPublicAccessBlockModel struct {
	ID                    types.String `tfsdk:"id"`
	BlockPublicAcls       types.Bool   `tfsdk:"block_public_acls"`
	BlockPublicPolicy     types.Bool   `tfsdk:"block_public_policy"`
	IgnorePublicAcls      types.Bool   `tfsdk:"ignore_public_acls"`
	RestrictPublicBuckets types.Bool   `tfsdk:"restrict_public_buckets"`
	RetainOnDestroy       types.Bool   `tfsdk:"retain_on_destroy"`
}

func (r *S3AccountPublicAccessBlockResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_s3_account_public_access_block"
}

func (r *S3AccountPublicAccessBlockResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	c := controls.AccountPublicAccessBlock
	alwaysOn := func(what string) schema.BoolAttribute {
		return schema.BoolAttribute{
			Optional:   true,
			Computed:   true,
			Default:    booldefault.StaticBool(true),
			Validators: []validator.Bool{mustBeTrue{control: c}},
			MarkdownDescription: fmt.Sprintf("Always `true`: %s (%s). Setting it to `false` fails at plan; "+
				"an out-of-band change shows as drift and is repaired.", what, c.Cite()),
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The account-wide S3 Block Public Access settings, all four on. They cover every bucket " +
			"of the account, including buckets created later outside Terraform, so no ACL or bucket policy can make " +
			"data public. None of the settings can be set to `false`; turning one off by hand shows as drift and the " +
			"next apply turns it on again, and a deleted block is created again. Destroy keeps the block unless " +
			"`retain_on_destroy = false`. S3 Block Public Access is account-wide (not regional): one resource per " +
			"account.\n\nControls enforced:\n\n" + controlsTable(c),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The AWS account ID.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"block_public_acls":       alwaysOn("new public ACLs on buckets and objects are rejected"),
			"block_public_policy":     alwaysOn("bucket policies that grant public access are rejected"),
			"ignore_public_acls":      alwaysOn("existing public ACLs are ignored"),
			"restrict_public_buckets": alwaysOn("buckets with public policies are reachable only by AWS services and the account"),
			"retain_on_destroy": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
				MarkdownDescription: "Keep the block in place when the resource is destroyed (the default), with a " +
					"warning, because deleting it lets any bucket be made public again. Set to `false` to delete it.",
			},
		},
	}
}

func (r *S3AccountPublicAccessBlockResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req, resp)
}

func (r *S3AccountPublicAccessBlockResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan s3AccountPublicAccessBlockModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	account, err := r.client.AccountID(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Cannot determine the AWS account", err.Error())
		return
	}
	if !r.put(ctx, account, &resp.Diagnostics) {
		return
	}
	plan.ID = types.StringValue(account)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *S3AccountPublicAccessBlockResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state s3AccountPublicAccessBlockModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) ||
		!sameAccount(ctx, r.client, state.ID.ValueString(), s3AccountBlockWhat, &resp.Diagnostics) {
		return
	}
	out, err := r.client.S3Control().GetPublicAccessBlock(ctx, &s3control.GetPublicAccessBlockInput{
		AccountId: aws.String(state.ID.ValueString()),
	})
	if isNoPublicAccessBlock(err) {
		resp.Diagnostics.AddWarning("S3 account public access block was deleted outside Terraform",
			fmt.Sprintf("Account %s has no account-level S3 Block Public Access, so any bucket can be made public. "+
				"The next apply turns it on again [%s].", state.ID.ValueString(), controls.AccountPublicAccessBlock.ID))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "s3:GetAccountPublicAccessBlock", "account "+state.ID.ValueString(), err, "")
		return
	}
	c := out.PublicAccessBlockConfiguration
	if c == nil {
		c = &s3ctypes.PublicAccessBlockConfiguration{}
	}
	state.BlockPublicAcls = types.BoolValue(aws.ToBool(c.BlockPublicAcls))
	state.BlockPublicPolicy = types.BoolValue(aws.ToBool(c.BlockPublicPolicy))
	state.IgnorePublicAcls = types.BoolValue(aws.ToBool(c.IgnorePublicAcls))
	state.RestrictPublicBuckets = types.BoolValue(aws.ToBool(c.RestrictPublicBuckets))
	if state.RetainOnDestroy.IsNull() { // after import
		state.RetainOnDestroy = types.BoolValue(true)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *S3AccountPublicAccessBlockResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state s3AccountPublicAccessBlockModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) ||
		!sameAccount(ctx, r.client, state.ID.ValueString(), s3AccountBlockWhat, &resp.Diagnostics) {
		return
	}
	if !r.put(ctx, state.ID.ValueString(), &resp.Diagnostics) {
		return
	}
	plan.ID = state.ID
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *S3AccountPublicAccessBlockResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state s3AccountPublicAccessBlockModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if state.RetainOnDestroy.IsNull() || state.RetainOnDestroy.ValueBool() {
		resp.Diagnostics.AddWarning("S3 account public access block retained",
			fmt.Sprintf("The account-level S3 Block Public Access of account %s was removed from Terraform state but "+
				"left on, because deleting it lets any bucket be made public again. To delete it, set "+
				"retain_on_destroy = false and apply before destroying.", state.ID.ValueString()))
		return
	}
	if !requireClient(r.client, &resp.Diagnostics) ||
		!sameAccount(ctx, r.client, state.ID.ValueString(), s3AccountBlockWhat, &resp.Diagnostics) {
		return
	}
	_, err := r.client.S3Control().DeletePublicAccessBlock(ctx, &s3control.DeletePublicAccessBlockInput{
		AccountId: aws.String(state.ID.ValueString()),
	})
	if err != nil && !isNoPublicAccessBlock(err) {
		addAPIError(&resp.Diagnostics, "s3:DeleteAccountPublicAccessBlock", "account "+state.ID.ValueString(), err, "")
	}
}

// ImportState takes the account ID; another account's block is refused.
func (r *S3AccountPublicAccessBlockResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !importAccountID(ctx, r.client, req.ID, "hardened_s3_account_public_access_block",
		"the S3 account public access block", &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("retain_on_destroy"), true)...)
}

// put turns all four settings on: PutPublicAccessBlock replaces the whole configuration.
func (r *S3AccountPublicAccessBlockResource) put(ctx context.Context, account string, diags *diag.Diagnostics) bool {
	_, err := r.client.S3Control().PutPublicAccessBlock(ctx, &s3control.PutPublicAccessBlockInput{
		AccountId: aws.String(account),
		PublicAccessBlockConfiguration: &s3ctypes.PublicAccessBlockConfiguration{
			BlockPublicAcls:       aws.Bool(true),
			BlockPublicPolicy:     aws.Bool(true),
			IgnorePublicAcls:      aws.Bool(true),
			RestrictPublicBuckets: aws.Bool(true),
		},
	})
	if err != nil {
		addAPIError(diags, "s3:PutAccountPublicAccessBlock", "account "+account, err,
			"Check the s3control endpoint if one is configured (endpoints { s3control = ... }).")
		return false
	}
	return true
}

func isNoPublicAccessBlock(err error) bool {
	var apiErr smithy.APIError
	return errors.As(err, &apiErr) && apiErr.ErrorCode() == "NoSuchPublicAccessBlockConfiguration"
}
