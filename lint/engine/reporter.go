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
	// msgs holds the messages of the resource being judged, back to back, and
	// pending the findings whose Message is a span of it: flush makes them one
	// string a resource (a string and a builder per finding were most of a
	// failure's cost on plans where most resources fail).
	msgs    []byte
	pending []pendingMsg
}

// pendingMsg is a finding of Reporter.out (at) whose message is msgs[start:end].
type pendingMsg struct{ at, start, end int }

// Fail reports that the resource breaks the rule at attribute.
func (rep *Reporter) Fail(attribute, format string, args ...any) {
	rep.add(StatusFail, "", attribute, format, args)
}

// FailPart reports that the resource breaks one part of the rule (a
// Metadata.Parts ID): the finding carries that part's aliases only.
func (rep *Reporter) FailPart(part, attribute, format string, args ...any) {
	rep.add(StatusFail, part, attribute, format, args)
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
	rep.add(StatusFail, "", attribute, format, args)
}

// Regress reports that the change weakens or deletes a security control at
// attribute ("" for the whole resource). The message says what the change does,
// before -> after; it is scrubbed of the resource's sensitive values, before and
// after, like every message.
func (rep *Reporter) Regress(attribute, format string, args ...any) {
	rep.add(StatusRegression, "", attribute, format, args)
}

// Replaced reports a change that would be a regression but for a replacement
// the same plan makes; the message names the replacement.
func (rep *Reporter) Replaced(attribute, format string, args ...any) {
	rep.add(StatusReplaced, "", attribute, format, args)
}

// Unknown reports that the verdict depends on a value known only after apply.
func (rep *Reporter) Unknown(attribute, format string, args ...any) {
	rep.add(StatusUnknown, "", attribute, format, args)
}

// UnknownPart is Unknown for one part of the rule.
func (rep *Reporter) UnknownPart(part, attribute, format string, args ...any) {
	rep.add(StatusUnknown, part, attribute, format, args)
}

func (rep *Reporter) add(s Status, part, attribute, format string, args []any) {
	rep.reported = true
	*rep.out = append(*rep.out, Finding{
		Rule: rep.rule, Status: s, Address: rep.resource.Address, ResourceType: rep.resource.Type,
		Attribute: attribute, Part: part,
	})
	if !rep.secretsRead {
		rep.readSecrets()
	}
	f := &(*rep.out)[len(*rep.out)-1]
	if len(args) == 0 && strings.IndexByte(format, '%') < 0 {
		f.Message = rep.scrub(format) // a constant: shared, not copied
		return
	}
	start := len(rep.msgs)
	rep.msgs = appendf(rep.msgs, format, args)
	if len(rep.secrets) > 0 {
		// Rare: a resource with sensitive values scrubs each message as a string.
		msg := rep.scrub(string(rep.msgs[start:]))
		rep.msgs = append(rep.msgs[:start], msg...)
	}
	rep.pending = append(rep.pending, pendingMsg{len(*rep.out) - 1, start, len(rep.msgs)})
}

// flush gives the findings reported since the last flush their messages: one
// string holds them all. The checker calls it once the resource is judged.
func (rep *Reporter) flush() {
	if len(rep.pending) == 0 {
		return
	}
	all := string(rep.msgs)
	out := *rep.out
	for _, p := range rep.pending {
		out[p.at].Message = all[p.start:p.end]
	}
	rep.msgs, rep.pending = rep.msgs[:0], rep.pending[:0]
}

// readSecrets reads the resource's sensitive values, longest first, once a
// resource (when it first reports).
func (rep *Reporter) readSecrets() {
	rep.secrets = rep.resource.SensitiveStrings()
	if len(rep.secrets) > 1 {
		sort.Slice(rep.secrets, func(i, j int) bool { return len(rep.secrets[i]) > len(rep.secrets[j]) })
	}
	rep.secretsRead = true
}

// Redacted replaces sensitive values in messages.
const Redacted = "(sensitive value)"

// scrub removes the resource's sensitive values from a message: a safety net
// under the rules, which already avoid printing values marked sensitive. Values
// shorter than 4 characters are left to the rules, to keep messages readable,
// but for numbers standing alone (ports); a label after a value ("3389 (RDP)")
// goes with it (see redact).
func (rep *Reporter) scrub(msg string) string {
	for _, s := range rep.secrets {
		if strings.Contains(msg, s) {
			msg = redact(msg, s)
		}
	}
	return msg
}
