package rules

import (
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan/plantest"
)

func TestAwsCloudtrailMultiRegion(t *testing.T) {
	runCases(t, AwsCloudtrailMultiRegion{}, []ruleCase{
		{"multi-region passes", []plantest.Res{ct(`{"is_multi_region_trail":true}`, ``)}, nil},
		{"single region fails", []plantest.Res{ct(`{"is_multi_region_trail":false}`, ``)},
			[]string{"fail " + trail + " is_multi_region_trail: only its home region"}},
		{"write-only management events fail", []plantest.Res{ct(`{"is_multi_region_trail":true,"event_selector":[{"read_write_type":"WriteOnly","include_management_events":true}]}`, ``)},
			[]string{"fail " + trail + " event_selector: only WriteOnly"}},
		{"from a computed value is unknown", []plantest.Res{ct(`{}`, `{"is_multi_region_trail":true}`, "is_multi_region_trail")},
			[]string{"unknown " + trail + " is_multi_region_trail: computed during apply"}},
	})
}
