package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsEBSVolumeEncryption(t *testing.T) {
	const v, i = "aws_ebs_volume.v", "aws_instance.i"
	byDefault := func(on bool) plantest.Res {
		after := `{"enabled":false}`
		if on {
			after = `{"enabled":true}`
		}
		return plantest.Res{Address: "aws_ebs_encryption_by_default.d", After: after}
	}
	runCases(t, AwsEBSVolumeEncryption{}, []ruleCase{
		{"an encrypted volume passes", []plantest.Res{{Address: v, After: `{"size":50,"encrypted":true}`}}, nil},
		{"encrypted = false fails", []plantest.Res{{Address: v, After: `{"size":50,"encrypted":false}`}},
			[]string{"fail " + v + " encrypted: the volume is not encrypted (encrypted = false)"}},
		{"unset (shown as known after apply) fails", []plantest.Res{{Address: v, After: `{"size":50}`, Unknown: `{"encrypted":true}`}},
			[]string{"fail " + v + " encrypted: the volume does not set encrypted = true, and the plan does not turn on EBS encryption by default"}},
		{"unset with encryption by default on passes", []plantest.Res{{Address: v, After: `{"size":50}`, Unknown: `{"encrypted":true}`}, byDefault(true)}, nil},
		{"unset with encryption by default off fails", []plantest.Res{{Address: v, After: `{"size":50}`, Unknown: `{"encrypted":true}`}, byDefault(false)},
			[]string{"fail " + v + " encrypted: does not set encrypted = true"}},
		{"an explicit false fails even with encryption by default on", []plantest.Res{{Address: v, After: `{"encrypted":false}`}, byDefault(true)},
			[]string{"fail " + v + " encrypted: the volume is not encrypted (encrypted = false)"}},
		{"from a computed value is unknown", []plantest.Res{{Address: v, After: `{}`, Unknown: `{"encrypted":true}`, Set: []string{"encrypted"}}},
			[]string{"unknown " + v + " encrypted: whether the volume is encrypted is computed during apply"}},
		{"a computed value with encryption by default on passes", []plantest.Res{{Address: v, After: `{}`, Unknown: `{"encrypted":true}`, Set: []string{"encrypted"}}, byDefault(true)}, nil},

		{"an instance with encrypted root and data volumes passes", []plantest.Res{{Address: i,
			After: `{"root_block_device":[{"encrypted":true}],"ebs_block_device":[{"device_name":"/dev/sdf","encrypted":true}]}`}}, nil},
		{"an unencrypted root volume fails", []plantest.Res{{Address: i, After: `{"root_block_device":[{"encrypted":false,"volume_size":30}]}`}},
			[]string{"fail " + i + " root_block_device.encrypted: the root volume is not encrypted (encrypted = false)"}},
		{"no root_block_device (the AMI's unencrypted default) fails", []plantest.Res{{Address: i, After: `{"ami":"ami-0123456789abcdef0"}`,
			Unknown: `{"root_block_device":true,"ebs_block_device":true}`}},
			[]string{"fail " + i + " root_block_device: the root volume does not set encrypted = true"}},
		{"a root_block_device without encrypted fails", []plantest.Res{{Address: i, After: `{"root_block_device":[{"volume_size":30}]}`,
			Unknown: `{"root_block_device":[{"encrypted":true}]}`, Set: []string{"root_block_device"}}},
			[]string{"fail " + i + " root_block_device.encrypted: the root volume does not set encrypted = true"}},
		{"the default root volume with encryption by default on passes", []plantest.Res{{Address: i, After: `{}`,
			Unknown: `{"root_block_device":true}`}, byDefault(true)}, nil},
		{"an unencrypted data volume fails", []plantest.Res{{Address: i,
			After: `{"root_block_device":[{"encrypted":true}],"ebs_block_device":[{"device_name":"/dev/sdf","encrypted":true},{"device_name":"/dev/sdg","encrypted":false}]}`}},
			[]string{"fail " + i + " ebs_block_device.encrypted: an attached data volume is not encrypted (encrypted = false)"}},
		{"instances in a module are checked too", []plantest.Res{{Address: `module.app["web"].aws_instance.i[0]`, After: `{"root_block_device":[{"encrypted":false}]}`}},
			[]string{`fail module.app["web"].aws_instance.i[0] root_block_device.encrypted: not encrypted`}},
		{"a root volume's encrypted from a computed value is unknown", []plantest.Res{{Address: i,
			After: `{"root_block_device":[{"volume_size":30}]}`, Unknown: `{"root_block_device":[{"encrypted":true}]}`,
			NestedRefs: map[string][]string{"root_block_device.encrypted": {"local.encrypt"}}}},
			[]string{"unknown " + i + " root_block_device.encrypted: whether the root volume is encrypted is computed during apply"}},
	})
}
