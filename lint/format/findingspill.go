package format

import (
	"encoding/binary"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// findingSpill keeps findings aside as compact records in a spill, until a
// format that prints totals first can write them: a record holds the
// finding's own fields and an index for its rule (and waiver), not the rule's
// texts that the output repeats in every finding (a JSON finding is about
// 1 KB; its record, a tenth of that), so that a large plan's findings cost
// little memory, or little disk once they outgrow memory.
//
// Every field of engine.Finding that a format writes must be in the record
// (TestFindingSpillKeepsEveryField fails when a field is added).
type findingSpill struct {
	s        *spill
	rules    []*engine.Metadata
	ruleIdx  map[*engine.Metadata]int
	statuses []engine.Status
	waivers  []*engine.Waiver
	waiverIx map[*engine.Waiver]int
	n        int
	// The last rule added and its index: a resource's findings often share it.
	lastRule *engine.Metadata
	lastIdx  int
}

func newFindingSpill(memory int) *findingSpill {
	return &findingSpill{s: newSpill(memory), ruleIdx: map[*engine.Metadata]int{}, waiverIx: map[*engine.Waiver]int{}}
}

// add appends a finding's record: its length, then the rule's index, the
// status's index, the waiver's index + 1 (0: none) and the strings (the
// baseline state and fingerprint last), each after its length.
func (fs *findingSpill) add(f *engine.Finding) {
	ri := fs.lastIdx
	if f.Rule != fs.lastRule || fs.lastRule == nil {
		var ok bool
		if ri, ok = fs.ruleIdx[f.Rule]; !ok {
			ri = len(fs.rules)
			fs.ruleIdx[f.Rule] = ri
			fs.rules = append(fs.rules, f.Rule)
		}
		fs.lastRule, fs.lastIdx = f.Rule, ri
	}
	si := len(fs.statuses)
	for i, st := range fs.statuses {
		if st == f.Status {
			si = i
			break
		}
	}
	if si == len(fs.statuses) {
		fs.statuses = append(fs.statuses, f.Status)
	}
	wi := 0
	if f.Waiver != nil {
		i, ok := fs.waiverIx[f.Waiver]
		if !ok {
			i = len(fs.waivers)
			fs.waiverIx[f.Waiver] = i
			fs.waivers = append(fs.waivers, f.Waiver)
		}
		wi = i + 1
	}
	strs := [...]string{f.Address, f.ResourceType, f.Attribute, f.Message, f.Part, f.Note, string(f.Baseline), f.Fingerprint}
	size := uvarintLen(uint64(ri)) + uvarintLen(uint64(si)) + uvarintLen(uint64(wi))
	for _, str := range strs {
		size += uvarintLen(uint64(len(str))) + len(str)
	}
	b := fs.s.buf
	b = binary.AppendUvarint(b, uint64(size))
	b = binary.AppendUvarint(b, uint64(ri))
	b = binary.AppendUvarint(b, uint64(si))
	b = binary.AppendUvarint(b, uint64(wi))
	for _, str := range strs {
		b = binary.AppendUvarint(b, uint64(len(str)))
		b = append(b, str...)
	}
	fs.s.buf = b
	fs.s.settle()
	fs.n++
}

func uvarintLen(v uint64) int {
	n := 1
	for ; v >= 0x80; v >>= 7 {
		n++
	}
	return n
}

// each reads the findings back in the order they were added, each with its
// rule's index (in the order rules were first added). f is fn's only for
// the call: it is reused.
func (fs *findingSpill) each(fn func(f *engine.Finding, rule int)) error {
	var f engine.Finding // one for all: fn gets it for the length of a call
	return fs.s.records(fs.n, func(rec string) bool {
		f = engine.Finding{}
		ri, ok := fs.decode(rec, &f)
		if ok {
			fn(&f, ri)
		}
		return ok
	})
}

// decode reads one record into f and returns its rule's index; false when the
// record is damaged.
func (fs *findingSpill) decode(rec string, f *engine.Finding) (int, bool) {
	off := 0
	num := func(below int) (int, bool) { // a number below below
		v, next := uvarintAt(rec, off)
		if next < 0 || v >= uint64(below) {
			return 0, false
		}
		off = next
		return int(v), true
	}
	ri, ok1 := num(len(fs.rules))
	si, ok2 := num(len(fs.statuses))
	wi, ok3 := num(len(fs.waivers) + 1)
	if !ok1 || !ok2 || !ok3 {
		return 0, false
	}
	f.Rule, f.Status = fs.rules[ri], fs.statuses[si]
	if wi > 0 {
		f.Waiver = fs.waivers[wi-1]
	}
	var baselineState string
	for _, dst := range [...]*string{&f.Address, &f.ResourceType, &f.Attribute, &f.Message, &f.Part, &f.Note, &baselineState, &f.Fingerprint} {
		n, ok := num(len(rec) + 1)
		if !ok || n > len(rec)-off {
			return 0, false
		}
		*dst = rec[off : off+n]
		off += n
	}
	f.Baseline = engine.BaselineState(baselineState)
	return ri, off == len(rec)
}

func (fs *findingSpill) close() { fs.s.close() }
