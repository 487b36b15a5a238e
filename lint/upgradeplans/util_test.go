package upgradeplans

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/emulator"
	"github.com/hardened-tf/terraform-provider-hardened/internal/realplan"
)

func writeFile(t *testing.T, dir, name, src string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// cleanups run when the package's tests are done (TestMain): the directories
// of workflows shared by several tests.
var cleanups []func()

// startWorkflow starts an emulator and a Runner with the hardened provider built
// at provider. The caller stops both.
func startWorkflow(ctx context.Context, t *testing.T, provider string) (*emulator.Emulator, *realplan.Runner) {
	t.Helper()
	emu, err := emulator.Start(ctx)
	if err != nil {
		t.Fatalf("the workflows apply v1 to the AWS emulator: %v", err)
	}
	runner, err := realplan.NewRunner(realplan.Options{Endpoint: emu.Endpoint, LocalProviders: []realplan.LocalProvider{{
		Name: "hardened", Source: "hardened-tf/hardened", Executable: provider,
		Config: "  region                      = \"" + realplan.Region + "\"\n" +
			"  access_key                  = \"test\"\n  secret_key                  = \"test\"\n" +
			"  skip_credentials_validation = true",
	}}})
	if err != nil {
		emu.Stop()
		t.Fatal(err)
	}
	return emu, runner
}

// change is one resource change of a plan.
type change struct {
	actions string // "no-op", "update", "delete,create", ...
	before  map[string]any
}

// resourceChanges reads a plan's resource changes by address.
func resourceChanges(t *testing.T, plan []byte) map[string]change {
	t.Helper()
	var p struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions []string       `json:"actions"`
				Before  map[string]any `json:"before"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal(plan, &p); err != nil {
		t.Fatal(err)
	}
	out := map[string]change{}
	for _, rc := range p.ResourceChanges {
		out[rc.Address] = change{actions: strings.Join(rc.Change.Actions, ","), before: rc.Change.Before}
	}
	return out
}

// cloudTrail is a CloudTrail client for the emulator at endpoint, in region,
// that does not retry (moto's 500s are answers here, not accidents).
func cloudTrail(endpoint, region string) *cloudtrail.Client {
	return cloudtrail.New(cloudtrail.Options{
		Region:           region,
		BaseEndpoint:     aws.String(endpoint),
		Credentials:      credentials.NewStaticCredentialsProvider("test", "test", ""),
		RetryMaxAttempts: 1,
	})
}

// startTrailLogging calls StartLogging with Name = nameOrARN.
func startTrailLogging(ctx context.Context, endpoint, region, nameOrARN string) error {
	_, err := cloudTrail(endpoint, region).StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String(nameOrARN)})
	if err != nil {
		return errors.New("StartLogging " + nameOrARN + " in " + region + ": " + err.Error())
	}
	return nil
}

// trailLogging is GetTrailStatus's IsLogging.
func trailLogging(ctx context.Context, endpoint, region, nameOrARN string) (bool, error) {
	out, err := cloudTrail(endpoint, region).GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String(nameOrARN)})
	if err != nil {
		return false, err
	}
	return aws.ToBool(out.IsLogging), nil
}

// describeTrails is DescribeTrails(trailNameList = [nameOrARN]): the ARNs returned.
func describeTrails(ctx context.Context, endpoint, region, nameOrARN string) ([]string, error) {
	out, err := cloudTrail(endpoint, region).DescribeTrails(ctx, &cloudtrail.DescribeTrailsInput{TrailNameList: []string{nameOrARN}})
	if err != nil {
		return nil, err
	}
	var arns []string
	for _, tr := range out.TrailList {
		arns = append(arns, aws.ToString(tr.TrailARN))
	}
	return arns, nil
}

// motoTrails creates a bucket and, delivering to it, trails with these names in
// region (not logging, as CloudTrail creates them); it returns their ARNs.
func motoTrails(ctx context.Context, t *testing.T, endpoint, region string, names ...string) []string {
	t.Helper()
	// moto checks that the bucket exists, not its policy.
	bucket := "moto-trails-" + strings.ToLower(region)
	s3c := s3.New(s3.Options{
		Region:       region,
		BaseEndpoint: aws.String(endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
		UsePathStyle: true,
	})
	in := &s3.CreateBucketInput{Bucket: aws.String(bucket)}
	if region != "us-east-1" {
		in.CreateBucketConfiguration = &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(region)}
	}
	if _, err := s3c.CreateBucket(ctx, in); err != nil {
		t.Fatalf("creating bucket %s: %v", bucket, err)
	}
	ct := cloudTrail(endpoint, region)
	var arns []string
	for _, name := range names {
		out, err := ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String(name), S3BucketName: aws.String(bucket)})
		if err != nil {
			t.Fatalf("CreateTrail %s: %v", name, err)
		}
		arns = append(arns, aws.ToString(out.TrailARN))
	}
	return arns
}
