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
	Resources        int            `json:"resources"`
	Failed           int            `json:"failed"`
	Unknown          int            `json:"unknown"`
	Waived           int            `json:"waived"`
	FailingResources int            `json:"failing_resources"`
	FailedBySeverity map[string]int `json:"failed_by_severity"`
	Warnings         int            `json:"warnings"`
	Notes            int            `json:"notes"`
}

type jsonFinding struct {
	Rule         string       `json:"rule"`
	Title        string       `json:"title"`
	Severity     string       `json:"severity"`
	Status       string       `json:"status"`
	Level        string       `json:"level"`
	Address      string       `json:"address"`
	ResourceType string       `json:"resource_type"`
	Attribute    string       `json:"attribute"`
	Message      string       `json:"message"`
	Controls     []string     `json:"controls"`
	Aliases      []string     `json:"aliases"`
	Remediation  string       `json:"remediation"`
	HelpURI      string       `json:"help_uri"`
	Note         string       `json:"note,omitempty"`
	Location     *Location    `json:"location,omitempty"`
	ModuleCalls  []ModuleCall `json:"module_calls,omitempty"`
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
// {"tool": …, "summary": …, "findings": […]}, one finding at a time.
func JSON(w io.Writer, r *Result) error {
	b := buffered(w)
	top := newElementEncoder("  ")
	b.WriteString("{\n  \"tool\": ")
	if err := top.write(b, jsonTool{Name: r.ToolName, Version: r.ToolVersion}); err != nil {
		return err
	}
	b.WriteString(",\n  \"summary\": ")
	if err := top.write(b, summaryJSON(r.Summary)); err != nil {
		return err
	}
	b.WriteString(",\n  \"findings\": [")
	el := newElementEncoder("    ")
	// Controls and aliases are the rule's: rendered once per rule, not per finding.
	controls := map[string][]string{}
	for i := range r.Findings {
		f := &r.Findings[i]
		cl, ok := controls[f.Rule.ID]
		if !ok {
			cl = ControlList(f.Rule)
			controls[f.Rule.ID] = cl
		}
		jf := jsonFinding{
			Rule: f.Rule.ID, Title: f.Rule.Title, Severity: string(f.Rule.Severity), Status: string(f.Status),
			Level: string(r.Policy.Level(*f)), Address: f.Address, ResourceType: f.ResourceType, Attribute: f.Attribute,
			Message: f.Message, Controls: cl, Aliases: f.Rule.Aliases, Remediation: f.Rule.Remediation,
			HelpURI: f.Rule.Link(), Note: f.Note,
		}
		if jf.Aliases == nil {
			jf.Aliases = []string{}
		}
		if place, ok := r.locate(f); ok {
			jf.Location = &place.Location
			jf.ModuleCalls = place.ModuleCalls
		}
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n    ")
		if err := el.write(b, &jf); err != nil {
			return err
		}
	}
	if len(r.Findings) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("]\n}\n")
	return b.Flush()
}

func summaryJSON(s engine.Summary) jsonSummary {
	out := jsonSummary{Resources: s.Resources, Failed: s.Failed, Unknown: s.Unknown, Waived: s.Waived,
		FailingResources: s.FailingResources, Warnings: s.Warnings, Notes: s.Notes, FailedBySeverity: map[string]int{}}
	for _, sev := range engine.Severities {
		out.FailedBySeverity[string(sev)] = s.FailedBySeverity[sev]
	}
	return out
}
