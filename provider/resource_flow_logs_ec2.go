package provider

// hardened_flow_logs' EC2 side: the VPCs checked, their flow logs read, created
// and deleted.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// flowLogRead is one flow log as read (or, in a plan, as wanted).
type flowLogRead struct {
	ID, TrafficType string
	// Destination is the ARN it delivers to: the log group's (without ":*") or the bucket's.
	Destination string
	// DestinationType is cloud-watch-logs or s3; Tagged: it carries the resource's managed-by tag.
	DestinationType string
	Tagged          bool
}

// vpcFlowLogs are a VPC's flow logs into one destination.
type vpcFlowLogs []flowLogRead

// best is what the VPC reports: its flow log recording ALL, else any, else none.
func (fls vpcFlowLogs) best() flowLogRead {
	for _, fl := range fls {
		if fl.TrafficType == flowLogsTrafficAll {
			return fl
		}
	}
	if len(fls) > 0 {
		return fls[0]
	}
	return flowLogRead{}
}

// flowLogDestination is the ARN a flow log delivers to. AWS reports a log group
// flow log's LogDestination; the emulator only its LogGroupName.
func flowLogDestination(n flowLogsNames, fl ec2types.FlowLog) string {
	if d := aws.ToString(fl.LogDestination); d != "" {
		return strings.TrimSuffix(strings.TrimSuffix(d, ":*"), "/")
	}
	if g := aws.ToString(fl.LogGroupName); g != "" {
		return logGroupARN(n.partition, n.region, n.account, g)
	}
	return ""
}

func hasTag(tags []ec2types.Tag, key, value string) bool {
	for _, t := range tags {
		if aws.ToString(t.Key) == key && aws.ToString(t.Value) == value {
			return true
		}
	}
	return false
}

// describeFlowLogs returns every flow log matching filters, by resource ID.
func (r *FlowLogsResource) describeFlowLogs(ctx context.Context, n flowLogsNames, filters []ec2types.Filter) (map[string]vpcFlowLogs, error) {
	out := map[string]vpcFlowLogs{}
	pages := ec2.NewDescribeFlowLogsPaginator(r.client.EC2(), &ec2.DescribeFlowLogsInput{Filter: filters})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, fl := range page.FlowLogs {
			id := aws.ToString(fl.ResourceId)
			out[id] = append(out[id], flowLogRead{ID: aws.ToString(fl.FlowLogId), TrafficType: string(fl.TrafficType),
				Destination: flowLogDestination(n, fl), DestinationType: string(fl.LogDestinationType),
				Tagged: hasTag(fl.Tags, managedByTag, n.tagValue)})
		}
	}
	for id := range out {
		sort.Slice(out[id], func(i, j int) bool { return out[id][i].ID < out[id][j].ID })
	}
	return out, nil
}

// readFlowLogs returns each VPC's flow logs into dest.
func (r *FlowLogsResource) readFlowLogs(ctx context.Context, n flowLogsNames, vpcs []string, dest string) (map[string]vpcFlowLogs, error) {
	if len(vpcs) == 0 {
		return map[string]vpcFlowLogs{}, nil
	}
	all, err := r.describeFlowLogs(ctx, n, []ec2types.Filter{{Name: aws.String("resource-id"), Values: vpcs}})
	if err != nil {
		return nil, err
	}
	out := map[string]vpcFlowLogs{}
	for vpc, fls := range all {
		for _, fl := range fls {
			if fl.Destination == dest {
				out[vpc] = append(out[vpc], fl)
			}
		}
	}
	return out, nil
}

// missingVPCs returns the IDs of vpcs that do not exist in the provider's region, sorted.
func (r *FlowLogsResource) missingVPCs(ctx context.Context, vpcs []string) ([]string, error) {
	if len(vpcs) == 0 {
		return nil, nil
	}
	found := map[string]bool{}
	pages := ec2.NewDescribeVpcsPaginator(r.client.EC2(), &ec2.DescribeVpcsInput{
		Filters: []ec2types.Filter{{Name: aws.String("vpc-id"), Values: vpcs}}})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, v := range page.Vpcs {
			found[aws.ToString(v.VpcId)] = true
		}
	}
	var missing []string
	for _, v := range vpcs {
		if !found[v] {
			missing = append(missing, v)
		}
	}
	sort.Strings(missing)
	return missing, nil
}

func addMissingVPCsError(diags *diag.Diagnostics, missing []string) {
	what := "VPC " + missing[0] + " does not"
	if len(missing) > 1 {
		what = "VPCs " + strings.Join(missing, ", ") + " do not"
	}
	diags.AddAttributeError(path.Root("vpc_ids"), "VPC not found",
		fmt.Sprintf("%s exist in this account and region, so it has no traffic to record [%s]. Remove it from "+
			"vpc_ids, or check the provider's region and account.", what, controls.VPCFlowLogs.ID))
}

