package provider

// hardened_guardduty's work in one region (read, converge, tear down) and the
// protection plans' request and status shapes.

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/guardduty"
	gdtypes "github.com/aws/aws-sdk-go-v2/service/guardduty/types"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

const (
	// guardDutyFrequency is how often findings are published: the shortest GuardDuty offers.
	guardDutyFrequency = gdtypes.FindingPublishingFrequencyFifteenMinutes
	featureEnabled     = string(gdtypes.FeatureStatusEnabled)
	featureDisabled    = string(gdtypes.FeatureStatusDisabled)
)

// guardDutyRegion is one region's detector as read (or as wanted).
type guardDutyRegion struct {
	// DetectorID is "" when the region has no detector.
	DetectorID string
	Enabled    bool
	Frequency  string
	// Features maps each protection plan of controls.GuardDutyFeatures to its
	// status, ENABLED or DISABLED; "" when GuardDuty does not report it.
	Features map[string]string
	// managed is true when the detector carries this resource's managed-by tag
	// (it was created here, not adopted).
	managed bool
}

func inGuardDutyRegion(region string) func(*guardduty.Options) {
	return func(o *guardduty.Options) { o.Region = region }
}

// wantedGuardDutyFeatures is every protection plan ENABLED, but those named in
// disabled, and the agent management of runtime monitoring when runtime
// monitoring itself is disabled.
func wantedGuardDutyFeatures(disabled map[string]string) map[string]string {
	out := make(map[string]string, len(controls.GuardDutyFeatures))
	for _, f := range controls.GuardDutyFeatures {
		_, off := disabled[f.Name]
		if _, parentOff := disabled[f.Parent]; f.Parent != "" && parentOff {
			off = true
		}
		out[f.Name] = featureEnabled
		if off {
			out[f.Name] = featureDisabled
		}
	}
	return out
}

// guardDutyFeatureRequest is the Features of a CreateDetector or UpdateDetector
// request that sets every protection plan to its status in want. Every plan is
// always sent: AWS changes only the features a request names, while moto 5.2.1
// replaces the detector's whole list with the request's; sending all of them
// gives the same detector on both.
func guardDutyFeatureRequest(want map[string]string) []gdtypes.DetectorFeatureConfiguration {
	var out []gdtypes.DetectorFeatureConfiguration
	index := map[string]int{}
	for _, f := range controls.GuardDutyFeatures {
		status := gdtypes.FeatureStatus(want[f.Name])
		if f.Parent == "" {
			index[f.Name] = len(out)
			out = append(out, gdtypes.DetectorFeatureConfiguration{Name: gdtypes.DetectorFeature(f.Name), Status: status})
			continue
		}
		i := index[f.Parent]
		out[i].AdditionalConfiguration = append(out[i].AdditionalConfiguration, gdtypes.DetectorAdditionalConfiguration{
			Name: gdtypes.FeatureAdditionalConfiguration(f.Name), Status: status})
	}
	return out
}

// guardDutyFeatureStatus reads the protection plans' statuses from GetDetector's
// features; a plan GuardDuty does not report is "".
func guardDutyFeatureStatus(features []gdtypes.DetectorFeatureConfigurationResult) map[string]string {
	got := map[string]string{}
	for _, f := range features {
		got[string(f.Name)] = string(f.Status)
		for _, a := range f.AdditionalConfiguration {
			got[string(f.Name)+"/"+string(a.Name)] = string(a.Status)
		}
	}
	out := make(map[string]string, len(controls.GuardDutyFeatures))
	for _, f := range controls.GuardDutyFeatures {
		key := f.Name
		if f.Parent != "" {
			key = f.Parent + "/" + f.Name
		}
		out[f.Name] = got[key]
	}
	return out
}

// converged reports whether have is the wanted detector: enabled, publishing
// every 15 minutes, each protection plan as wanted.
func (have guardDutyRegion) converged(features map[string]string) bool {
	if have.DetectorID == "" || !have.Enabled || have.Frequency != string(guardDutyFrequency) {
		return false
	}
	for name, status := range features {
		if have.Features[name] != status {
			return false
		}
	}
	return true
}

