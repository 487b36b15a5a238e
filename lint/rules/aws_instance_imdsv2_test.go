package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsInstanceIMDSv2(t *testing.T) {
	const i, lt, lc = "aws_instance.i", "aws_launch_template.lt", "aws_launch_configuration.lc"
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

		{"a launch configuration with optional tokens fails", []plantest.Res{{Address: lc, After: `{"metadata_options":[{"http_endpoint":"enabled","http_tokens":"optional"}]}`}},
			[]string{"fail " + lc + ` metadata_options.http_tokens: http_tokens is "optional": IMDSv1 stays available`}},
		{"a launch configuration with required tokens passes", []plantest.Res{{Address: lc, After: `{"metadata_options":[{"http_endpoint":"enabled","http_tokens":"required"}]}`}}, nil},
		{"a launch configuration without metadata_options fails", []plantest.Res{{Address: lc, After: `{}`, Unknown: `{"metadata_options":true}`}},
			[]string{"fail " + lc + ` metadata_options.http_tokens: metadata_options does not set http_tokens = "required"`}},
		{"a launch configuration with the metadata service off passes", []plantest.Res{{Address: lc, After: `{"metadata_options":[{"http_endpoint":"disabled"}]}`,
			Unknown: `{"metadata_options":[{"http_tokens":true}]}`, Set: []string{"metadata_options"}}}, nil},

		// An instance launched from a template, leaving metadata_options to it.
		{"an instance from a template requiring tokens passes", fromTemplate(`{"metadata_options":[{"http_tokens":"required"}]}`), nil},
		{"an instance from a template with optional tokens fails", fromTemplate(`{"metadata_options":[{"http_tokens":"optional"}]}`),
			[]string{
				"fail " + i + ` metadata_options.http_tokens: the instance takes metadata_options from aws_launch_template.web, whose http_tokens is "optional"`,
				"fail aws_launch_template.web metadata_options.http_tokens: http_tokens is \"optional\"",
			}},
		{"an instance from a template without metadata_options fails", fromTemplate(`{"metadata_options":[]}`),
			[]string{
				"fail " + i + ` metadata_options.http_tokens: neither the instance nor its launch template aws_launch_template.web sets http_tokens = "required"`,
				"fail aws_launch_template.web metadata_options.http_tokens: does not set http_tokens",
			}},
		{"an instance from a template whose tokens are computed is unknown", []plantest.Res{instanceFromTemplate(),
			{Address: "aws_launch_template.web", After: `{"name":"web","metadata_options":[{"http_endpoint":"enabled"}]}`, Unknown: `{"id":true,"metadata_options":[{"http_tokens":true}]}`,
				NestedRefs: map[string][]string{"metadata_options.http_tokens": {"var.tokens"}}}},
			[]string{
				"unknown " + i + " metadata_options.http_tokens: the instance takes metadata_options from aws_launch_template.web, whose http_tokens is computed during apply",
				"unknown aws_launch_template.web metadata_options.http_tokens: http_tokens is computed during apply",
			}},
		{"the instance's own required tokens override its template's", append(fromTemplate(`{"metadata_options":[{"http_tokens":"optional"}]}`)[1:],
			plantest.Res{Address: i, After: `{"launch_template":[{"version":"$Latest"}],"metadata_options":[{"http_endpoint":"enabled","http_tokens":"required"}]}`,
				Unknown: `{"launch_template":[{"id":true}]}`, NestedRefs: map[string][]string{"launch_template.id": {"aws_launch_template.web.id", "aws_launch_template.web"}}}),
			[]string{"fail aws_launch_template.web metadata_options.http_tokens: http_tokens is \"optional\""}},
		{"an instance's own metadata_options without http_tokens replace its template's", append(fromTemplate(`{"metadata_options":[{"http_tokens":"required"}]}`)[1:],
			plantest.Res{Address: i, After: `{"launch_template":[{"version":"$Latest"}],"metadata_options":[{"http_endpoint":"enabled","http_put_response_hop_limit":2}]}`,
				Unknown: `{"launch_template":[{"id":true}],"metadata_options":[{"http_tokens":true}]}`, Set: []string{"metadata_options"},
				NestedRefs: map[string][]string{"launch_template.id": {"aws_launch_template.web.id", "aws_launch_template.web"}}}),
			[]string{"fail " + i + ` metadata_options.http_tokens: metadata_options does not set http_tokens = "required"`}},
		{"a template named by value is found", []plantest.Res{
			{Address: i, After: `{"launch_template":[{"name":"web","version":"$Latest"}]}`, Unknown: `{"metadata_options":true,"launch_template":[{"id":true}]}`},
			{Address: "aws_launch_template.web", After: `{"name":"web","metadata_options":[{"http_tokens":"optional"}]}`, Unknown: `{"id":true}`}},
			[]string{
				"fail " + i + " metadata_options.http_tokens: the instance takes metadata_options from aws_launch_template.web",
				"fail aws_launch_template.web metadata_options.http_tokens: http_tokens is \"optional\"",
			}},
		{"a template outside the plan is unknown", []plantest.Res{{Address: i, After: `{"launch_template":[{"id":"lt-0123456789abcdef0","version":"$Default"}]}`,
			Unknown: `{"metadata_options":true}`}},
			[]string{"unknown " + i + " metadata_options.http_tokens: metadata_options comes from a launch template that is not in the plan"}},
	})
}

// instanceFromTemplate is an instance that sets no metadata_options and is launched
// from aws_launch_template.web: the plan shows its metadata_options as known after apply.
func instanceFromTemplate() plantest.Res {
	return plantest.Res{Address: "aws_instance.i", After: `{"launch_template":[{"version":"$Latest"}]}`,
		Unknown:    `{"metadata_options":true,"launch_template":[{"id":true,"name":true}]}`,
		NestedRefs: map[string][]string{"launch_template.id": {"aws_launch_template.web.id", "aws_launch_template.web"}}}
}

// fromTemplate is instanceFromTemplate and its template, whose after object is given.
func fromTemplate(template string) []plantest.Res {
	return []plantest.Res{instanceFromTemplate(), {Address: "aws_launch_template.web", After: template, Unknown: `{"id":true}`}}
}
