package baseline

import (
	"strings"
	"testing"
)

const goodEntry = `{"fingerprint": "0123456789abcdef0123456789abcdef", "rule": "aws_rds_public", "address": "aws_db_instance.db"}`

func TestParseErrors(t *testing.T) {
	known := func(id string) bool { return id == "aws_rds_public" }
	for _, c := range []struct{ name, src, want string }{
		{"not JSON", `{"version": 1,`, "not JSON"},
		{"empty", ``, "empty file"},
		{"a list", `[]`, "not a JSON array"},
		{"no version", `{"findings": []}`, `no "version": not a hardened-lint baseline`},
		{"version a string", `{"version": "1", "findings": []}`, `"version" must be int`},
		{"other version", `{"version": 2, "findings": []}`, "format version 2, this hardened-lint reads version 1"},
		{"no findings", `{"version": 1}`, `no "findings" list`},
		{"entry without fingerprint", `{"version": 1, "findings": [{"rule": "aws_rds_public", "address": "aws_db_instance.db"}]}`,
			`findings[0] (aws_rds_public aws_db_instance.db) has no "fingerprint"`},
		{"entry without rule and address", `{"version": 1, "findings": [` + goodEntry + `, {"fingerprint": "ab"}]}`,
			`findings[1] ( ) has no "rule", "address"`},
		{"fingerprint not hex", `{"version": 1, "findings": [{"fingerprint": "xyz", "rule": "aws_rds_public", "address": "a.b"}]}`,
			`fingerprint "xyz" is not hexadecimal`},
		{"bad expires", `{"version": 1, "findings": [{"fingerprint": "ab", "rule": "aws_rds_public", "address": "a.b", "expires": "31/12/2026"}]}`,
			`expires must be a date as YYYY-MM-DD, got "31/12/2026"`},
		{"entry not an object", `{"version": 1, "findings": ["x"]}`, `"findings" must be a list of objects, not of JSON strings`},
		{"field of the wrong type", `{"version": 1, "findings": [{"fingerprint": 12}]}`, `"findings.fingerprint" must be string, not a JSON number`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.src), "ci/base.json", known)
			if err == nil {
				t.Fatal("parsed")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "baseline ci/base.json: ") || !strings.Contains(msg, c.want) ||
				!strings.Contains(msg, "hardened-lint baseline PLAN > ci/base.json") {
				t.Errorf("error %q, want the file, %q and how to fix it", msg, c.want)
			}
		})
	}
}

// A baseline from another rule set loads: entries of rules this version does
// not have are left out, and said so.
func TestParseIgnoresUnknownRules(t *testing.T) {
	src := `{"version": 1, "tool": {"name": "hardened-lint", "version": "0.9"}, "rule_set": "sha256:old", "findings": [` + goodEntry + `,
		{"fingerprint": "ab", "rule": "aws_retired_rule", "address": "a.b", "future_field": 1},
		{"fingerprint": "cd", "rule": "aws_retired_rule", "address": "a.c"}], "future": true}`
	l, err := Parse([]byte(src), "b.json", func(id string) bool { return id == "aws_rds_public" })
	if err != nil {
		t.Fatal(err)
	}
	if len(l.File.Findings) != 1 || l.Ignored["aws_retired_rule"] != 2 {
		t.Errorf("loaded %d entries, ignored %v", len(l.File.Findings), l.Ignored)
	}
	if note := l.IgnoredNote(); note != "baseline b.json: 2 entries of rules this hardened-lint does not have ignored: aws_retired_rule" {
		t.Errorf("note %q", note)
	}
	l, _ = Parse([]byte(`{"version": 1, "findings": [`+goodEntry+`]}`), "b.json", nil)
	if l.IgnoredNote() != "" {
		t.Errorf("note without ignored entries: %q", l.IgnoredNote())
	}
}
