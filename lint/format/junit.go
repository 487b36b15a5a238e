package format

import (
	"bufio"
	"encoding/xml"
	"io"
	"sort"
	"strconv"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// junitSuite is one rule's test cases: indexes into the findings, then the passes.
type junitSuite struct {
	id                    string
	cases                 []int32
	tests, fails, skipped int
}

// JUnit writes one test suite per rule and one test case per evaluated resource,
// passes included, so CI test dashboards show what was checked. Failures are the
// findings that fail the run; warnings, notes, unknowns and waived findings are
// skipped cases with their reason.
func JUnit(w io.Writer, r *Result) error {
	n := len(r.Findings)
	at := func(i int32) *engine.Finding {
		if int(i) < n {
			return &r.Findings[i]
		}
		return &r.Passes[int(i)-n]
	}
	// Group by rule in one pass; cases within a suite in address order.
	bySuite := map[string]*junitSuite{}
	var suites []*junitSuite
	for i := 0; i < n+len(r.Passes); i++ {
		f := at(int32(i))
		s, ok := bySuite[f.Rule.ID]
		if !ok {
			s = &junitSuite{id: f.Rule.ID}
			bySuite[f.Rule.ID] = s
			suites = append(suites, s)
		}
		s.cases = append(s.cases, int32(i))
		s.tests++
		switch {
		case r.Policy.Failing(*f):
			s.fails++
		case f.Status != engine.StatusPass:
			s.skipped++
		}
	}
	sort.Slice(suites, func(i, j int) bool { return suites[i].id < suites[j].id })
	var tests, fails, skipped int
	for _, s := range suites {
		tests, fails, skipped = tests+s.tests, fails+s.fails, skipped+s.skipped
		sort.SliceStable(s.cases, func(i, j int) bool { return at(s.cases[i]).Address < at(s.cases[j]).Address })
	}

	b := buffered(w)
	b.WriteString(xml.Header)
	b.WriteString(`<testsuites name="` + xmlEsc(r.ToolName) + `"` + counts(tests, fails, skipped) + ">\n")
	for _, s := range suites {
		b.WriteString(`  <testsuite name="` + xmlEsc(s.id) + `"` + counts(s.tests, s.fails, s.skipped) + ">\n")
		for _, i := range s.cases {
			writeCase(b, r, at(i))
		}
		b.WriteString("  </testsuite>\n")
	}
	b.WriteString("</testsuites>\n")
	return b.Flush()
}

func counts(tests, fails, skipped int) string {
	return ` tests="` + strconv.Itoa(tests) + `" failures="` + strconv.Itoa(fails) + `" skipped="` + strconv.Itoa(skipped) + `"`
}

func writeCase(b *bufio.Writer, r *Result, f *engine.Finding) {
	b.WriteString(`    <testcase name="` + xmlEsc(Printable(f.Address)) + `" classname="` + xmlEsc(f.Rule.ID) + `"`)
	if f.Status == engine.StatusPass {
		b.WriteString("></testcase>\n")
		return
	}
	b.WriteString(">\n")
	if level := r.Policy.Level(*f); level == engine.LevelFail {
		body := f.Rule.Title + "\n" + Printable(f.Message) + "\nFix: " + f.Rule.Remediation + "\n" + f.Rule.Link()
		if place, ok := r.locate(f); ok {
			body += "\nAt: " + Printable(place.File) + ":" + strconv.Itoa(place.Line)
		}
		b.WriteString(`      <failure message="` + xmlEsc(Printable(f.Message)) + `" type="` + string(f.Rule.Severity) + `">` +
			xmlEsc(body) + "</failure>\n")
	} else {
		msg := string(level) + ": " + f.Message
		if f.Note != "" {
			msg += " (" + f.Note + ")"
		}
		b.WriteString(`      <skipped message="` + xmlEsc(Printable(msg)) + `"></skipped>` + "\n")
	}
	b.WriteString("    </testcase>\n")
}

// xmlEsc escapes text for an attribute or character data (newlines as &#xA;;
// characters XML 1.0 cannot carry become U+FFFD: pass untrusted text through
// Printable first to keep them readable).
func xmlEsc(s string) string {
	var b xmlBuf
	_ = xml.EscapeText(&b, []byte(s))
	return string(b)
}

type xmlBuf []byte

func (x *xmlBuf) Write(p []byte) (int, error) { *x = append(*x, p...); return len(p), nil }
