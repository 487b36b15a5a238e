package format

import (
	"encoding/json"
	"io"
)

type jsonOutput struct {
	Tool     jsonTool      `json:"tool"`
	Summary  jsonSummary   `json:"summary"`
	Findings []jsonFinding `json:"findings"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonSummary struct {
	Resources int `json:"resources"`
	Failed    int `json:"failed"`
	Unknown   int `json:"unknown"`
	Waived    int `json:"waived"`
}

type jsonFinding struct {
	Rule         string    `json:"rule"`
	Title        string    `json:"title"`
	Severity     string    `json:"severity"`
	Status       string    `json:"status"`
	Address      string    `json:"address"`
	ResourceType string    `json:"resource_type"`
	Attribute    string    `json:"attribute"`
	Message      string    `json:"message"`
	Controls     []string  `json:"controls"`
	Aliases      []string  `json:"aliases"`
	Related      []string  `json:"related"`
	Remediation  string    `json:"remediation"`
	HelpURI      string    `json:"help_uri"`
	Note         string    `json:"note,omitempty"`
	Location     *Location `json:"location,omitempty"`
}

// JSON writes the documented machine-readable shape.
func JSON(w io.Writer, r *Result) error {
	out := jsonOutput{
		Tool:     jsonTool{Name: r.ToolName, Version: r.ToolVersion},
		Summary:  jsonSummary{r.Summary.Resources, r.Summary.Failed, r.Summary.Unknown, r.Summary.Waived},
		Findings: []jsonFinding{},
	}
	for _, f := range r.Reported() {
		jf := jsonFinding{
			Rule: f.Rule.ID, Title: f.Rule.Title, Severity: string(f.Rule.Severity), Status: string(f.Status),
			Address: f.Address, ResourceType: f.ResourceType, Attribute: f.Attribute, Message: f.Message,
			Controls: ControlList(f.Rule), Aliases: f.Aliases, Related: f.Rule.Related, Remediation: f.Rule.Remediation,
			HelpURI: f.Rule.Link(), Note: f.Note,
		}
		if jf.Aliases == nil {
			jf.Aliases = []string{}
		}
		if jf.Related == nil {
			jf.Related = []string{}
		}
		if loc, ok := r.locate(f.Address); ok {
			jf.Location = &loc
		}
		out.Findings = append(out.Findings, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
