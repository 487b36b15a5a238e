package format

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

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

// write encodes v to b without the encoder's trailing newline.
func (e *elementEncoder) write(b *bufio.Writer, v any) error {
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil {
		return err
	}
	_, err := b.Write(bytes.TrimSuffix(e.buf.Bytes(), []byte("\n")))
	return err
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
	b        *bufio.Writer
	findings *findingSpill
	n        int
	// The rule's fields are the same in each of its findings: written once per rule.
	ruleParts map[string]*jsonRuleParts
	aliases   aliasCache
}

func openJSON(w io.Writer, r *Result) (Stream, error) {
	return &jsonStream{r: r, b: buffered(w), findings: newFindingSpill(spillMemory), ruleParts: map[string]*jsonRuleParts{}, aliases: aliasCache{}}, nil
}

func (j *jsonStream) Resource(findings, _ []engine.Finding) error {
	for i := range findings {
		j.findings.add(&findings[i])
	}
	return nil
}

// writeFinding writes a finding as a member of the findings array.
func (j *jsonStream) writeFinding(b *bufio.Writer, f *engine.Finding) {
	r := j.r
	parts, ok := j.ruleParts[f.Rule.ID]
	if !ok {
		parts = newJSONRuleParts(*f.Rule)
		j.ruleParts[f.Rule.ID] = parts
	}
	if j.n > 0 {
		b.WriteByte(',')
	}
	j.n++
	b.WriteString("\n    {")
	b.Write(parts.head)
	jsonStringField(b, findingIndent, "status", string(f.Status), false)
	jsonStringField(b, findingIndent, "level", string(r.Policy.Level(*f)), false)
	jsonStringField(b, findingIndent, "address", f.Address, false)
	jsonStringField(b, findingIndent, "resource_type", f.ResourceType, false)
	jsonStringField(b, findingIndent, "attribute", f.Attribute, false)
	jsonStringField(b, findingIndent, "message", f.Message, false)
	b.Write(parts.controls)
	// The aliases of the part that failed: they differ between a rule's findings.
	jsonStringList(b, "aliases", j.aliases.of(f))
	b.Write(parts.tail)
	if f.Note != "" {
		jsonStringField(b, findingIndent, "note", f.Note, false)
	}
	if place, ok := r.locate(f); ok {
		jsonKey(b, findingIndent, "location", false)
		jsonLocation(b, findingIndent+"  ", findingIndent, place.Location)
		if len(place.ModuleCalls) > 0 {
			jsonKey(b, findingIndent, "module_calls", false)
			b.WriteByte('[')
			for j, c := range place.ModuleCalls {
				if j > 0 {
					b.WriteByte(',')
				}
				b.WriteString("\n" + findingIndent + "  {")
				in := findingIndent + "    "
				jsonStringField(b, in, "address", c.Address, true)
				jsonStringField(b, in, "file", c.File, false)
				jsonIntField(b, in, "line", c.Line, false)
				jsonIntField(b, in, "column", c.Column, false)
				b.WriteString("\n" + findingIndent + "  }")
			}
			b.WriteString("\n" + findingIndent + "]")
		}
	}
	if f.Baseline != "" {
		jsonStringField(b, findingIndent, "baseline", string(f.Baseline), false)
		jsonStringField(b, findingIndent, "fingerprint", f.Fingerprint, false)
	}
	b.WriteString("\n    }")
}

func (j *jsonStream) Close(s engine.Summary) error {
	defer j.findings.close()
	b := j.b
	top := newElementEncoder("  ")
	b.WriteString("{\n  \"tool\": ")
	if err := top.write(b, jsonTool{Name: j.r.ToolName, Version: j.r.ToolVersion}); err != nil {
		return err
	}
	b.WriteString(",\n  \"summary\": ")
	if err := top.write(b, summaryJSON(s)); err != nil {
		return err
	}
	b.WriteString(",\n  \"findings\": [")
	if err := j.findings.each(func(f *engine.Finding) { j.writeFinding(b, f) }); err != nil {
		return err
	}
	if j.n > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("]")
	if base := j.r.Baseline; base != nil {
		doc := jsonBaseline{File: base.Path, Fixed: []jsonFixedEntry{}}
		for _, e := range base.Fixed {
			doc.Fixed = append(doc.Fixed, jsonFixedEntry{Fingerprint: e.Fingerprint, Rule: e.Rule, Severity: e.Severity,
				ResourceType: e.ResourceType, Address: e.Address, Attribute: e.Attribute})
		}
		b.WriteString(",\n  \"baseline\": ")
		if err := top.write(b, doc); err != nil {
			return err
		}
	}
	b.WriteString("\n}\n")
	return b.Flush()
}

// findingIndent is the indentation of a finding's members.
const findingIndent = "      "

// jsonRuleParts are a rule's members of a finding, rendered once: head (rule,
// title, severity), controls, and tail (related, remediation, help_uri). The
// finding's aliases go between controls and tail.
type jsonRuleParts struct{ head, controls, tail []byte }

func newJSONRuleParts(m engine.Metadata) *jsonRuleParts {
	var buf bytes.Buffer
	b := bufio.NewWriter(&buf)
	jsonStringField(b, findingIndent, "rule", m.ID, true)
	jsonStringField(b, findingIndent, "title", m.Title, false)
	jsonStringField(b, findingIndent, "severity", string(m.Severity), false)
	b.Flush()
	head := append([]byte(nil), buf.Bytes()...)
	buf.Reset()
	jsonStringList(b, "controls", ControlList(m))
	b.Flush()
	controls := append([]byte(nil), buf.Bytes()...)
	buf.Reset()
	jsonStringList(b, "related", m.Related)
	jsonStringField(b, findingIndent, "remediation", m.Remediation, false)
	jsonStringField(b, findingIndent, "help_uri", m.Link(), false)
	b.Flush()
	return &jsonRuleParts{head: head, controls: controls, tail: append([]byte(nil), buf.Bytes()...)}
}

func jsonStringList(b *bufio.Writer, key string, list []string) {
	jsonKey(b, findingIndent, key, false)
	if len(list) == 0 {
		b.WriteString("[]")
		return
	}
	b.WriteByte('[')
	for i, s := range list {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n" + findingIndent + "  ")
		jsonString(b, s)
	}
	b.WriteString("\n" + findingIndent + "]")
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
