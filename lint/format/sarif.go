package format

import (
	"io"
	"strings"

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

type sarifResult struct {
	RuleID           string             `json:"ruleId"`
	RuleIndex        int                `json:"ruleIndex"`
	Level            string             `json:"level"`
	Kind             string             `json:"kind"`
	Message          sarifText          `json:"message"`
	Locations        []sarifLocation    `json:"locations"`
	RelatedLocations []sarifRelated     `json:"relatedLocations,omitempty"`
	Suppressions     []sarifSuppression `json:"suppressions,omitempty"`
	Properties       map[string]string  `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogical `json:"logicalLocations"`
}

// sarifRelated is a module call on the way to a finding in a module.
type sarifRelated struct {
	ID               int           `json:"id"`
	Message          sarifText     `json:"message"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
}

var securitySeverity = map[engine.Severity]string{
	engine.SeverityCritical: "9.5",
	engine.SeverityHigh:     "8.0",
	engine.SeverityMedium:   "5.5",
	engine.SeverityLow:      "3.0",
	engine.SeverityInfo:     "1.0",
}

// sarifLevel is a rule's default level, by severity.
func sarifLevel(s engine.Severity) string {
	switch s {
	case engine.SeverityCritical, engine.SeverityHigh:
		return "error"
	case engine.SeverityMedium:
		return "warning"
	}
	return "note"
}

// resultLevel is a result's level: error only for findings that fail the run,
// so code scanning agrees with the exit code.
func resultLevel(l engine.Level, s engine.Severity) string {
	switch l {
	case engine.LevelFail:
		return "error"
	case engine.LevelWarn, engine.LevelUnknown:
		return "warning"
	case engine.LevelNote:
		return "note"
	}
	return sarifLevel(s)
}

func sarifRuleOf(m engine.Metadata) sarifRule {
	tags := append([]string{"security", "terraform"}, ControlList(m)...)
	tags = append(tags, m.Aliases...)
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
	// Rules first: the enabled ones, then any other rule a finding names.
	index := make(map[string]int, len(r.Rules))
	var rules []engine.Metadata
	add := func(m engine.Metadata) {
		if _, ok := index[m.ID]; !ok {
			index[m.ID] = len(rules)
			rules = append(rules, m)
		}
	}
	for _, m := range r.Rules {
		add(m)
	}
	for i := range r.Findings {
		add(r.Findings[i].Rule)
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
		return err
	}
	b.WriteString(",\n      \"language\": \"en-US\",\n      \"newlineSequences\": [\n        \"\\r\\n\",\n        \"\\n\"\n      ],\n" +
		"      \"results\": [")
	el := newElementEncoder("        ")
	for i := range r.Findings {
		f := &r.Findings[i]
		res := sarifResult{
			RuleID: f.Rule.ID, RuleIndex: index[f.Rule.ID], Level: resultLevel(r.Policy.Level(*f), f.Rule.Severity), Kind: "fail",
			Message: sarifText{f.Address + ": " + f.Message},
		}
		loc := sarifLocation{LogicalLocations: []sarifLogical{{FullyQualifiedName: f.Address, Kind: "resource"}}}
		if place, ok := r.locate(f); ok {
			loc.PhysicalLocation = physical(place.Location)
			for j, c := range place.ModuleCalls {
				res.RelatedLocations = append(res.RelatedLocations, sarifRelated{ID: j + 1,
					Message: sarifText{"called by " + c.Address}, PhysicalLocation: *physical(c.Location)})
			}
		}
		res.Locations = []sarifLocation{loc}
		switch f.Status {
		case engine.StatusUnknown:
			res.Kind = "review"
		case engine.StatusWaived:
			just := f.Note
			if f.Waiver != nil {
				just = f.Waiver.Reason
			}
			res.Suppressions = []sarifSuppression{{Kind: "external", Justification: just}}
		}
		if f.Note != "" {
			res.Properties = map[string]string{"note": f.Note}
		}
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n        ")
		if err := el.write(b, &res); err != nil {
			return err
		}
	}
	if len(r.Findings) > 0 {
		b.WriteString("\n      ")
	}
	b.WriteString("]\n    }\n  ]\n}\n")
	return b.Flush()
}

func physical(l Location) *sarifPhysical {
	return &sarifPhysical{ArtifactLocation: sarifArtifact{URI: l.File}, Region: sarifRegion{StartLine: l.Line, StartColumn: l.Column}}
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
