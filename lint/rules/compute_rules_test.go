package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsEBSVolumeEncryption(t *testing.T) {
	const v, i = "aws_ebs_volume.data", "aws_instance.web"
	byDefault := plantest.Res{Address: "aws_ebs_encryption_by_default.on", After: `{"enabled":true}`}
	runCases(t, AwsEBSVolumeEncryption{}, []ruleCase{
		{"encrypted volume passes", []plantest.Res{{Address: v, After: `{"encrypted":true}`}}, nil},
		{"encrypted = false fails", []plantest.Res{{Address: v, After: `{"encrypted":false}`}},
			[]string{"fail " + v + " encrypted: not encrypted (encrypted = false)"}},
		{"unset (shown as known after apply) fails", []plantest.Res{{Address: v, After: `{}`, Unknown: `{"encrypted":true}`}},
			[]string{"fail " + v + " encrypted: does not set encrypted = true"}},
		{"unset passes with encryption by default in the plan", []plantest.Res{{Address: v, After: `{}`, Unknown: `{"encrypted":true}`}, byDefault}, nil},
		{"encrypted = false still fails with encryption by default", []plantest.Res{{Address: v, After: `{"encrypted":false}`}, byDefault},
			[]string{"fail " + v + " encrypted: encrypted = false"}},
		{"from a computed value is unknown", []plantest.Res{{Address: v, After: `{}`, Unknown: `{"encrypted":true}`, Set: []string{"encrypted"}}},
			[]string{"unknown " + v + " encrypted: computed during apply"}},
		{"instance with encrypted root and data volumes passes", []plantest.Res{{Address: i,
			After: `{"root_block_device":[{"encrypted":true}],"ebs_block_device":[{"device_name":"/dev/sdf","encrypted":true}]}`}}, nil},
		{"instance without a root_block_device fails", []plantest.Res{{Address: i, After: `{"ami":"ami-1"}`, Unknown: `{"root_block_device":true}`}},
			[]string{"fail " + i + " root_block_device: the root volume does not set encrypted = true"}},
		{"instance with an unencrypted data volume fails", []plantest.Res{{Address: i,
			After: `{"root_block_device":[{"encrypted":true}],"ebs_block_device":[{"device_name":"/dev/sdf","encrypted":false}]}`}},
			[]string{"fail " + i + " ebs_block_device.encrypted: an attached data volume is not encrypted"}},
	})
}

func TestAwsEBSEncryptionByDefault(t *testing.T) {
	const r = "aws_ebs_encryption_by_default.this"
	runCases(t, AwsEBSEncryptionByDefault{}, []ruleCase{
		{"enabled passes", []plantest.Res{{Address: r, After: `{"enabled":true}`}}, nil},
		{"unset passes (the resource's default is true)", []plantest.Res{{Address: r, After: `{}`}}, nil},
		{"disabled fails", []plantest.Res{{Address: r, After: `{"enabled":false}`}},
			[]string{"fail " + r + " enabled: turned off"}},
		{"from a computed value is unknown", []plantest.Res{{Address: r, After: `{}`, Unknown: `{"enabled":true}`, Set: []string{"enabled"}}},
			[]string{"unknown " + r + " enabled: computed during apply"}},
	})
}

