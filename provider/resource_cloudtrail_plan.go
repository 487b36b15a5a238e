package provider

// hardened_cloudtrail's plan: which parts of the storage the resource manages and
// which it only references, decided before apply, so that the plan shows exactly
// what apply will do (an imported trail included) and never claims a control on
// storage the resource does not check.

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// The values of storage_management.
const (
	storageManaged         = "managed"
	storageHardenedInPlace = "hardened_in_place"
	storageReferenced      = "referenced"
)

// ctManagement is what the resource does with each part of the storage: one of
// the storage_management values, or "" while unknown (a value known only at apply).
type ctManagement struct {
	Key, Bucket, Logs string
}

func managedIf(managed bool) string {
	if managed {
		return storageManaged
	}
	return storageReferenced
}

func (b bucketMode) management() string {
	switch b {
	case bucketCreated:
		return storageManaged
	case bucketAdopted:
		return storageHardenedInPlace
	}
	return storageReferenced
}

// management is what apply did.
func (s ctStorage) management() ctManagement {
	return ctManagement{Key: managedIf(s.Key.Managed), Bucket: s.Buckets.Mode.management(), Logs: managedIf(s.Logs.Managed)}
}

// set writes storage_management and, for each part, its status flags: true where
// apply converges them, null where the part is only referenced, unknown while
// that is unknown.
func (mg ctManagement) set(m *cloudTrailModel) {
	elems := map[string]attr.Value{}
	for key, v := range map[string]string{"kms_key": mg.Key, "s3_bucket": mg.Bucket, "cloud_watch_logs": mg.Logs} {
		elems[key] = types.StringValue(v)
		if v == "" {
			elems[key] = types.StringUnknown()
		}
	}
	m.StorageManagement = types.MapValueMust(types.StringType, elems)
	for v, flags := range map[*string][]*types.Bool{&mg.Key: m.keyFlags(), &mg.Bucket: m.bucketFlags(), &mg.Logs: m.logsFlags()} {
		for _, f := range flags {
			switch *v {
			case "":
				*f = types.BoolUnknown()
			case storageReferenced:
				*f = types.BoolNull()
			default:
				*f = types.BoolValue(true)
			}
		}
	}
}

