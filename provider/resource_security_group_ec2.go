package provider

// EC2 helpers shared by hardened_security_group and hardened_default_security_group.

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go/middleware"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/clock"
)

// EC2 error codes the security group resources act on.
const (
	errGroupNotFound      = "InvalidGroup.NotFound"
	errVPCNotFound        = "InvalidVpcID.NotFound"
	errPermissionNotFound = "InvalidPermission.NotFound"
	errDependency         = "DependencyViolation"
	errGroupDuplicate     = "InvalidGroup.Duplicate"
	errNoDefaultVPC       = "VPCIdNotSpecified"
)

// securityGroupWaits paces the waits on EC2's eventual consistency, on the
// provider's clock (tests pass a fake one instead of shortening the waits).
type securityGroupWaits struct {
	clock clock.Clock
	// visible bounds the wait for a new group to be readable.
	visible time.Duration
	// delete bounds the wait for network interfaces to release a group being
	// deleted (ENIs of terminated instances, Lambda, load balancers detach
	// asynchronously).
	delete time.Duration
	// poll is the interval between attempts of both waits.
	poll time.Duration
}

// defaultSecurityGroupWaits are the waits on the wall clock.
func defaultSecurityGroupWaits() securityGroupWaits {
	return securityGroupWaits{clock: clock.Real(), visible: 2 * time.Minute, delete: 3 * time.Minute, poll: 5 * time.Second}
}

// describeGroup returns the security group with the given ID, or nil when it does not exist.
func describeGroup(ctx context.Context, api *ec2.Client, id string) (*ec2types.SecurityGroup, error) {
	out, err := api.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{id}})
	if errorCode(err) == errGroupNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	for i := range out.SecurityGroups {
		if aws.ToString(out.SecurityGroups[i].GroupId) == id {
			return &out.SecurityGroups[i], nil
		}
	}
	return nil, nil
}

// waitForGroup reads a group just created, retrying while EC2 does not show it yet.
func waitForGroup(ctx context.Context, w securityGroupWaits, api *ec2.Client, id string) (*ec2types.SecurityGroup, error) {
	deadline := w.clock.Now().Add(w.visible)
	for {
		g, err := describeGroup(ctx, api, id)
		if err != nil || g != nil {
			return g, err
		}
		if w.clock.Now().After(deadline) {
			return nil, fmt.Errorf("security group %s was created but EC2 still does not return it after %s",
				id, w.visible)
		}
		if err := w.clock.Sleep(ctx, w.poll); err != nil {
			return nil, err
		}
	}
}

// uniqueNames numbers generated names within one provider process.
var uniqueNames atomic.Uint32

// uniqueName returns prefix followed by a UTC timestamp and a counter, like the
// hashicorp/aws provider's generated names ("terraform-20260123140405000000001").
func uniqueName(prefix string) string {
	now := time.Now().UTC()
	return fmt.Sprintf("%s%s%02d%08d", prefix, now.Format("20060102150405"), now.Nanosecond()/1e7, uniqueNames.Add(1))
}

// tagsFromAWS is the tags map for state. Tags AWS reserves (aws:*) are not managed.
// No tags read back as the prior value's form (null or empty) so neither plans a change.
func tagsFromAWS(ctx context.Context, tags []ec2types.Tag, prior types.Map) (types.Map, diag.Diagnostics) {
	m := map[string]string{}
	for _, t := range tags {
		if k := aws.ToString(t.Key); !strings.HasPrefix(k, "aws:") {
			m[k] = aws.ToString(t.Value)
		}
	}
	if len(m) == 0 && !prior.IsUnknown() && (prior.IsNull() || len(prior.Elements()) == 0) {
		return prior, nil
	}
	return types.MapValueFrom(ctx, types.StringType, m)
}

// tagSpecifications tags a group at creation.
func tagSpecifications(tags map[string]string) []ec2types.TagSpecification {
	if len(tags) == 0 {
		return nil
	}
	return []ec2types.TagSpecification{{ResourceType: ec2types.ResourceTypeSecurityGroup, Tags: ec2Tags(tags)}}
}

func ec2Tags(tags map[string]string) []ec2types.Tag {
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]ec2types.Tag, 0, len(keys))
	for _, k := range keys {
		out = append(out, ec2types.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}

// syncTags makes a resource's tags (other than aws:*) exactly want.
func syncTags(ctx context.Context, api *ec2.Client, id string, have []ec2types.Tag, want map[string]string, diags *diag.Diagnostics) bool {
	current := map[string]string{}
	for _, t := range have {
		if k := aws.ToString(t.Key); !strings.HasPrefix(k, "aws:") {
			current[k] = aws.ToString(t.Value)
		}
	}
	var remove []ec2types.Tag
	for k := range current {
		if _, ok := want[k]; !ok {
			remove = append(remove, ec2types.Tag{Key: aws.String(k)})
		}
	}
	add := map[string]string{}
	for k, v := range want {
		if cur, ok := current[k]; !ok || cur != v {
			add[k] = v
		}
	}
	if len(remove) > 0 {
		sort.Slice(remove, func(i, j int) bool { return aws.ToString(remove[i].Key) < aws.ToString(remove[j].Key) })
		if _, err := api.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{id}, Tags: remove}); err != nil {
			addAPIError(diags, "ec2:DeleteTags", id, err, "")
			return false
		}
	}
	if len(add) > 0 {
		if _, err := api.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{id}, Tags: ec2Tags(add)}); err != nil {
			addAPIError(diags, "ec2:CreateTags", id, err, "")
			return false
		}
	}
	return true
}

