package provider

import (
	"encoding/json"
	"testing"

	gdtypes "github.com/aws/aws-sdk-go-v2/service/guardduty/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// The request turns every plan on under its API name, runtime monitoring's agent
// management as additional configurations of RUNTIME_MONITORING (AWS's shape),
// and sends every plan so that moto's whole-list replacement and AWS's per-feature
// update give the same detector.
func TestGuardDutyFeatureRequest(t *testing.T) {
	got, err := json.Marshal(guardDutyFeatureRequest(wantedGuardDutyFeatures(map[string]string{"EKS_AUDIT_LOGS": "no EKS"})))
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"AdditionalConfiguration":null,"Name":"S3_DATA_EVENTS","Status":"ENABLED"},` +
		`{"AdditionalConfiguration":null,"Name":"EKS_AUDIT_LOGS","Status":"DISABLED"},` +
		`{"AdditionalConfiguration":null,"Name":"EBS_MALWARE_PROTECTION","Status":"ENABLED"},` +
		`{"AdditionalConfiguration":null,"Name":"RDS_LOGIN_EVENTS","Status":"ENABLED"},` +
		`{"AdditionalConfiguration":null,"Name":"LAMBDA_NETWORK_LOGS","Status":"ENABLED"},` +
		`{"AdditionalConfiguration":[{"Name":"EKS_ADDON_MANAGEMENT","Status":"ENABLED"},` +
		`{"Name":"ECS_FARGATE_AGENT_MANAGEMENT","Status":"ENABLED"},{"Name":"EC2_AGENT_MANAGEMENT","Status":"ENABLED"}],` +
		`"Name":"RUNTIME_MONITORING","Status":"ENABLED"}]`
	if string(got) != want {
		t.Errorf("request features\n got %s\nwant %s", got, want)
	}
	// The legacy EKS_RUNTIME_MONITORING is never sent: AWS refuses it beside RUNTIME_MONITORING.
	for _, f := range guardDutyFeatureRequest(wantedGuardDutyFeatures(nil)) {
		if f.Name == gdtypes.DetectorFeatureEksRuntimeMonitoring {
			t.Error("EKS_RUNTIME_MONITORING sent")
		}
	}
}

// GetDetector's features as AWS returns them (every feature, agent management
// under RUNTIME_MONITORING, legacy and newer features too) are read per plan; a
// plan AWS does not report is "", never claimed ENABLED or DISABLED.
func TestGuardDutyFeatureStatus(t *testing.T) {
	got := guardDutyFeatureStatus([]gdtypes.DetectorFeatureConfigurationResult{
		{Name: "CLOUD_TRAIL", Status: "ENABLED"},
		{Name: "S3_DATA_EVENTS", Status: "ENABLED"},
		{Name: "EKS_RUNTIME_MONITORING", Status: "ENABLED", AdditionalConfiguration: []gdtypes.DetectorAdditionalConfigurationResult{
			{Name: "EKS_ADDON_MANAGEMENT", Status: "ENABLED"}}},
		{Name: "RUNTIME_MONITORING", Status: "ENABLED", AdditionalConfiguration: []gdtypes.DetectorAdditionalConfigurationResult{
			{Name: "EKS_ADDON_MANAGEMENT", Status: "DISABLED"}, {Name: "EC2_AGENT_MANAGEMENT", Status: "ENABLED"}}},
		{Name: "AI_PROTECTION", Status: "DISABLED"},
	})
	want := map[string]string{"S3_DATA_EVENTS": "ENABLED", "EKS_AUDIT_LOGS": "", "EBS_MALWARE_PROTECTION": "",
		"RDS_LOGIN_EVENTS": "", "LAMBDA_NETWORK_LOGS": "", "RUNTIME_MONITORING": "ENABLED",
		"EKS_ADDON_MANAGEMENT": "DISABLED", "ECS_FARGATE_AGENT_MANAGEMENT": "", "EC2_AGENT_MANAGEMENT": "ENABLED"}
	if len(got) != len(want) {
		t.Fatalf("got %d plans, want %d: %v", len(got), len(want), got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

// A detector is converged only when enabled, at FIFTEEN_MINUTES, every plan as wanted.
func TestGuardDutyConverged(t *testing.T) {
	want := wantedGuardDutyFeatures(nil)
	ok := guardDutyRegion{DetectorID: "d", Enabled: true, Frequency: "FIFTEEN_MINUTES", Features: wantedGuardDutyFeatures(nil)}
	if !ok.converged(want) {
		t.Fatal("the wanted detector is not converged")
	}
	for name, r := range map[string]guardDutyRegion{
		"no detector": {Enabled: true, Frequency: "FIFTEEN_MINUTES", Features: want},
		"suspended":   {DetectorID: "d", Frequency: "FIFTEEN_MINUTES", Features: want},
		"six hours":   {DetectorID: "d", Enabled: true, Frequency: "SIX_HOURS", Features: want},
		"plan off":    {DetectorID: "d", Enabled: true, Frequency: "FIFTEEN_MINUTES", Features: wantedGuardDutyFeatures(map[string]string{"S3_DATA_EVENTS": "x"})},
	} {
		if r.converged(want) {
			t.Errorf("%s: converged", name)
		}
	}
}

// Each protection plan maps to its own Security Hub control, GuardDuty.5-13.
func TestGuardDutyFeatureControls(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range controls.GuardDutyFeatures {
		sh := f.Control.Ref(controls.SecurityHub)
		if sh == "" || seen[sh] {
			t.Errorf("%s: Security Hub control %q missing or shared", f.Name, sh)
		}
		seen[sh] = true
	}
	if len(seen) != 9 {
		t.Errorf("%d Security Hub controls, want GuardDuty.5-13", len(seen))
	}
}
