package format

import (
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
	o       *outBuf
	index   map[string]int
	aliases sarifAliases
	n       int
	// The members a result's rule, status and baseline state decide,
	// rendered once each, by rule.
	heads map[*engine.Metadata][]sarifHead
	last  sarifHead
	// The last finding's address, rendered.
	address escaped
}

type sarifHead struct {
	rule   *engine.Metadata
	status engine.Status
	// baseline is the finding's baseline state, its last member.
	baseline engine.BaselineState
	json     []byte
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

	o := newOutBuf(w)
	o.b = append(o.b, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"+
		"  \"runs\": [\n    {\n      \"tool\": "...)
	var err error
	if o.b, err = newElementEncoder("      ").write(o.b, sarifTool{Driver: driver}); err != nil {
		return nil, err
	}
	o.b = append(o.b, ",\n      \"language\": \"en-US\",\n      \"newlineSequences\": [\n        \"\\r\\n\",\n        \"\\n\"\n      ],\n"+
		"      \"results\": ["...)
	return &sarifStream{r: r, o: o, index: index, heads: map[*engine.Metadata][]sarifHead{}}, nil
}

func (s *sarifStream) Resource(findings, _ []engine.Finding) error {
	for i := range findings {
		f := &findings[i]
		if l := &s.last; l.json == nil || l.rule != f.Rule || l.status != f.Status || l.baseline != f.Baseline {
			head, err := s.head(f)
			if err != nil {
				return err
			}
			s.last = head
		}
		if s.n > 0 {
			s.o.b = append(s.o.b, ',')
		}
		s.n++
		s.o.b = appendSARIFResult(s.o.b, s.r, f, s.last.json, s.address.render(f.Address, appendJSONBody), s.aliases.of(f))
		s.o.spare()
	}
	return nil
}

// head finds or renders a finding's members that its rule, status and
// baseline state decide.
func (s *sarifStream) head(f *engine.Finding) (sarifHead, error) {
	heads := s.heads[f.Rule]
	for _, h := range heads {
		if h.status == f.Status && h.baseline == f.Baseline {
			return h, nil
		}
	}
	ruleIndex, ok := s.index[f.Rule.ID]
	if !ok {
		return sarifHead{}, fmt.Errorf("a finding of rule %s, which is not among the run's rules", f.Rule.ID)
	}
	h := sarifHead{rule: f.Rule, status: f.Status, baseline: f.Baseline, json: appendSARIFHead(nil, s.r, f, ruleIndex)}
	s.heads[f.Rule] = append(heads, h)
	return h, nil
}