// sgDeleteAPI is what deleting a security group needs from EC2 (an interface so the
// DependencyViolation handling, which the emulator does not reproduce, is unit tested).
type sgDeleteAPI interface {
	DeleteSecurityGroup(context.Context, *ec2.DeleteSecurityGroupInput, ...func(*ec2.Options)) (*ec2.DeleteSecurityGroupOutput, error)
	DescribeNetworkInterfaces(context.Context, *ec2.DescribeNetworkInterfacesInput, ...func(*ec2.Options)) (*ec2.DescribeNetworkInterfacesOutput, error)
	DescribeSecurityGroups(context.Context, *ec2.DescribeSecurityGroupsInput, ...func(*ec2.Options)) (*ec2.DescribeSecurityGroupsOutput, error)
}

// deleteSecurityGroup deletes a group once no network interface uses it. EC2 refuses
// (DependencyViolation) while an interface or another group's rule refers to it;
// interfaces of just-terminated instances, Lambda functions and load balancers are
// released asynchronously, so both conditions are retried until timeout. The final
// error names the interfaces (with what they are attached to) or the referencing groups.
func deleteSecurityGroup(ctx context.Context, clk clock.Clock, api sgDeleteAPI, id string, timeout, poll time.Duration) error {
	deadline := clk.Now().Add(timeout)
	for {
		enis, err := groupInterfaces(ctx, api, id)
		if err != nil {
			return fmt.Errorf("listing the network interfaces that use security group %s (ec2:DescribeNetworkInterfaces) "+
				"failed: %w", id, err)
		}
		var lastErr error
		if len(enis) == 0 {
			_, err := api.DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: aws.String(id)})
			switch code := errorCode(err); {
			case err == nil, code == errGroupNotFound:
				return nil
			case code != errDependency:
				return fmt.Errorf("ec2:DeleteSecurityGroup for %s failed: %w", id, err)
			}
			lastErr = err
		}
		if !clk.Now().Before(deadline) {
			return stillInUse(ctx, api, id, enis, lastErr, timeout)
		}
		if err := clk.Sleep(ctx, poll); err != nil {
			return fmt.Errorf("deleting security group %s: %w", id, err)
		}
	}
}

func groupInterfaces(ctx context.Context, api sgDeleteAPI, id string) ([]ec2types.NetworkInterface, error) {
	var out []ec2types.NetworkInterface
	in := &ec2.DescribeNetworkInterfacesInput{Filters: []ec2types.Filter{{Name: aws.String("group-id"), Values: []string{id}}}}
	for {
		page, err := api.DescribeNetworkInterfaces(ctx, in)
		if err != nil {
			return nil, err
		}
		out = append(out, page.NetworkInterfaces...)
		if aws.ToString(page.NextToken) == "" {
			return out, nil
		}
		in.NextToken = page.NextToken
	}
}

// stillInUse explains why a group could not be deleted and how to release it.
func stillInUse(ctx context.Context, api sgDeleteAPI, id string, enis []ec2types.NetworkInterface, lastErr error, waited time.Duration) error {
	if len(enis) > 0 {
		names := make([]string, len(enis))
		for i, e := range enis {
			names[i] = describeInterface(e)
		}
		return fmt.Errorf("security group %s is still used by %d network interface(s): %s; waited %s for them to "+
			"be released. Detach or delete these network interfaces, or move them to another security group "+
			"(aws ec2 modify-network-interface-attribute --network-interface-id ENI --groups sg-OTHER), then run "+
			"terraform destroy (or apply) again", id, len(enis), strings.Join(names, "; "), waited)
	}
	var refs []string
	for _, filter := range []string{"ip-permission.group-id", "egress.ip-permission.group-id"} {
		out, err := api.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{
			Filters: []ec2types.Filter{{Name: aws.String(filter), Values: []string{id}}},
		})
		if err != nil {
			continue
		}
		for _, g := range out.SecurityGroups {
			if gid := aws.ToString(g.GroupId); gid != id {
				refs = append(refs, fmt.Sprintf("%s (%s)", gid, aws.ToString(g.GroupName)))
			}
		}
	}
	if len(refs) > 0 {
		sort.Strings(refs)
		refs = compactStrings(refs)
		return fmt.Errorf("security group %s is still referenced by rules of security group(s) %s. Remove those "+
			"rules (or the groups), then run terraform destroy again. AWS said: %v", id, strings.Join(refs, ", "), lastErr)
	}
	return fmt.Errorf("security group %s is still in use after waiting %s: %v. Find what uses it with "+
		"aws ec2 describe-network-interfaces --filters Name=group-id,Values=%s, release it, then run terraform destroy again",
		id, waited, lastErr, id)
}

