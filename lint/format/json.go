package format

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonSummary struct {
	Resources int `json:"resources"`
	// Changing is how many of the resources judged the plan creates, updates or replaces.
	Changing int `json:"changing"`
	// ChangesOnly: only those were judged (--changes-only), Unchanged counts the others.
	ChangesOnly      bool           `json:"changes_only"`
	Unchanged        int            `json:"unchanged_not_judged"`
	Failed           int            `json:"failed"`
	Unknown          int            `json:"unknown"`
	Waived           int            `json:"waived"`
	FailingResources int            `json:"failing_resources"`
	FailedBySeverity map[string]int `json:"failed_by_severity"`
	Warnings         int            `json:"warnings"`
	Notes            int            `json:"notes"`
	// Regressions counts the failing regressions, which are not in Failed.
	Regressions int `json:"regressions"`
	// Baseline compares the run with its baseline (--baseline only).
	Baseline *jsonBaselineCounts `json:"baseline,omitempty"`
}

type jsonBaselineCounts struct {
	New       int `json:"new"`
	Unchanged int `json:"unchanged"`
	Fixed     int `json:"fixed"`
	Expired   int `json:"expired"`
}

// jsonBaseline is the document's last member with --baseline: the file and
// the entries fixed since it.
type jsonBaseline struct {
	File  string           `json:"file"`
	Fixed []jsonFixedEntry `json:"fixed"`
}

type jsonFixedEntry struct {
	Fingerprint  string `json:"fingerprint"`
	Rule         string `json:"rule"`
	Severity     string `json:"severity"`
	ResourceType string `json:"resource_type"`
	Address      string `json:"address"`
	Attribute    string `json:"attribute"`
}

// elementEncoder encodes values indented as members of an enclosing document,
// one at a time, into a buffer it reuses.
type elementEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

func newElementEncoder(prefix string) *elementEncoder {
	e := &elementEncoder{}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetIndent(prefix, "  ")
	return e
}

// write appends v encoded to b, without the encoder's trailing newline.
func (e *elementEncoder) write(b []byte, v any) ([]byte, error) {
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil {
		return b, err
	}
	return append(b, bytes.TrimSuffix(e.buf.Bytes(), []byte("\n"))...), nil
}

// JSON writes the documented machine-readable shape,
// {"tool": …, "summary": …, "findings": […]}, one finding at a time; with a
// baseline, each finding ends with its "baseline" state and "fingerprint", and
// a "baseline" member ({"file", "fixed": […]}) follows the findings. The
// summary comes before the findings: they are kept aside (a spill) until it is
// known, and the fixed entries until the run ends.
func JSON(w io.Writer, r *Result) error { return writeWith(openJSON, w, r) }

type jsonStream struct {
	r        *Result
	o        *outBuf
	findings *findingSpill
	n        int
	// The rule's members are the same in each of its findings: rendered
	// once per rule, by the rule's index in the spill.
	ruleParts []*jsonRuleParts
}

func openJSON(w io.Writer, r *Result) (Stream, error) {
	return &jsonStream{r: r, o: newOutBuf(w), findings: newFindingSpill(spillMemory)}, nil
}

func (j *jsonStream) Resource(findings, _ []engine.Finding) error {
	for i := range findings {
		j.findings.add(&findings[i])
	}
	return nil
}

