package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsCloudtrailMultiRegion checks that the trail covers every region and records
// all (read and write) management events.
type AwsCloudtrailMultiRegion struct{}

func (AwsCloudtrailMultiRegion) Metadata() engine.Metadata {
	c := controls.CloudTrailMultiRegion
	return engine.Metadata{
		ID:            "aws_cloudtrail_multi_region",
		Title:         c.Title,
		Severity:      c.Severity,
		Controls:      []controls.Control{c},
		Parts:         []engine.Part{{ID: "multi_region", Aliases: []string{"CKV_AWS_67", "AWS-0014"}}},
		ResourceTypes: []string{"aws_cloudtrail"},
		Rationale:     c.Rationale,
		Remediation:   remediation("hardened_cloudtrail does this by construction.", c),
	}
}

func (AwsCloudtrailMultiRegion) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	requireTrue(p, r, partOf(rep, "multi_region"), "is_multi_region_trail", false, "the trail records only its home region")
	r.Attr("event_selector").Each(func(i int, sel plan.Value) {
		if mgmt, ok := sel.Get("include_management_events").Bool(); ok && !mgmt {
			rep.Fail("event_selector", "event_selector[%d] excludes management events", i)
		}
		if rw, ok := sel.Get("read_write_type").Str(); ok && rw != "All" {
			rep.Fail("event_selector", "event_selector[%d] records only %s management events; use \"All\"", i, rw)
		}
	})
}
