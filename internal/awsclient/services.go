package awsclient

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cloudwatchschemas "github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
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
	smithyendpoints "github.com/aws/smithy-go/endpoints"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"
)

// Service describes one AWS service the provider can talk to.
type Service struct {
	// Key is the attribute name in the provider's endpoints block (the hashicorp/aws
	// provider's name for the service).
	Key string
	// EnvSuffix completes AWS_ENDPOINT_URL_<EnvSuffix>, the SDK's service-specific
	// endpoint variable: the SDK's service ID, upper case, spaces as underscores.
	EnvSuffix string
	// Name is the service's name in documentation and messages.
	Name string
}

// Services lists every service of the endpoints block, sorted by key. The provider's
// endpoints block, its documentation, endpoint validation and the names in request
// logs and connection errors are all built from this list: adding a service is one
// line here and a client accessor below.
var Services = []Service{
	{Key: "cloudtrail", EnvSuffix: "CLOUDTRAIL", Name: "AWS CloudTrail"},
	{Key: "cloudwatch", EnvSuffix: "CLOUDWATCH", Name: "Amazon CloudWatch"},
	{Key: "config", EnvSuffix: "CONFIG_SERVICE", Name: "AWS Config"},
	{Key: "ec2", EnvSuffix: "EC2", Name: "Amazon EC2"},
	{Key: "guardduty", EnvSuffix: "GUARDDUTY", Name: "Amazon GuardDuty"},
	{Key: "iam", EnvSuffix: "IAM", Name: "AWS IAM"},
	{Key: "kms", EnvSuffix: "KMS", Name: "AWS KMS"},
	{Key: "logs", EnvSuffix: "CLOUDWATCH_LOGS", Name: "Amazon CloudWatch Logs"},
	{Key: "s3", EnvSuffix: "S3", Name: "Amazon S3"},
	{Key: "s3control", EnvSuffix: "S3_CONTROL", Name: "Amazon S3 Control"},
	{Key: "sns", EnvSuffix: "SNS", Name: "Amazon SNS"},
	{Key: "sts", EnvSuffix: "STS", Name: "AWS STS"},
}

// serviceKey maps an SDK service ID ("CloudWatch Logs") to its Services key
// ("logs"), or returns the service ID in lower case for a service not in the list.
func serviceKey(serviceID string) string {
	suffix := strings.ToUpper(strings.ReplaceAll(serviceID, " ", "_"))
	for _, s := range Services {
		if s.EnvSuffix == suffix {
			return s.Key
		}
	}
	return strings.ToLower(serviceID)
}

// CloudTrail returns a CloudTrail client.
func (c *Client) CloudTrail() *cloudtrail.Client {
	return cloudtrail.NewFromConfig(c.cfg, func(o *cloudtrail.Options) { c.override("cloudtrail", &o.BaseEndpoint) })
}

// CloudWatch returns a CloudWatch (metrics and alarms) client. It speaks the
// awsQuery protocol, which CloudWatch serves beside the SDK's default RPCv2 CBOR:
// emulators (moto 5.2) answer only awsQuery.
func (c *Client) CloudWatch() *cloudwatch.Client {
	return cloudwatch.NewFromConfig(c.cfg, func(o *cloudwatch.Options) {
		c.override("cloudwatch", &o.BaseEndpoint)
		o.Protocol = awsquery.New(cloudwatchschemas.GraniteServiceVersion20100801)
	})
}

// CloudWatchLogs returns a CloudWatch Logs client.
func (c *Client) CloudWatchLogs() *cloudwatchlogs.Client {
	return cloudwatchlogs.NewFromConfig(c.cfg, func(o *cloudwatchlogs.Options) { c.override("logs", &o.BaseEndpoint) })
}

// ConfigService returns an AWS Config client.
func (c *Client) ConfigService() *configservice.Client {
	return configservice.NewFromConfig(c.cfg, func(o *configservice.Options) { c.override("config", &o.BaseEndpoint) })
}

// EC2 returns an EC2 client.
func (c *Client) EC2() *ec2.Client {
	return ec2.NewFromConfig(c.cfg, func(o *ec2.Options) { c.override("ec2", &o.BaseEndpoint) })
}

// GuardDuty returns a GuardDuty client.
func (c *Client) GuardDuty() *guardduty.Client {
	return guardduty.NewFromConfig(c.cfg, func(o *guardduty.Options) { c.override("guardduty", &o.BaseEndpoint) })
}

// IAM returns an IAM client.
func (c *Client) IAM() *iam.Client {
	return iam.NewFromConfig(c.cfg, func(o *iam.Options) { c.override("iam", &o.BaseEndpoint) })
}

// KMS returns a KMS client.
func (c *Client) KMS() *kms.Client {
	return kms.NewFromConfig(c.cfg, func(o *kms.Options) { c.override("kms", &o.BaseEndpoint) })
}

// S3 returns an S3 client, path-style when configured or when the endpoint is local.
func (c *Client) S3() *s3.Client {
	return s3.NewFromConfig(c.cfg, func(o *s3.Options) {
		c.override("s3", &o.BaseEndpoint)
		o.UsePathStyle = c.s3PathStyle
	})
}

// S3Control returns an S3 Control client. S3 Control puts the account ID in
// front of the endpoint's host name (123456789012.s3-control.us-east-1.amazonaws.com);
// on a loopback endpoint (an emulator) that name cannot resolve, so the prefix is
// turned off there, as path-style addressing is for S3.
func (c *Client) S3Control() *s3control.Client {
	return s3control.NewFromConfig(c.cfg, func(o *s3control.Options) {
		c.override("s3control", &o.BaseEndpoint)
		if isLoopback(c.effective["s3control"]) {
			o.EndpointResolverV2 = noAccountHostPrefix{s3control.NewDefaultEndpointResolverV2()}
		}
	})
}

// noAccountHostPrefix resolves S3 Control endpoints without the account-ID host prefix.
type noAccountHostPrefix struct{ next s3control.EndpointResolverV2 }

func (r noAccountHostPrefix) ResolveEndpoint(ctx context.Context, p s3control.EndpointParameters) (smithyendpoints.Endpoint, error) {
	p.RequiresAccountId = aws.Bool(false)
	return r.next.ResolveEndpoint(ctx, p)
}

// SNS returns an SNS client.
func (c *Client) SNS() *sns.Client {
	return sns.NewFromConfig(c.cfg, func(o *sns.Options) { c.override("sns", &o.BaseEndpoint) })
}

// STS returns an STS client.
func (c *Client) STS() *sts.Client {
	return sts.NewFromConfig(c.cfg, func(o *sts.Options) { c.override("sts", &o.BaseEndpoint) })
}

// override sets a service client's endpoint from the endpoints block, if it names
// one; otherwise the SDK's own resolution (environment, shared config) stands.
func (c *Client) override(key string, baseEndpoint **string) {
	if e := c.overrides[key]; e != "" {
		*baseEndpoint = aws.String(e)
	}
}
