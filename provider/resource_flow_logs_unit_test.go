package provider

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	logstypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

var testFlowLogsNames = newFlowLogsNames("main", "123456789012", "eu-west-1", "aws")

func TestFlowLogsNames(t *testing.T) {
	n := newFlowLogsNames("abcdefghij-abcdefghij-abcdefghi", "123456789012", "eu-west-1", "aws-cn")
	if len(n.bucket) > 63 || !bucketNameRegexp.MatchString(n.bucket) {
		t.Errorf("bucket %q is not a valid bucket name for the longest name", n.bucket)
	}
	if len(n.role) > 64 {
		t.Errorf("role %q is longer than IAM allows", n.role)
	}
	if want := "arn:aws-cn:logs:eu-west-1:123456789012:log-group:/aws/vpc-flow-logs/abcdefghij-abcdefghij-abcdefghi"; n.logGroupARN != want {
		t.Errorf("log group ARN %q, want %q", n.logGroupARN, want)
	}
	for _, bad := range []string{"", "Main", "-main", "main-", "a_b", strings.Repeat("a", 32)} {
		if flowLogsNameRegexp.MatchString(bad) {
			t.Errorf("name %q accepted", bad)
		}
	}
}

// AWS reports a log group flow log's destination in LogDestination (the group's
// ARN); the emulator only in LogGroupName. Both read as the group's ARN.
func TestFlowLogDestination(t *testing.T) {
	n := testFlowLogsNames
	for name, fl := range map[string]ec2types.FlowLog{
		"AWS":      {LogDestination: aws.String(n.logGroupARN), LogGroupName: aws.String(n.logGroup)},
		"AWS, :*":  {LogDestination: aws.String(n.logGroupARN + ":*")},
		"emulator": {LogGroupName: aws.String(n.logGroup)},
	} {
		if got := flowLogDestination(n, fl); got != n.logGroupARN {
			t.Errorf("%s: destination %q, want %q", name, got, n.logGroupARN)
		}
	}
	if got := flowLogDestination(n, ec2types.FlowLog{LogDestination: aws.String("arn:aws:s3:::b/")}); got != "arn:aws:s3:::b" {
		t.Errorf("bucket destination %q", got)
	}
}

// On AWS a key removed by hand (DisassociateKmsKey) leaves the group without
// kmsKeyId: that, another key, or no group is not encrypted as wanted.
func TestFlowLogGroupEncrypted(t *testing.T) {
	key := "arn:aws:kms:eu-west-1:123456789012:key/k"
	cases := map[string]struct {
		g    *logstypes.LogGroup
		want bool
	}{
		"encrypted":   {&logstypes.LogGroup{KmsKeyId: aws.String(key)}, true},
		"key removed": {&logstypes.LogGroup{}, false},
		"another key": {&logstypes.LogGroup{KmsKeyId: aws.String(key + "2")}, false},
		"gone":        {nil, false},
	}
	for name, c := range cases {
		if got := logGroupEncryptedWith(c.g, key); got != c.want {
			t.Errorf("%s: %v, want %v", name, got, c.want)
		}
	}
	if logGroupEncryptedWith(&logstypes.LogGroup{}, "") {
		t.Error("a group without a key counts as encrypted with no key")
	}
}

func TestFlowLogsPolicies(t *testing.T) {
	n := testFlowLogsNames
	var trust policyDoc
	if err := json.Unmarshal([]byte(flowLogsRoleTrust(n)), &trust); err != nil {
		t.Fatal(err)
	}
	s := trust.Statement[0]
	if p, ok := s.Principal.(map[string]any); !ok || len(trust.Statement) != 1 || p["Service"] != "vpc-flow-logs.amazonaws.com" {
		t.Errorf("trust is not for VPC Flow Logs only: %+v", trust)
	}
	cond, _ := json.Marshal(s.Condition)
	for _, want := range []string{`"aws:SourceAccount":"123456789012"`, `"aws:SourceArn":"arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/*"`} {
		if !strings.Contains(string(cond), want) {
			t.Errorf("trust condition %s lacks %s", cond, want)
		}
	}
	role := flowLogsRolePolicy(n.logGroupARN + ":*")
	if !strings.Contains(role, `"Resource":["`+n.logGroupARN+`","`+n.logGroupARN+`:log-stream:*"]`) ||
		strings.Contains(role, `"Resource":"*"`) || strings.Contains(role, "logs:*") {
		t.Errorf("role policy not scoped to the group: %s", role)
	}
	bucket := flowLogsBucketPolicy(n, n.bucket)
	if !deniesInsecureTransport(bucket, bucketARN("aws", n.bucket)) {
		t.Errorf("bucket policy is not TLS-only: %s", bucket)
	}
	for _, want := range []string{`"Service":"delivery.logs.amazonaws.com"`, `"aws:SourceAccount":"123456789012"`,
		`/AWSLogs/123456789012/*`} {
		if !strings.Contains(bucket, want) {
			t.Errorf("bucket policy lacks %s: %s", want, bucket)
		}
	}
	if key := flowLogsKeyPolicy(n); !strings.Contains(key, `"kms:EncryptionContext:aws:logs:arn":"`+n.logGroupARN+`"`) {
		t.Errorf("key policy not scoped to the group: %s", key)
	}
}

func TestFlowLogsBest(t *testing.T) {
	fls := vpcFlowLogs{{ID: "fl-1", TrafficType: "REJECT"}, {ID: "fl-2", TrafficType: "ALL"}}
	if got := fls.best(); got.ID != "fl-2" {
		t.Errorf("best %+v, want the ALL one", got)
	}
	if got := (vpcFlowLogs{}).best(); got != (flowLogRead{}) {
		t.Errorf("best of none %+v", got)
	}
}
