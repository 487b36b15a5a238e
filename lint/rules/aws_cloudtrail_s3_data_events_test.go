package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudtrailS3DataEvents(t *testing.T) {
	runCases(t, AwsCloudtrailS3DataEvents{}, []ruleCase{
		{"a basic S3 data selector passes", []plantest.Res{ct(`{"event_selector":[{"read_write_type":"All","data_resource":[{"type":"AWS::S3::Object","values":["arn:aws:s3"]}]}]}`, ``)}, nil},
		{"an advanced selector passes", []plantest.Res{ct(`{"advanced_event_selector":[{"field_selector":[{"field":"eventCategory","equals":["Data"]},{"field":"resources.type","equals":["AWS::S3::Object"]}]}]}`, ``)}, nil},
		{"another trail recording them covers the account", []plantest.Res{ct(`{}`, ``),
			{Address: "aws_cloudtrail.data", After: `{"event_selector":[{"data_resource":[{"type":"AWS::S3::Object","values":["arn:aws:s3"]}]}]}`}}, nil},
		{"a hardened_cloudtrail with s3_data_events covers the account", []plantest.Res{ct(`{}`, ``),
			{Address: "hardened_cloudtrail.org", After: `{"name":"org","s3_data_events":"write"}`}}, nil},
		{"management events only fail", []plantest.Res{ct(`{"event_selector":[{"read_write_type":"All","include_management_events":true,"data_resource":[]}]}`, ``)},
			[]string{"fail " + trail + " event_selector: no trail in the plan records S3 object-level"}},
		{"Lambda data events only fail", []plantest.Res{ct(`{"event_selector":[{"data_resource":[{"type":"AWS::Lambda::Function","values":["arn:aws:lambda"]}]}]}`, ``)},
			[]string{"fail " + trail + " event_selector: S3 object-level"}},
		// Plan-wide: reported once, on the first trail judged, not under every trail.
		{"two trails without S3 data events fail once", []plantest.Res{
			{Address: "aws_cloudtrail.a", After: `{"name":"a"}`}, {Address: "aws_cloudtrail.b", After: `{"name":"b"}`}},
			[]string{"fail aws_cloudtrail.a event_selector: no trail in the plan records S3 object-level"}},
	})
}
