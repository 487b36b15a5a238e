package format

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/internal/controls"
	"github.com/hardened-tf/terraform-provider-hardened/lint/baseline"
	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// SARIF 2.1.0, as GitHub code scanning and other SARIF consumers read it.

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Language       string      `json:"language"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	HelpURI              string         `json:"helpUri"`
	Help                 sarifHelp      `json:"help"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           sarifRuleProps `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags             []string `json:"tags"`
	SecuritySeverity string   `json:"security-severity"`
	Precision        string   `json:"precision"`
}

var securitySeverity = map[controls.Severity]string{
	controls.SeverityCritical: "9.5",
	controls.SeverityHigh:     "8.0",
	controls.SeverityMedium:   "5.5",
	controls.SeverityLow:      "3.0",
	controls.SeverityInfo:     "1.0",
}

// sarifLevel is a rule's default level, by severity.
func sarifLevel(s controls.Severity) string {
	switch s {
	case controls.SeverityCritical, controls.SeverityHigh:
		return "error"
	case controls.SeverityMedium:
		return "warning"
	}
	return "note"
}

// resultLevel is a result's level: error only for findings that fail the run,
// so code scanning agrees with the exit code.
func resultLevel(l engine.Level, s controls.Severity) string {
	switch l {
	case engine.LevelFail, engine.LevelRegression:
		return "error"
	case engine.LevelWarn, engine.LevelUnknown:
		return "warning"
	case engine.LevelNote, engine.LevelBaselined:
		return "note"
	}
	return sarifLevel(s)
}

func sarifRuleOf(m engine.Metadata) sarifRule {
	// Tags are unique (SARIF requires it): controls of one rule may share a reference.
	var tags []string
	seen := map[string]bool{}
	for _, list := range [][]string{{"security", "terraform"}, ControlList(m), m.AllAliases()} {
		for _, tag := range list {
			if !seen[tag] {
				seen[tag] = true
				tags = append(tags, tag)
			}
		}
	}
	help := m.Rationale + "\n\nFix: " + m.Remediation
	return sarifRule{
		ID: m.ID, Name: camel(m.ID),
		ShortDescription:     sarifText{m.Title},
		FullDescription:      sarifText{m.Rationale},
		HelpURI:              m.Link(),
		Help:                 sarifHelp{Text: help, Markdown: "**" + m.Title + "**\n\n" + help + "\n\n[Documentation](" + m.Link() + ")"},
		DefaultConfiguration: sarifConfig{Level: sarifLevel(m.Severity)},
		Properties:           sarifRuleProps{Tags: tags, SecuritySeverity: securitySeverity[m.Severity], Precision: "high"},
	}
}

// SARIF writes a SARIF 2.1.0 log with every enabled rule's metadata, then its
// results one at a time.
func SARIF(w io.Writer, r *Result) error {
	// Rules first: the enabled ones, then any other rule a finding names (a
	// run's findings come from its enabled rules; a hand-made Result may not).
	res := *r
	res.Rules = append([]engine.Metadata(nil), r.Rules...)
	seen := map[string]bool{}
	for _, m := range r.Rules {
		seen[m.ID] = true
	}
	for i := range r.Findings {
		if m := r.Findings[i].Rule; !seen[m.ID] {
			seen[m.ID] = true
			res.Rules = append(res.Rules, *m)
		}
	}
	return writeWith(openSARIF, w, &res)
}

type sarifStream struct {
	r       *Result
	b       *bufio.Writer
	index   map[string]int
	aliases aliasCache
	n       int
}

// openSARIF writes the log's head, with r.Rules as the rules every result
// points into.
func openSARIF(w io.Writer, r *Result) (Stream, error) {
	index := make(map[string]int, len(r.Rules))
	var rules []engine.Metadata
	for _, m := range r.Rules {
		if _, ok := index[m.ID]; !ok {
			index[m.ID] = len(rules)
			rules = append(rules, m)
		}
	}
	driver := sarifDriver{
		Name: r.ToolName, Version: r.ToolVersion,
		InformationURI: "https://github.com/hardened-tf/terraform-provider-hardened",
		Language:       "en-US",
		Rules:          make([]sarifRule, len(rules)),
	}
	for i, m := range rules {
		driver.Rules[i] = sarifRuleOf(m)
	}

	b := buffered(w)
	b.WriteString("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n" +
		"  \"runs\": [\n    {\n      \"tool\": ")
	if err := newElementEncoder("      ").write(b, sarifTool{Driver: driver}); err != nil {
		return nil, err
	}
	b.WriteString(",\n      \"language\": \"en-US\",\n      \"newlineSequences\": [\n        \"\\r\\n\",\n        \"\\n\"\n      ],\n" +
		"      \"results\": [")
	return &sarifStream{r: r, b: b, index: index, aliases: aliasCache{}}, nil
}

func (s *sarifStream) Resource(findings, _ []engine.Finding) error {
	for i := range findings {
		f := &findings[i]
		ruleIndex, ok := s.index[f.Rule.ID]
		if !ok {
			return fmt.Errorf("a finding of rule %s, which is not among the run's rules", f.Rule.ID)
		}
		if s.n > 0 {
			s.b.WriteByte(',')
		}
		s.n++
		writeSARIFResult(s.b, s.r, f, ruleIndex, s.aliases.of(f))
	}
	return nil
}

// Close writes the entries fixed since the baseline as absent results, then
// the run's baseline counts, both known only now.
func (s *sarifStream) Close(sum engine.Summary) error {
	b, base := s.b, s.r.Baseline
	if base != nil {
		for i := range base.Fixed {
			if s.n > 0 {
				b.WriteByte(',')
			}
			s.n++
			e := &base.Fixed[i]
			idx, ok := s.index[e.Rule]
			if !ok {
				idx = -1
			}
			writeSARIFAbsent(b, e, idx)
		}
	}
	if s.n > 0 {
		b.WriteString("\n      ")
	}
	b.WriteString("]")
	if base != nil && sum.Baseline != nil {
		c := sum.Baseline
		const in = "        "
		b.WriteString(",\n      \"properties\": {")
		jsonKey(b, in, "baseline", true)
		b.WriteByte('{')
		jsonStringField(b, in+"  ", "file", base.Path, true)
		jsonIntField(b, in+"  ", "new", c.New, false)
		jsonIntField(b, in+"  ", "unchanged", c.Unchanged, false)
		jsonIntField(b, in+"  ", "fixed", c.Fixed, false)
		jsonIntField(b, in+"  ", "expired", c.Expired, false)
		b.WriteString("\n" + in + "}\n      }")
	}
	b.WriteString("\n    }\n  ]\n}\n")
	return b.Flush()
}

// camel turns aws_cloudtrail_multi_region into AwsCloudtrailMultiRegion.
func camel(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "_") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// writeSARIFResult writes one result as json.Encoder would indent it, by hand
// (see jsonwrite.go).
func writeSARIFResult(b *bufio.Writer, r *Result, f *engine.Finding, ruleIndex int, aliases []string) {
	const in = "          " // the result's members
	b.WriteString("\n        {")
	jsonStringField(b, in, "ruleId", f.Rule.ID, true)
	jsonIntField(b, in, "ruleIndex", ruleIndex, false)
	jsonStringField(b, in, "level", resultLevel(r.Policy.Level(*f), f.Rule.Severity), false)
	kind := "fail"
	if f.Status == engine.StatusUnknown {
		kind = "review"
	}
	jsonStringField(b, in, "kind", kind, false)
	if f.Baseline != "" {
		jsonStringField(b, in, "baselineState", string(f.Baseline), false)
	}
	jsonKey(b, in, "message", false)
	b.WriteString("{\n" + in + "  \"text\": \"")
	jsonStringBody(b, f.Address)
	b.WriteString(": ")
	jsonStringBody(b, f.Message)
	b.WriteString("\"\n" + in + "}")
	place, located := r.locate(f)
	jsonKey(b, in, "locations", false)
	b.WriteString("[\n" + in + "  {")
	if located {
		jsonKey(b, in+"    ", "physicalLocation", true)
		writeSARIFPhysical(b, in+"    ", place.Location)
	}
	jsonKey(b, in+"    ", "logicalLocations", !located)
	b.WriteString("[\n" + in + "      {")
	jsonStringField(b, in+"        ", "fullyQualifiedName", f.Address, true)
	jsonStringField(b, in+"        ", "kind", "resource", false)
	b.WriteString("\n" + in + "      }\n" + in + "    ]\n" + in + "  }\n" + in + "]")
	if located && len(place.ModuleCalls) > 0 {
		jsonKey(b, in, "relatedLocations", false)
		b.WriteByte('[')
		for j, c := range place.ModuleCalls {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString("\n" + in + "  {")
			jsonIntField(b, in+"    ", "id", j+1, true)
			jsonKey(b, in+"    ", "message", false)
			writeSARIFText(b, in+"    ", "called by "+c.Address)
			jsonKey(b, in+"    ", "physicalLocation", false)
			writeSARIFPhysical(b, in+"    ", c.Location)
			b.WriteString("\n" + in + "  }")
		}
		b.WriteString("\n" + in + "]")
	}
	if f.Status == engine.StatusWaived {
		just := f.Note
		if f.Waiver != nil {
			just = f.Waiver.Reason
		}
		jsonKey(b, in, "suppressions", false)
		b.WriteString("[\n" + in + "  {")
		jsonStringField(b, in+"    ", "kind", "external", true)
		jsonStringField(b, in+"    ", "justification", just, false)
		b.WriteString("\n" + in + "  }\n" + in + "]")
	}
	// properties: a regression's status (or a replaced one's), the waiver's
	// note, and the aliases of the part that failed (the rule's tags list every
	// alias of the rule).
	change := f.Status == engine.StatusRegression || f.Status == engine.StatusReplaced || f.Status == engine.StatusBaselined
	if f.Note != "" || len(aliases) > 0 || change {
		jsonKey(b, in, "properties", false)
		b.WriteByte('{')
		first := true
		if change {
			jsonStringField(b, in+"  ", "status", string(f.Status), true)
			first = false
		}
		if f.Note != "" {
			jsonStringField(b, in+"  ", "note", f.Note, first)
			first = false
		}
		if len(aliases) > 0 {
			jsonKey(b, in+"  ", "aliases", first)
			b.WriteByte('[')
			for i, a := range aliases {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString("\n" + in + "    ")
				jsonString(b, a)
			}
			b.WriteString("\n" + in + "  ]")
		}
		b.WriteString("\n" + in + "}")
	}
	b.WriteString("\n        }")
}

// writeSARIFAbsent writes a baseline entry no finding matched as a result
// whose baselineState is "absent" (SARIF 2.1.0, 3.27.24: detected in the
// baseline, not in this run): level none, kind pass, at the address the
// baseline recorded.
func writeSARIFAbsent(b *bufio.Writer, e *baseline.Entry, ruleIndex int) {
	const in = "          "
	b.WriteString("\n        {")
	jsonStringField(b, in, "ruleId", e.Rule, true)
	if ruleIndex >= 0 {
		jsonIntField(b, in, "ruleIndex", ruleIndex, false)
	}
	jsonStringField(b, in, "level", "none", false)
	jsonStringField(b, in, "kind", "pass", false)
	jsonStringField(b, in, "baselineState", "absent", false)
	jsonKey(b, in, "message", false)
	what := e.Address + ": fixed since the baseline"
	if e.Attribute != "" {
		what += " (" + e.Attribute + ")"
	}
	writeSARIFText(b, in, what)
	jsonKey(b, in, "locations", false)
	b.WriteString("[\n" + in + "  {")
	jsonKey(b, in+"    ", "logicalLocations", true)
	b.WriteString("[\n" + in + "      {")
	jsonStringField(b, in+"        ", "fullyQualifiedName", e.Address, true)
	jsonStringField(b, in+"        ", "kind", "resource", false)
	b.WriteString("\n" + in + "      }\n" + in + "    ]\n" + in + "  }\n" + in + "]")
	jsonKey(b, in, "properties", false)
	b.WriteByte('{')
	jsonStringField(b, in+"  ", "fingerprint", e.Fingerprint, true)
	b.WriteString("\n" + in + "}")
	b.WriteString("\n        }")
}

// writeSARIFText writes {"text": s} whose members are at indent+2.
func writeSARIFText(b *bufio.Writer, indent, s string) {
	b.WriteByte('{')
	jsonStringField(b, indent+"  ", "text", s, true)
	b.WriteString("\n" + indent + "}")
}

// writeSARIFPhysical writes a physicalLocation object whose members are at indent+2.
func writeSARIFPhysical(b *bufio.Writer, indent string, l Location) {
	in := indent + "  "
	b.WriteByte('{')
	jsonKey(b, in, "artifactLocation", true)
	b.WriteByte('{')
	jsonStringField(b, in+"  ", "uri", l.File, true)
	b.WriteString("\n" + in + "}")
	jsonKey(b, in, "region", false)
	b.WriteByte('{')
	jsonIntField(b, in+"  ", "startLine", l.Line, true)
	if l.Column != 0 {
		jsonIntField(b, in+"  ", "startColumn", l.Column, false)
	}
	b.WriteString("\n" + in + "}")
	b.WriteString("\n" + indent + "}")
}
