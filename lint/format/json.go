package format

import (
	"bytes"
	"encoding/binary"
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
	r *Result
	o *outBuf
	// findings holds each finding's record: its rule's, status's and
	// aliases' indexes, then its own members rendered (see add).
	findings *spill
	n        int
	// The rule's members are the same in each of its findings: rendered
	// once per rule, found by the rule's index.
	rules    []*jsonRuleParts
	ruleIdx  map[*engine.Metadata]int
	lastRule *engine.Metadata
	lastIdx  int
	rec      []byte
	// The last finding's address and resource type, escaped.
	address, resourceType escaped
}

func openJSON(w io.Writer, r *Result) (Stream, error) {
	return &jsonStream{r: r, o: newOutBuf(w), findings: newSpill(spillMemory), ruleIdx: map[*engine.Metadata]int{}}, nil
}

func (j *jsonStream) Resource(findings, _ []engine.Finding) error {
	for i := range findings {
		j.add(&findings[i])
	}
	return nil
}

// add keeps a finding aside as a record: the indexes of its rule, of its
// status among the rule's and of its aliases among the rule's, its address,
// resource type, attribute and message escaped (each after its length), then
// its members after the rule's tail, rendered. A record is a fifth of the
// finding's JSON: the rule's members, most of it, and the members' names are
// written from the rule's parts and constants.
func (j *jsonStream) add(f *engine.Finding) {
	ri := j.lastIdx
	if f.Rule != j.lastRule || j.lastRule == nil {
		var ok bool
		if ri, ok = j.ruleIdx[f.Rule]; !ok {
			ri = len(j.rules)
			j.ruleIdx[f.Rule] = ri
			j.rules = append(j.rules, newJSONRuleParts(f.Rule))
		}
		j.lastRule, j.lastIdx = f.Rule, ri
	}
	parts := j.rules[ri]
	b := binary.AppendUvarint(j.rec[:0], uint64(ri))
	b = binary.AppendUvarint(b, uint64(parts.status(f, j.r.Policy)))
	b = binary.AppendUvarint(b, uint64(parts.aliases(f)))
	// A resource's findings share its address and type.
	address := j.address.render(f.Address, appendJSONBody)
	b = binary.AppendUvarint(b, uint64(len(address)))
	b = append(b, address...)
	resourceType := j.resourceType.render(f.ResourceType, appendJSONBody)
	b = binary.AppendUvarint(b, uint64(len(resourceType)))
	b = append(b, resourceType...)
	b = appendJSONSized(b, f.Attribute)
	b = appendJSONSized(b, f.Message)
	j.rec = j.appendEnd(b, f)
	j.findings.addRecord(j.rec)
	j.n++
}

// appendEnd renders a finding's members after the rule's tail: note,
// location, module calls, baseline state and fingerprint.
func (j *jsonStream) appendEnd(b []byte, f *engine.Finding) []byte {
	if f.Note != "" {
		b = appendJSONStringField(b, findingIndent, "note", f.Note, false)
	}
	if place, ok := j.r.locate(f); ok {
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
	return b
}

// writeFinding writes a finding's record as a member of the findings array;
// false when the record is damaged.
func (j *jsonStream) writeFinding(rec []byte) bool {
	ri, off := uvarintAt(rec, 0)
	si, off := uvarintAt(rec, max(off, 0))
	ai, off := uvarintAt(rec, max(off, 0))
	if off < 0 || ri >= uint64(len(j.rules)) {
		return false
	}
	parts := j.rules[ri]
	if si >= uint64(len(parts.statuses)) || ai >= uint64(len(parts.aliasLists)) {
		return false
	}
	var str [4][]byte // address, resource type, attribute, message
	for i := range str {
		n, next := uvarintAt(rec, off)
		if next < 0 || n > uint64(len(rec)-next) {
			return false
		}
		str[i], off = rec[next:next+int(n)], next+int(n)
	}
	b := j.o.b
	if j.n > 0 {
		b = append(b, ',')
	}
	j.n++
	b = append(b, "\n    {"...)
	b = append(b, parts.head...)
	b = append(b, parts.statuses[si].json...)
	b = append(b, ",\n"+findingIndent+`"address": "`...)
	b = append(b, str[0]...)
	b = append(b, "\",\n"+findingIndent+`"resource_type": "`...)
	b = append(b, str[1]...)
	b = append(b, "\",\n"+findingIndent+`"attribute": "`...)
	b = append(b, str[2]...)
	b = append(b, "\",\n"+findingIndent+`"message": "`...)
	b = append(b, str[3]...)
	b = append(b, '"')
	b = append(b, parts.controls...)
	// The aliases of the part that failed: they differ between a rule's findings.
	b = append(b, parts.aliasLists[ai]...)
	b = append(b, parts.tail...)
	b = append(b, rec[off:]...)
	j.o.b = append(b, "\n    }"...)
	j.o.spare()
	return true
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
	n := j.n
	j.n = 0
	if err := j.findings.records(n, j.writeFinding); err != nil {
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
	aliasLists           [][]byte
	// The aliases' index by part and resource type, and the last one found.
	byPart    map[aliasKey]int
	lastAlias aliasKey
	lastIdx   int
}

type jsonStatus struct {
	status engine.Status
	json   []byte
}

func newJSONRuleParts(m *engine.Metadata) *jsonRuleParts {
	p := &jsonRuleParts{rule: m, lastIdx: -1}
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
		p.aliasLists = [][]byte{renderJSONAliases(m.Aliases)}
	}
	return p
}

func renderJSONAliases(list []string) []byte {
	return appendJSONStringList(appendJSONKey(nil, findingIndent, "aliases", false), findingIndent, list)
}

// status returns the index of a finding's status and level members: the
// level follows from the status, the rule's severity and the policy.
func (p *jsonRuleParts) status(f *engine.Finding, pol engine.Policy) int {
	for i := range p.statuses {
		if p.statuses[i].status == f.Status {
			return i
		}
	}
	b := appendJSONStringField(nil, findingIndent, "status", string(f.Status), false)
	b = appendJSONStringField(b, findingIndent, "level", string(pol.Level(*f)), false)
	p.statuses = append(p.statuses, jsonStatus{f.Status, b})
	return len(p.statuses) - 1
}

// aliases returns the index of a finding's aliases member (see
// engine.Finding.Aliases).
func (p *jsonRuleParts) aliases(f *engine.Finding) int {
	if len(p.rule.Parts) == 0 {
		return 0
	}
	k := aliasKey{f.Rule, f.Part, f.ResourceType}
	if p.lastIdx >= 0 && k == p.lastAlias {
		return p.lastIdx
	}
	if p.byPart == nil {
		p.byPart = map[aliasKey]int{}
	}
	i, ok := p.byPart[k]
	if !ok {
		i = len(p.aliasLists)
		p.aliasLists = append(p.aliasLists, renderJSONAliases(f.Aliases()))
		// The finding is the caller's again after Resource: keys of their own.
		k.part, k.resourceType = strings.Clone(k.part), strings.Clone(k.resourceType)
		p.byPart[k] = i
	}
	p.lastAlias, p.lastIdx = k, i
	return i
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
