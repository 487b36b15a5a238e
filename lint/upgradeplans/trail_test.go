package upgradeplans

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"

	"github.com/hardened-tf/terraform-provider-hardened/internal/emulator"
	"github.com/hardened-tf/terraform-provider-hardened/internal/realplan"
)

// The trail workflows apply an aws_cloudtrail to moto, which takes two steps
// there (see docs/lint/regressions.md, "Trails on the emulator"):
//
//   - hashicorp/aws (5.x) keeps a trail's ARN as its ID and calls StartLogging,
//     StopLogging and DeleteTrail with Name = the ARN, which AWS accepts. moto
//     (5.x) looks those three up by trail name only: StartLogging by ARN is an
//     HTTP 500 (KeyError on the ARN) that the provider retries until it times
//     out (StopLogging likewise; DeleteTrail by ARN answers 200 and deletes
//     nothing). So v1 is first applied with the trail's logging off (no
//     StartLogging call), logging is started by name with the AWS SDK, and v1
//     as written (enable_logging = true) is applied again: its refresh reads the
//     trail status (GetTrailStatus by ARN, which moto answers) and finds nothing
//     to do. v2 is only planned, so StopLogging and DeleteTrail are never called.
//   - moto's DescribeTrails ignores trailNameList and returns every trail of the
//     region, and the provider reads a trail with DescribeTrails([ARN]) expecting
//     exactly one: with two trails in a region it reports the first as gone. So
//     each case has a region of its own (its own provider block; credentials and
//     the endpoint come from realplan's environment).
//
// TestMotoTrailDifferences pins both differences, so the day moto matches AWS
// the workaround can go.

// trailCase is a workflow whose v1 has one trail that logs.
type trailCase struct {
	name   string
	region string
	trail  string // the trail's name
	// v1 is the configuration applied, with the trail's enable_logging as given.
	v1 func(logging bool) realplan.Config
	v2 realplan.Config
}

// caseProvider is a case's own aws provider block in region.
func caseProvider(region string) string {
	return `
provider "aws" {
  region                      = "` + region + `"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  s3_use_path_style           = true
}
`
}

// trailBucket is a log bucket with the policy CloudTrail needs to deliver to it.
func trailBucket(bucket string) string {
	return `
resource "aws_s3_bucket" "logs" {
  bucket = "` + bucket + `"
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AWSCloudTrailAclCheck"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:GetBucketAcl"
        Resource  = aws_s3_bucket.logs.arn
      },
      {
        Sid       = "AWSCloudTrailWrite"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.logs.arn}/AWSLogs/*"
        Condition = { StringEquals = { "s3:x-amz-acl" = "bucket-owner-full-control" } }
      },
    ]
  })
}
`
}

// trail is an aws_cloudtrail named name delivering to bucket (an expression).
func trail(name, bucket string, logging bool) string {
	l := "false"
	if logging {
		l = "true"
	}
	return `
resource "aws_cloudtrail" "main" {
  name                          = "` + name + `"
  s3_bucket_name                = ` + bucket + `
  include_global_service_events = true
  enable_log_file_validation    = true
  enable_logging                = ` + l + `
}
`
}

// trailV1 is the v1 of every trail case: the password policy, a log bucket and a trail.
func trailV1(region, bucket, name string) func(bool) realplan.Config {
	return func(logging bool) realplan.Config {
		return realplan.Config{"main.tf": caseProvider(region) + passwordPolicy + trailBucket(bucket) +
			trail(name, "aws_s3_bucket_policy.logs.bucket", logging)}
	}
}

var trailCases = []trailCase{
	{
		// The done-when: delete the password policy, turn the trail's logging off.
		name: "trail_weaken_and_delete", region: "us-west-2", trail: "wd-trail",
		v1: trailV1("us-west-2", "wd-trail-logs", "wd-trail"),
		v2: realplan.Config{"main.tf": caseProvider("us-west-2") + trailBucket("wd-trail-logs") +
			trail("wd-trail", "aws_s3_bucket_policy.logs.bucket", false)},
	},
	{
		// The same change with the trail moved into a module by a moved block.
		name: "trail_refactor_into_module", region: "eu-west-1", trail: "rm-trail",
		v1: trailV1("eu-west-1", "rm-trail-logs", "rm-trail"),
		v2: realplan.Config{
			"main.tf": caseProvider("eu-west-1") + trailBucket("rm-trail-logs") + `
module "audit" {
  source = "./modules/audit"
  bucket = aws_s3_bucket_policy.logs.bucket
}

moved {
  from = aws_cloudtrail.main
  to   = module.audit.aws_cloudtrail.main
}
`,
			"modules/audit/main.tf": "variable \"bucket\" {\n  type = string\n}\n" + trail("rm-trail", "var.bucket", false),
		},
	},
	{
		// The trail deleted and a hardened_cloudtrail created in its place.
		name: "trail_replace_with_hardened", region: "eu-central-1", trail: "rh-trail",
		v1: trailV1("eu-central-1", "rh-trail-logs", "rh-trail"),
		v2: realplan.Config{"main.tf": caseProvider("eu-central-1") + passwordPolicy + trailBucket("rh-trail-logs") + `
resource "hardened_cloudtrail" "main" {
  name = "rh-trail"
}
`},
	},
}

