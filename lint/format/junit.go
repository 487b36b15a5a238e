package format

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"io"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// JUnit writes one test suite per rule and one test case per evaluated resource,
// passes included, so CI test dashboards show what was checked. Failures are the
// findings that fail the run; warnings, notes, unknowns and waived findings are
// skipped cases with their reason.
//
// The totals come first and the suites are by rule while findings come by
// resource, so each suite's cases are kept aside (a spill per rule: memory,
// then a temporary file) and counted as they come; a passing check is written
// as its test case at once, never held as a finding.
func JUnit(w io.Writer, r *Result) error { return writeWith(openJUnit, w, r) }

// junitSuite is one rule's test cases, written, and their counts.
type junitSuite struct {
	id                    string
	parts                 *junitRuleParts
	cases                 *findingSpill
	tests, fails, skipped int
}

type junitStream struct {
	r      *Result
	b      *bufio.Writer
	suites map[string]*junitSuite
}

// junitSuiteMemory is how much of a suite's cases stays in memory before its
// spill moves to a temporary file: a suite per rule, so less than one output's.
const junitSuiteMemory = 256 << 10

func openJUnit(w io.Writer, r *Result) (Stream, error) {
	return &junitStream{r: r, b: buffered(w), suites: map[string]*junitSuite{}}, nil
}

func (j *junitStream) suite(m *engine.Metadata) *junitSuite {
	s, ok := j.suites[m.ID]
	if !ok {
		s = &junitSuite{id: m.ID, parts: newJUnitRuleParts(*m), cases: newFindingSpill(junitSuiteMemory)}
		j.suites[m.ID] = s
	}
	return s
}

// Resource writes the resource's cases into their suites, in address order:
// within a suite, a resource's findings, then its passes.
func (j *junitStream) Resource(findings, passes []engine.Finding) error {
	for i := range findings {
		f := &findings[i]
		s := j.suite(f.Rule)
		s.tests++
		switch {
		case j.r.Policy.Failing(*f):
			s.fails++
		default: // every finding is a fail, unknown, waived or replaced verdict
			s.skipped++
		}
		s.cases.add(f)
	}
	for i := range passes {
		f := &passes[i]
		s := j.suite(f.Rule)
		s.tests++
		s.cases.add(f)
	}
	return nil
}

func (j *junitStream) Close(engine.Summary) error {
	suites := make([]*junitSuite, 0, len(j.suites))
	for _, s := range j.suites {
		suites = append(suites, s)
	}
	defer func() {
		for _, s := range suites {
			s.cases.close()
		}
	}()
	sort.Slice(suites, func(i, k int) bool { return suites[i].id < suites[k].id })
	var tests, fails, skipped int
	for _, s := range suites {
		tests, fails, skipped = tests+s.tests, fails+s.fails, skipped+s.skipped
	}
	b := j.b
	b.WriteString(xml.Header)
	b.WriteString(`<testsuites name="`)
	xmlText(b, j.r.ToolName)
	b.WriteString(`"` + counts(tests, fails, skipped) + ">\n")
	for _, s := range suites {
		b.WriteString(`  <testsuite name="`)
		xmlText(b, s.id)
		b.WriteString(`"` + counts(s.tests, s.fails, s.skipped) + ">\n")
		if err := s.cases.each(func(f *engine.Finding) { writeCase(b, j.r, f, s.parts) }); err != nil {
			return err
		}
		s.cases.close() // its temporary file, before the next suite's is read
		b.WriteString("  </testsuite>\n")
	}
	b.WriteString("</testsuites>\n")
	return b.Flush()
}

func counts(tests, fails, skipped int) string {
	return ` tests="` + strconv.Itoa(tests) + `" failures="` + strconv.Itoa(fails) + `" skipped="` + strconv.Itoa(skipped) + `"`
}

// junitRuleParts are a rule's escaped texts, made once per rule.
type junitRuleParts struct {
	classname, title, tail string // tail: fix and link
}

func newJUnitRuleParts(m engine.Metadata) *junitRuleParts {
	esc := func(s string) string {
		var buf bytes.Buffer
		b := bufio.NewWriter(&buf)
		xmlText(b, s)
		b.Flush()
		return buf.String()
	}
	return &junitRuleParts{classname: esc(m.ID), title: esc(m.Title), tail: esc("\nFix: " + m.Remediation + "\n" + m.Link())}
}

func writeCase(b *bufio.Writer, r *Result, f *engine.Finding, p *junitRuleParts) {
	b.WriteString(`    <testcase name="`)
	xmlText(b, Printable(f.Address))
	b.WriteString(`" classname="` + p.classname + `"`)
	if f.Status == engine.StatusPass {
		b.WriteString("></testcase>\n")
		return
	}
	b.WriteString(">\n")
	msg := Printable(f.Message)
	if level := r.Policy.Level(*f); level == engine.LevelFail || level == engine.LevelRegression {
		typ := string(f.Rule.Severity)
		if level == engine.LevelRegression {
			typ = "regression"
		}
		b.WriteString(`      <failure message="`)
		xmlText(b, msg)
		b.WriteString(`" type="` + typ + `">` + p.title + "&#xA;")
		xmlText(b, msg)
		b.WriteString(p.tail)
		if place, ok := r.locate(f); ok {
			b.WriteString("&#xA;At: ")
			xmlText(b, Printable(place.File))
			b.WriteString(":" + strconv.Itoa(place.Line))
		}
		b.WriteString("</failure>\n")
	} else {
		b.WriteString(`      <skipped message="` + string(level) + ": ")
		xmlText(b, msg)
		if f.Note != "" {
			b.WriteString(" (")
			xmlText(b, Printable(f.Note))
			b.WriteString(")")
		}
		b.WriteString(`"></skipped>` + "\n")
	}
	b.WriteString("    </testcase>\n")
}

// xmlText writes s escaped for an attribute value or character data, as
// xml.EscapeText does (newlines as &#xA;, characters XML 1.0 cannot carry as
// U+FFFD): pass untrusted text through Printable first to keep them readable.
func xmlText(b *bufio.Writer, s string) {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		var esc string
		size := 1
		if c < utf8.RuneSelf {
			switch c {
			case '"':
				esc = "&#34;"
			case '\'':
				esc = "&#39;"
			case '&':
				esc = "&amp;"
			case '<':
				esc = "&lt;"
			case '>':
				esc = "&gt;"
			case '\t':
				esc = "&#x9;"
			case '\n':
				esc = "&#xA;"
			case '\r':
				esc = "&#xD;"
			default:
				if c < 0x20 {
					esc = "\uFFFD"
				}
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && size == 1) || !isXMLChar(r) {
				esc = "\uFFFD"
			}
		}
		if esc != "" {
			b.WriteString(s[start:i])
			b.WriteString(esc)
			start = i + size
		}
		i += size
	}
	b.WriteString(s[start:])
}

// isXMLChar reports characters XML 1.0 allows (above ASCII).
func isXMLChar(r rune) bool {
	return (r >= 0x80 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}
