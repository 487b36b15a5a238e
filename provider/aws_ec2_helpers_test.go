package provider

// EC2 helpers shared by the security group acceptance tests: VPCs, groups, rules,
// interfaces and prefix lists made and read directly through the SDK.

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
)

// testAccVPC gives a test an empty emulator and a new VPC (with its default group).
func testAccVPC(t *testing.T) string {
	t.Helper()
	testAccPreCheck(t)
	return createVPC(t, testAWSClient(t), "10.0.0.0/16")
}

func createVPC(t *testing.T, c *awsclient.Client, cidr string) string {
	t.Helper()
	out, err := c.EC2().CreateVpc(context.Background(), &ec2.CreateVpcInput{CidrBlock: aws.String(cidr)})
	if err != nil {
		t.Fatalf("creating a VPC: %v", err)
	}
	return aws.ToString(out.Vpc.VpcId)
}

func defaultVPCID(t *testing.T, c *awsclient.Client) string {
	t.Helper()
	out, err := c.EC2().DescribeVpcs(context.Background(), &ec2.DescribeVpcsInput{
		Filters: []ec2types.Filter{{Name: aws.String("is-default"), Values: []string{"true"}}},
	})
	if err != nil || len(out.Vpcs) != 1 {
		t.Fatalf("finding the default VPC: %v (%d found)", err, len(out.Vpcs))
	}
	return aws.ToString(out.Vpcs[0].VpcId)
}

func defaultGroupID(t *testing.T, c *awsclient.Client, vpc string) string {
	t.Helper()
	out, err := c.EC2().DescribeSecurityGroups(context.Background(), &ec2.DescribeSecurityGroupsInput{
		Filters: []ec2types.Filter{
			{Name: aws.String("vpc-id"), Values: []string{vpc}},
			{Name: aws.String("group-name"), Values: []string{"default"}},
		},
	})
	if err != nil || len(out.SecurityGroups) != 1 {
		t.Fatalf("finding the default group of %s: %v", vpc, err)
	}
	return aws.ToString(out.SecurityGroups[0].GroupId)
}

func createGroup(t *testing.T, c *awsclient.Client, vpc, name string) string {
	t.Helper()
	out, err := c.EC2().CreateSecurityGroup(context.Background(), &ec2.CreateSecurityGroupInput{
		GroupName: aws.String(name), Description: aws.String(name), VpcId: aws.String(vpc),
	})
	if err != nil {
		t.Fatalf("creating group %s: %v", name, err)
	}
	return aws.ToString(out.GroupId)
}

func createPrefixList(t *testing.T, c *awsclient.Client) string {
	t.Helper()
	out, err := c.EC2().CreateManagedPrefixList(context.Background(), &ec2.CreateManagedPrefixListInput{
		PrefixListName: aws.String("office"), AddressFamily: aws.String("IPv4"), MaxEntries: aws.Int32(5),
		Entries: []ec2types.AddPrefixListEntry{{Cidr: aws.String("198.51.100.0/24")}},
	})
	if err != nil {
		t.Fatalf("creating a prefix list: %v", err)
	}
	return aws.ToString(out.PrefixList.PrefixListId)
}

// createInterface attaches a new network interface (in a new subnet) to a group.
func createInterface(t *testing.T, c *awsclient.Client, vpc, sg string) string {
	t.Helper()
	ctx := context.Background()
	sub, err := c.EC2().CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: aws.String(vpc), CidrBlock: aws.String("10.0.1.0/24")})
	if err != nil {
		t.Fatalf("creating a subnet: %v", err)
	}
	out, err := c.EC2().CreateNetworkInterface(ctx, &ec2.CreateNetworkInterfaceInput{
		SubnetId: sub.Subnet.SubnetId, Groups: []string{sg}, Description: aws.String("web server"),
	})
	if err != nil {
		t.Fatalf("creating a network interface: %v", err)
	}
	return aws.ToString(out.NetworkInterface.NetworkInterfaceId)
}

func tcpFrom(port int32, cidr, desc string) ec2types.IpPermission {
	r := ec2types.IpRange{CidrIp: aws.String(cidr)}
	if desc != "" {
		r.Description = aws.String(desc)
	}
	return ec2types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(port), ToPort: aws.Int32(port),
		IpRanges: []ec2types.IpRange{r}}
}

func authorizeIngress(t *testing.T, c *awsclient.Client, sg string, perms ...ec2types.IpPermission) {
	t.Helper()
	if _, err := c.EC2().AuthorizeSecurityGroupIngress(context.Background(), &ec2.AuthorizeSecurityGroupIngressInput{
		GroupId: aws.String(sg), IpPermissions: perms,
	}); err != nil {
		t.Fatalf("adding ingress rules to %s: %v", sg, err)
	}
}

