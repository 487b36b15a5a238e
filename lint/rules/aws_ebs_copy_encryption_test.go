package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsEBSCopyEncryption(t *testing.T) {
	runCases(t, AwsEBSCopyEncryption{}, []ruleCase{
		{"encrypted snapshot copy passes", []plantest.Res{{Address: "aws_ebs_snapshot_copy.dr", After: `{"encrypted":true}`}}, nil},
		{"unencrypted snapshot copy fails", []plantest.Res{{Address: "aws_ebs_snapshot_copy.dr", After: `{"encrypted":false}`}},
			[]string{"fail aws_ebs_snapshot_copy.dr encrypted: not encrypted"}},
		{"AMI copy left unset fails", []plantest.Res{{Address: "aws_ami_copy.img", After: `{}`}},
			[]string{"fail aws_ami_copy.img encrypted: not encrypted (not set"}},
	})
}
