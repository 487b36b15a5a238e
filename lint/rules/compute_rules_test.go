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

func TestAwsEBSEncryptionByDefault(t *testing.T) {
	const d = "aws_ebs_encryption_by_default.d"
	runCases(t, AwsEBSEncryptionByDefault{}, []ruleCase{
		{"enabled passes", []plantest.Res{{Address: d, After: `{"enabled":true}`}}, nil},
		{"disabled fails", []plantest.Res{{Address: d, After: `{"enabled":false}`}},
			[]string{"fail " + d + " enabled: EBS encryption by default is turned off"}},
		{"unset passes (the provider's default is true)", []plantest.Res{{Address: d, After: `{}`}}, nil},
		{"from a computed value is unknown", []plantest.Res{{Address: d, After: `{}`, Unknown: `{"enabled":true}`, Set: []string{"enabled"}}},
			[]string{"unknown " + d + " enabled: enabled is computed during apply"}},
	})
}

func TestAwsInstanceIMDSv2(t *testing.T) {
	const i, lt = "aws_instance.i", "aws_launch_template.lt"
	runCases(t, AwsInstanceIMDSv2{}, []ruleCase{
		{"required tokens pass", []plantest.Res{{Address: i, After: `{"metadata_options":[{"http_endpoint":"enabled","http_tokens":"required"}]}`}}, nil},
		{"optional tokens fail", []plantest.Res{{Address: i, After: `{"metadata_options":[{"http_endpoint":"enabled","http_tokens":"optional"}]}`}},
			[]string{"fail " + i + ` metadata_options.http_tokens: http_tokens is "optional": IMDSv1 stays available`}},
		{"a launch template with optional tokens fails", []plantest.Res{{Address: lt, After: `{"metadata_options":[{"http_tokens":"optional"}]}`}},
			[]string{"fail " + lt + ` metadata_options.http_tokens: http_tokens is "optional"`}},
		{"a launch template with required tokens passes", []plantest.Res{{Address: lt, After: `{"metadata_options":[{"http_tokens":"required"}]}`}}, nil},
		{"no metadata_options (shown as known after apply) fails", []plantest.Res{{Address: i, After: `{}`, Unknown: `{"metadata_options":true}`}},
			[]string{"fail " + i + ` metadata_options.http_tokens: metadata_options does not set http_tokens = "required"`}},
		{"a launch template without metadata_options fails", []plantest.Res{{Address: lt, After: `{"metadata_options":[]}`}},
			[]string{"fail " + lt + " metadata_options.http_tokens: does not set http_tokens"}},
		{"the metadata service turned off passes", []plantest.Res{{Address: i, After: `{"metadata_options":[{"http_endpoint":"disabled"}]}`,
			Unknown: `{"metadata_options":[{"http_tokens":true}]}`, Set: []string{"metadata_options"}}}, nil},
		{"metadata_options without http_tokens (shown as known after apply) fails", []plantest.Res{{Address: i,
			After:   `{"metadata_options":[{"http_endpoint":"enabled","http_put_response_hop_limit":1}]}`,
			Unknown: `{"metadata_options":[{"http_tokens":true}]}`, Set: []string{"metadata_options"}}},
			[]string{"fail " + i + ` metadata_options.http_tokens: metadata_options does not set http_tokens = "required"`}},
		{"http_tokens from a computed value is unknown", []plantest.Res{{Address: i,
			After: `{"metadata_options":[{"http_endpoint":"enabled"}]}`, Unknown: `{"metadata_options":[{"http_tokens":true}]}`,
			NestedRefs: map[string][]string{"metadata_options.http_tokens": {"aws_ssm_parameter.imds.value"}}}},
			[]string{"unknown " + i + " metadata_options.http_tokens: http_tokens is computed during apply"}},
	})
}

