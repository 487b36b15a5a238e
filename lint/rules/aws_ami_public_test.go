package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsAMIPublic(t *testing.T) {
	const a = "aws_ami_launch_permission.p"
	perm := func(after string) []plantest.Res {
		return []plantest.Res{{Address: a, After: after}}
	}
	runCases(t, AwsAMIPublic{}, []ruleCase{
		{"sharing with everyone fails", perm(`{"image_id":"ami-0a1b2c3d4e5f67890","group":"all","account_id":null}`),
			[]string{"fail " + a + ` group: the AMI is shared with everyone (group = "all")`}},
		{"sharing with an account passes", perm(`{"image_id":"ami-0a1b2c3d4e5f67890","group":null,"account_id":"210987654321"}`), nil},
		{"sharing with the organization passes", perm(`{"image_id":"ami-0a1b2c3d4e5f67890","organization_arn":"arn:aws:organizations::123456789012:organization/o-a1b2c3d4e5"}`), nil},
		{"sharing with an OU passes", perm(`{"image_id":"ami-0a1b2c3d4e5f67890","organizational_unit_arn":"arn:aws:organizations::123456789012:ou/o-a1b2c3d4e5/ou-ab12-cd34ef56"}`), nil},
	})
}
