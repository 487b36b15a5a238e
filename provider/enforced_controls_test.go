package provider

import (
	"context"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// Every resource documents the controls it enforces, each one a catalog entry,
// and EnforcedControls reports them under the resource's type name.
func TestEnforcedControls(t *testing.T) {
	for _, newResource := range (&HardenedProvider{}).Resources(context.Background()) {
		r := newResource()
		e, ok := r.(controlsEnforcer)
		if !ok {
			t.Errorf("%T does not list the controls it enforces (add an enforcedControls method in enforced_controls.go)", r)
			continue
		}
		if len(e.enforcedControls()) == 0 {
			t.Errorf("%T lists no enforced control", r)
		}
		for _, c := range e.enforcedControls() {
			if _, ok := controls.Lookup(c.ID); !ok {
				t.Errorf("%T enforces %q, which is not in the catalog", r, c.ID)
			}
		}
	}
	got := EnforcedControls()
	want := map[string]string{
		"hardened_password_policy":                controls.PasswordMinimumLength.ID,
		"hardened_security_group":                 controls.NoWidePortRanges.ID,
		"hardened_default_security_group":         controls.DefaultSecurityGroupNoRules.ID,
		"hardened_cloudtrail":                     controls.CloudTrailLogRetention.ID,
		"hardened_ebs_encryption_by_default":      controls.EBSEncryptionByDefault.ID,
		"hardened_s3_account_public_access_block": controls.AccountPublicAccessBlock.ID,
		"hardened_kms_key":                        controls.KMSKeyRotation.ID,
		"hardened_s3_bucket":                      controls.S3NoPublicPolicy.ID,
		"hardened_config_recorder":                controls.ConfigRecorderAll.ID,
		"hardened_cis_monitoring":                 controls.MonitoringItems[0].Control.ID,
		"hardened_guardduty":                      controls.GuardDutyEnabled.ID,
		"hardened_flow_logs":                      controls.VPCFlowLogs.ID,
	}
	if len(got) != len(want) {
		t.Errorf("EnforcedControls has %d resources, want %d: %v", len(got), len(want), got)
	}
	for name, id := range want {
		found := false
		for _, g := range got[name] {
			found = found || g == id
		}
		if !found {
			t.Errorf("EnforcedControls()[%q] = %v, want it to include %s", name, got[name], id)
		}
	}
}