func TestAwsKMSKeyRotation(t *testing.T) {
	const k = "aws_kms_key.k"
	runCases(t, AwsKMSKeyRotation{}, []ruleCase{
		{"rotation on passes", []plantest.Res{{Address: k, After: `{"customer_master_key_spec":"SYMMETRIC_DEFAULT","key_usage":"ENCRYPT_DECRYPT","enable_key_rotation":true}`}}, nil},
		{"rotation off fails", []plantest.Res{{Address: k, After: `{"customer_master_key_spec":"SYMMETRIC_DEFAULT","key_usage":"ENCRYPT_DECRYPT","enable_key_rotation":false}`}},
			[]string{"fail " + k + " enable_key_rotation: automatic key rotation is off"}},
		{"unset fails (the default is false)", []plantest.Res{{Address: k, After: `{"description":"data"}`}},
			[]string{"fail " + k + " enable_key_rotation: automatic key rotation is off (not set, and the default is false)"}},
		{"from a computed value is unknown", []plantest.Res{{Address: k, After: `{}`, Unknown: `{"enable_key_rotation":true}`, Set: []string{"enable_key_rotation"}}},
			[]string{"unknown " + k + " enable_key_rotation: enable_key_rotation is computed during apply"}},
		{"an asymmetric signing key is not rotated by AWS", []plantest.Res{{Address: k,
			After: `{"customer_master_key_spec":"RSA_2048","key_usage":"SIGN_VERIFY","enable_key_rotation":false}`}}, nil},
		{"an HMAC key is not rotated by AWS", []plantest.Res{{Address: k,
			After: `{"customer_master_key_spec":"HMAC_256","key_usage":"GENERATE_VERIFY_MAC","enable_key_rotation":false}`}}, nil},
	})
}

func TestAwsVPCFlowLogs(t *testing.T) {
	vpc := func(addr string) plantest.Res {
		return plantest.Res{Address: addr, After: `{"cidr_block":"10.0.0.0/16"}`, Unknown: `{"id":true}`}
	}
	flowLog := func(addr, attr string, refs ...string) plantest.Res {
		return plantest.Res{Address: addr, After: `{"traffic_type":"ALL"}`, Unknown: `{"` + attr + `":true}`, Refs: map[string][]string{attr: refs}}
	}
	runCases(t, AwsVPCFlowLogs{}, []ruleCase{
		{"a flow log on the VPC passes", []plantest.Res{vpc("aws_vpc.main"), flowLog("aws_flow_log.main", "vpc_id", "aws_vpc.main.id", "aws_vpc.main")}, nil},
		{"a VPC alone fails", []plantest.Res{vpc("aws_vpc.main")},
			[]string{"fail aws_vpc.main: no aws_flow_log in the plan records this VPC's traffic"}},
		{"a flow log of another VPC does not count", []plantest.Res{vpc("aws_vpc.main"), {Address: "aws_flow_log.other", After: `{"vpc_id":"vpc-0123456789abcdef0"}`}},
			[]string{"fail aws_vpc.main: no aws_flow_log"}},
		{"a flow log of one subnet does not cover the VPC", []plantest.Res{vpc("aws_vpc.main"), {Address: "aws_subnet.a", After: `{}`, Unknown: `{"id":true}`},
			flowLog("aws_flow_log.subnet", "subnet_id", "aws_subnet.a.id", "aws_subnet.a")},
			[]string{"fail aws_vpc.main: no aws_flow_log"}},
		{"each VPC needs its own", []plantest.Res{vpc("aws_vpc.main"), vpc("aws_vpc.second"), flowLog("aws_flow_log.main", "vpc_id", "aws_vpc.main.id", "aws_vpc.main")},
			[]string{"fail aws_vpc.second: no aws_flow_log"}},
		{"for_each VPCs and flow logs are matched by key", []plantest.Res{vpc(`aws_vpc.env["prod"]`), vpc(`aws_vpc.env["dev"]`),
			flowLog(`aws_flow_log.env["prod"]`, "vpc_id", "aws_vpc.env")},
			[]string{`fail aws_vpc.env["dev"]: no aws_flow_log`}},
		{"a flow log in the VPC's module passes", []plantest.Res{vpc("module.net.aws_vpc.this"),
			flowLog("module.net.aws_flow_log.this", "vpc_id", "aws_vpc.this.id", "aws_vpc.this")}, nil},
	})
}
