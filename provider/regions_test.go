package provider

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// AWS lists only its partition's regions; the emulator lists every partition's
// and marks some regions not opted in. Either way the governed default is the
// caller's partition's enabled regions.
func TestRegionsOf(t *testing.T) {
	for _, tc := range []struct {
		name      string
		optIn     map[string]string
		partition string
		enabled   []string
	}{
		{"AWS answer", map[string]string{"us-east-1": "opt-in-not-required", "eu-west-1": "opt-in-not-required",
			"af-south-1": "not-opted-in", "me-south-1": "opted-in"}, "aws", []string{"eu-west-1", "me-south-1", "us-east-1"}},
		{"emulator answer", map[string]string{"us-east-1": "opt-in-not-required", "cn-north-1": "opt-in-not-required",
			"us-gov-west-1": "opt-in-not-required", "ap-east-1": "not-opted-in"}, "aws", []string{"us-east-1"}},
		{"GovCloud caller", map[string]string{"us-east-1": "opt-in-not-required", "us-gov-west-1": "opt-in-not-required",
			"us-gov-east-1": "opt-in-not-required"}, "aws-us-gov", []string{"us-gov-east-1", "us-gov-west-1"}},
		{"China caller", map[string]string{"cn-north-1": "opt-in-not-required", "cn-northwest-1": "opt-in-not-required",
			"eu-west-1": "opt-in-not-required"}, "aws-cn", []string{"cn-north-1", "cn-northwest-1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := regionsOf(tc.optIn, tc.partition).enabled; !reflect.DeepEqual(got, tc.enabled) {
				t.Errorf("enabled = %v, want %v", got, tc.enabled)
			}
		})
	}
}

func TestGovernedRegions(t *testing.T) {
	ar := regionsOf(map[string]string{"us-east-1": "opt-in-not-required", "eu-west-1": "opt-in-not-required",
		"ap-east-1": "not-opted-in"}, "aws")
	for _, tc := range []struct {
		configured []string
		want       []string
		err        string
	}{
		{nil, []string{"eu-west-1", "us-east-1"}, ""},
		{[]string{"us-east-1"}, []string{"us-east-1"}, ""},
		{[]string{"us-east-1", "xx-east-9"}, nil, "Unknown region"},
		{[]string{"ap-east-1"}, nil, "Region not enabled"},
	} {
		var diags diag.Diagnostics
		got, ok := ar.governedRegions(tc.configured, path.Root("regions"), &diags)
		if tc.err != "" {
			if ok || !diags.HasError() || diags.Errors()[0].Summary() != tc.err {
				t.Errorf("%v: ok=%v diags=%v, want error %q", tc.configured, ok, diags, tc.err)
			}
			continue
		}
		if !ok || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%v: %v, %v (%v), want %v", tc.configured, got, ok, diags, tc.want)
		}
	}
}

// forEachRegion keeps each region's result, never runs more than
// regionConcurrency regions at once, and one failure does not stop the others.
func TestForEachRegion(t *testing.T) {
	var regions []string
	for i := 0; i < 3*regionConcurrency; i++ {
		regions = append(regions, fmt.Sprintf("r-%02d", i))
	}
	var running, peak atomic.Int32
	release := make(chan struct{})
	go func() {
		for peak.Load() < regionConcurrency {
		}
		close(release)
	}()
	results := forEachRegion(context.Background(), regions, func(_ context.Context, region string) (string, error) {
		n := running.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		<-release
		running.Add(-1)
		if region == "r-05" {
			return "", errors.New("denied")
		}
		return "done " + region, nil
	})
	if p := peak.Load(); p > regionConcurrency {
		t.Errorf("%d regions ran at once, limit %d", p, regionConcurrency)
	}
	if len(results) != len(regions) {
		t.Fatalf("%d results for %d regions", len(results), len(regions))
	}
	for _, r := range regions {
		res := results[r]
		if r == "r-05" && res.err == nil || r != "r-05" && (res.err != nil || res.value != "done "+r) {
			t.Errorf("%s: %+v", r, res)
		}
	}
	var diags diag.Diagnostics
	if n := reportRegionErrors(results, &diags, "ec2:Test", ""); n != 1 || len(diags.Errors()) != 1 {
		t.Errorf("reportRegionErrors: %d failed, %v", n, diags)
	}
}
