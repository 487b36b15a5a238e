package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// The validators in this file reject, at plan time, a value that would break a
// control of the catalog. Their errors name the attribute, the limit and the control.

// int64Limit checks an integer against a floor or a ceiling. When control is
// set the limit is the control's threshold (value and direction, as the linter
// reads them) and the message cites it; otherwise the limit is an AWS API limit,
// named by reason.
type int64Limit struct {
	control *controls.Control
	limit   controls.Threshold
	reason  string
}

var _ validator.Int64 = int64Limit{}

// controlLimit requires what the control's threshold allows: at least a floor,
// at most a ceiling. The control must have a threshold (TestControlLimits).
func controlLimit(c controls.Control) int64Limit {
	return int64Limit{control: &c, limit: c.Threshold}
}

// atMostForControl requires value <= limit, a ceiling the control needs but
// does not carry as its threshold (rotation at least yearly for KMSKeyRotation).
func atMostForControl(limit int64, c controls.Control) int64Limit {
	return int64Limit{control: &c, limit: controls.AtMost(int(limit))}
}

// atLeastForControl requires value >= limit, a floor the control needs but does
// not carry as its threshold.
func atLeastForControl(limit int64, c controls.Control) int64Limit {
	return int64Limit{control: &c, limit: controls.AtLeast(int(limit))}
}

// atMostAPI requires value <= an AWS API limit.
func atMostAPI(limit int64, reason string) int64Limit {
	return int64Limit{limit: controls.AtMost(int(limit)), reason: reason}
}

// atLeastAPI requires value >= an AWS API limit.
func atLeastAPI(limit int64, reason string) int64Limit {
	return int64Limit{limit: controls.AtLeast(int(limit)), reason: reason}
}

func (v int64Limit) Description(_ context.Context) string {
	if v.control != nil {
		return fmt.Sprintf("must be %s (%s)", v.limit, v.control.Cite())
	}
	return fmt.Sprintf("must be %s (%s)", v.limit, v.reason)
}

func (v int64Limit) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v int64Limit) ValidateInt64(ctx context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	got := req.ConfigValue.ValueInt64()
	if v.limit.Allows(got) {
		return
	}
	attr := req.Path.String()
	if v.control == nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Value out of range",
			fmt.Sprintf("%s %s, got %d.", attr, v.Description(ctx), got))
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, fmt.Sprintf("Insecure %s", attr),
		fmt.Sprintf("%s %s, got %d. %s [%s]", attr, v.Description(ctx), got, v.control.Remediation, v.control.ID))
}

// mustBeTrue rejects false for a setting a control requires to be on.
type mustBeTrue struct {
	control controls.Control
}

var _ validator.Bool = mustBeTrue{}

func (v mustBeTrue) Description(_ context.Context) string {
	return fmt.Sprintf("must be true (%s)", v.control.Cite())
}

func (v mustBeTrue) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v mustBeTrue) ValidateBool(ctx context.Context, req validator.BoolRequest, resp *validator.BoolResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueBool() {
		return
	}
	attr := req.Path.String()
	resp.Diagnostics.AddAttributeError(req.Path, fmt.Sprintf("Insecure %s", attr),
		fmt.Sprintf("%s %s: this provider does not allow turning it off. Remove the argument or set it to true. [%s]",
			attr, v.Description(ctx), v.control.ID))
}

// mustBeValue rejects any other value for a setting a control requires to be
// exactly value (traffic_type = "ALL" on hardened_flow_logs).
type mustBeValue struct {
	value   string
	control controls.Control
}

var _ validator.String = mustBeValue{}

func (v mustBeValue) Description(_ context.Context) string {
	return fmt.Sprintf("must be %q (%s)", v.value, v.control.Cite())
}

func (v mustBeValue) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v mustBeValue) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() == v.value {
		return
	}
	attr := req.Path.String()
	resp.Diagnostics.AddAttributeError(req.Path, fmt.Sprintf("Insecure %s", attr),
		fmt.Sprintf("%s %s, got %q: %s Remove the argument or set it to %q. [%s]", attr, v.Description(ctx),
			req.ConfigValue.ValueString(), v.control.Title, v.value, v.control.ID))
}