// ensureFlowLogs leaves each VPC one flow log recording ALL into dest: flow logs
// into dest recording less are deleted (a repair), missing ones created. It
// returns each VPC's flow log as read back.
func (r *FlowLogsResource) ensureFlowLogs(ctx context.Context, n flowLogsNames, plan *flowLogsModel, vpcs []string,
	dest string, tags map[string]string, diags *diag.Diagnostics) (map[string]flowLogRead, bool) {
	have, err := r.readFlowLogs(ctx, n, vpcs, dest)
	if err != nil {
		addAPIError(diags, "ec2:DescribeFlowLogs", "VPCs "+strings.Join(vpcs, ", "), err, "")
		return nil, false
	}
	var narrowed, create []string
	for _, vpc := range vpcs {
		if have[vpc].best().TrafficType == flowLogsTrafficAll {
			continue
		}
		for _, fl := range have[vpc] {
			narrowed = append(narrowed, fl.ID)
		}
		create = append(create, vpc)
	}
	if len(narrowed) > 0 {
		if _, err := r.client.EC2().DeleteFlowLogs(ctx, &ec2.DeleteFlowLogsInput{FlowLogIds: narrowed}); err != nil {
			addAPIError(diags, "ec2:DeleteFlowLogs", strings.Join(narrowed, ", "), err, "")
			return nil, false
		}
	}
	for start := 0; start < len(create); start += 25 { // CreateFlowLogs takes at most 25 resources
		batch := create[start:min(start+25, len(create))]
		if !r.createFlowLogs(ctx, plan, batch, tags, diags) {
			return nil, false
		}
	}
	if len(create) > 0 {
		if have, err = r.readFlowLogs(ctx, n, vpcs, dest); err != nil {
			addAPIError(diags, "ec2:DescribeFlowLogs", "VPCs "+strings.Join(vpcs, ", "), err, "")
			return nil, false
		}
	}
	out := make(map[string]flowLogRead, len(vpcs))
	for _, vpc := range vpcs {
		out[vpc] = have[vpc].best()
		if out[vpc].TrafficType != flowLogsTrafficAll {
			diags.AddAttributeError(path.Root("vpc_ids"), "Flow log not created",
				fmt.Sprintf("VPC %s has no flow log recording ALL into %s after ec2:CreateFlowLogs; apply again. [%s]",
					vpc, dest, controls.VPCFlowLogs.ID))
			return out, false
		}
	}
	return out, true
}

// createFlowLogs creates the flow logs of up to 25 VPCs. A retried call whose
// first attempt took effect fails with FlowLogAlreadyExists: that is success.
func (r *FlowLogsResource) createFlowLogs(ctx context.Context, plan *flowLogsModel, vpcs []string,
	tags map[string]string, diags *diag.Diagnostics) bool {
	in := &ec2.CreateFlowLogsInput{
		ResourceIds: vpcs, ResourceType: ec2types.FlowLogsResourceTypeVpc, TrafficType: ec2types.TrafficTypeAll,
		ClientToken: aws.String(clientToken()),
		TagSpecifications: []ec2types.TagSpecification{{ResourceType: ec2types.ResourceTypeVpcFlowLog,
			Tags: ec2Tags(tags)}},
	}
	if plan.Destination.ValueString() == destinationS3 {
		in.LogDestinationType = ec2types.LogDestinationTypeS3
		in.LogDestination = aws.String(bucketARN(r.client.Partition(), plan.S3BucketName.ValueString()))
	} else {
		ref, _ := parseLogGroupARN(plan.LogGroupARN.ValueString())
		in.LogDestinationType = ec2types.LogDestinationTypeCloudWatchLogs
		in.LogGroupName = aws.String(ref.Name)
		in.DeliverLogsPermissionArn = aws.String(plan.RoleARN.ValueString())
	}
	out, err := r.client.EC2().CreateFlowLogs(ctx, in)
	if err != nil {
		if hasErrorCode(err, errFlowLogAlreadyExists) {
			return true
		}
		addAPIError(diags, "ec2:CreateFlowLogs", "VPCs "+strings.Join(vpcs, ", "), err, "")
		return false
	}
	for _, u := range out.Unsuccessful {
		if u.Error != nil && strings.Contains(aws.ToString(u.Error.Code)+aws.ToString(u.Error.Message), errFlowLogAlreadyExists) {
			continue
		}
		code, msg := "", ""
		if u.Error != nil {
			code, msg = aws.ToString(u.Error.Code), aws.ToString(u.Error.Message)
		}
		diags.AddAttributeError(path.Root("vpc_ids"), "Flow log not created",
			fmt.Sprintf("ec2:CreateFlowLogs for VPC %s failed: %s %s. Check that the VPC exists and that the "+
				"destination accepts delivery, then apply again. [%s]", aws.ToString(u.ResourceId), code, msg,
				controls.VPCFlowLogs.ID))
	}
	return !diags.HasError()
}

