package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

func TestInt64Limit(t *testing.T) {
	cases := []struct {
		name  string
		v     int64Limit
		value types.Int64
		want  string // "" means valid
	}{
		{"floor met", controlLimit(controls.PasswordMinimumLength), types.Int64Value(14), ""},
		{"floor exceeded", controlLimit(controls.PasswordMinimumLength), types.Int64Value(64), ""},
		{"below floor", controlLimit(controls.PasswordMinimumLength), types.Int64Value(13),
			"minimum_length must be at least 14 (CIS AWS Foundations 1.8, Security Hub IAM.15), got 13. Set minimum_length"},
		{"ceiling met", controlLimit(controls.PasswordMaxAge), types.Int64Value(90), ""},
		{"above ceiling", controlLimit(controls.PasswordMaxAge), types.Int64Value(91),
			"minimum_length must be at most 90 (CIS AWS Foundations v1.2.0 1.11, Security Hub IAM.17), got 91"},
		{"api limit", atMostAPI(128, "the IAM limit"), types.Int64Value(129), "minimum_length must be at most 128 (the IAM limit), got 129."},
		{"api floor", atLeastAPI(1, "passwords must expire"), types.Int64Value(0), "must be at least 1 (passwords must expire), got 0."},
		{"null", controlLimit(controls.PasswordMinimumLength), types.Int64Null(), ""},
		{"unknown", controlLimit(controls.PasswordMinimumLength), types.Int64Unknown(), ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := validator.Int64Request{Path: path.Root("minimum_length"), ConfigValue: tc.value}
			resp := &validator.Int64Response{}
			tc.v.ValidateInt64(context.Background(), req, resp)
			checkDiag(t, resp.Diagnostics.Errors(), tc.want)
		})
	}
}

func TestMustBeTrue(t *testing.T) {
	v := mustBeTrue{control: controls.PasswordRequireSymbols}
	for _, tc := range []struct {
		value types.Bool
		want  string
	}{
		{types.BoolValue(true), ""},
		{types.BoolNull(), ""},
		{types.BoolUnknown(), ""},
		{types.BoolValue(false), "require_symbols must be true (CIS AWS Foundations v1.2.0 1.7, Security Hub IAM.13)"},
	} {
		resp := &validator.BoolResponse{}
		v.ValidateBool(context.Background(), validator.BoolRequest{Path: path.Root("require_symbols"), ConfigValue: tc.value}, resp)
		checkDiag(t, resp.Diagnostics.Errors(), tc.want)
	}
}

func checkDiag(t *testing.T, errs diag.Diagnostics, want string) {
	t.Helper()
	if want == "" {
		if len(errs) != 0 {
			t.Fatalf("unexpected error: %s", errs[0].Detail())
		}
		return
	}
	if len(errs) != 1 {
		t.Fatalf("got %d errors, want 1 containing %q", len(errs), want)
	}
	if !strings.Contains(errs[0].Detail(), want) {
		t.Fatalf("error detail %q does not contain %q", errs[0].Detail(), want)
	}
}

// Every control given to controlLimit has a threshold: without one the
// validator would accept any value.
func TestControlLimits(t *testing.T) {
	for _, c := range []controls.Control{controls.PasswordMinimumLength, controls.PasswordMaxAge,
		controls.PasswordReusePrevention, controls.CloudTrailLogRetention} {
		if !controlLimit(c).limit.IsSet() {
			t.Errorf("%s: controlLimit on a control without a threshold", c.ID)
		}
	}
}
