package provider

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

var (
	_ resource.Resource                   = &S3BucketResource{}
	_ resource.ResourceWithConfigure      = &S3BucketResource{}
	_ resource.ResourceWithImportState    = &S3BucketResource{}
	_ resource.ResourceWithValidateConfig = &S3BucketResource{}
	_ resource.ResourceWithModifyPlan     = &S3BucketResource{}
)

const s3BucketType = "hardened_s3_bucket"

// NewS3BucketResource is the factory registered with the provider.
func NewS3BucketResource() resource.Resource { return &S3BucketResource{} }

// S3BucketResource manages a private data bucket hardened by the same code as
// hardened_cloudtrail's log buckets (s3_bucket_hardening.go).
type S3BucketResource struct {
	client *awsclient.Client
}

// s3BucketModel maps the resource schema.
type s3BucketModel struct {
	ID                           types.String `tfsdk:"id"`
	Bucket                       types.String `tfsdk:"bucket"`
	ARN                          types.String `tfsdk:"arn"`
	SSE                          types.String `tfsdk:"sse"`
	KMSKeyARN                    types.String `tfsdk:"kms_key_arn"`
	AccessLogTarget              types.String `tfsdk:"access_log_target"`
	AccessLogBucket              types.Bool   `tfsdk:"access_log_bucket"`
	AccessLogBucketName          types.String `tfsdk:"access_log_bucket_name"`
	AccessLogPrefix              types.String `tfsdk:"access_log_prefix"`
	NoncurrentVersionDays        types.Int64  `tfsdk:"noncurrent_version_days"`
	AbortIncompleteMultipartDays types.Int64  `tfsdk:"abort_incomplete_multipart_days"`
	ObjectLock                   types.Bool   `tfsdk:"object_lock"`
	PolicyStatements             types.String `tfsdk:"policy_statements"`
	Tags                         types.Map    `tfsdk:"tags"`
	ForceDestroy                 types.Bool   `tfsdk:"force_destroy"`
	PublicAccessBlocked          types.Bool   `tfsdk:"public_access_blocked"`
	ACLsDisabled                 types.Bool   `tfsdk:"acls_disabled"`
	VersioningEnabled            types.Bool   `tfsdk:"versioning_enabled"`
	EncryptionCompliant          types.Bool   `tfsdk:"encryption_compliant"`
	PolicyCompliant              types.Bool   `tfsdk:"policy_compliant"`
	LifecycleCompliant           types.Bool   `tfsdk:"lifecycle_compliant"`
	AccessLoggingEnabled         types.Bool   `tfsdk:"access_logging_enabled"`
}

func (m *s3BucketModel) healthFlags() []*types.Bool {
	return []*types.Bool{&m.PublicAccessBlocked, &m.ACLsDisabled, &m.VersioningEnabled, &m.EncryptionCompliant,
		&m.PolicyCompliant, &m.LifecycleCompliant}
}

func (r *S3BucketResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_s3_bucket"
}

func (r *S3BucketResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req, resp)
}

