package provider

// One owner per region for the account-wide regional resources. AWS allows one
// GuardDuty detector, and one Config recorder and delivery channel, per account
// and region: two hardened_guardduty (or hardened_config_recorder) resources that
// govern the same region would adopt the same detector and rewrite each other's
// settings at every apply, and plan would never be empty. The provider is
// configured once per Terraform operation and plans each resource instance once
// in it, so a region planned twice for one resource type in one configured
// provider is two resources governing it: the second is refused at plan.

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// regionClaims records the regions each resource type's instances planned to
// govern, for one configured provider.
type regionClaims struct {
	mu sync.Mutex
	by map[string]bool // resource type + " " + region
}

func newRegionClaims() *regionClaims { return &regionClaims{by: map[string]bool{}} }

// claim records that a resource of resourceType governs regions, and returns
// those another resource of the type already governs, sorted.
func (c *regionClaims) claim(resourceType string, regions []string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var taken []string
	for _, region := range regions {
		key := resourceType + " " + region
		if c.by[key] {
			taken = append(taken, region)
			continue
		}
		c.by[key] = true
	}
	sort.Strings(taken)
	return taken
}

// claimsFrom is the configured provider's region claims; nil before the
// provider is configured.
func claimsFrom(req resource.ConfigureRequest) *regionClaims {
	if d, ok := req.ProviderData.(*providerData); ok {
		return d.claims
	}
	return nil
}

// claimRegions refuses, at plan, a resource that governs a region another
// resource of the same type in this configuration already governs. what names
// the one thing per region (such as "GuardDuty detector").
func claimRegions(c *regionClaims, resourceType, what string, regions []string, diags *diag.Diagnostics) bool {
	if c == nil {
		return true
	}
	taken := c.claim(resourceType, regions)
	if len(taken) == 0 {
		return true
	}
	diags.AddAttributeError(path.Root("regions"), "Region governed by two "+resourceType+" resources",
		fmt.Sprintf("Another %s resource of this configuration already governs %s. An account has one %s per "+
			"region, so two resources governing the same region would adopt the same one and undo each other's "+
			"settings at every apply. Govern each region from one %s: list disjoint regions in each (regions "+
			"defaults to every region enabled for the account), or keep a single resource.",
			resourceType, strings.Join(taken, ", "), what, resourceType))
	return false
}

// releasedRegions lists the regions of prior no longer in governed.
func releasedRegions(prior, governed []string) []string {
	var out []string
	for _, region := range prior {
		if !slices.Contains(governed, region) {
			out = append(out, region)
		}
	}
	return out
}

// warnRegionsReleased says, with retain_on_destroy on, that the regions removed
// from regions were left as they are (what says how), and how to turn them off.
func warnRegionsReleased(diags *diag.Diagnostics, summary, what string, released []string) {
	if len(released) == 0 {
		return
	}
	diags.AddWarning(summary, fmt.Sprintf("Removed from regions: %s. This resource no longer governs them (drift "+
		"there is no longer repaired), but %s because retain_on_destroy is true. To turn them off instead, "+
		"govern them again, set retain_on_destroy = false and apply, then remove them.",
		strings.Join(released, ", "), what))
}