// Close writes the entries fixed since the baseline as absent results, then
// the run's baseline counts, both known only now.
func (s *sarifStream) Close(sum engine.Summary) error {
	o, base := s.o, s.r.Baseline
	if base != nil {
		for i := range base.Fixed {
			if s.n > 0 {
				o.b = append(o.b, ',')
			}
			s.n++
			e := &base.Fixed[i]
			idx, ok := s.index[e.Rule]
			if !ok {
				idx = -1
			}
			o.b = appendSARIFAbsent(o.b, e, idx)
			o.spare()
		}
	}
	b := o.b
	if s.n > 0 {
		b = append(b, "\n      "...)
	}
	b = append(b, ']')
	if base != nil && sum.Baseline != nil {
		c := sum.Baseline
		const in = "        "
		b = append(b, ",\n      \"properties\": {"...)
		b = appendJSONKey(b, in, "baseline", true)
		b = append(b, '{')
		b = appendJSONStringField(b, in+"  ", "file", base.Path, true)
		b = appendJSONIntField(b, in+"  ", "new", c.New, false)
		b = appendJSONIntField(b, in+"  ", "unchanged", c.Unchanged, false)
		b = appendJSONIntField(b, in+"  ", "fixed", c.Fixed, false)
		b = appendJSONIntField(b, in+"  ", "expired", c.Expired, false)
		b = append(b, "\n"+in+"}\n      }"...)
	}
	o.b = append(b, "\n    }\n  ]\n}\n"...)
	return o.flush()
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

// appendSARIFHead renders the members a result's rule, status and baseline
// state decide, up to the message's text: ruleId, ruleIndex, level, kind,
// baselineState.
func appendSARIFHead(b []byte, r *Result, f *engine.Finding, ruleIndex int) []byte {
	const in = "          " // the result's members
	b = appendJSONStringField(b, in, "ruleId", f.Rule.ID, true)
	b = appendJSONIntField(b, in, "ruleIndex", ruleIndex, false)
	b = appendJSONStringField(b, in, "level", resultLevel(r.Policy.Level(*f), f.Rule.Severity), false)
	kind := "fail"
	if f.Status == engine.StatusUnknown {
		kind = "review"
	}
	b = appendJSONStringField(b, in, "kind", kind, false)
	if f.Baseline != "" {
		b = appendJSONStringField(b, in, "baselineState", string(f.Baseline), false)
	}
	b = appendJSONKey(b, in, "message", false)
	return append(b, "{\n"+in+"  \"text\": \""...)
}

// sarifAliases renders a finding's aliases (see engine.Finding.Aliases) as
// the list of its result's properties, once per rule (and part and resource
// type, for a rule with parts).
type sarifAliases struct {
	m    map[aliasKey][]byte
	last aliasKey
	json []byte
	ok   bool
}

// of returns the finding's aliases rendered, nil when it has none.
func (c *sarifAliases) of(f *engine.Finding) []byte {
	k := aliasKey{rule: f.Rule}
	if f.Rule != nil && len(f.Rule.Parts) > 0 {
		k.part, k.resourceType = f.Part, f.ResourceType
	}
	if c.ok && k == c.last {
		return c.json
	}
	j, ok := c.m[k]
	if !ok {
		if list := f.Aliases(); len(list) > 0 {
			j = appendJSONStringList(nil, sarifResultIndent+"  ", list)
		}
		if c.m == nil {
			c.m = map[aliasKey][]byte{}
		}
		// The finding is the caller's again after Resource: keys of their own.
		k.part, k.resourceType = strings.Clone(k.part), strings.Clone(k.resourceType)
		c.m[k] = j
	}
	c.last, c.json, c.ok = k, j, true
	return j
}

// sarifResultIndent is the indentation of a result's members.
const sarifResultIndent = "          "

// appendSARIFResult appends one result as json.Encoder would indent it, by
// hand (see jsonwrite.go); head is its appendSARIFHead, address its address
// escaped, aliases its aliases' list rendered (nil: none).
func appendSARIFResult(b []byte, r *Result, f *engine.Finding, head, address, aliases []byte) []byte {
	const in = "          " // the result's members
	b = append(b, "\n        {"...)
	b = append(b, head...)
	b = append(b, address...)
	b = append(b, ": "...)
	b = appendJSONBody(b, f.Message)
	place, located := r.locate(f)
	if located {
		b = append(b, "\"\n"+in+"}"...)
		b = appendJSONKey(b, in, "locations", false)
		b = append(b, "[\n"+in+"  {"...)
		b = appendJSONKey(b, in+"    ", "physicalLocation", true)
		b = appendSARIFPhysical(b, in+"    ", place.Location)
		b = appendJSONKey(b, in+"    ", "logicalLocations", false)
		b = append(b, "[\n"+in+"      {"+"\n"+in+"        \"fullyQualifiedName\": \""...)
	} else {
		b = append(b, "\"\n"+in+"}"+",\n"+in+"\"locations\": "+"[\n"+in+"  {"+"\n"+in+"    \"logicalLocations\": "+
			"[\n"+in+"      {"+"\n"+in+"        \"fullyQualifiedName\": \""...)
	}
	b = append(b, address...)
	b = append(b, "\",\n"+in+"        \"kind\": \"resource\""+
		"\n"+in+"      }\n"+in+"    ]\n"+in+"  }\n"+in+"]"...)
	if located && len(place.ModuleCalls) > 0 {
		b = appendJSONKey(b, in, "relatedLocations", false)
		b = append(b, '[')
		for j, c := range place.ModuleCalls {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n"+in+"  {"...)
			b = appendJSONIntField(b, in+"    ", "id", j+1, true)
			b = appendJSONKey(b, in+"    ", "message", false)
			b = appendSARIFText(b, in+"    ", "called by "+c.Address)
			b = appendJSONKey(b, in+"    ", "physicalLocation", false)
			b = appendSARIFPhysical(b, in+"    ", c.Location)
			b = append(b, "\n"+in+"  }"...)
		}
		b = append(b, "\n"+in+"]"...)
	}
	if f.Status == engine.StatusWaived {
		just := f.Note
		if f.Waiver != nil {
			just = f.Waiver.Reason
		}
		b = appendJSONKey(b, in, "suppressions", false)
		b = append(b, "[\n"+in+"  {"...)
		b = appendJSONStringField(b, in+"    ", "kind", "external", true)
		b = appendJSONStringField(b, in+"    ", "justification", just, false)
		b = append(b, "\n"+in+"  }\n"+in+"]"...)
	}
	// properties: a regression's status (or a replaced one's), the waiver's
	// note, and the aliases of the part that failed (the rule's tags list every
	// alias of the rule).
	change := f.Status == engine.StatusRegression || f.Status == engine.StatusReplaced || f.Status == engine.StatusBaselined
	if f.Note != "" || len(aliases) > 0 || change {
		b = appendJSONKey(b, in, "properties", false)
		b = append(b, '{')
		first := true
		if change {
			b = appendJSONStringField(b, in+"  ", "status", string(f.Status), true)
			first = false
		}
		if f.Note != "" {
			b = appendJSONStringField(b, in+"  ", "note", f.Note, first)
			first = false
		}
		if len(aliases) > 0 {
			b = appendJSONKey(b, in+"  ", "aliases", first)
			b = append(b, aliases...)
		}
		b = append(b, "\n"+in+"}"...)
	}
	return append(b, "\n        }"...)
}

// appendSARIFAbsent appends a baseline entry no finding matched as a result
// whose baselineState is "absent" (SARIF 2.1.0, 3.27.24: detected in the
// baseline, not in this run): level none, kind pass, at the address the
// baseline recorded.
func appendSARIFAbsent(b []byte, e *baseline.Entry, ruleIndex int) []byte {
	const in = "          "
	b = append(b, "\n        {"...)
	b = appendJSONStringField(b, in, "ruleId", e.Rule, true)
	if ruleIndex >= 0 {
		b = appendJSONIntField(b, in, "ruleIndex", ruleIndex, false)
	}
	b = appendJSONStringField(b, in, "level", "none", false)
	b = appendJSONStringField(b, in, "kind", "pass", false)
	b = appendJSONStringField(b, in, "baselineState", "absent", false)
	b = appendJSONKey(b, in, "message", false)
	what := e.Address + ": fixed since the baseline"
	if e.Attribute != "" {
		what += " (" + e.Attribute + ")"
	}
	b = appendSARIFText(b, in, what)
	b = appendJSONKey(b, in, "locations", false)
	b = append(b, "[\n"+in+"  {"...)
	b = appendJSONKey(b, in+"    ", "logicalLocations", true)
	b = append(b, "[\n"+in+"      {"...)
	b = appendJSONStringField(b, in+"        ", "fullyQualifiedName", e.Address, true)
	b = appendJSONStringField(b, in+"        ", "kind", "resource", false)
	b = append(b, "\n"+in+"      }\n"+in+"    ]\n"+in+"  }\n"+in+"]"...)
	b = appendJSONKey(b, in, "properties", false)
	b = append(b, '{')
	b = appendJSONStringField(b, in+"  ", "fingerprint", e.Fingerprint, true)
	b = append(b, "\n"+in+"}"...)
	return append(b, "\n        }"...)
}

// appendSARIFText appends {"text": s} whose members are at indent+2.
func appendSARIFText(b []byte, indent, s string) []byte {
	b = append(b, '{')
	b = appendJSONStringField(b, indent+"  ", "text", s, true)
	b = append(b, '\n')
	b = append(b, indent...)
	return append(b, '}')
}

// appendSARIFPhysical appends a physicalLocation object whose members are at indent+2.
func appendSARIFPhysical(b []byte, indent string, l Location) []byte {
	in := indent + "  "
	b = append(b, '{')
	b = appendJSONKey(b, in, "artifactLocation", true)
	b = append(b, '{')
	b = appendJSONStringField(b, in+"  ", "uri", l.File, true)
	b = append(b, "\n"+in+"}"...)
	b = appendJSONKey(b, in, "region", false)
	b = append(b, '{')
	b = appendJSONIntField(b, in+"  ", "startLine", l.Line, true)
	if l.Column != 0 {
		b = appendJSONIntField(b, in+"  ", "startColumn", l.Column, false)
	}
	b = append(b, "\n"+in+"}"...)
	b = append(b, "\n"+indent+"}"...)
	return b
}