var (
	trailShared *workflow
	// trailSetupErr is like setupErr, for the trail workflows.
	trailSetupErr string
)

// setupTrails applies every trail case's v1 and plans its v2, once for the package.
func setupTrails(t *testing.T) *workflow {
	t.Helper()
	if trailShared != nil {
		return trailShared
	}
	if trailSetupErr != "" {
		t.Fatal("trail setup failed in an earlier test: " + trailSetupErr)
	}
	trailSetupErr = "see the first failing trail test"
	dir, err := os.MkdirTemp("", "hardened-upgradeplans-trails-") //nolint:usetesting // outlives the first test
	if err != nil {
		t.Fatal(err)
	}
	cleanups = append(cleanups, func() { _ = os.RemoveAll(dir) })
	w := &workflow{dir: dir, lint: filepath.Join(dir, "hardened-lint")}
	build(t, w.lint, "./lint/cmd/hardened-lint")
	provider := filepath.Join(dir, "terraform-provider-hardened")
	build(t, provider, ".")

	ctx, cancel := context.WithTimeout(context.Background(), 9*time.Minute)
	defer cancel()
	emu, runner := startWorkflow(ctx, t, provider)
	defer emu.Stop()
	defer runner.Close()

	bootstrap := map[string]realplan.Config{}
	v1 := map[string]realplan.Config{}
	v2 := map[string]realplan.Config{}
	for _, c := range trailCases {
		bootstrap[c.name], v1[c.name], v2[c.name] = c.v1(false), c.v1(true), c.v2
	}
	start := time.Now()
	if err := runner.Apply(ctx, bootstrap); err != nil {
		t.Fatalf("%v\nmoto:\n%s", err, emulatorTail(emu.Output()))
	}
	for _, c := range trailCases {
		if err := startTrailLogging(ctx, emu.Endpoint, c.region, c.trail); err != nil {
			t.Fatal(err)
		}
	}
	if err := runner.Apply(ctx, v1); err != nil {
		t.Fatalf("%v\nmoto:\n%s", err, emulatorTail(emu.Output()))
	}
	if w.v1, err = runner.Plan(ctx, v1); err != nil {
		t.Fatal(err)
	}
	if w.v2, err = runner.Plan(ctx, v2); err != nil {
		t.Fatal(err)
	}
	t.Logf("applied %d trail cases (twice: logging started by name between) and planned their v2 in %s",
		len(trailCases), time.Since(start).Round(time.Millisecond))
	trailShared, trailSetupErr = w, ""
	return w
}

// v1 as written is what the state holds: the trail logs, and a plan of v1 changes nothing.
func TestTrailV1Applied(t *testing.T) {
	w := setupTrails(t)
	for _, c := range trailCases {
		plan, err := w.v1.Module(c.name)
		if err != nil {
			t.Fatal(err)
		}
		changes := resourceChanges(t, plan)
		tr, ok := changes["module."+c.name+".aws_cloudtrail.main"]
		if !ok {
			t.Fatalf("%s: no aws_cloudtrail.main in the v1 plan: %v", c.name, changes)
		}
		if tr.actions != "no-op" || tr.before["enable_logging"] != true {
			t.Errorf("%s: the applied trail plans %s with enable_logging %v, want no-op and true", c.name, tr.actions, tr.before["enable_logging"])
		}
		for addr, ch := range changes {
			if ch.actions != "no-op" {
				t.Errorf("%s: v1 applied, yet %s plans %s", c.name, addr, ch.actions)
			}
		}
	}
}

