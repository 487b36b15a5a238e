package provider

// Plan-time checks of hardened_cis_monitoring's arguments.

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// logGroupARNValidator requires a CloudWatch Logs log group ARN.
type logGroupARNValidator struct{}

var _ validator.String = logGroupARNValidator{}

func (logGroupARNValidator) Description(context.Context) string {
	return "must be a log group ARN: arn:aws:logs:REGION:ACCOUNT:log-group:NAME"
}

func (v logGroupARNValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v logGroupARNValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, ok := parseLogGroupARN(req.ConfigValue.ValueString()); !ok {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid log group ARN",
			fmt.Sprintf("%s %s (such as hardened_cloudtrail's cloud_watch_logs_group_arn), got %q.",
				req.Path, v.Description(ctx), req.ConfigValue.ValueString()))
	}
}

// nameValidator requires a value to match re, described by rule.
type nameValidator struct {
	what, rule string
	re         *regexp.Regexp
}

var _ validator.String = nameValidator{}

func (v nameValidator) Description(context.Context) string { return "must be " + v.rule }

func (v nameValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v nameValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || v.re.MatchString(req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+v.what,
		fmt.Sprintf("%s %s, got %q.", req.Path, v.Description(ctx), req.ConfigValue.ValueString()))
}

// disabledItemsValidator requires each dropped CIS item to be a known one, with a reason.
type disabledItemsValidator struct{}

var _ validator.Map = disabledItemsValidator{}

func (disabledItemsValidator) Description(context.Context) string {
	return "keys must be CIS monitoring items, each with a non-empty reason"
}

func (v disabledItemsValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v disabledItemsValidator) ValidateMap(ctx context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for key, val := range req.ConfigValue.Elements() {
		it, ok := controls.MonitoringItemByKey(key)
		if !ok {
			resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(key), "Unknown CIS monitoring item",
				fmt.Sprintf("%q is not a CIS monitoring item. The items are: %s.", key, strings.Join(sortedItemKeys(), ", ")))
			continue
		}
		s, isString := val.(types.String)
		if !isString || s.IsUnknown() {
			continue
		}
		if strings.TrimSpace(s.ValueString()) == "" {
			resp.Diagnostics.AddAttributeError(req.Path.AtMapKey(key), "CIS monitoring item dropped without a reason",
				fmt.Sprintf("Dropping %s removes its metric filter and alarm and weakens the control %q (%s). Give "+
					"the reason auditors will read, such as %s = \"%s\", or remove the entry. [%s]",
					key, it.Control.Title, it.Control.Cite(), key, cisReasonExample(key), it.Control.ID))
		}
	}
}

// cisReasonExample is an example reason for dropping the item, for error messages.
func cisReasonExample(key string) string {
	if key == "organizations_changes" {
		return "not an AWS Organizations member"
	}
	return "alerted on by the SIEM instead (SEC-1234)"
}
