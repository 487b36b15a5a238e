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
		if inFile := s.s.sw.file != nil; inFile != (memory < 1<<20) {
			t.Fatalf("memory %d: in a file %v", memory, inFile)
		}
		var out []engine.Finding
		if err := s.each(func(f *engine.Finding) { out = append(out, *f) }); err != nil {
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