// writeFinding writes a finding as a member of the findings array; rule is
// the index of its rule in the spill.
func (j *jsonStream) writeFinding(f *engine.Finding, rule int) {
	r := j.r
	for len(j.ruleParts) <= rule {
		j.ruleParts = append(j.ruleParts, nil)
	}
	parts := j.ruleParts[rule]
	if parts == nil {
		parts = newJSONRuleParts(f.Rule)
		j.ruleParts[rule] = parts
	}
	b := j.o.b
	if j.n > 0 {
		b = append(b, ',')
	}
	j.n++
	b = append(b, "\n    {"...)
	b = append(b, parts.head...)
	b = append(b, parts.status(f, r.Policy)...)
	b = append(b, ",\n"+findingIndent+`"address": "`...)
	b = appendJSONBody(b, f.Address)
	b = append(b, "\",\n"+findingIndent+`"resource_type": "`...)
	b = appendJSONBody(b, f.ResourceType)
	b = append(b, "\",\n"+findingIndent+`"attribute": "`...)
	b = appendJSONBody(b, f.Attribute)
	b = append(b, "\",\n"+findingIndent+`"message": "`...)
	b = appendJSONBody(b, f.Message)
	b = append(b, '"')
	b = append(b, parts.controls...)
	// The aliases of the part that failed: they differ between a rule's findings.
	b = append(b, parts.aliases(f)...)
	b = append(b, parts.tail...)
	if f.Note != "" {
		b = appendJSONStringField(b, findingIndent, "note", f.Note, false)
	}
	if place, ok := r.locate(f); ok {
		b = appendJSONKey(b, findingIndent, "location", false)
		b = appendJSONLocation(b, findingIndent+"  ", findingIndent, place.Location)
		if len(place.ModuleCalls) > 0 {
			b = appendJSONKey(b, findingIndent, "module_calls", false)
			b = append(b, '[')
			for j, c := range place.ModuleCalls {
				if j > 0 {
					b = append(b, ',')
				}
				b = append(b, "\n"+findingIndent+"  {"...)
				const in = findingIndent + "    "
				b = appendJSONStringField(b, in, "address", c.Address, true)
				b = appendJSONStringField(b, in, "file", c.File, false)
				b = appendJSONIntField(b, in, "line", c.Line, false)
				b = appendJSONIntField(b, in, "column", c.Column, false)
				b = append(b, "\n"+findingIndent+"  }"...)
			}
			b = append(b, "\n"+findingIndent+"]"...)
		}
	}
	if f.Baseline != "" {
		b = appendJSONStringField(b, findingIndent, "baseline", string(f.Baseline), false)
		b = appendJSONStringField(b, findingIndent, "fingerprint", f.Fingerprint, false)
	}
	j.o.b = append(b, "\n    }"...)
	j.o.spare()
}

func (j *jsonStream) Close(s engine.Summary) error {
	defer j.findings.close()
	o := j.o
	top := newElementEncoder("  ")
	var err error
	o.b = append(o.b, "{\n  \"tool\": "...)
	if o.b, err = top.write(o.b, jsonTool{Name: j.r.ToolName, Version: j.r.ToolVersion}); err != nil {
		return err
	}
	o.b = append(o.b, ",\n  \"summary\": "...)
	if o.b, err = top.write(o.b, summaryJSON(s)); err != nil {
		return err
	}
	o.b = append(o.b, ",\n  \"findings\": ["...)
	if err := j.findings.each(j.writeFinding); err != nil {
		return err
	}
	if j.n > 0 {
		o.b = append(o.b, "\n  "...)
	}
	o.b = append(o.b, ']')
	if base := j.r.Baseline; base != nil {
		doc := jsonBaseline{File: base.Path, Fixed: []jsonFixedEntry{}}
		for _, e := range base.Fixed {
			doc.Fixed = append(doc.Fixed, jsonFixedEntry{Fingerprint: e.Fingerprint, Rule: e.Rule, Severity: e.Severity,
				ResourceType: e.ResourceType, Address: e.Address, Attribute: e.Attribute})
		}
		o.b = append(o.b, ",\n  \"baseline\": "...)
		if o.b, err = top.write(o.b, doc); err != nil {
			return err
		}
	}
	o.b = append(o.b, "\n}\n"...)
	return o.flush()
}

// findingIndent is the indentation of a finding's members.
const findingIndent = "      "

