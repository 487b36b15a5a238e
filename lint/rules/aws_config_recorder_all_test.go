package rules

import (
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsConfigRecorderAll(t *testing.T) {
	const r, s = "aws_config_configuration_recorder.main", "aws_config_configuration_recorder_status.main"
	recorder := func(group string) plantest.Res {
		return plantest.Res{Address: r, After: `{"name":"main","recording_group":[` + group + `]}`, Unknown: `{"role_arn":true}`, Set: []string{"recording_group"}}
	}
	runCases(t, AwsConfigRecorderAll{}, []ruleCase{
		{"everything, global resources included, passes", []plantest.Res{recorder(`{"all_supported":true,"include_global_resource_types":true,"resource_types":null}`)}, nil},
		{"a partial recorder fails twice", []plantest.Res{recorder(`{"all_supported":false,"include_global_resource_types":false,"resource_types":["AWS::EC2::Instance"]}`)},
			[]string{
				"fail " + r + " recording_group.all_supported: the recorder does not record all supported resource types",
				"fail " + r + " recording_group.include_global_resource_types: the recorder does not record global resources (IAM)",
			}},
		{"global resources left out fail", []plantest.Res{recorder(`{"all_supported":true,"include_global_resource_types":false}`)},
			[]string{"fail " + r + " recording_group.include_global_resource_types: does not record global resources"}},
		{"global resources recorded by another region's recorder pass (CIS: one region records them)", []plantest.Res{
			recorder(`{"all_supported":true,"include_global_resource_types":false}`),
			{Address: "aws_config_configuration_recorder.home", After: `{"name":"home","recording_group":[{"all_supported":true,"include_global_resource_types":true}]}`}}, nil},
		{"two recorders both leaving global resources out both fail", []plantest.Res{
			recorder(`{"all_supported":true,"include_global_resource_types":false}`),
			{Address: "aws_config_configuration_recorder.other", After: `{"name":"other","recording_group":[{"all_supported":true,"include_global_resource_types":false}]}`}},
			[]string{"fail " + r + " recording_group.include_global_resource_types: does not record global resources",
				"fail aws_config_configuration_recorder.other recording_group.include_global_resource_types: does not record global resources"}},
		{"global resources left unset fail (the default is false)", []plantest.Res{recorder(`{"all_supported":true,"include_global_resource_types":null,"resource_types":null}`)},
			[]string{"fail " + r + " recording_group.include_global_resource_types: the recorder does not record global resources (IAM) (not set, and the default is false)"}},
		{"no recording group (shown as known after apply) records no global resources", []plantest.Res{{Address: r, After: `{"name":"main"}`,
			Unknown: `{"recording_group":true,"role_arn":true}`}},
			[]string{"fail " + r + " recording_group.include_global_resource_types: (not set, and the default is false)"}},
		{"a recording group computed during apply is unknown", []plantest.Res{{Address: r, After: `{"name":"main"}`,
			Unknown: `{"recording_group":[{"all_supported":true,"include_global_resource_types":true}]}`, Set: []string{"recording_group"}}},
			[]string{
				"unknown " + r + " recording_group.all_supported: recording_group.all_supported is computed during apply",
				"unknown " + r + " recording_group.include_global_resource_types: recording_group.include_global_resource_types is computed during apply",
			}},
		{"an enabled recorder passes", []plantest.Res{{Address: s, After: `{"name":"main","is_enabled":true}`}}, nil},
		{"a stopped recorder fails", []plantest.Res{{Address: s, After: `{"name":"main","is_enabled":false}`}},
			[]string{"fail " + s + " is_enabled: the Config recorder is stopped"}},
		{"a status computed during apply is unknown", []plantest.Res{{Address: s, After: `{"name":"main"}`, Unknown: `{"is_enabled":true}`, Set: []string{"is_enabled"}}},
			[]string{"unknown " + s + " is_enabled: is_enabled is computed during apply"}},
	})
}

// The remediation names the provider resource that sets the recorder up right.
func TestAwsConfigRecorderAll_remediationNamesResource(t *testing.T) {
	if r := (AwsConfigRecorderAll{}).Metadata().Remediation; !strings.Contains(r, "hardened_config_recorder") {
		t.Errorf("remediation %q does not name hardened_config_recorder", r)
	}
}