// readGuardDutyRegion reads the region's detector (GuardDuty allows one per
// account and region): ListDetectors, then GetDetector.
func (r *GuardDutyResource) readRegion(ctx context.Context, region, managedByValue string) (guardDutyRegion, error) {
	out := guardDutyRegion{Features: guardDutyFeatureStatus(nil)}
	c := r.client.GuardDuty()
	list, err := c.ListDetectors(ctx, &guardduty.ListDetectorsInput{}, inGuardDutyRegion(region))
	if err != nil {
		return out, regionCall("guardduty:ListDetectors", err)
	}
	if len(list.DetectorIds) == 0 {
		return out, nil
	}
	ids := append([]string(nil), list.DetectorIds...)
	sort.Strings(ids)
	out.DetectorID = ids[0]
	d, err := c.GetDetector(ctx, &guardduty.GetDetectorInput{DetectorId: aws.String(out.DetectorID)}, inGuardDutyRegion(region))
	if err != nil {
		return out, regionCall("guardduty:GetDetector", fmt.Errorf("detector %s: %w", out.DetectorID, err))
	}
	out.Enabled = d.Status == gdtypes.DetectorStatusEnabled
	out.Frequency = string(d.FindingPublishingFrequency)
	out.Features = guardDutyFeatureStatus(d.Features)
	out.managed = managedByValue != "" && d.Tags[managedByTag] == managedByValue
	return out, nil
}

// applyRegion brings the region's detector to want: it adopts the detector that
// exists (updating it only when it differs) or creates one, tagged as this
// resource's.
func (r *GuardDutyResource) applyRegion(ctx context.Context, region string, features map[string]string, managedByValue string) (guardDutyRegion, error) {
	have, err := r.readRegion(ctx, region, managedByValue)
	if err != nil {
		return have, err
	}
	want := guardDutyRegion{DetectorID: have.DetectorID, Enabled: true, Frequency: string(guardDutyFrequency),
		Features: features, managed: have.managed}
	c := r.client.GuardDuty()
	if have.DetectorID == "" {
		// CreateDetector is idempotent on AWS (the SDK's client token) but not on
		// the emulator: one HTTP attempt at a time, and after one that got no
		// answer the detector it may have made is adopted, never a second created.
		var created string
		err := createOnce(ctx, r.clock, c.Options().Retryer, func() error {
			out, err := c.CreateDetector(ctx, &guardduty.CreateDetectorInput{Enable: aws.Bool(true),
				FindingPublishingFrequency: guardDutyFrequency, Features: guardDutyFeatureRequest(features),
				Tags: withManagedBy(nil, managedByValue)}, inGuardDutyRegion(region),
				func(o *guardduty.Options) { o.RetryMaxAttempts = 1 })
			if err == nil {
				created = aws.ToString(out.DetectorId)
			}
			return err
		}, func() bool {
			again, err := r.readRegion(ctx, region, managedByValue)
			if err != nil || again.DetectorID == "" {
				return false
			}
			have = again
			return true
		})
		if err != nil {
			return have, regionCall("guardduty:CreateDetector", err)
		}
		if created != "" {
			want.DetectorID, want.managed = created, true
			return want, nil
		}
		want.DetectorID, want.managed = have.DetectorID, have.managed
	}
	if have.converged(features) {
		return want, nil
	}
	if _, err := c.UpdateDetector(ctx, &guardduty.UpdateDetectorInput{DetectorId: aws.String(have.DetectorID),
		Enable: aws.Bool(true), FindingPublishingFrequency: guardDutyFrequency,
		Features: guardDutyFeatureRequest(features)}, inGuardDutyRegion(region)); err != nil {
		return have, regionCall("guardduty:UpdateDetector", fmt.Errorf("detector %s: %w", have.DetectorID, err))
	}
	return want, nil
}

// guardDutyTeardown is what destroy with retain_on_destroy = false did in a region.
type guardDutyTeardown struct {
	// deleted or suspended names the detector; both "" when the region had none.
	deleted, suspended string
}