func describeInterface(e ec2types.NetworkInterface) string {
	var what []string
	if a := e.Attachment; a != nil && aws.ToString(a.InstanceId) != "" {
		what = append(what, "attached to instance "+aws.ToString(a.InstanceId))
	}
	if t := string(e.InterfaceType); t != "" && t != "interface" {
		what = append(what, "type "+t)
	}
	if aws.ToBool(e.RequesterManaged) {
		what = append(what, "managed by "+aws.ToString(e.RequesterId))
	}
	if d := aws.ToString(e.Description); d != "" {
		what = append(what, fmt.Sprintf("%q", d))
	}
	if s := string(e.Status); s != "" {
		what = append(what, "status "+s)
	}
	return fmt.Sprintf("%s (%s)", aws.ToString(e.NetworkInterfaceId), strings.Join(what, ", "))
}

func compactStrings(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// vpcMissing explains an unknown VPC ID.
func vpcMissing(vpcID, region, account string) string {
	return fmt.Sprintf("VPC %q does not exist in region %s of account %s. Check vpc_id: it must be the ID "+
		"(vpc-...) of a VPC in the provider's region and account (aws ec2 describe-vpcs --vpc-ids %s).",
		vpcID, region, account, vpcID)
}

// countAttempts counts the HTTP attempts of one call (the SDK retries inside it),
// so that an error on a retry can be told from an error on the first attempt.
func countAttempts(n *int) func(*ec2.Options) {
	return func(o *ec2.Options) {
		o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
			// After the retry middleware: runs once per attempt.
			return s.Finalize.Add(middleware.FinalizeMiddlewareFunc("hardenedCountAttempts",
				func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (
					middleware.FinalizeOutput, middleware.Metadata, error) {
					*n++
					return next.HandleFinalize(ctx, in)
				}), middleware.After)
		})
	}
}

// retriedCreateGroup finds the group an earlier attempt of a retried
// CreateSecurityGroup created before its response was lost (the retry then fails
// with InvalidGroup.Duplicate). It adopts a group only if everything matches a
// group fresh from that create: name, VPC, description, exactly the requested
// tags, no ingress and at most the default egress rule. Any other group of that
// name is someone else's, and nil is returned.
func retriedCreateGroup(ctx context.Context, api *ec2.Client, in *ec2.CreateSecurityGroupInput) (*ec2types.SecurityGroup, error) {
	filters := []ec2types.Filter{{Name: aws.String("group-name"), Values: []string{aws.ToString(in.GroupName)}}}
	if in.VpcId != nil {
		filters = append(filters, ec2types.Filter{Name: aws.String("vpc-id"), Values: []string{aws.ToString(in.VpcId)}})
	}
	out, err := api.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: filters})
	if err != nil {
		return nil, err
	}
	if len(out.SecurityGroups) != 1 {
		return nil, nil
	}
	g := &out.SecurityGroups[0]
	var want []ec2types.Tag
	for _, spec := range in.TagSpecifications {
		want = append(want, spec.Tags...)
	}
	if aws.ToString(g.Description) != aws.ToString(in.Description) || !sameTags(g.Tags, want) ||
		len(g.IpPermissions) > 0 || len(g.IpPermissionsEgress) > 1 ||
		(len(g.IpPermissionsEgress) == 1 && !isDefaultEgress(g.IpPermissionsEgress[0])) {
		return nil, nil
	}
	return g, nil
}

func sameTags(got, want []ec2types.Tag) bool {
	if len(got) != len(want) {
		return false
	}
	m := make(map[string]string, len(want))
	for _, t := range want {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	for _, t := range got {
		if v, ok := m[aws.ToString(t.Key)]; !ok || v != aws.ToString(t.Value) {
			return false
		}
	}
	return true
}

// isDefaultEgress is the allow-all egress rule EC2 gives every new VPC group.
func isDefaultEgress(p ec2types.IpPermission) bool {
	return aws.ToString(p.IpProtocol) == "-1" && len(p.IpRanges) == 1 &&
		aws.ToString(p.IpRanges[0].CidrIp) == "0.0.0.0/0" && len(p.Ipv6Ranges) == 0 &&
		len(p.UserIdGroupPairs) == 0 && len(p.PrefixListIds) == 0
}
