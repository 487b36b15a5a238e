package rules

import (
	"fmt"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// HardenedAccountPosture reports each failed check of data
// "hardened_account_posture": the account practices (root user, MFA, key age,
// unused credentials, password policy) that no resource in a plan can show, read
// by the data source during plan and recorded in the plan's prior_state.
type HardenedAccountPosture struct{}

func (HardenedAccountPosture) Metadata() engine.Metadata {
	return engine.Metadata{
		ID:              "hardened_account_posture",
		Title:           "The account posture that data.hardened_account_posture reads passes every check",
		Severity:        controls.SeverityHigh,
		Controls:        controls.AccountPosture,
		DataSourceTypes: []string{"hardened_account_posture"},
		Rationale: "Root access keys, a root user without MFA, console users without MFA, old or unused access keys " +
			"and a weak password policy live in the account, not in any configuration: a plan of resources cannot " +
			"show them. data \"hardened_account_posture\" reads them while Terraform plans, so the plan carries them " +
			"and this rule gates the pipeline on them like on any insecure resource.",
		Remediation: "Fix what each finding names (its detail lists the users, never their keys): delete root access " +
			"keys, give the root user a hardware MFA and console users MFA, rotate or deactivate old and unused keys, " +
			"and manage the password policy with hardened_password_policy. Add data \"hardened_account_posture\" " +
			"\"this\" {} to the configuration this linter checks.",
	}
}

func (HardenedAccountPosture) Check(_ *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	checks := r.Attr("checks")
	if checks.Unknown() {
		rep.Unknown("checks", "the data source is read during apply (its arguments depend on values not known at plan), "+
			"so the plan does not carry the account posture")
		return
	}
	if !checks.IsList() {
		rep.Unknown("checks", "the data source recorded no checks")
		return
	}
	checks.Each(func(i int, c plan.Value) {
		id, _ := c.Get("id").Str()
		status, _ := c.Get("status").Str()
		detail, _ := c.Get("detail").Str()
		// Findings name the check by its control ID, stable across versions.
		attr := fmt.Sprintf("checks[%d]", i)
		if id != "" {
			attr = "checks[" + id + "]"
		}
		switch status {
		case "fail":
			rep.Fail(attr, "%s: %s", describeCheck(id, c), detail)
		case "unknown":
			rep.Unknown(attr, "%s could not be checked: %s", describeCheck(id, c), detail)
		case "pass":
		default:
			rep.Unknown(attr, "%s has status %q", describeCheck(id, c), status)
		}
	})
}

// describeCheck names a check by its catalog control, or by what the data source
// says of it when the catalog (an older linter) does not know the ID.
func describeCheck(id string, c plan.Value) string {
	if ctl, ok := controls.Lookup(id); ok {
		return fmt.Sprintf("%s %s (%s)", ctl.ID, ctl.Title, ctl.Cite())
	}
	title, _ := c.Get("title").Str()
	var refs []string
	if cis, _ := c.Get("cis").Str(); cis != "" {
		refs = append(refs, "CIS AWS Foundations "+cis)
	}
	if sh, _ := c.Get("security_hub").Str(); sh != "" {
		refs = append(refs, "Security Hub "+sh)
	}
	if len(refs) == 0 {
		return strings.TrimSpace(id + " " + title)
	}
	return fmt.Sprintf("%s %s (%s)", id, title, strings.Join(refs, ", "))
}
