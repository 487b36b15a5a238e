package format

import (
	"encoding/xml"
	"io"
	"sort"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Name    string       `xml:"name,attr"`
	Tests   int          `xml:"tests,attr"`
	Fails   int          `xml:"failures,attr"`
	Skipped int          `xml:"skipped,attr"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name    string      `xml:"name,attr"`
	Tests   int         `xml:"tests,attr"`
	Fails   int         `xml:"failures,attr"`
	Skipped int         `xml:"skipped,attr"`
	Cases   []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// JUnit writes one test suite per rule and one test case per evaluated resource,
// passes included, so CI test dashboards show what was checked.
func JUnit(w io.Writer, r *Result) error {
	out := junitSuites{Name: r.ToolName}
	index := map[string]int{}
	all := make([]engine.Finding, 0, len(r.Findings)+len(r.Passes))
	all = append(append(all, r.Findings...), r.Passes...)
	engine.Sort(all)
	for _, f := range all {
		i, ok := index[f.Rule.ID]
		if !ok {
			i = len(out.Suites)
			index[f.Rule.ID] = i
			out.Suites = append(out.Suites, junitSuite{Name: f.Rule.ID})
		}
		s := &out.Suites[i]
		c := junitCase{Name: f.Address, Classname: f.Rule.ID}
		switch {
		case r.Policy.Failing(f):
			c.Failure = &junitFailure{Message: f.Message, Type: string(f.Rule.Severity),
				Body: f.Rule.Title + "\n" + f.Message + "\nFix: " + f.Rule.Remediation + "\n" + f.Rule.Link()}
			s.Fails++
		case f.Status == engine.StatusFail, f.Status == engine.StatusUnknown, f.Status == engine.StatusWaived:
			msg := string(f.Status) + ": " + f.Message
			if f.Note != "" {
				msg += " (" + f.Note + ")"
			}
			c.Skipped = &junitSkipped{Message: msg}
			s.Skipped++
		}
		s.Tests++
		s.Cases = append(s.Cases, c)
	}
	sort.Slice(out.Suites, func(i, j int) bool { return out.Suites[i].Name < out.Suites[j].Name })
	for _, s := range out.Suites {
		out.Tests += s.Tests
		out.Fails += s.Fails
		out.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