// ModifyPlan decides, from the configuration and the prior state, which parts of
// the storage apply will manage; values apply will create are unknown, values it
// will derive are planned; a bucket only referenced is checked and what it lacks
// is named in a warning.
func (r *CloudTrailResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan, config cloudTrailModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var n *ctNames
	if r.client != nil && !plan.Name.IsUnknown() {
		names, ok := r.names(ctx, plan.Name.ValueString(), &resp.Diagnostics)
		if !ok {
			return
		}
		n = &names
	}
	var prior *cloudTrailModel
	if !req.State.Raw.IsNull() {
		prior = &cloudTrailModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, prior)...)
	}
	mg := r.plannedManagement(ctx, n, &plan, &config, prior)
	mg.set(&plan)

	// Key: a key apply creates has no ARN yet.
	if mg.Key == storageManaged && plan.KMSKeyARN.IsNull() {
		plan.KMSKeyARN = types.StringUnknown()
	}
	// CloudWatch Logs: the managed group and role have derived ARNs.
	if mg.Logs == storageManaged && config.CloudWatchLogsGroupARN.IsNull() {
		plan.CloudWatchLogsGroupARN, plan.CloudWatchLogsRoleARN = types.StringUnknown(), types.StringUnknown()
		if n != nil {
			plan.CloudWatchLogsGroupARN, plan.CloudWatchLogsRoleARN = types.StringValue(n.logGroupTrailARN), types.StringValue(n.roleARN)
		}
	}
	// Buckets: the managed access-log bucket, or none for a bucket only referenced.
	switch {
	case mg.Bucket == storageReferenced:
		plan.AccessLogBucketName = types.StringNull()
	case mg.Bucket == "" || n == nil:
		plan.AccessLogBucketName = types.StringUnknown()
	default:
		plan.AccessLogBucketName = types.StringValue(n.accessBucket)
	}
	if mg.Bucket == storageManaged && plan.S3BucketName.IsNull() {
		plan.S3BucketName = types.StringUnknown()
	}
	if key, ok := knownString(plan.KMSKeyARN); ok && mg.Key == storageReferenced && n != nil {
		r.requireCustomerKey(ctx, key, &resp.Diagnostics)
	}
	if bucket, ok := knownString(plan.S3BucketName); ok && mg.Bucket == storageReferenced && n != nil {
		r.warnReferencedBucket(ctx, *n, bucket, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// plannedManagement decides each part from the planned values (the configuration's,
// or the prior state's where the configuration leaves them unset). For the key the
// state kept, the decision Read just made is reused (no AWS call per plan).
func (r *CloudTrailResource) plannedManagement(ctx context.Context, n *ctNames, plan, config, prior *cloudTrailModel) ctManagement {
	var mg ctManagement
	switch key, known := knownString(plan.KMSKeyARN); {
	case plan.KMSKeyARN.IsUnknown() && !config.KMSKeyARN.IsNull():
		// Named by a value known only at apply.
	case !known:
		mg.Key = storageManaged
	case prior != nil && prior.KMSKeyARN.Equal(plan.KMSKeyARN) && priorManagement(prior, "kms_key") != "":
		mg.Key = priorManagement(prior, "kms_key")
	case n != nil:
		mg.Key = managedIf(r.keyManaged(ctx, *n, key))
	}
	switch group, known := knownString(plan.CloudWatchLogsGroupARN); {
	case plan.CloudWatchLogsGroupARN.IsUnknown() && !config.CloudWatchLogsGroupARN.IsNull():
	case !known:
		mg.Logs = storageManaged
	case n != nil:
		mg.Logs = managedIf(n.logDeliveryOf(group).Managed)
	}
	switch bucket, known := knownString(plan.S3BucketName); {
	case plan.ManageS3Bucket.IsUnknown(), plan.S3BucketName.IsUnknown() && !config.S3BucketName.IsNull():
	case !known:
		mg.Bucket = storageManaged
	case n != nil:
		mg.Bucket = n.bucketModeOf(bucket, plan.ManageS3Bucket.ValueBool()).management()
	}
	return mg
}

// priorManagement is the storage_management value Read recorded for part, or "".
func priorManagement(prior *cloudTrailModel, part string) string {
	v, ok := prior.StorageManagement.Elements()[part].(types.String)
	if !ok || v.IsNull() || v.IsUnknown() {
		return ""
	}
	return v.ValueString()
}

// warnReferencedBucket names what a bucket the trail delivers to, but the resource
// does not manage, lacks, as read through the S3 API.
func (r *CloudTrailResource) warnReferencedBucket(ctx context.Context, n ctNames, bucket string, diags *diag.Diagnostics) {
	missing := inspectReferencedBucket(ctx, r.client.S3(), n.partition, bucket)
	if len(missing) == 0 {
		return
	}
	diags.AddAttributeWarning(path.Root("s3_bucket_name"), "Log bucket not hardened by hardened_cloudtrail",
		fmt.Sprintf("Trail %q delivers to bucket %s, which this resource only references: it does not change or "+
			"check it, so its bucket_* status attributes are null. Read through the S3 API, the bucket lacks: %s "+
			"[%s, %s, %s]. Set manage_s3_bucket = true to have this resource harden it in place (its objects and "+
			"lifecycle are kept), or harden it where it is managed.", n.trail, bucket, strings.Join(missing, "; "),
			controls.CloudTrailBucketNotPublic.ID, controls.CloudTrailBucketTLSOnly.ID, controls.CloudTrailBucketAccessLogging.ID))
}

// requireCustomerKey refuses a key brought with kms_key_arn that AWS manages (the
// aws/* keys): their policy cannot be changed, so CloudTrail cannot use them, and
// the control asks for a key the account controls. A key that cannot be described
// (another account's, no permission) is left to CloudTrail to accept or refuse.
func (r *CloudTrailResource) requireCustomerKey(ctx context.Context, keyARN string, diags *diag.Diagnostics) {
	out, err := r.client.KMS().DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(keyARN)})
	if err != nil {
		return
	}
	if problem := keyManagerProblem(out.KeyMetadata); problem != "" {
		diags.AddAttributeError(path.Root("kms_key_arn"), "Insecure kms_key_arn",
			fmt.Sprintf("kms_key_arn %s %s (%s). Pass a customer-managed key, or leave kms_key_arn unset to have "+
				"this resource create one with rotation. [%s]", keyARN, problem,
				controls.CloudTrailKMSEncryption.Cite(), controls.CloudTrailKMSEncryption.ID))
	}
}

// keyManagerProblem says why a key cannot encrypt CloudTrail logs under the
// control, or "". (The emulator reports its aws/* keys as customer managed: this
// is unit tested.)
func keyManagerProblem(m *kmstypes.KeyMetadata) string {
	if m != nil && m.KeyManager == kmstypes.KeyManagerTypeAws {
		return "is an AWS managed key, not a customer-managed one"
	}
	return ""
}

// replaceIfChangedFromKnown replaces the trail when a configured destination
// changes from one value to another. Setting one where the prior state had none
// (an imported trail without a key, say) is done in place.
func replaceIfChangedFromKnown() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !req.ConfigValue.IsNull() && !req.StateValue.IsNull() && !req.PlanValue.Equal(req.StateValue)
	}, "Changing the value replaces the trail; setting it where there was none does not.",
		"Changing the value replaces the trail; setting it where there was none does not.")
}