// The done-when: a plan that deletes aws_iam_account_password_policy and
// sets enable_logging = false on a trail fails with two regressions naming
// before -> after, in JSON and in text.
func TestTrailWeakenAndDelete(t *testing.T) {
	w := setupTrails(t)
	plan := w.planFile(t, w.v2, "trail_weaken_and_delete")
	code, r := w.lintJSON(t, plan)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	// In address order.
	wantRegressions(t, r,
		"aws_security_control_weakened module.trail_weaken_and_delete.aws_cloudtrail.main enable_logging: "+
			"the change turns enable_logging true -> false; HRD-CT-006",
		"aws_security_control_deleted module.trail_weaken_and_delete.aws_iam_account_password_policy.strict : "+
			"the change deletes module.trail_weaken_and_delete.aws_iam_account_password_policy.strict, the account's IAM password policy: present -> absent; HRD-IAM-001")
	if r.Summary["regressions"] != 2.0 {
		t.Errorf("summary %v, want 2 regressions", r.Summary)
	}
	code, text, errOut := w.run(t, t.TempDir(), plan)
	if code != 1 {
		t.Errorf("text: exit %d, want 1; stderr %s", code, errOut)
	}
	for _, want := range []string{
		"REGRESSION [high] aws_security_control_weakened: the change turns enable_logging true -> false; HRD-CT-006",
		"REGRESSION [high] aws_security_control_deleted: the change deletes module.trail_weaken_and_delete.aws_iam_account_password_policy.strict",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if n := strings.Count(text, "REGRESSION ["); n != 2 {
		t.Errorf("text has %d regressions, want 2:\n%s", n, text)
	}
}

// The same change with the trail moved into a module through moved: the
// weakening is reported at the trail's new address, and the move deletes nothing.
func TestTrailRefactorIntoModule(t *testing.T) {
	w := setupTrails(t)
	code, r := w.lintJSON(t, w.planFile(t, w.v2, "trail_refactor_into_module"))
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	wantRegressions(t, r,
		"aws_security_control_deleted module.trail_refactor_into_module.aws_iam_account_password_policy.strict : present -> absent",
		"aws_security_control_weakened module.trail_refactor_into_module.module.audit.aws_cloudtrail.main enable_logging: "+
			"the change turns enable_logging true -> false")
	for _, f := range r.Findings {
		if f.Address == "module.trail_refactor_into_module.aws_cloudtrail.main" {
			t.Errorf("a finding on the trail's old address: %+v", f)
		}
	}
}

// The trail deleted while the same plan creates a hardened_cloudtrail: a note
// that names the replacement, not a regression.
func TestTrailReplaceWithHardened(t *testing.T) {
	w := setupTrails(t)
	_, r := w.lintJSON(t, w.planFile(t, w.v2, "trail_replace_with_hardened"))
	wantRegressions(t, r)
	found := false
	for _, f := range r.Findings {
		if f.Rule == "aws_security_control_deleted" && f.Status == "replaced" && f.Level == "note" &&
			f.Address == "module.trail_replace_with_hardened.aws_cloudtrail.main" &&
			strings.Contains(f.Message, "the same plan creates module.trail_replace_with_hardened.hardened_cloudtrail.main in its place: not a regression") {
			found = true
		}
	}
	if !found {
		t.Errorf("no replaced note for the trail: %+v", r.Findings)
	}
}

// TestMotoTrailDifferences pins the two ways moto differs from AWS that the
// trail workflows work around (see the top of this file). When it fails, moto
// matches AWS: apply the trails in one step, in one region.
func TestMotoTrailDifferences(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	emu, err := emulator.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Stop()
	arns := motoTrails(ctx, t, emu.Endpoint, "us-east-1", "first-trail", "second-trail")
	got, err := describeTrails(ctx, emu.Endpoint, "us-east-1", arns[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Errorf("DescribeTrails([%s]) returned %v: moto now filters on trailNameList; one region for every trail case will do", arns[0], got)
	}
	if err := startTrailLogging(ctx, emu.Endpoint, "us-east-1", arns[0]); err == nil {
		t.Errorf("StartLogging by ARN succeeded: moto now accepts the ARN hashicorp/aws sends; the two-step apply can go")
	} else if !strings.Contains(err.Error(), "500") {
		t.Errorf("StartLogging by ARN: %v, want moto's HTTP 500", err)
	}
	if err := startTrailLogging(ctx, emu.Endpoint, "us-east-1", "first-trail"); err != nil {
		t.Errorf("StartLogging by name: %v", err)
	}
	if on, err := trailLogging(ctx, emu.Endpoint, "us-east-1", arns[0]); err != nil || !on {
		t.Errorf("GetTrailStatus by ARN after StartLogging by name: logging %v, %v; want true", on, err)
	}
	// Why v2 is never applied: StopLogging by ARN fails the same way, and
	// DeleteTrail by ARN answers 200 but deletes nothing.
	ct := cloudTrail(emu.Endpoint, "us-east-1")
	if _, err := ct.StopLogging(ctx, &cloudtrail.StopLoggingInput{Name: aws.String(arns[0])}); err == nil || !strings.Contains(err.Error(), "500") {
		t.Errorf("StopLogging by ARN: %v, want moto's HTTP 500", err)
	}
	if _, err := ct.DeleteTrail(ctx, &cloudtrail.DeleteTrailInput{Name: aws.String(arns[1])}); err != nil {
		t.Errorf("DeleteTrail by ARN: %v", err)
	}
	if got, err := describeTrails(ctx, emu.Endpoint, "us-east-1", arns[1]); err != nil || len(got) != 2 {
		t.Errorf("after DeleteTrail by ARN moto has trails %v (%v): it now deletes by ARN", got, err)
	}
}
