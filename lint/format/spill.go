package format

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"unsafe"

	"github.com/hardened-tf/terraform-provider-hardened/lint/engine"
)

// spillMemory is how much of a spill stays in memory before it moves to a
// temporary file: small outputs never touch the disk, large ones never hold
// the memory that findings streamed through engine.Visit saved.
const spillMemory = 1 << 20

// spill keeps a part of an output that is written before it is known what
// precedes it (the findings, before totals computed from all of them): in
// memory up to a limit, then in an unlinked temporary file, so that memory
// stays flat however many findings a plan has. Write to its bufio.Writer, then
// copy it out with writeTo and release it with close.
type spill struct {
	*bufio.Writer
	sw *spillWriter
}

func newSpill(limit int) *spill {
	sw := &spillWriter{limit: limit}
	return &spill{Writer: bufio.NewWriterSize(sw, 64<<10), sw: sw}
}

// writeTo flushes the spill and copies what it holds to b.
func (s *spill) writeTo(b *bufio.Writer) error {
	if err := s.Flush(); err != nil {
		return err
	}
	if s.sw.file == nil {
		// In bounded writes: b writes a large slice straight through.
		for mem := s.sw.mem; len(mem) > 0; {
			n := min(len(mem), 32<<10)
			if _, err := b.Write(mem[:n]); err != nil {
				return err
			}
			mem = mem[n:]
		}
		return nil
	}
	if _, err := s.sw.file.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("rereading the temporary file of findings: %w", err)
	}
	_, err := b.ReadFrom(s.sw.file) // copy_file_range or sendfile where the kernel has them
	return err
}

// close releases the spill's memory and temporary file.
func (s *spill) close() {
	s.sw.mem = nil
	if f := s.sw.file; f != nil {
		f.Close()
		if s.sw.removeOnClose {
			os.Remove(f.Name())
		}
		s.sw.file = nil
	}
}

type spillWriter struct {
	mem   []byte
	limit int
	file  *os.File
	// removeOnClose: the file could not be unlinked while open (Windows).
	removeOnClose bool
	err           error
}

func (s *spillWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.file == nil && len(s.mem)+len(p) <= s.limit {
		s.mem = append(s.mem, p...)
		return len(p), nil
	}
	if s.file == nil {
		f, err := os.CreateTemp("", "hardened-lint-*.tmp")
		if err != nil {
			s.err = fmt.Errorf("creating a temporary file for the findings (set TMPDIR to a writable directory): %w", err)
			return 0, s.err
		}
		// Unlinked at once where the system allows it: nothing is left behind,
		// even if the run is killed.
		s.removeOnClose = os.Remove(f.Name()) != nil
		s.file = f
		if _, err := f.Write(s.mem); err != nil {
			s.err = fmt.Errorf("writing a temporary file of findings: %w", err)
			return 0, s.err
		}
		s.mem = nil
	}
	n, err := s.file.Write(p)
	if err != nil {
		s.err = fmt.Errorf("writing a temporary file of findings: %w", err)
	}
	return n, s.err
}

// reader flushes the spill and reads what it holds from the start.
func (s *spill) reader() (io.Reader, error) {
	if err := s.Flush(); err != nil {
		return nil, err
	}
	if s.sw.file == nil {
		return bytes.NewReader(s.sw.mem), nil
	}
	if _, err := s.sw.file.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("rereading the temporary file of findings: %w", err)
	}
	return bufio.NewReaderSize(s.sw.file, 64<<10), nil
}

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
	buf      []byte
}

func newFindingSpill(memory int) *findingSpill {
	return &findingSpill{s: newSpill(memory), ruleIdx: map[*engine.Metadata]int{}, waiverIx: map[*engine.Waiver]int{}}
}

// add appends a finding's record: its length, then the rule's index, the
// status's index, the waiver's index + 1 (0: none) and the strings (the
// baseline state and fingerprint last), each after its length.
func (fs *findingSpill) add(f *engine.Finding) {
	ri, ok := fs.ruleIdx[f.Rule]
	if !ok {
		ri = len(fs.rules)
		fs.ruleIdx[f.Rule] = ri
		fs.rules = append(fs.rules, f.Rule)
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
	b := fs.buf[:0]
	b = binary.AppendUvarint(b, uint64(ri))
	b = binary.AppendUvarint(b, uint64(si))
	b = binary.AppendUvarint(b, uint64(wi))
	for _, str := range [...]string{f.Address, f.ResourceType, f.Attribute, f.Message, f.Part, f.Note, string(f.Baseline), f.Fingerprint} {
		b = binary.AppendUvarint(b, uint64(len(str)))
		b = append(b, str...)
	}
	var head [binary.MaxVarintLen64]byte
	fs.s.Write(head[:binary.PutUvarint(head[:], uint64(len(b)))])
	fs.s.Write(b)
	fs.buf = b
	fs.n++
}

// each reads the findings back in the order they were added.
func (fs *findingSpill) each(fn func(f *engine.Finding)) error {
	r, err := fs.s.reader()
	if err != nil {
		return err
	}
	br, ok := r.(io.ByteReader)
	if !ok {
		b := bufio.NewReader(r)
		br, r = b, b
	}
	for i := 0; i < fs.n; i++ {
		size, err := binary.ReadUvarint(br)
		if err != nil {
			return fmt.Errorf("rereading the findings: %w", err)
		}
		// One allocation a record: its strings are views of it, never reused.
		rec := make([]byte, size)
		if _, err := io.ReadFull(r, rec); err != nil {
			return fmt.Errorf("rereading the findings: %w", err)
		}
		f, err := fs.decode(rec)
		if err != nil {
			return err
		}
		fn(&f)
	}
	return nil
}

var errBadRecord = errors.New("rereading the findings: a record is damaged")

func (fs *findingSpill) decode(rec []byte) (engine.Finding, error) {
	var f engine.Finding
	all := unsafe.String(unsafe.SliceData(rec), len(rec))
	off := 0
	num := func() (int, bool) {
		v, n := binary.Uvarint(rec[off:])
		if n <= 0 || v > uint64(len(rec)+len(fs.rules)+len(fs.statuses)+len(fs.waivers)) {
			return 0, false
		}
		off += n
		return int(v), true
	}
	ri, ok1 := num()
	si, ok2 := num()
	wi, ok3 := num()
	if !ok1 || !ok2 || !ok3 || ri >= len(fs.rules) || si >= len(fs.statuses) || wi > len(fs.waivers) {
		return f, errBadRecord
	}
	f.Rule, f.Status = fs.rules[ri], fs.statuses[si]
	if wi > 0 {
		f.Waiver = fs.waivers[wi-1]
	}
	var baselineState string
	for _, dst := range [...]*string{&f.Address, &f.ResourceType, &f.Attribute, &f.Message, &f.Part, &f.Note, &baselineState, &f.Fingerprint} {
		n, ok := num()
		if !ok || n > len(rec)-off {
			return f, errBadRecord
		}
		*dst = all[off : off+n]
		off += n
	}
	f.Baseline = engine.BaselineState(baselineState)
	return f, nil
}

func (fs *findingSpill) close() { fs.s.close() }
