package awsclient

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/hardened-tf/terraform-provider-hardened/internal/emulator"
)

// serviceReads is one cheap read per entry of Services, through its client
// accessor, and the SDK service ID the accessor's client logs. A service added to
// Services without a line here fails TestServiceClients_reachTheEmulator.
var serviceReads = map[string]struct {
	serviceID string
	read      func(context.Context, *Client) error
}{
	"cloudtrail": {"CloudTrail", func(ctx context.Context, c *Client) error {
		_, err := c.CloudTrail().DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{})
		return err
	}},
	"cloudwatch": {"CloudWatch", func(ctx context.Context, c *Client) error {
		_, err := c.CloudWatch().DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{})
		return err
	}},
	"config": {"Config Service", func(ctx context.Context, c *Client) error {
		_, err := c.ConfigService().DescribeConfigurationRecorders(ctx, &configservice.DescribeConfigurationRecordersInput{})
		return err
	}},
	"ec2": {"EC2", func(ctx context.Context, c *Client) error {
		_, err := c.EC2().DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
		return err
	}},
	"guardduty": {"GuardDuty", func(ctx context.Context, c *Client) error {
		_, err := c.GuardDuty().ListDetectors(ctx, &guardduty.ListDetectorsInput{})
		return err
	}},
	"iam": {"IAM", func(ctx context.Context, c *Client) error {
		_, err := c.IAM().ListRoles(ctx, &iam.ListRolesInput{})
		return err
	}},
	"kms": {"KMS", func(ctx context.Context, c *Client) error {
		_, err := c.KMS().ListKeys(ctx, &kms.ListKeysInput{})
		return err
	}},
	"logs": {"CloudWatch Logs", func(ctx context.Context, c *Client) error {
		_, err := c.CloudWatchLogs().DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{})
		return err
	}},
	"s3": {"S3", func(ctx context.Context, c *Client) error {
		_, err := c.S3().ListBuckets(ctx, &s3.ListBucketsInput{})
		return err
	}},
	"s3control": {"S3 Control", func(ctx context.Context, c *Client) error {
		_, err := c.S3Control().ListAccessPoints(ctx, &s3control.ListAccessPointsInput{AccountId: aws.String("123456789012")})
		return err
	}},
	"sns": {"SNS", func(ctx context.Context, c *Client) error {
		_, err := c.SNS().ListTopics(ctx, &sns.ListTopicsInput{})
		return err
	}},
	"sts": {"STS", func(ctx context.Context, c *Client) error {
		_, err := c.STS().GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		return err
	}},
}

func TestServicesList(t *testing.T) {
	keys := map[string]bool{}
	var order []string
	for _, s := range Services {
		if keys[s.Key] || s.Key == "" || s.EnvSuffix == "" || s.Name == "" {
			t.Errorf("service %+v: duplicate or incomplete", s)
		}
		keys[s.Key] = true
		order = append(order, s.Key)
		if r, ok := serviceReads[s.Key]; ok && serviceKey(r.serviceID) != s.Key {
			t.Errorf("service ID %q maps to %q, want %q: EnvSuffix must be the service ID in upper case "+
				"with underscores", r.serviceID, serviceKey(r.serviceID), s.Key)
		}
	}
	if !slices.IsSorted(order) {
		t.Errorf("Services are not sorted by key: %v", order)
	}
}

// Every service's client, pointed at the emulator through the endpoints map,
// answers a read, and logs it under its own service ID.
func TestServiceClients_reachTheEmulator(t *testing.T) {
	t.Parallel()
	emu, err := emulator.Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emu.Stop)
	endpoints := map[string]string{}
	for _, s := range Services {
		endpoints[s.Key] = emu.Endpoint
	}
	c, err := New(context.Background(), Config{Region: "us-east-1", AccessKey: "test", SecretKey: "test",
		MaxRetries: 0, Endpoints: endpoints})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Services {
		r, ok := serviceReads[s.Key]
		if !ok {
			t.Errorf("service %s has no read in serviceReads", s.Key)
			continue
		}
		var logs bytes.Buffer
		if err := r.read(tflogtest.RootLogger(context.Background(), &logs), c); err != nil {
			t.Errorf("%s: %v", s.Key, err)
			continue
		}
		lines := logLines(t, &logs, "debug", "AWS request "+r.serviceID+".")
		if len(lines) != 1 || lines[0]["http.status_code"] != float64(200) ||
			!strings.Contains(fmt.Sprint(lines[0]["@message"]), "attempt 1: HTTP 200") {
			t.Errorf("%s: logged %v, want one DEBUG line with HTTP 200", s.Key, lines)
		}
	}
}
