package format

import (
	"encoding/binary"
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
	id    string
	parts *junitRuleParts
	// cases holds each case as a record (see appendCase).
	cases                    *spill
	n, tests, fails, skipped int
	// The level each rule and status give a finding.
	levels []junitLevel
}

type junitLevel struct {
	rule   *engine.Metadata
	status engine.Status
	level  engine.Level
}

type junitStream struct {
	r      *Result
	o      *outBuf
	suites map[string]*junitSuite
	byRule map[*engine.Metadata]*junitSuite
	// The suite of the last rule: a rule's findings and passes often follow each other.
	lastRule  *engine.Metadata
	lastSuite *junitSuite
	rec       []byte
	address   escaped
}

// junitSuiteMemory is how much of a suite's cases stays in memory before its
// spill moves to a temporary file: a suite per rule, so less than one output's.
// Small, because a suite's buffer grows by doubling until it spills: at 256 KB
// the copies left behind by the suites of a plan of failures (about 45 of them)
// added a garbage collection to a 100 MB run (7 % more instructions, the
// collector re-marking the parsed plan once more).
var junitSuiteMemory = 64 << 10 // a variable for the tests

func openJUnit(w io.Writer, r *Result) (Stream, error) {
	return &junitStream{r: r, o: newOutBuf(w), suites: map[string]*junitSuite{}, byRule: map[*engine.Metadata]*junitSuite{}}, nil
}

func (j *junitStream) suite(m *engine.Metadata) *junitSuite {
	if m == j.lastRule && m != nil {
		return j.lastSuite
	}
	s, ok := j.byRule[m]
	if !ok {
		if s, ok = j.suites[m.ID]; !ok {
			s = &junitSuite{id: m.ID, parts: newJUnitRuleParts(*m), cases: newSpill(junitSuiteMemory)}
			j.suites[m.ID] = s
		}
		j.byRule[m] = s
	}
	j.lastRule, j.lastSuite = m, s
	return s
}

// level is a finding's level under the run's policy, found once per rule
// and status.
func (s *junitSuite) level(f *engine.Finding, pol engine.Policy) engine.Level {
	for _, l := range s.levels {
		if l.rule == f.Rule && l.status == f.Status {
			return l.level
		}
	}
	l := pol.Level(*f)
	s.levels = append(s.levels, junitLevel{f.Rule, f.Status, l})
	return l
}

// Resource writes the resource's cases into their suites, in address order:
// within a suite, a resource's findings, then its passes.
func (j *junitStream) Resource(findings, passes []engine.Finding) error {
	for i := range findings {
		f := &findings[i]
		s := j.suite(f.Rule)
		s.tests++
		level := s.level(f, j.r.Policy)
		if level == engine.LevelFail || level == engine.LevelRegression { // Policy.Failing
			s.fails++
		} else { // every finding is a fail, unknown, waived or replaced verdict
			s.skipped++
		}
		j.addCase(s, f)
	}
	for i := range passes {
		f := &passes[i]
		s := j.suite(f.Rule)
		s.tests++
		j.addCase(s, f)
	}
	return nil
}

// addCase keeps a finding's or a pass's case aside: a pass (by its status)
// is a passing case, any other finding a failure or a skipped case by its
// level.
func (j *junitStream) addCase(s *junitSuite, f *engine.Finding) {
	var level engine.Level
	if f.Status != engine.StatusPass {
		level = s.level(f, j.r.Policy)
	}
	j.rec = appendCase(j.rec[:0], j.r, f, level, j.address.render(f.Address, appendXMLPrintable))
	s.cases.addRecord(j.rec)
	s.n++
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
	o := j.o
	o.b = append(o.b, xml.Header...)
	o.b = append(o.b, `<testsuites name="`...)
	o.b = appendXMLText(o.b, j.r.ToolName)
	o.b = append(o.b, `"`+counts(tests, fails, skipped)+">\n"...)
	for _, s := range suites {
		o.b = append(o.b, `  <testsuite name="`...)
		o.b = appendXMLText(o.b, s.id)
		o.b = append(o.b, `"`+counts(s.tests, s.fails, s.skipped)+">\n"...)
		if err := s.cases.records(s.n, func(rec []byte) bool {
			var ok bool
			o.b, ok = appendCaseRecord(o.b, rec, s.parts)
			o.spare()
			return ok
		}); err != nil {
			return err
		}
		s.cases.close() // its temporary file, before the next suite's is read
		o.b = append(o.b, "  </testsuite>\n"...)
	}
	o.b = append(o.b, "</testsuites>\n"...)
	return o.flush()
}

func counts(tests, fails, skipped int) string {
	return ` tests="` + strconv.Itoa(tests) + `" failures="` + strconv.Itoa(fails) + `" skipped="` + strconv.Itoa(skipped) + `"`
}

// junitRuleParts are a rule's escaped texts, made once per rule.
type junitRuleParts struct {
	classname, title, tail string // tail: fix and link
}

func newJUnitRuleParts(m engine.Metadata) *junitRuleParts {
	esc := func(s string) string { return string(appendXMLText(nil, s)) }
	return &junitRuleParts{classname: esc(m.ID), title: esc(m.Title), tail: esc("\nFix: " + m.Remediation + "\n" + m.Link())}
}