func authorizeEgress(t *testing.T, c *awsclient.Client, sg string, perms ...ec2types.IpPermission) {
	t.Helper()
	if _, err := c.EC2().AuthorizeSecurityGroupEgress(context.Background(), &ec2.AuthorizeSecurityGroupEgressInput{
		GroupId: aws.String(sg), IpPermissions: perms,
	}); err != nil {
		t.Fatalf("adding egress rules to %s: %v", sg, err)
	}
}

func groupRules(t *testing.T, c *awsclient.Client, sg string) []ec2types.SecurityGroupRule {
	t.Helper()
	rules, err := listGroupRules(context.Background(), c.EC2(), sg)
	if err != nil {
		t.Fatalf("listing the rules of %s: %v", sg, err)
	}
	return rules
}

func findGroup(t *testing.T, c *awsclient.Client, sg string) *ec2types.SecurityGroup {
	t.Helper()
	g, err := describeGroup(context.Background(), c.EC2(), sg)
	if err != nil {
		t.Fatalf("reading group %s: %v", sg, err)
	}
	return g
}

// ruleIDs maps "direction protocol port peer (description)" to each AWS rule's ID.
// Descriptions are left out for group references (the emulator does not return them
// from DescribeSecurityGroupRules).
func ruleIDs(t *testing.T, c *awsclient.Client, sg string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, r := range groupRules(t, c, sg) {
		dir := "ingress"
		if aws.ToBool(r.IsEgress) {
			dir = "egress"
		}
		ports := fmt.Sprintf(" %d", aws.ToInt32(r.FromPort))
		if aws.ToString(r.IpProtocol) == "-1" {
			ports = ""
		} else if aws.ToInt32(r.FromPort) != aws.ToInt32(r.ToPort) {
			ports += fmt.Sprintf("-%d", aws.ToInt32(r.ToPort))
		}
		peer := aws.ToString(r.CidrIpv4) + aws.ToString(r.CidrIpv6) + aws.ToString(r.PrefixListId)
		desc := ""
		if r.ReferencedGroupInfo != nil {
			peer = aws.ToString(r.ReferencedGroupInfo.GroupId)
		} else if d := aws.ToString(r.Description); d != "" {
			desc = " (" + d + ")"
		}
		out[fmt.Sprintf("%s %s%s %s%s", dir, aws.ToString(r.IpProtocol), ports, peer, desc)] = aws.ToString(r.SecurityGroupRuleId)
	}
	return out
}

func expectRuleSet(got map[string]string, want []string) error {
	keys := make([]string, 0, len(got))
	for k := range got {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	sort.Strings(want)
	if strings.Join(keys, "\n") != strings.Join(want, "\n") {
		return fmt.Errorf("rules in AWS:\n  %s\nwant:\n  %s", strings.Join(keys, "\n  "), strings.Join(want, "\n  "))
	}
	return nil
}

// expectDescription checks a group-reference rule's description where the emulator
// reports it (DescribeSecurityGroups).
func expectDescription(t *testing.T, c *awsclient.Client, sg string, port int32, peer, want string) error {
	t.Helper()
	g := findGroup(t, c, sg)
	for _, p := range g.IpPermissions {
		if aws.ToInt32(p.FromPort) != port {
			continue
		}
		for _, pair := range p.UserIdGroupPairs {
			if aws.ToString(pair.GroupId) == peer {
				if got := aws.ToString(pair.Description); got != want {
					return fmt.Errorf("rule from %s on port %d has description %q, want %q", peer, port, got, want)
				}
				return nil
			}
		}
	}
	return fmt.Errorf("no rule from %s on port %d in %s", peer, port, sg)
}

func expectTags(t *testing.T, c *awsclient.Client, sg string, want map[string]string) error {
	t.Helper()
	g := findGroup(t, c, sg)
	if g == nil {
		return fmt.Errorf("group %s does not exist", sg)
	}
	got := map[string]string{}
	for _, tag := range g.Tags {
		got[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		return fmt.Errorf("tags of %s are %v, want %v", sg, got, want)
	}
	return nil
}

func expectGroupsGone(t *testing.T, c *awsclient.Client, ids ...*string) func(*terraform.State) error {
	return func(_ *terraform.State) error {
		for _, id := range ids {
			if *id != "" && findGroup(t, c, *id) != nil {
				return fmt.Errorf("security group %s still exists after destroy", *id)
			}
		}
		return nil
	}
}
