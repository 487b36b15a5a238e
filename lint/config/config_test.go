package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	src := `
fail_on = "high"
unknown = "fail"

rule "aws_cloudtrail_multi_region" {
  enabled = false
}

waiver "aws_security_group_world_admin_ports" {
  address = "module.legacy.*"
  reason  = "bastion until the VPN lands (TICKET-12)"
  expires = "2027-01-31"
}
`
	cfg, err := Parse([]byte(src), "x.hcl")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.FailOn != "high" || cfg.Unknown != "fail" {
		t.Errorf("fail_on %q unknown %q", cfg.FailOn, cfg.Unknown)
	}
	if rc := cfg.Rules["aws_cloudtrail_multi_region"]; rc.Enabled == nil || *rc.Enabled {
		t.Error("rule should be disabled")
	}
	if len(cfg.Waivers) != 1 || cfg.Waivers[0].Address != "module.legacy.*" || cfg.Waivers[0].Expires.Format("2006-01-02") != "2027-01-31" ||
		cfg.Waivers[0].Where != "x.hcl:9" {
		t.Errorf("waivers %+v", cfg.Waivers)
	}
}

// Every error names file:line:column and what is wrong.
func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"syntax", "fail_on = \n", "x.hcl:1:"},
		{"bad severity", `fail_on = "urgent"`, `x.hcl:1:11: Invalid fail_on: unknown severity "urgent"`},
		{"bad unknown", "\nunknown = \"maybe\"", `x.hcl:2:11: Invalid unknown`},
		{"unknown attribute", `failon = "low"`, `x.hcl:1:1: Unsupported argument`},
		{"waiver without reason", "waiver \"r\" {\n  address = \"a\"\n  expires = \"2027-01-01\"\n}", `x.hcl:1:12: Missing required argument: The argument "reason" is required`},
		{"waiver bad date", "waiver \"r\" {\n  address = \"a\"\n  reason = \"r\"\n  expires = \"31/01/2027\"\n}", `x.hcl:4:13: Invalid expires: expires must be a date as YYYY-MM-DD`},
		{"waiver empty reason", "waiver \"r\" {\n  address = \"a\"\n  reason = \"\"\n  expires = \"2027-01-01\"\n}", `x.hcl:3:12: Empty reason`},
		{"enabled not bool", "rule \"r\" {\n  enabled = \"nope\"\n}", `x.hcl:2:14: Unsuitable value type`},
		{"duplicate rule", "rule \"r\" {}\nrule \"r\" {}", `x.hcl:2:6: Duplicate rule block`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src), "x.hcl")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestCheckRuleIDs(t *testing.T) {
	cfg, err := Parse([]byte("rule \"nope\" {}\nwaiver \"also_nope\" {\n address = \"*\"\n reason = \"r\"\n expires = \"2030-01-01\"\n}"), "x.hcl")
	if err != nil {
		t.Fatal(err)
	}
	err = cfg.CheckRuleIDs(func(string) bool { return false })
	if err == nil || !strings.Contains(err.Error(), `x.hcl:1:1: Unknown rule: no rule "nope"`) || !strings.Contains(err.Error(), `"also_nope" (x.hcl:2)`) {
		t.Fatalf("error %v", err)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	if cfg, err := Load(filepath.Join(dir, "missing.hcl"), false); err != nil || cfg == nil {
		t.Fatalf("an absent default file is fine: %v", err)
	}
	if _, err := Load(filepath.Join(dir, "missing.hcl"), true); err == nil {
		t.Fatal("an absent --config file is an error")
	}
	p := filepath.Join(dir, "c.hcl")
	if err := os.WriteFile(p, []byte(`fail_on = "critical"`), 0o600); err != nil {
		t.Fatal(err)
	}
	if cfg, err := Load(p, true); err != nil || cfg.FailOn != "critical" {
		t.Fatalf("%v %v", cfg, err)
	}
}

// FuzzParse: the config parser never panics.
func FuzzParse(f *testing.F) {
	f.Add([]byte("fail_on = \"high\"\nrule \"a\" { enabled = false }\nwaiver \"a\" {\n address = \"*\"\n reason = \"r\"\n expires = \"2030-01-01\"\n}"))
	f.Add([]byte("unknown = \"warn\""))
	f.Fuzz(func(t *testing.T, src []byte) {
		_, _ = Parse(src, "fuzz.hcl")
	})
}

func TestFailOnNoneAndInfo(t *testing.T) {
	for _, v := range []string{"none", "info", "Critical"} {
		cfg, err := Parse([]byte("fail_on = \""+v+"\"\n"), "c.hcl")
		if err != nil || string(cfg.FailOn) != strings.ToLower(v) {
			t.Errorf("fail_on = %q: %v, %v", v, cfg, err)
		}
	}
	if _, err := Parse([]byte("fail_on = \"urgent\"\n"), "c.hcl"); err == nil || !strings.Contains(err.Error(), "info, low, medium, high, critical or none") {
		t.Errorf("fail_on = urgent: %v", err)
	}
}

func TestParseRegressions(t *testing.T) {
	cfg, err := Parse([]byte(`regressions = "warn"`), "x.hcl")
	if err != nil || cfg.Regressions != "warn" {
		t.Fatalf("regressions = %q, %v", cfg.Regressions, err)
	}
	_, err = Parse([]byte("\nregressions = \"off\"\n"), "x.hcl")
	if err == nil || !strings.Contains(err.Error(), "x.hcl:2") || !strings.Contains(err.Error(), `"fail", "warn" or "ignore"`) {
		t.Errorf("a bad regressions value: %v", err)
	}
}
