package controls

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// prefixFiles names the catalog file of each control ID prefix; a prefix not
// listed lives in its lower-cased name (HRD-KIN-* in kin.go), which is where
// `make new-rule` starts a new prefix. Files for part of a prefix add a suffix
// (iam_password.go for the password policy's HRD-IAM-*).
var prefixFiles = map[string]string{
	"CT": "cloudtrail", "DB": "databases", "EDGE": "edge", "FN": "functions", "LOG": "logs", "MSG": "messaging",
	"NET": "network", "SVC": "services",
}

// catalogFileFor is the file name (without .go) a control with this prefix
// belongs in, or one with an underscore suffix.
func catalogFileFor(prefix string) string {
	if name, ok := prefixFiles[prefix]; ok {
		return name
	}
	return strings.ToLower(prefix)
}

// A control is declared as a Control literal (ID: "...") or through a
// constructor that takes its ID first (monitoring("HRD-MON-001", ...),
// guardDutyFeature("HRD-SVC-004", ...)).
var declaredID = regexp.MustCompile(`(?:\bID:\s*|\b(?:monitoring|guardDutyFeature)\()"HRD-([A-Z0-9]+)-(\d{3})"`)

// A reader finds a control by its ID's prefix: every HRD-<PREFIX>-NNN is declared
// in <prefix>.go or <prefix>_<part>.go.
func TestCatalogFilesFollowPrefixes(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		base := strings.TrimSuffix(f, ".go")
		for _, m := range declaredID.FindAllStringSubmatch(string(src), -1) {
			seen++
			want := catalogFileFor(m[1])
			if base != want && !strings.HasPrefix(base, want+"_") {
				t.Errorf("HRD-%s-%s is declared in %s: move it to %s.go (or %s_<part>.go)", m[1], m[2], f, want, want)
			}
		}
	}
	if seen != len(All()) {
		t.Errorf("found %d control declarations in the catalog's files, but the catalog has %d controls", seen, len(All()))
	}
}
