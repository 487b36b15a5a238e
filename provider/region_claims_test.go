package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// One configured provider refuses a region claimed twice for one resource type,
// names only the regions taken, and keeps resource types apart.
func TestRegionClaims(t *testing.T) {
	c := newRegionClaims()
	var diags diag.Diagnostics
	if !claimRegions(c, "hardened_guardduty", "GuardDuty detector", []string{"us-east-1", "eu-west-1"}, &diags) {
		t.Fatalf("first claim refused: %v", diags)
	}
	if !claimRegions(c, "hardened_config_recorder", "recorder", []string{"eu-west-1"}, &diags) {
		t.Fatalf("another resource type refused: %v", diags)
	}
	if claimRegions(c, "hardened_guardduty", "GuardDuty detector", []string{"us-west-2", "eu-west-1"}, &diags) {
		t.Fatal("a region claimed twice was accepted")
	}
	detail := diags.Errors()[0].Detail()
	if !strings.Contains(detail, "already governs eu-west-1.") || strings.Contains(detail, "us-west-2") {
		t.Errorf("detail names the wrong regions: %s", detail)
	}
	if !claimRegions(nil, "hardened_guardduty", "GuardDuty detector", []string{"eu-west-1"}, &diags) {
		t.Error("an unconfigured provider (no claims) refused")
	}
}

// With retain_on_destroy, a region removed from regions is left as it is, and
// the apply says so, naming the regions ("with a warning", as the docs say).
func TestWarnRegionsReleased(t *testing.T) {
	if got := releasedRegions([]string{"eu-west-1", "us-east-1", "us-west-2"}, []string{"us-east-1"}); strings.Join(got, ",") != "eu-west-1,us-west-2" {
		t.Fatalf("released = %v", got)
	}
	var diags diag.Diagnostics
	warnRegionsReleased(&diags, "GuardDuty left enabled", "GuardDuty stays enabled there", nil)
	if len(diags) != 0 {
		t.Fatalf("nothing released, but: %v", diags)
	}
	warnRegionsReleased(&diags, "GuardDuty left enabled", "GuardDuty stays enabled there", []string{"eu-west-1"})
	if len(diags) != 1 || diags[0].Severity() != diag.SeverityWarning || diags[0].Summary() != "GuardDuty left enabled" ||
		!strings.Contains(diags[0].Detail(), "Removed from regions: eu-west-1.") ||
		!strings.Contains(diags[0].Detail(), "retain_on_destroy = false") {
		t.Errorf("warning = %v", diags)
	}
}