// jsonRuleParts are a rule's members of a finding, rendered once: head (rule,
// title, severity), controls, and tail (related, remediation, help_uri); and
// the members that vary between its findings, rendered once each: the status
// and level (by status), the aliases (by part and resource type).
type jsonRuleParts struct {
	rule                 *engine.Metadata
	head, controls, tail []byte
	statuses             []jsonStatus
	aliasList            []byte // a rule without parts: its aliases
	lastAlias            aliasKey
	lastAliases          []byte
	byPart               map[aliasKey][]byte
}

type jsonStatus struct {
	status engine.Status
	json   []byte
}

func newJSONRuleParts(m *engine.Metadata) *jsonRuleParts {
	p := &jsonRuleParts{rule: m}
	p.head = appendJSONStringField(nil, findingIndent, "rule", m.ID, true)
	p.head = appendJSONStringField(p.head, findingIndent, "title", m.Title, false)
	p.head = appendJSONStringField(p.head, findingIndent, "severity", string(m.Severity), false)
	p.controls = appendJSONKey(nil, findingIndent, "controls", false)
	p.controls = appendJSONStringList(p.controls, findingIndent, ControlList(*m))
	p.tail = appendJSONKey(nil, findingIndent, "related", false)
	p.tail = appendJSONStringList(p.tail, findingIndent, m.Related)
	p.tail = appendJSONStringField(p.tail, findingIndent, "remediation", m.Remediation, false)
	p.tail = appendJSONStringField(p.tail, findingIndent, "help_uri", m.Link(), false)
	if len(m.Parts) == 0 {
		p.aliasList = renderJSONAliases(m.Aliases)
	}
	return p
}

func renderJSONAliases(list []string) []byte {
	return appendJSONStringList(appendJSONKey(nil, findingIndent, "aliases", false), findingIndent, list)
}

// status renders a finding's status and level members: the level follows
// from the status, the rule's severity and the policy.
func (p *jsonRuleParts) status(f *engine.Finding, pol engine.Policy) []byte {
	for i := range p.statuses {
		if p.statuses[i].status == f.Status {
			return p.statuses[i].json
		}
	}
	b := appendJSONStringField(nil, findingIndent, "status", string(f.Status), false)
	b = appendJSONStringField(b, findingIndent, "level", string(pol.Level(*f)), false)
	p.statuses = append(p.statuses, jsonStatus{f.Status, b})
	return b
}

// aliases renders a finding's aliases member (see engine.Finding.Aliases).
func (p *jsonRuleParts) aliases(f *engine.Finding) []byte {
	if len(p.rule.Parts) == 0 {
		return p.aliasList
	}
	k := aliasKey{f.Rule, f.Part, f.ResourceType}
	if p.lastAliases != nil && k == p.lastAlias {
		return p.lastAliases
	}
	if p.byPart == nil {
		p.byPart = map[aliasKey][]byte{}
	}
	a, ok := p.byPart[k]
	if !ok {
		a = renderJSONAliases(f.Aliases())
		// The strings may be views of a spill's chunk: keys of their own.
		k.part, k.resourceType = strings.Clone(k.part), strings.Clone(k.resourceType)
		p.byPart[k] = a
	}
	p.lastAlias, p.lastAliases = k, a
	return a
}

func summaryJSON(s engine.Summary) jsonSummary {
	out := jsonSummary{Resources: s.Resources, Changing: s.Changing, ChangesOnly: s.ChangesOnly, Unchanged: s.Unchanged, Failed: s.Failed, Unknown: s.Unknown, Waived: s.Waived,
		FailingResources: s.FailingResources, Warnings: s.Warnings, Notes: s.Notes, Regressions: s.Regressions, FailedBySeverity: map[string]int{}}
	for _, sev := range engine.Severities {
		out.FailedBySeverity[string(sev)] = s.FailedBySeverity[sev]
	}
	if c := s.Baseline; c != nil {
		out.Baseline = &jsonBaselineCounts{New: c.New, Unchanged: c.Unchanged, Fixed: c.Fixed, Expired: c.Expired}
	}
	return out
}
