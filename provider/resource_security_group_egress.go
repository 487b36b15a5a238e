package provider

// Egress checks of hardened_security_group: allow-all egress (HRD-NET-006) is
// refused at plan unless the configuration opts in with allow_all_egress = true.

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
)

// checkEgressControls reports each internet destination an egress rule opens to
// allow-all egress, unless allowAll is true. An unknown allowAll is decided at apply,
// when Create and Update check again with every value known.
func checkEgressControls(m sgRuleModel, label string, at path.Path, allowAll types.Bool, diags *diag.Diagnostics) {
	if allowAll.IsUnknown() || allowAll.ValueBool() {
		return
	}
	rule := controls.EgressRule{
		Protocol: m.Protocol.ValueString(),
		FromPort: int(m.FromPort.ValueInt64()),
		ToPort:   int(m.ToPort.ValueInt64()),
		CIDRs:    append(knownStrings(m.CIDRBlocks), knownStrings(m.IPv6CIDRBlocks)...),
	}
	for _, v := range controls.CheckEgressRule(rule) {
		diags.AddAttributeError(at, "Insecure egress rule", fmt.Sprintf("%s %s", label, v))
	}
}

// allowAllEgressDescription documents allow_all_egress from the catalog.
func allowAllEgressDescription() string {
	c := controls.NoUnrestrictedEgress
	return fmt.Sprintf("Set to `true` to accept allow-all egress rules, which weakens %s (%s). Allow-all egress "+
		"is an `egress` block to `0.0.0.0/0` or `::/0` that allows every protocol (`-1`), or every TCP or UDP "+
		"port (`from_port` 0 or 1 through `to_port` 65535); without this opt-in such a block fails at plan. "+
		"Defaults to `false`. It only permits such rules: the group still has exactly the `egress` blocks "+
		"configured, and allow-all rules added outside Terraform are still revoked as drift.", c.ID, c.Title)
}
