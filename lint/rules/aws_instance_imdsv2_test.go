package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

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