func (r *S3BucketResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan s3BucketModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	bucket := plan.Bucket.ValueString()
	s := r.client.S3()
	exists, _, err := bucketTagged(ctx, s, bucket, "")
	if err != nil {
		addAPIError(&resp.Diagnostics, "s3:HeadBucket", "bucket "+bucket, err, "")
		return
	}
	if exists {
		resp.Diagnostics.AddError("Bucket already exists",
			fmt.Sprintf("Bucket %s already exists in this account. Import it to harden it in place: "+
				"terraform import hardened_s3_bucket.NAME %s", bucket, bucket))
		return
	}
	if !r.createBucket(ctx, bucket, plan.ObjectLock.ValueBool(), &resp.Diagnostics) {
		return
	}
	// Record the bucket at once, nothing claimed: if a later step fails, the next
	// apply hardens this bucket.
	partial := plan
	partial.ID, partial.ARN = types.StringValue(bucket), types.StringValue(r.bucketARN(bucket))
	for _, f := range partial.healthFlags() {
		*f = types.BoolValue(false)
	}
	if !partial.AccessLoggingEnabled.IsNull() {
		partial.AccessLoggingEnabled = types.BoolValue(false)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &partial)...)
	if resp.Diagnostics.HasError() || !r.converge(ctx, &plan, nil, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// createBucket creates a private bucket; a retry of a create whose answer was
// lost finds the bucket already its own, which is this create's.
func (r *S3BucketResource) createBucket(ctx context.Context, bucket string, objectLock bool, diags *diag.Diagnostics) bool {
	err := createPrivateBucketWith(ctx, r.client.S3(), bucket, r.client.Region(), objectLock)
	if err == nil || hasErrorCode(err, "BucketAlreadyOwnedByYou") {
		return true
	}
	hint := ""
	if hasErrorCode(err, "BucketAlreadyExists") {
		hint = "S3 bucket names are global and another account owns this one: choose another name."
	}
	addAPIError(diags, "s3:CreateBucket", "bucket "+bucket, err, hint)
	return false
}

func (r *S3BucketResource) bucketARN(bucket string) string {
	return fmt.Sprintf("arn:%s:s3:::%s", r.client.Partition(), bucket)
}

func (r *S3BucketResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state s3BucketModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	found := r.observe(ctx, &state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if !found {
		resp.Diagnostics.AddWarning("S3 bucket was deleted outside Terraform",
			fmt.Sprintf("Bucket %s no longer exists; the next apply creates it again, hardened. Its objects are gone "+
				"[%s].", state.ID.ValueString(), controls.S3Versioning.ID))
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *S3BucketResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state s3BucketModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	if !r.converge(ctx, &plan, &state, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *S3BucketResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state s3BucketModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	bucket := state.ID.ValueString()
	force := state.ForceDestroy.ValueBool()
	if !r.deleteBucket(ctx, bucket, force, &resp.Diagnostics) || !state.AccessLogBucket.ValueBool() {
		return
	}
	// The access-log bucket goes with the bucket if this resource made it, and,
	// holding the record of who accessed the data, only when empty or with force.
	logs := bucket + accessLogBucketSuffix
	exists, managed, err := bucketTagged(ctx, r.client.S3(), logs, managedBy(s3BucketType, bucket))
	if err != nil {
		addAPIError(&resp.Diagnostics, "s3:HeadBucket", "bucket "+logs, err, "")
		return
	}
	if !exists || !managed {
		return
	}
	empty, err := bucketIsEmpty(ctx, r.client.S3(), logs)
	if err != nil {
		addAPIError(&resp.Diagnostics, "s3:ListObjectVersions", "bucket "+logs, err, "")
		return
	}
	if !empty && !force {
		resp.Diagnostics.AddWarning("Access-log bucket kept",
			fmt.Sprintf("Bucket %s was deleted; its access-log bucket %s holds access logs and is kept (force_destroy "+
				"is false). Delete it by hand when the logs are no longer needed.", bucket, logs))
		return
	}
	r.deleteBucket(ctx, logs, true, &resp.Diagnostics)
}

// deleteBucket deletes a bucket: an empty one always, a non-empty one (versions
// and delete markers included) only with force.
func (r *S3BucketResource) deleteBucket(ctx context.Context, bucket string, force bool, diags *diag.Diagnostics) bool {
	s := r.client.S3()
	empty, err := bucketIsEmpty(ctx, s, bucket)
	if isBucketNotFound(err) {
		return true
	}
	if err != nil {
		addAPIError(diags, "s3:ListObjectVersions", "bucket "+bucket, err, "")
		return false
	}
	if !empty && !force {
		diags.AddError("Bucket is not empty",
			fmt.Sprintf("Bucket %s holds objects (or object versions, or delete markers), and force_destroy is false: "+
				"destroy never deletes data unasked. Empty it, or set force_destroy = true, run terraform apply, then "+
				"destroy again.", bucket))
		return false
	}
	if empty {
		if _, err := s.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(bucket)}); err != nil && !isBucketNotFound(err) {
			addAPIError(diags, "s3:DeleteBucket", "bucket "+bucket, err, "")
			return false
		}
		return true
	}
	return emptyAndDeleteBucket(ctx, s, bucket, diags)
}

// ImportState takes the bucket name; Read reports through the status attributes
// what the bucket lacks, and the plan shows apply hardening it.
func (r *S3BucketResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !s3BucketName.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("%q is not a bucket name. Import with the bucket's name: terraform import hardened_s3_bucket.NAME my-bucket", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("bucket"), req.ID)...)
}

// s3TagSet reads a bucket's tags (none: empty).
func s3TagSet(ctx context.Context, s *s3.Client, bucket string) ([]s3types.Tag, error) {
	out, err := s.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String(bucket)})
	if hasErrorCode(err, errNoBucketTags, errNoBucketTagsVariant) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return out.TagSet, nil
}