// deleteFlowLogs deletes the resource's own flow logs (by its tag) of vpcs.
func (r *FlowLogsResource) deleteFlowLogs(ctx context.Context, n flowLogsNames, vpcs []string, diags *diag.Diagnostics) bool {
	if len(vpcs) == 0 {
		return true
	}
	all, err := r.describeFlowLogs(ctx, n, []ec2types.Filter{{Name: aws.String("resource-id"), Values: vpcs}})
	if err != nil {
		addAPIError(diags, "ec2:DescribeFlowLogs", "VPCs "+strings.Join(vpcs, ", "), err, "")
		return false
	}
	var ids []string
	for _, vpc := range vpcs {
		for _, fl := range all[vpc] {
			if fl.Tagged {
				ids = append(ids, fl.ID)
			}
		}
	}
	if len(ids) == 0 {
		return true
	}
	if _, err := r.client.EC2().DeleteFlowLogs(ctx, &ec2.DeleteFlowLogsInput{FlowLogIds: ids}); err != nil &&
		!hasErrorCode(err, "InvalidFlowLogId.NotFound") {
		addAPIError(diags, "ec2:DeleteFlowLogs", strings.Join(ids, ", "), err, "")
		return false
	}
	return true
}

// retagFlowLogs brings the flow logs' tags from have to want (tags changed in the configuration).
func (r *FlowLogsResource) retagFlowLogs(ctx context.Context, status map[string]flowLogRead, have, want map[string]string,
	diags *diag.Diagnostics) {
	var ids []string
	for _, fl := range status {
		if fl.ID != "" {
			ids = append(ids, fl.ID)
		}
	}
	sort.Strings(ids)
	set, remove := tagDiff(have, want)
	if len(ids) == 0 {
		return
	}
	if len(set) > 0 {
		if _, err := r.client.EC2().CreateTags(ctx, &ec2.CreateTagsInput{Resources: ids, Tags: ec2Tags(set)}); err != nil {
			addAPIError(diags, "ec2:CreateTags", strings.Join(ids, ", "), err, "")
			return
		}
	}
	if len(remove) > 0 {
		var keys []ec2types.Tag
		for _, k := range remove {
			keys = append(keys, ec2types.Tag{Key: aws.String(k)})
		}
		if _, err := r.client.EC2().DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: ids, Tags: keys}); err != nil {
			addAPIError(diags, "ec2:DeleteTags", strings.Join(ids, ", "), err, "")
		}
	}
}

// taggedFlowLogs returns every flow log of the account's region carrying the
// resource's managed-by tag, by VPC (import).
func (r *FlowLogsResource) taggedFlowLogs(ctx context.Context, n flowLogsNames) (map[string]vpcFlowLogs, error) {
	all, err := r.describeFlowLogs(ctx, n, nil)
	if err != nil {
		return nil, err
	}
	out := map[string]vpcFlowLogs{}
	for vpc, fls := range all {
		for _, fl := range fls {
			if fl.Tagged && strings.HasPrefix(vpc, "vpc-") {
				out[vpc] = append(out[vpc], fl)
			}
		}
	}
	return out, nil
}

// clientToken makes CreateFlowLogs idempotent across the SDK's retries of one call.
func clientToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return hex.EncodeToString(b)
}

// flowLogStatusMap is vpc_status from each VPC's flow log; with plannedIDs an
// empty ID is planned unknown (the flow log is yet to be made).
func flowLogStatusMap(ctx context.Context, status map[string]flowLogRead, plannedIDs bool, diags *diag.Diagnostics) types.Map {
	m := make(map[string]flowLogStatus, len(status))
	for vpc, s := range status {
		id := types.StringValue(s.ID)
		if plannedIDs && s.ID == "" {
			id = types.StringUnknown()
		}
		m[vpc] = flowLogStatus{FlowLogID: id, TrafficType: types.StringValue(s.TrafficType),
			LogDestination: types.StringValue(s.Destination)}
	}
	v, d := types.MapValueFrom(ctx, flowLogStatusType, m)
	diags.Append(d...)
	return v
}

func flowLogStatusOf(ctx context.Context, v types.Map, diags *diag.Diagnostics) map[string]flowLogRead {
	out := map[string]flowLogRead{}
	if v.IsNull() || v.IsUnknown() {
		return out
	}
	var m map[string]flowLogStatus
	diags.Append(v.ElementsAs(ctx, &m, false)...)
	for vpc, s := range m {
		out[vpc] = flowLogRead{ID: s.FlowLogID.ValueString(), TrafficType: s.TrafficType.ValueString(),
			Destination: s.LogDestination.ValueString()}
	}
	return out
}
