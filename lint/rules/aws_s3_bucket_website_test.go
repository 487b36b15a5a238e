package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsS3BucketWebsite(t *testing.T) {
	runCases(t, AwsS3BucketWebsite{}, []ruleCase{
		{"a plain bucket passes", []plantest.Res{{Address: "aws_s3_bucket.b", After: `{"bucket":"b","website":[]}`}}, nil},
		{"an inline website fails", []plantest.Res{{Address: "aws_s3_bucket.b", After: `{"bucket":"b","website":[{"index_document":"index.html"}]}`}},
			[]string{"fail aws_s3_bucket.b website: static website"}},
		{"a website configuration fails", []plantest.Res{{Address: "aws_s3_bucket_website_configuration.w", After: `{"bucket":"b"}`}},
			[]string{"fail aws_s3_bucket_website_configuration.w: static website"}},
	})
}
