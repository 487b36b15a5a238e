package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/hardened-tf/terraform-provider-hardened/internal/awsclient"
)

// sameAccount refuses to act when the provider's credentials belong to another
// account than the account-wide setting in state (what names it, such as "The S3
// account public access block"). An empty want (before create) always passes.
func sameAccount(ctx context.Context, client *awsclient.Client, want, what string, diags *diag.Diagnostics) bool {
	got, err := client.AccountID(ctx)
	if err != nil {
		diags.AddError("Cannot determine the AWS account", err.Error())
		return false
	}
	if want != "" && want != got {
		diags.AddError("Wrong AWS account",
			fmt.Sprintf("%s belongs to account %s, but the provider's credentials are for account %s. It can only be "+
				"managed with credentials of its own account: configure the provider for account %s (profile, "+
				"assume_role), or import the setting of account %s instead.", what, want, got, want, got))
		return false
	}
	return true
}

// importAccountID checks an import ID that must be the provider's own account ID.
func importAccountID(ctx context.Context, client *awsclient.Client, id, resourceType, what string, diags *diag.Diagnostics) bool {
	if !accountIDRegexp.MatchString(id) {
		diags.AddError("Invalid import ID",
			fmt.Sprintf("%q is not an AWS account ID. Import %s with the 12-digit ID of the provider's account: "+
				"terraform import %s.NAME 123456789012", id, what, resourceType))
		return false
	}
	return requireClient(client, diags) && sameAccount(ctx, client, id, what, diags)
}
