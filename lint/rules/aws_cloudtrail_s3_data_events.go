package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudtrailS3DataEvents requires S3 object-level events in some trail of the plan.
type AwsCloudtrailS3DataEvents struct{}

func (AwsCloudtrailS3DataEvents) Metadata() engine.Metadata {
	c := controls.CloudTrailS3WriteDataEvents
	return engine.Metadata{
		ID:            "aws_cloudtrail_s3_data_events",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c, controls.CloudTrailS3ReadDataEvents},
		PlanWide:      true,
		ResourceTypes: []string{"aws_cloudtrail"},
		Rationale:     c.Rationale,
		Remediation:   remediation("", c),
	}
}

// recordsS3Objects reports a trail with a basic or advanced selector on S3 objects.
func recordsS3Objects(t *plan.Resource) bool {
	found := false
	t.Attr("event_selector").Each(func(_ int, sel plan.Value) {
		sel.Get("data_resource").Each(func(_ int, d plan.Value) {
			if s, _ := d.Get("type").Str(); s == "AWS::S3::Object" {
				found = true
			}
		})
	})
	t.Attr("advanced_event_selector").Each(func(_ int, sel plan.Value) {
		sel.Get("field_selector").Each(func(_ int, f plan.Value) {
			if field, _ := f.Get("field").Str(); field != "resources.type" {
				return
			}
			if vals, _ := f.Get("equals").Strings(); len(vals) > 0 {
				for _, v := range vals {
					if v == "AWS::S3::Object" {
						found = true
					}
				}
			}
		})
	})
	return found
}

// anyTrailRecordsS3Objects answers once per plan (not once per trail, which would
// be quadratic) whether some trail records S3 object events.
func anyTrailRecordsS3Objects(p *plan.Plan) bool {
	covered, _ := p.Memo("any-trail-records-s3-objects", func() any {
		for _, t := range p.OfType("aws_cloudtrail") {
			if recordsS3Objects(t) {
				return true
			}
		}
		for _, t := range p.OfType("hardened_cloudtrail") {
			if s, _ := t.Attr("s3_data_events").Str(); s == "write" || s == "all" {
				return true
			}
		}
		return false
	}).(bool)
	return covered
}

func (AwsCloudtrailS3DataEvents) Check(p *plan.Plan, _ *plan.Resource, rep *engine.Reporter) {
	if anyTrailRecordsS3Objects(p) {
		return // one trail recording S3 object events covers the account
	}
	rep.FailPlanWide("event_selector", "no trail in the plan records S3 object-level (data) events")
}
