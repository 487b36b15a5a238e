package engine

import (
	"sort"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/lint/plan"
)

// Reporter collects a rule's verdicts on one resource.
type Reporter struct {
	rule     *Metadata
	resource *plan.Resource
	out      *[]Finding
	reported bool
	// secrets are the resource's sensitive values, scrubbed from every message.
	secrets     []string
	secretsRead bool
	// planWide holds the rules whose plan-wide finding is reported.
	planWide map[string]bool
}

// Fail reports that the resource breaks the rule at attribute.
func (rep *Reporter) Fail(attribute, format string, args ...any) {
	rep.add(StatusFail, "", attribute, sprintf(format, args))
}

// FailPart reports that the resource breaks one part of the rule (a
// Metadata.Parts ID): the finding carries that part's aliases only.
func (rep *Reporter) FailPart(part, attribute, format string, args ...any) {
	rep.add(StatusFail, part, attribute, sprintf(format, args))
}

// FailPlanWide reports a failure of the plan as a whole (no trail records S3
// data events): the first resource judged carries it, the others report
// nothing more and do not pass either. A rule reports one plan-wide finding.
func (rep *Reporter) FailPlanWide(attribute, format string, args ...any) {
	if rep.planWide[rep.rule.ID] {
		rep.reported = true
		return
	}
	if rep.planWide == nil {
		rep.planWide = map[string]bool{}
	}
	rep.planWide[rep.rule.ID] = true
	rep.add(StatusFail, "", attribute, sprintf(format, args))
}

// Regress reports that the change weakens or deletes a security control at
// attribute ("" for the whole resource). The message says what the change does,
// before -> after; it is scrubbed of the resource's sensitive values, before and
// after, like every message.
func (rep *Reporter) Regress(attribute, format string, args ...any) {
	rep.add(StatusRegression, "", attribute, sprintf(format, args))
}

// Replaced reports a change that would be a regression but for a replacement
// the same plan makes; the message names the replacement.
func (rep *Reporter) Replaced(attribute, format string, args ...any) {
	rep.add(StatusReplaced, "", attribute, sprintf(format, args))
}

// Unknown reports that the verdict depends on a value known only after apply.
func (rep *Reporter) Unknown(attribute, format string, args ...any) {
	rep.add(StatusUnknown, "", attribute, sprintf(format, args))
}

// UnknownPart is Unknown for one part of the rule.
func (rep *Reporter) UnknownPart(part, attribute, format string, args ...any) {
	rep.add(StatusUnknown, part, attribute, sprintf(format, args))
}

func (rep *Reporter) add(s Status, part, attribute, msg string) {
	rep.reported = true
	msg = rep.scrub(msg)
	*rep.out = append(*rep.out, Finding{
		Rule: rep.rule, Status: s, Address: rep.resource.Address, ResourceType: rep.resource.Type,
		Attribute: attribute, Message: msg, Part: part,
	})
}

// Redacted replaces sensitive values in messages.
const Redacted = "(sensitive value)"

// scrub removes the resource's sensitive values from a message: a safety net
// under the rules, which already avoid printing values marked sensitive. Values
// shorter than 4 characters are left to the rules, to keep messages readable,
// but for numbers standing alone (ports); a label after a value ("3389 (RDP)")
// goes with it (see redact).
func (rep *Reporter) scrub(msg string) string {
	if !rep.secretsRead {
		rep.secrets = rep.resource.SensitiveStrings()
		sort.Slice(rep.secrets, func(i, j int) bool { return len(rep.secrets[i]) > len(rep.secrets[j]) })
		rep.secretsRead = true
	}
	for _, s := range rep.secrets {
		if strings.Contains(msg, s) {
			msg = redact(msg, s)
		}
	}
	return msg
}
