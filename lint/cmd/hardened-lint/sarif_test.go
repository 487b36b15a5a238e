package main

// SARIF output checked against the SARIF 2.1.0 schema and what code scanning reads.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// checkSARIF validates a SARIF log against the OASIS SARIF 2.1.0 JSON schema
// (as embedded by github.com/owenrumney/go-sarif), then checks what code scanning
// needs beyond the schema: rule metadata, rule indexes and physical locations.
func checkSARIF(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	report, err := sarif.FromBytes(data)
	if err != nil {
		t.Fatalf("SARIF does not load: %v", err)
	}
	if err := report.Validate(); err != nil {
		t.Fatalf("SARIF fails the SARIF 2.1.0 schema: %v", err)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID               string                `json:"id"`
						ShortDescription struct{ Text string } `json:"shortDescription"`
						HelpURI          string                `json:"helpUri"`
						Properties       struct {
							SecuritySeverity string `json:"security-severity"`
						} `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string                `json:"ruleId"`
				RuleIndex int                   `json:"ruleIndex"`
				Level     string                `json:"level"`
				Message   struct{ Text string } `json:"message"`
				Locations []struct {
					PhysicalLocation *struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						Region           struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("SARIF header: version %q schema %q runs %d", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "hardened-lint" || len(run.Tool.Driver.Rules) == 0 || len(run.Results) == 0 {
		t.Fatalf("SARIF run: driver %q, %d rules, %d results", run.Tool.Driver.Name, len(run.Tool.Driver.Rules), len(run.Results))
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.ID == "" || r.ShortDescription.Text == "" || !strings.HasPrefix(r.HelpURI, "https://") || r.Properties.SecuritySeverity == "" {
			t.Errorf("SARIF rule %+v lacks id, description, help URI or security-severity", r)
		}
	}
	for _, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s has a ruleIndex that does not point at its rule", res.RuleID)
		}
		switch res.Level {
		case "error", "warning", "note", "none":
		default:
			t.Errorf("result level %q is not a SARIF level", res.Level)
		}
		if res.Message.Text == "" || len(res.Locations) == 0 || res.Locations[0].PhysicalLocation == nil ||
			res.Locations[0].PhysicalLocation.ArtifactLocation.URI == "" || res.Locations[0].PhysicalLocation.Region.StartLine < 1 {
			t.Errorf("result %s lacks a message or a physical location", res.RuleID)
		}
	}
}

// Every format's golden SARIF output, with unknown and waived results too, passes the schema.
func TestSARIFSchema(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.hcl")
	if err := os.WriteFile(cfg, []byte("waiver \"aws_cloudtrail_multi_region\" {\n  address = \"*\"\n  reason = \"sandbox\"\n  expires = \"2999-01-01\"\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"generated/insecure_cloudtrail_single_region_no_validation", "generated/secure_sg_restricted"} {
		out := filepath.Join(dir, filepath.Base(p)+".sarif")
		lint(t, nil, "--config", cfg, "--source-dir", filepath.Join(plans, p), "--output", "sarif="+out, filepath.Join(plans, p, "plan.json"))
		checkSARIFSchema(t, out)
	}
}

func checkSARIFSchema(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	report, err := sarif.FromBytes(data)
	if err != nil {
		t.Fatalf("%s does not load: %v", path, err)
	}
	if err := report.Validate(); err != nil {
		t.Fatalf("%s fails the SARIF 2.1.0 schema: %v", path, err)
	}
}
