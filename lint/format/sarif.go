package format

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// SARIF 2.1.0, as GitHub code scanning and other SARIF consumers read it.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool             sarifTool     `json:"tool"`
	Language         string        `json:"language"`
	NewlineSequences []string      `json:"newlineSequences"`
	Results          []sarifResult `json:"results"`
}

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
	RuleID       string             `json:"ruleId"`
	RuleIndex    int                `json:"ruleIndex"`
	Level        string             `json:"level"`
	Kind         string             `json:"kind"`
	Message      sarifText          `json:"message"`
	Locations    []sarifLocation    `json:"locations"`
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
	Properties   map[string]string  `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogical `json:"logicalLocations"`
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

func sarifLevel(s engine.Severity) string {
	switch s {
	case engine.SeverityCritical, engine.SeverityHigh:
		return "error"
	case engine.SeverityMedium:
		return "warning"
	}
	return "note"
}

// SARIF writes a SARIF 2.1.0 log with every enabled rule's metadata.
func SARIF(w io.Writer, r *Result) error {
	driver := sarifDriver{
		Name: r.ToolName, Version: r.ToolVersion,
		InformationURI: "https://github.com/hardened-tf/terraform-provider-hardened",
		Language:       "en-US",
		Rules:          []sarifRule{},
	}
	index := map[string]int{}
	addRule := func(m engine.Metadata) int {
		if i, ok := index[m.ID]; ok {
			return i
		}
		tags := append([]string{"security", "terraform"}, ControlList(m)...)
		tags = append(tags, m.AllAliases()...)
		help := m.Rationale + "\n\nFix: " + m.Remediation
		driver.Rules = append(driver.Rules, sarifRule{
			ID: m.ID, Name: camel(m.ID),
			ShortDescription:     sarifText{m.Title},
			FullDescription:      sarifText{m.Rationale},
			HelpURI:              m.Link(),
			Help:                 sarifHelp{Text: help, Markdown: "**" + m.Title + "**\n\n" + help + "\n\n[Documentation](" + m.Link() + ")"},
			DefaultConfiguration: sarifConfig{Level: sarifLevel(m.Severity)},
			Properties:           sarifRuleProps{Tags: tags, SecuritySeverity: securitySeverity[m.Severity], Precision: "high"},
		})
		index[m.ID] = len(driver.Rules) - 1
		return index[m.ID]
	}
	for _, m := range r.Rules {
		addRule(m)
	}
	results := []sarifResult{}
	for _, f := range r.Reported() {
		res := sarifResult{
			RuleID: f.Rule.ID, RuleIndex: addRule(f.Rule), Level: sarifLevel(f.Rule.Severity), Kind: "fail",
			Message: sarifText{f.Address + ": " + f.Message},
		}
		loc := sarifLocation{LogicalLocations: []sarifLogical{{FullyQualifiedName: f.Address, Kind: "resource"}}}
		if l, ok := r.locate(f.Address); ok {
			loc.PhysicalLocation = &sarifPhysical{ArtifactLocation: sarifArtifact{URI: l.File},
				Region: sarifRegion{StartLine: l.Line, StartColumn: l.Column}}
		}
		res.Locations = []sarifLocation{loc}
		switch f.Status {
		case engine.StatusUnknown:
			res.Kind, res.Level = "review", "warning"
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
		results = append(results, res)
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs: []sarifRun{{Tool: sarifTool{Driver: driver}, Language: "en-US",
			NewlineSequences: []string{"\r\n", "\n"}, Results: results}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
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
