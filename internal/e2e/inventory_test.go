package e2e

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
)

// An inventory lists, per kind of AWS resource the hardened resources create or
// change, what exists in the emulator. Comparing the inventory after an apply under
// faults with the one after a clean apply proves nothing was created twice, and after
// a destroy with the one of the empty emulator proves nothing was left behind.
//
// Adding a resource to the baseline that creates a new kind of AWS object needs one
// more lister here; expected counts come from the clean apply.
type inventory map[string][]string

type lister struct {
	kind string
	list func(context.Context, *awsclient.Client) ([]string, error)
}

var listers = []lister{
	{"ec2 security groups", func(ctx context.Context, c *awsclient.Client) ([]string, error) {
		var out []string
		p := ec2.NewDescribeSecurityGroupsPaginator(c.EC2(), &ec2.DescribeSecurityGroupsInput{})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			for _, g := range page.SecurityGroups {
				out = append(out, aws.ToString(g.VpcId)+"/"+aws.ToString(g.GroupName))
			}
		}
		return out, nil
	}},
	{"ec2 security group rules", func(ctx context.Context, c *awsclient.Client) ([]string, error) {
		var out []string
		p := ec2.NewDescribeSecurityGroupRulesPaginator(c.EC2(), &ec2.DescribeSecurityGroupRulesInput{})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			for _, r := range page.SecurityGroupRules {
				out = append(out, fmt.Sprintf("%s egress=%t %s %d-%d %s%s", aws.ToString(r.GroupId), aws.ToBool(r.IsEgress),
					aws.ToString(r.IpProtocol), aws.ToInt32(r.FromPort), aws.ToInt32(r.ToPort),
					aws.ToString(r.CidrIpv4), aws.ToString(r.CidrIpv6)))
			}
		}
		return out, nil
	}},
	{"iam account password policy", func(ctx context.Context, c *awsclient.Client) ([]string, error) {
		_, err := c.IAM().GetAccountPasswordPolicy(ctx, &iam.GetAccountPasswordPolicyInput{})
		var nse *iamtypes.NoSuchEntityException
		if errors.As(err, &nse) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return []string{"account password policy"}, nil
	}},
	{"iam roles", func(ctx context.Context, c *awsclient.Client) ([]string, error) {
		var out []string
		p := iam.NewListRolesPaginator(c.IAM(), &iam.ListRolesInput{})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			for _, r := range page.Roles {
				out = append(out, aws.ToString(r.RoleName))
			}
		}
		return out, nil
	}},
	{"iam customer managed policies", func(ctx context.Context, c *awsclient.Client) ([]string, error) {
		var out []string
		p := iam.NewListPoliciesPaginator(c.IAM(), &iam.ListPoliciesInput{Scope: iamtypes.PolicyScopeTypeLocal})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			for _, pol := range page.Policies {
				out = append(out, aws.ToString(pol.PolicyName))
			}
		}
		return out, nil
	}},
	{"cloudtrail trails", func(ctx context.Context, c *awsclient.Client) ([]string, error) {
		out, err := c.CloudTrail().DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{})
		if err != nil {
			return nil, err
		}
		var names []string
		for _, t := range out.TrailList {
			names = append(names, aws.ToString(t.Name))
		}
		return names, nil
	}},
	{"s3 buckets", func(ctx context.Context, c *awsclient.Client) ([]string, error) {
		out, err := c.S3().ListBuckets(ctx, &s3.ListBucketsInput{})
		if err != nil {
			return nil, err
		}
		var names []string
		for _, b := range out.Buckets {
			names = append(names, aws.ToString(b.Name))
		}
		return names, nil
	}},
	{"kms keys (enabled)", func(ctx context.Context, c *awsclient.Client) ([]string, error) {
		var out []string
		p := kms.NewListKeysPaginator(c.KMS(), &kms.ListKeysInput{})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			for _, k := range page.Keys {
				// A destroyed key is only scheduled for deletion; count live keys.
				d, err := c.KMS().DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: k.KeyId})
				if err != nil {
					return nil, err
				}
				if d.KeyMetadata.KeyState != "PendingDeletion" {
					out = append(out, aws.ToString(k.KeyId))
				}
			}
		}
		return out, nil
	}},
	{"kms aliases", func(ctx context.Context, c *awsclient.Client) ([]string, error) {
		var out []string
		p := kms.NewListAliasesPaginator(c.KMS(), &kms.ListAliasesInput{})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			for _, a := range page.Aliases {
				if n := aws.ToString(a.AliasName); !strings.HasPrefix(n, "alias/aws/") {
					out = append(out, n)
				}
			}
		}
		return out, nil
	}},
	{"cloudwatch log groups", func(ctx context.Context, c *awsclient.Client) ([]string, error) {
		var out []string
		p := cloudwatchlogs.NewDescribeLogGroupsPaginator(c.CloudWatchLogs(), &cloudwatchlogs.DescribeLogGroupsInput{})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			for _, g := range page.LogGroups {
				out = append(out, aws.ToString(g.LogGroupName))
			}
		}
		return out, nil
	}},
	{"ec2 flow logs", func(ctx context.Context, c *awsclient.Client) ([]string, error) {
		var out []string
		p := ec2.NewDescribeFlowLogsPaginator(c.EC2(), &ec2.DescribeFlowLogsInput{})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			for _, fl := range page.FlowLogs {
				out = append(out, aws.ToString(fl.ResourceId)+"/"+string(fl.TrafficType)+"/"+aws.ToString(fl.LogGroupName))
			}
		}
		return out, nil
	}},
	{"sns topics", func(ctx context.Context, c *awsclient.Client) ([]string, error) {
		var out []string
		p := sns.NewListTopicsPaginator(c.SNS(), &sns.ListTopicsInput{})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			for _, tp := range page.Topics {
				out = append(out, aws.ToString(tp.TopicArn))
			}
		}
		return out, nil
	}},
	// One entry per detector, named by its region: GuardDuty allows one per region,
	// so a second detector in a region (a create retried after a lost answer) shows.
	{"guardduty detectors", func(ctx context.Context, c *awsclient.Client) ([]string, error) {
		regions, err := c.EC2().DescribeRegions(ctx, &ec2.DescribeRegionsInput{})
		if err != nil {
			return nil, err
		}
		var out []string
		for _, r := range regions.Regions {
			region := aws.ToString(r.RegionName)
			if strings.HasPrefix(region, "cn-") || strings.HasPrefix(region, "us-gov-") || strings.HasPrefix(region, "us-iso") {
				continue // another partition's regions, which the emulator lists too
			}
			list, err := c.GuardDuty().ListDetectors(ctx, &guardduty.ListDetectorsInput{},
				func(o *guardduty.Options) { o.Region = region })
			if err != nil {
				return nil, fmt.Errorf("%s: %w", region, err)
			}
			for range list.DetectorIds {
				out = append(out, region)
			}
		}
		return out, nil
	}},
}

// takeInventory lists everything, directly from the emulator.
func takeInventory(t *testing.T) inventory {
	t.Helper()
	c := direct(t)
	inv := inventory{}
	for _, l := range listers {
		items, err := l.list(context.Background(), c)
		if err != nil {
			t.Fatalf("listing %s: %v", l.kind, err)
		}
		sort.Strings(items)
		inv[l.kind] = items
	}
	return inv
}

// diff describes how got differs from want, kind by kind ("" when they match).
// Names are compared where the baseline fixes them; kinds with generated names
// (key IDs) are compared by count, which is what a duplicate changes.
func (got inventory) diff(want inventory) string {
	var out []string
	for _, l := range listers {
		g, w := got[l.kind], want[l.kind]
		if len(g) != len(w) {
			out = append(out, fmt.Sprintf("%s: %d, want %d\n    got  %v\n    want %v", l.kind, len(g), len(w), g, w))
		}
	}
	return strings.Join(out, "\n")
}

func (got inventory) String() string {
	var out []string
	for _, l := range listers {
		out = append(out, fmt.Sprintf("%s: %d", l.kind, len(got[l.kind])))
	}
	return strings.Join(out, ", ")
}