func TestAwsInstanceIMDSv2(t *testing.T) {
	const i, lt = "aws_instance.web", "aws_launch_template.web"
	runCases(t, AwsInstanceIMDSv2{}, []ruleCase{
		{"tokens required passes", []plantest.Res{{Address: i, After: `{"metadata_options":[{"http_endpoint":"enabled","http_tokens":"required"}]}`}}, nil},
		{"launch template with tokens required passes", []plantest.Res{{Address: lt, After: `{"metadata_options":[{"http_tokens":"required"}]}`}}, nil},
		{"optional tokens fail", []plantest.Res{{Address: i, After: `{"metadata_options":[{"http_endpoint":"enabled","http_tokens":"optional"}]}`}},
			[]string{"fail " + i + " metadata_options.http_tokens: \"optional\": IMDSv1 stays available"}},
		{"no metadata_options fails", []plantest.Res{{Address: i, After: `{}`, Unknown: `{"metadata_options":true}`}},
			[]string{"fail " + i + " metadata_options.http_tokens: does not set http_tokens"}},
		{"metadata service disabled passes", []plantest.Res{{Address: i, After: `{"metadata_options":[{"http_endpoint":"disabled"}]}`,
			Unknown: `{"metadata_options":[{"http_tokens":true}]}`}}, nil},
		{"tokens from a computed value are unknown", []plantest.Res{{Address: i, After: `{"metadata_options":[{"http_endpoint":"enabled"}]}`,
			Unknown: `{"metadata_options":[{"http_tokens":true}]}`, Set: []string{"metadata_options"}}},
			[]string{"unknown " + i + " metadata_options.http_tokens: computed during apply"}},
	})
}

func TestAwsKMSKeyRotation(t *testing.T) {
	const k = "aws_kms_key.k"
	runCases(t, AwsKMSKeyRotation{}, []ruleCase{
		{"rotation on passes", []plantest.Res{{Address: k, After: `{"enable_key_rotation":true}`}}, nil},
		{"rotation off fails", []plantest.Res{{Address: k, After: `{"enable_key_rotation":false}`}},
			[]string{"fail " + k + " enable_key_rotation: automatic key rotation is off"}},
		{"unset fails (the default is false)", []plantest.Res{{Address: k, After: `{"customer_master_key_spec":"SYMMETRIC_DEFAULT"}`}},
			[]string{"fail " + k + " enable_key_rotation: not set, and the default is false"}},
		{"asymmetric keys cannot rotate and are not judged", []plantest.Res{{Address: k, After: `{"customer_master_key_spec":"RSA_2048","key_usage":"SIGN_VERIFY"}`}}, nil},
		{"HMAC keys are not judged", []plantest.Res{{Address: k, After: `{"customer_master_key_spec":"HMAC_256","key_usage":"GENERATE_VERIFY_MAC"}`}}, nil},
		{"from a computed value is unknown", []plantest.Res{{Address: k, After: `{}`, Unknown: `{"enable_key_rotation":true}`, Set: []string{"enable_key_rotation"}}},
			[]string{"unknown " + k + " enable_key_rotation: computed during apply"}},
	})
}

func TestAwsVPCFlowLogs(t *testing.T) {
	const v = "module.net.aws_vpc.main"
	flow := func(addr string) plantest.Res {
		return plantest.Res{Address: addr, After: `{"traffic_type":"ALL"}`, Unknown: `{"vpc_id":true}`,
			Refs: map[string][]string{"vpc_id": {"aws_vpc.main.id", "aws_vpc.main"}}}
	}
	vpc := plantest.Res{Address: v, After: `{"cidr_block":"10.0.0.0/16"}`, Unknown: `{"id":true}`}
	runCases(t, AwsVPCFlowLogs{}, []ruleCase{
		{"a flow log in the same module passes", []plantest.Res{vpc, flow("module.net.aws_flow_log.all")}, nil},
		{"no flow log fails", []plantest.Res{vpc},
			[]string{"fail " + v + ": no aws_flow_log"}},
		{"a flow log of another VPC does not count", []plantest.Res{vpc, {Address: "module.net.aws_vpc.other", After: `{}`},
			{Address: "module.net.aws_flow_log.other", After: `{}`, Unknown: `{"vpc_id":true}`, Refs: map[string][]string{"vpc_id": {"aws_vpc.other.id", "aws_vpc.other"}}}},
			[]string{"fail " + v + ": no aws_flow_log"}},
		{"a flow log naming the VPC by a known ID passes", []plantest.Res{{Address: "aws_vpc.known", After: `{"id":"vpc-0123"}`},
			{Address: "aws_flow_log.f", After: `{"vpc_id":"vpc-0123"}`}}, nil},
	})
}
