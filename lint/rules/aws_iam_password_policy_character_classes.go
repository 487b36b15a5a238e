package rules

import (
	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// AwsIAMPasswordPolicyCharacterClasses checks that passwords need an uppercase
// letter, a lowercase letter, a number and a symbol: one finding per missing class.
type AwsIAMPasswordPolicyCharacterClasses struct{}

var characterClasses = []struct {
	attr string
	what string
}{
	{"require_uppercase_characters", "an uppercase letter"},
	{"require_lowercase_characters", "a lowercase letter"},
	{"require_numbers", "a number"},
	{"require_symbols", "a symbol"},
}

func (AwsIAMPasswordPolicyCharacterClasses) Metadata() engine.Metadata {
	c := controls.PasswordRequireUppercase
	return engine.Metadata{
		ID:            "aws_iam_password_policy_character_classes",
		Title:         "IAM password policy requires uppercase, lowercase, number and symbol characters",
		Severity:      c.Severity,
		Controls:      []controls.Control{c, controls.PasswordRequireLowercase, controls.PasswordRequireNumbers, controls.PasswordRequireSymbols},
		Aliases:       []string{"CKV_AWS_11", "CKV_AWS_12", "CKV_AWS_14", "CKV_AWS_15", "AWS-0058", "AWS-0059", "AWS-0060", "AWS-0061"},
		ResourceTypes: []string{"aws_iam_account_password_policy"},
		Rationale:     c.Rationale,
		Remediation: remediation("hardened_password_policy has them always on.", c, controls.PasswordRequireLowercase,
			controls.PasswordRequireNumbers, controls.PasswordRequireSymbols),
	}
}

func (AwsIAMPasswordPolicyCharacterClasses) Check(p *plan.Plan, r *plan.Resource, rep *engine.Reporter) {
	for _, c := range characterClasses {
		// Unset, IAM does not require the class.
		requireTrue(p, r, rep, c.attr, false, c.attr+" is off: passwords do not need "+c.what)
	}
}
