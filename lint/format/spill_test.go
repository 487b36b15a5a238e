package format

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// Records come back from a spill as they went in, in memory and after the
// spill has moved to a temporary file, where they are read back in chunks: a
// record that straddles two chunks, and one larger than a chunk, come back
// whole.
func TestSpillRecords(t *testing.T) {
	var in []string
	for i := 0; i < 400; i++ {
		rec := strings.Repeat(strconv.Itoa(i%10), i*37)
		if i == 200 {
			rec = strings.Repeat("huge record ", 50000) // 600 KB: more than a chunk
		}
		in = append(in, rec)
	}
	for _, memory := range []int{64 << 20, 4 << 10} { // all in memory; mostly in a file
		s := newSpill(memory)
		for _, rec := range in {
			s.addRecord([]byte(rec))
		}
		if inFile := s.file != nil; inFile != (memory < 1<<20) {
			t.Fatalf("memory %d: in a file %v", memory, inFile)
		}
		var out []string
		if err := s.records(len(in), func(rec string) bool { out = append(out, rec); return true }); err != nil {
			t.Fatal(err)
		}
		s.close()
		if !reflect.DeepEqual(in, out) {
			t.Errorf("memory %d: %d records in, %d out, not the same", memory, len(in), len(out))
		}
	}
}

// A record cut short, or one its reader finds damaged, is an error, not a
// panic.
func TestSpillDamagedRecord(t *testing.T) {
	s := newSpill(1 << 20)
	s.addRecord([]byte("first"))
	s.addRecord([]byte("second"))
	s.buf = s.buf[:len(s.buf)-1]
	if err := s.records(2, func(string) bool { return true }); err == nil {
		t.Error("a record cut short: no error")
	}
	s.buf = append(s.buf, 'd')
	if err := s.records(2, func(rec string) bool { return rec != "second" }); err == nil {
		t.Error("a damaged record: no error")
	}
	if err := s.records(2, func(string) bool { return true }); err != nil {
		t.Error(err)
	}
}

// The formats that keep findings aside (json, markdown, junit) write the same
// output whether their spills stay in memory or move to temporary files.
func TestSpilledOutputsMatchInMemory(t *testing.T) {
	r := many(3000)
	for _, name := range []string{"json", "markdown", "junit"} {
		inMemory := render(t, name, r)
		defer func(m, j int) { spillMemory, junitSuiteMemory = m, j }(spillMemory, junitSuiteMemory)
		spillMemory, junitSuiteMemory = 1<<10, 1<<10
		if inFiles := render(t, name, r); inFiles != inMemory {
			t.Errorf("%s: %d bytes spilled to files, %d in memory, not the same", name, len(inFiles), len(inMemory))
		}
		spillMemory, junitSuiteMemory = 1<<20, 256<<10
	}
}

// A spill that cannot create its temporary file fails the output with an
// error that says what to do, not with a truncated document.
func TestSpillWithoutTemporaryDirectory(t *testing.T) {
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	var out bytes.Buffer
	err := JSON(&out, many(20000)) // more than spillMemory of records
	if err == nil || !strings.Contains(err.Error(), "TMPDIR") {
		t.Errorf("JSON with no temporary directory: %v (wrote %d bytes)", err, out.Len())
	}
	if err := JSON(&out, fixture()); err != nil {
		t.Errorf("a small output stays in memory and needs no temporary file: %v", err)
	}
}

// A JUnit case record cut short or with a piece longer than the record is an
// error, not a panic; a whole one comes back with the rule's texts.
func TestJUnitCaseRecord(t *testing.T) {
	r := fixture()
	p := newJUnitRuleParts(ruleAdmin)
	f := engine.Finding{Rule: &ruleAdmin, Status: engine.StatusFail, Address: "aws_security_group.g", Message: `a "quoted" <message>`}
	rec := string(appendCase(nil, r, &f, engine.LevelFail, []byte(f.Address)))
	got, ok := appendCaseRecord(nil, rec, p)
	want := `    <testcase name="aws_security_group.g" classname="` + p.classname + `">` + "\n" +
		`      <failure message="a &#34;quoted&#34; &lt;message&gt;" type="` + string(ruleAdmin.Severity) + `">` + p.title +
		"&#xA;a &#34;quoted&#34; &lt;message&gt;" + p.tail + "</failure>\n    </testcase>\n"
	if !ok || string(got) != want {
		t.Errorf("got %q (%v), want %q", got, ok, want)
	}
	for _, bad := range []string{"", rec[:11], rec[:len(rec)-20], "\x09" + rec[1:], rec[:1] + "\xff\xff\xff\xff" + rec[2:]} {
		if _, ok := appendCaseRecord(nil, bad, p); ok {
			t.Errorf("a damaged record %q read as whole", bad)
		}
	}
}
