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

// A finding comes back from a spill with every field it went in with, in
// memory and after the spill has moved to a temporary file. A field added to
// engine.Finding fails this test until the record carries it.
func TestFindingSpillKeepsEveryField(t *testing.T) {
	recorded := map[string]bool{"Rule": true, "Status": true, "Address": true, "ResourceType": true,
		"Attribute": true, "Message": true, "Part": true, "Note": true, "Waiver": true,
		"Baseline": true, "Fingerprint": true}
	ft := reflect.TypeOf(engine.Finding{})
	for i := 0; i < ft.NumField(); i++ {
		if !recorded[ft.Field(i).Name] {
			t.Errorf("engine.Finding.%s is not in findingSpill's record (spill.go): add it to add and decode", ft.Field(i).Name)
		}
	}
	waiver := &engine.Waiver{RuleID: ruleKMS.ID, Reason: "sandbox"}
	var in []engine.Finding
	for i := 0; i < 3000; i++ {
		f := engine.Finding{Rule: []*engine.Metadata{&ruleAdmin, &ruleRange, &ruleKMS}[i%3],
			Status:  []engine.Status{engine.StatusFail, engine.StatusUnknown, engine.StatusWaived, engine.StatusPass}[i%4],
			Address: "aws_security_group.g[" + strconv.Itoa(i) + "]", ResourceType: "aws_security_group",
			Attribute: "ingress[0].cidr_blocks", Message: "é ✓ \x00 " + strconv.Itoa(i), Part: []string{"", "ssh", "ssh,rdp"}[i%3]}
		if f.Status == engine.StatusWaived {
			f.Waiver, f.Note = waiver, "waived until 2999-01-01: sandbox"
		}
		if i%5 > 0 { // matched against a baseline (a run without one leaves both empty)
			f.Baseline = []engine.BaselineState{engine.BaselineNew, engine.BaselineUnchanged}[i%2]
			f.Fingerprint = strconv.FormatUint(uint64(i)*0x9e3779b97f4a7c15, 16)
		}
		in = append(in, f)
	}
	for _, memory := range []int{1 << 20, 4 << 10} { // all in memory; mostly in a file
		s := newFindingSpill(memory)
		for i := range in {
			s.add(&in[i])
		}
		if inFile := s.s.file != nil; inFile != (memory < 1<<20) {
			t.Fatalf("memory %d: in a file %v", memory, inFile)
		}
		var out []engine.Finding
		if err := s.each(func(f *engine.Finding, _ int) { out = append(out, *f) }); err != nil {
			t.Fatal(err)
		}
		s.close()
		if !reflect.DeepEqual(in, out) {
			t.Errorf("memory %d: %d findings in, %d out, not the same", memory, len(in), len(out))
		}
		for i := range out {
			if out[i].Rule != in[i].Rule || out[i].Waiver != in[i].Waiver {
				t.Fatalf("finding %d: its rule or waiver is a copy, not the run's", i)
			}
		}
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

// Records read back from a temporary file come in chunks: a record that
// straddles two chunks, and one larger than a chunk, come back whole.
func TestFindingSpillRecordsAcrossChunks(t *testing.T) {
	var in []engine.Finding
	for i := 0; i < 400; i++ {
		msg := strings.Repeat("m", i*37)
		if i == 200 {
			msg = strings.Repeat("huge message ", 50000) // 650 KB: more than a chunk
		}
		in = append(in, engine.Finding{Rule: &ruleAdmin, Status: engine.StatusFail,
			Address: "aws_security_group.g[" + strconv.Itoa(i) + "]", ResourceType: "aws_security_group", Message: msg})
	}
	s := newFindingSpill(4 << 10)
	defer s.close()
	for i := range in {
		s.add(&in[i])
	}
	if s.s.file == nil {
		t.Fatal("the spill stayed in memory")
	}
	var out []engine.Finding
	if err := s.each(func(f *engine.Finding, rule int) {
		if rule != 0 {
			t.Fatalf("rule index %d, want 0", rule)
		}
		out = append(out, *f)
	}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("%d findings in, %d out, not the same", len(in), len(out))
	}
}

// A record cut short or holding an index out of range is an error, not a
// panic.
func TestFindingSpillDamagedRecord(t *testing.T) {
	f := engine.Finding{Rule: &ruleAdmin, Status: engine.StatusFail, Address: "aws_s3_bucket.b", Message: "m"}
	for name, damage := range map[string]func(b []byte) []byte{
		"cut short":  func(b []byte) []byte { return b[:len(b)-1] },
		"bad rule":   func(b []byte) []byte { b[1] = 9; return b },
		"bad length": func(b []byte) []byte { b[4] = 100; return b },
	} {
		s := newFindingSpill(1 << 20)
		s.add(&f)
		s.s.buf = damage(s.s.buf)
		if err := s.each(func(*engine.Finding, int) {}); err == nil {
			t.Errorf("%s: no error", name)
		}
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
	for _, bad := range []string{rec[:11], rec[:len(rec)/2], "\xff\xff\xff\xff" + rec[4:]} {
		if _, ok := appendCaseRecord(nil, bad, p); ok {
			t.Errorf("a damaged record %q read as whole", bad)
		}
	}
}