// The kinds of a case record.
const (
	casePass byte = iota
	caseFailure
	caseSkipped
)

// appendCase appends a finding's test case (a pass's when level is "") as a
// record: its kind, then its address escaped (address) after its length;
// for a failure, its message escaped and its type, each after its length,
// then what follows the rule's tail (where it is); for a skipped case, its
// skipped message. The rule's texts and the markup are written from the
// rule's parts and constants (appendCaseRecord).
func appendCase(b []byte, r *Result, f *engine.Finding, level engine.Level, address []byte) []byte {
	kind := caseSkipped
	switch level {
	case "":
		kind = casePass
	case engine.LevelFail, engine.LevelRegression:
		kind = caseFailure
	}
	b = append(b, kind)
	b = binary.AppendUvarint(b, uint64(len(address)))
	b = append(b, address...)
	switch kind {
	case caseFailure:
		typ := string(f.Rule.Severity)
		if level == engine.LevelRegression {
			typ = "regression"
		}
		b = appendSized(b, f.Message, appendXMLPrintable)
		b = binary.AppendUvarint(b, uint64(len(typ)))
		b = append(b, typ...) // as it is, as it always was
		if place, ok := r.locate(f); ok {
			b = append(b, "&#xA;At: "...)
			b = appendXMLPrintable(b, place.File)
			b = append(b, ':')
			b = appendInt(b, place.Line)
		}
	case caseSkipped:
		b = append(b, level...)
		b = append(b, ": "...)
		b = appendXMLPrintable(b, f.Message)
		if f.Note != "" {
			b = append(b, " ("...)
			b = appendXMLPrintable(b, f.Note)
			b = append(b, ')')
		}
	}
	return b
}

// appendCaseRecord appends a case kept by appendCase, with its rule's texts;
// false when the record is damaged.
func appendCaseRecord(b []byte, rec []byte, p *junitRuleParts) ([]byte, bool) {
	var str [3][]byte // address, then a failure's message and type
	n, off := 1, 1
	if len(rec) == 0 || rec[0] > caseSkipped {
		return b, false
	}
	if rec[0] == caseFailure {
		n = 3
	}
	for i := range n {
		size, next := uvarintAt(rec, off)
		if next < 0 || size > uint64(len(rec)-next) {
			return b, false
		}
		str[i], off = rec[next:next+int(size)], next+int(size)
	}
	rest := rec[off:]
	b = append(b, `    <testcase name="`...)
	b = append(b, str[0]...)
	b = append(b, `" classname="`...)
	b = append(b, p.classname...)
	switch rec[0] {
	case casePass:
		return append(b, "\"></testcase>\n"...), len(rest) == 0
	case caseFailure:
		b = append(b, "\">\n      <failure message=\""...)
		b = append(b, str[1]...)
		b = append(b, `" type="`...)
		b = append(b, str[2]...)
		b = append(b, `">`...)
		b = append(b, p.title...)
		b = append(b, "&#xA;"...)
		b = append(b, str[1]...)
		b = append(b, p.tail...)
		b = append(b, rest...)
		b = append(b, "</failure>\n"...)
	default:
		b = append(b, "\">\n      <skipped message=\""...)
		b = append(b, rest...)
		b = append(b, `"></skipped>`+"\n"...)
	}
	return append(b, "    </testcase>\n"...), true
}

// appendSized appends esc(s) after its length (a uvarint).
func appendSized(b []byte, s string, esc func([]byte, string) []byte) []byte {
	at := len(b)
	b = esc(append(b, 0), s)
	n := len(b) - at - 1
	if n < 0x80 {
		b[at] = byte(n)
		return b
	}
	var head [binary.MaxVarintLen64]byte
	h := binary.PutUvarint(head[:], uint64(n))
	b = append(b, head[1:h]...) // room for the longer length
	copy(b[at+h:], b[at+1:at+1+n])
	copy(b[at:], head[:h])
	return b
}

// appendXMLPrintable appends Printable(s) escaped by appendXMLText.
func appendXMLPrintable(b []byte, s string) []byte {
	if xmlSet.isPlain(s) {
		return append(b, s...)
	}
	if printableSet.isPlain(s) { // Printable(s) is s
		return appendXMLText(b, s)
	}
	return appendXMLText(b, Printable(s))
}

// appendXMLText appends s escaped for an attribute value or character data,
// as xml.EscapeText does (newlines as &#xA;, characters XML 1.0 cannot carry
// as U+FFFD): pass untrusted text through Printable first to keep them
// readable.
func appendXMLText(b []byte, s string) []byte {
	for {
		n := xmlSet.plainLen(s)
		b = append(b, s[:n]...)
		if n == len(s) {
			return b
		}
		s = s[n:]
		c := s[0]
		size := 1
		esc := ""
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
			r, size = utf8.DecodeRuneInString(s)
			if (r == utf8.RuneError && size == 1) || !isXMLChar(r) {
				esc = "\uFFFD"
			}
		}
		if esc != "" {
			b = append(b, esc...)
		} else {
			b = append(b, s[:size]...)
		}
		s = s[size:]
	}
}

// isXMLChar reports characters XML 1.0 allows (above ASCII).
func isXMLChar(r rune) bool {
	return (r >= 0x80 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}
