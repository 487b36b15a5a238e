package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsIAMPasswordPolicyCharacterClasses checks that passwords need an uppercase
// letter, a lowercase letter, a number and a symbol: one finding per missing class.
type AwsIAMPasswordPolicyCharacterClasses struct{}

// characterClasses are the four checks, each its own part with its own peer IDs:
// a policy missing only symbols fails the peers' symbol check, not the others.
var characterClasses = []struct {
	attr    string
	what    string
	aliases []string
}{
	{"require_uppercase_characters", "an uppercase letter", []string{"CKV_AWS_15", "AWS-0061"}},
	{"require_lowercase_characters", "a lowercase letter", []string{"CKV_AWS_11", "AWS-0058"}},
	{"require_numbers", "a number", []string{"CKV_AWS_12", "AWS-0059"}},
	{"require_symbols", "a symbol", []string{"CKV_AWS_14", "AWS-0060"}},
}

func (AwsIAMPasswordPolicyCharacterClasses) Metadata() engine.Metadata {
	c := controls.PasswordRequireUppercase
	var parts []engine.Part
	for _, cc := range characterClasses {
		parts = append(parts, engine.Part{ID: cc.attr, Aliases: cc.aliases})
	}
	return engine.Metadata{
		ID:            "aws_iam_password_policy_character_classes",
		Title:         "IAM password policy requires uppercase, lowercase, number and symbol characters",
		Severity:      c.Severity,
		Controls:      []controls.Control{c, controls.PasswordRequireLowercase, controls.PasswordRequireNumbers, controls.PasswordRequireSymbols},
		Parts:         parts,
		ResourceTypes: []string{"aws_iam_account_password_policy"},
		Rationale:     c.Rationale,
		Remediation: remediation("hardened_password_policy has them always on.", c, controls.PasswordRequireLowercase,
			controls.PasswordRequireNumbers, controls.PasswordRequireSymbols),
	}
}

func (AwsIAMPasswordPolicyCharacterClasses) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, c := range characterClasses {
		// Unset, IAM does not require the class.
		requireTrue(p, r, partOf(rep, c.attr), c.attr, false, c.attr+" is off: passwords do not need "+c.what)
	}
}
