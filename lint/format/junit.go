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
	b.WriteString(`<testsuites name="`)
	xmlText(b, r.ToolName)
	b.WriteString(`"` + counts(tests, fails, skipped) + ">\n")
	parts := map[string]*junitRuleParts{}
	for _, s := range suites {
		b.WriteString(`  <testsuite name="`)
		xmlText(b, s.id)
		b.WriteString(`"` + counts(s.tests, s.fails, s.skipped) + ">\n")
		for _, i := range s.cases {
			f := at(i)
			p, ok := parts[f.Rule.ID]
			if !ok {
				p = newJUnitRuleParts(*f.Rule)
				parts[f.Rule.ID] = p
			}
			writeCase(b, r, f, p)
		}
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
	if level := r.Policy.Level(*f); level == engine.LevelFail {
		b.WriteString(`      <failure message="`)
		xmlText(b, msg)
		b.WriteString(`" type="` + string(f.Rule.Severity) + `">` + p.title + "&#xA;")
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
