package provider

import (
	"errors"
	"fmt"

	"github.com/aws/smithy-go"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
	"github.com/hardened-tf/terraform-provider-hardened/internal/clock"
)

// clientFrom extracts the AWS client the provider configured for a resource.
func clientFrom(req resource.ConfigureRequest, resp *resource.ConfigureResponse) *awsclient.Client {
	if d := dataFrom(req.ProviderData, &resp.Diagnostics); d != nil {
		return d.client
	}
	return nil
}

// clockFrom is the provider's clock for a resource (the wall clock before the
// provider is configured).
func clockFrom(req resource.ConfigureRequest) clock.Clock {
	if d, ok := req.ProviderData.(*providerData); ok && d.clock != nil {
		return d.clock
	}
	return clock.Real()
}

// dataFrom reads what the provider's Configure handed over; nil before the
// provider is configured (Terraform validates resources before that).
func dataFrom(raw any, diags *diag.Diagnostics) *providerData {
	if raw == nil {
		return nil
	}
	d, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", raw))
		return nil
	}
	return d
}

// requireClient reports an error when a resource is used before its provider could be configured.
func requireClient(c *awsclient.Client, diags *diag.Diagnostics) bool {
	if c == nil {
		diags.AddError("Provider not configured",
			"The hardened provider has no AWS client: its configuration depends on values not known yet. "+
				"Apply the resources it depends on first (terraform apply -target=...), then apply again.")
		return false
	}
	return true
}

// addAPIError reports a failed AWS call: which action, on what, the AWS error code
// and message, and a hint on how to fix it.
func addAPIError(diags *diag.Diagnostics, action, target string, err error, hint string) {
	// A connection failure is about the endpoint, not the action: lead with it.
	var endpointErr *awsclient.EndpointError
	if errors.As(err, &endpointErr) {
		e := *endpointErr
		if e.During == "" {
			e.During = "calling " + action + " for " + target
		}
		diags.AddError("Cannot reach the AWS "+e.Service+" endpoint", e.Error())
		return
	}
	detail := fmt.Sprintf("%s for %s failed: %s", action, target, err)
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		switch apiErr.ErrorCode() {
		case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation":
			hint = "The credentials lack permission for " + action + ": grant it to the identity the provider uses. " + hint
		case "ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId", "SignatureDoesNotMatch":
			hint = "The AWS credentials are invalid or expired: refresh them (aws sso login, new session token) and retry."
		}
	}
	if hint != "" {
		detail += "\n\n" + hint
	}
	diags.AddError(fmt.Sprintf("AWS %s failed", action), detail)
}