// teardown deletes the detector this resource created in each region, and only
// suspends (Enable = false) one it adopted: an adopted detector's findings
// history is not this resource's to delete.
func (r *GuardDutyResource) teardown(ctx context.Context, regions []string, managedByValue string) map[string]regionResult[guardDutyTeardown] {
	return forEachRegion(ctx, regions, func(ctx context.Context, region string) (guardDutyTeardown, error) {
		have, err := r.readRegion(ctx, region, managedByValue)
		if err != nil || have.DetectorID == "" {
			return guardDutyTeardown{}, err
		}
		c := r.client.GuardDuty()
		if have.managed {
			if _, err := c.DeleteDetector(ctx, &guardduty.DeleteDetectorInput{DetectorId: aws.String(have.DetectorID)},
				inGuardDutyRegion(region)); err != nil {
				return guardDutyTeardown{}, regionCall("guardduty:DeleteDetector", err)
			}
			return guardDutyTeardown{deleted: have.DetectorID}, nil
		}
		if have.Enabled {
			if _, err := c.UpdateDetector(ctx, &guardduty.UpdateDetectorInput{DetectorId: aws.String(have.DetectorID),
				Enable: aws.Bool(false)}, inGuardDutyRegion(region)); err != nil {
				return guardDutyTeardown{}, regionCall("guardduty:UpdateDetector", err)
			}
		}
		return guardDutyTeardown{suspended: have.DetectorID}, nil
	})
}

// suspendedAdopted lists "region (detector)" for each adopted detector teardown suspended.
func suspendedAdopted(results map[string]regionResult[guardDutyTeardown]) []string {
	var out []string
	for region, res := range results {
		if res.err == nil && res.value.suspended != "" {
			out = append(out, region+" ("+res.value.suspended+")")
		}
	}
	sort.Strings(out)
	return out
}

// guardDutyRegionStatus is one region's entry of region_status.
type guardDutyRegionStatus struct {
	DetectorID types.String `tfsdk:"detector_id"`
	Enabled    types.Bool   `tfsdk:"enabled"`
	Frequency  types.String `tfsdk:"finding_publishing_frequency"`
	Features   types.Map    `tfsdk:"features"`
}

var guardDutyRegionStatusType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"detector_id": types.StringType, "enabled": types.BoolType, "finding_publishing_frequency": types.StringType,
	"features": types.MapType{ElemType: types.StringType},
}}

// guardDutyStatusMap renders the regions' detectors; a detector ID of "" in a
// region planned to get one is unknown (it is created by the apply).
func guardDutyStatusMap(ctx context.Context, status map[string]guardDutyRegion, unknownID bool, diags *diag.Diagnostics) types.Map {
	m := make(map[string]guardDutyRegionStatus, len(status))
	for region, s := range status {
		features, d := types.MapValueFrom(ctx, types.StringType, s.Features)
		diags.Append(d...)
		id := types.StringValue(s.DetectorID)
		if unknownID && s.DetectorID == "" {
			id = types.StringUnknown()
		}
		m[region] = guardDutyRegionStatus{DetectorID: id, Enabled: types.BoolValue(s.Enabled),
			Frequency: types.StringValue(s.Frequency), Features: features}
	}
	v, d := types.MapValueFrom(ctx, guardDutyRegionStatusType, m)
	diags.Append(d...)
	return v
}

func guardDutyStatusOf(ctx context.Context, v types.Map, diags *diag.Diagnostics) map[string]guardDutyRegion {
	out := map[string]guardDutyRegion{}
	if v.IsNull() || v.IsUnknown() {
		return out
	}
	var m map[string]guardDutyRegionStatus
	diags.Append(v.ElementsAs(ctx, &m, false)...)
	for region, s := range m {
		features := map[string]string{}
		if !s.Features.IsNull() && !s.Features.IsUnknown() {
			diags.Append(s.Features.ElementsAs(ctx, &features, false)...)
		}
		out[region] = guardDutyRegion{DetectorID: s.DetectorID.ValueString(), Enabled: s.Enabled.ValueBool(),
			Frequency: s.Frequency.ValueString(), Features: features}
	}
	return out
}

// guardDutyFeatureNames lists the protection plans' names for error messages.
func guardDutyFeatureNames() string {
	names := make([]string, 0, len(controls.GuardDutyFeatures))
	for _, f := range controls.GuardDutyFeatures {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}
