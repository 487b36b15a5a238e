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
// whole. Chunks are read into one reused buffer: records are compared as read,
// and a second pass over each spill reads them again the same.
func TestSpillRecords(t *testing.T) {
	var in []string
	for i := 0; i < 400; i++ {
		rec := strings.Repeat(strconv.Itoa(i%10), i*37)
		switch i {
		case 200:
			rec = strings.Repeat("huge record ", 50000) // 600 KB: more than a chunk
		case 201:
			rec = strings.Repeat("huger record ", 120000) // 1.5 MB, read after a part of the one before
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
		for pass := range 2 {
			var out []string
			if err := s.records(len(in), func(rec []byte) bool { out = append(out, string(rec)); return true }); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(in, out) {
				t.Errorf("memory %d, pass %d: %d records in, %d out, not the same", memory, pass, len(in), len(out))
			}
		}
		s.close()
	}
}

// Thousands of records of a few hundred bytes each, every one different,
// spilled to a file: each chunk boundary falls inside a record, whose start
// moves to the front of the reused buffer before the next read.
func TestSpillRecordsAcrossChunks(t *testing.T) {
	s := newSpill(1 << 10)
	defer s.close()
	var in [][]byte
	for i := range 3000 {
		rec := make([]byte, 500+i%300)
		for j := range rec {
			rec[j] = byte(i*7 + j)
		}
		in = append(in, rec)
		s.addRecord(rec)
	}
	i := 0
	err := s.records(len(in), func(rec []byte) bool {
		if !bytes.Equal(rec, in[i]) {
			t.Fatalf("record %d: %d bytes read back, %d written, not the same", i, len(rec), len(in[i]))
		}
		i++
		return true
	})
	if err != nil || i != len(in) {
		t.Fatalf("read %d of %d records: %v", i, len(in), err)
	}
}

// A record cut short, or one its reader finds damaged, is an error, not a
// panic.
func TestSpillDamagedRecord(t *testing.T) {
	s := newSpill(1 << 20)
	s.addRecord([]byte("first"))
	s.addRecord([]byte("second"))
	s.buf = s.buf[:len(s.buf)-1]
	if err := s.records(2, func([]byte) bool { return true }); err == nil {
		t.Error("a record cut short: no error")
	}
	s.buf = append(s.buf, 'd')
	if err := s.records(2, func(rec []byte) bool { return string(rec) != "second" }); err == nil {
		t.Error("a damaged record: no error")
	}
	if err := s.records(2, func([]byte) bool { return true }); err != nil {
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
	got, ok := appendCaseRecord(nil, []byte(rec), p)
	want := `    <testcase name="aws_security_group.g" classname="` + p.classname + `">` + "\n" +
		`      <failure message="a &#34;quoted&#34; &lt;message&gt;" type="` + string(ruleAdmin.Severity) + `">` + p.title +
		"&#xA;a &#34;quoted&#34; &lt;message&gt;" + p.tail + "</failure>\n    </testcase>\n"
	if !ok || string(got) != want {
		t.Errorf("got %q (%v), want %q", got, ok, want)
	}
	for _, bad := range []string{"", rec[:11], rec[:len(rec)-20], "\x09" + rec[1:], rec[:1] + "\xff\xff\xff\xff" + rec[2:]} {
		if _, ok := appendCaseRecord(nil, []byte(bad), p); ok {
			t.Errorf("a damaged record %q read as whole", bad)
		}
	}
}
