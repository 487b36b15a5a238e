package format

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// spillMemory is how much of a spill stays in memory before it moves to a
// temporary file: small outputs never touch the disk, large ones never hold
// the memory that findings streamed through engine.Visit saved.
var spillMemory = 1 << 20 // a variable for the tests

// spill keeps a part of an output that is written before it is known what
// precedes it (the findings, before totals computed from all of them): in
// memory up to a limit, then in an unlinked temporary file, so that memory
// stays flat however many findings a plan has. Write to it (or append to buf
// and call settle), then copy it out with writeTo or read it back with
// chunks, and release it with close.
type spill struct {
	// buf holds the spill while it is in memory; once in a file, what is not
	// yet written there.
	buf   []byte
	limit int
	file  *os.File
	// removeOnClose: the file could not be unlinked while open (Windows).
	removeOnClose bool
	err           error
}

func newSpill(limit int) *spill { return &spill{limit: limit} }

func (s *spill) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	s.buf = append(s.buf, p...)
	s.settle()
	if s.err != nil {
		return 0, s.err
	}
	return len(p), nil
}

// settle moves the spill to a temporary file once it outgrows its memory,
// and from then on writes buf there a chunk at a time.
func (s *spill) settle() {
	if s.file == nil {
		if len(s.buf) <= s.limit || s.err != nil {
			return
		}
		f, err := os.CreateTemp("", "hardened-lint-*.tmp")
		if err != nil {
			s.err = fmt.Errorf("creating a temporary file for the findings (set TMPDIR to a writable directory): %w", err)
			s.buf = nil
			return
		}
		// Unlinked at once where the system allows it: nothing is left behind,
		// even if the run is killed.
		s.removeOnClose = os.Remove(f.Name()) != nil
		s.file = f
		s.writeOut()
		s.buf = make([]byte, 0, outChunk+outChunk/4) // the memory's buffer goes
		return
	}
	if len(s.buf) >= outChunk {
		s.writeOut()
	}
}

// writeOut writes buf to the file.
func (s *spill) writeOut() {
	if s.err == nil && len(s.buf) > 0 {
		if _, err := s.file.Write(s.buf); err != nil {
			s.err = fmt.Errorf("writing a temporary file of findings: %w", err)
		}
	}
	s.buf = s.buf[:0]
}

// rewind makes the whole spill readable from its file (or its memory) from
// the start.
func (s *spill) rewind() error {
	if s.err != nil || s.file == nil {
		return s.err
	}
	s.writeOut()
	if s.err != nil {
		return s.err
	}
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("rereading the temporary file of findings: %w", err)
	}
	return nil
}

// writeTo copies what the spill holds to b.
func (s *spill) writeTo(b *bufio.Writer) error {
	if err := s.rewind(); err != nil {
		return err
	}
	if s.file == nil {
		// In bounded writes: b writes a large slice straight through.
		for mem := s.buf; len(mem) > 0; {
			n := min(len(mem), 32<<10)
			if _, err := b.Write(mem[:n]); err != nil {
				return err
			}
			mem = mem[n:]
		}
		return nil
	}
	_, err := b.ReadFrom(s.file) // copy_file_range or sendfile where the kernel has them
	return err
}

// chunks hands what the spill holds to fn in chunks of whole records, each
// record a uvarint length and that many bytes; fn returns how many bytes
// of its chunk it read (the rest start the next chunk). A chunk is a view of
// a buffer the next chunk reuses: fn copies what it keeps (the formats append
// what they read to their output at once, so rereading a spill of any size
// allocates one buffer, not the spill's size again).
func (s *spill) chunks(fn func(chunk []byte) int) error {
	if err := s.rewind(); err != nil {
		return err
	}
	if s.file == nil {
		if len(s.buf) > 0 {
			fn(s.buf)
		}
		return nil
	}
	held, _ := chunkBufs.Get().(*[]byte)
	if held == nil {
		held = new([]byte)
	}
	defer chunkBufs.Put(held)
	buf := (*held)[:0]
	defer func() { *held = buf[:0] }()
	for {
		// buf holds the unread rest of the last chunk. Read 256 KB more, or
		// the whole of a record longer than that.
		need := 256 << 10
		if size, n := uvarintAt(buf, 0); n > 0 && size > uint64(need) {
			need = int(min(size, 1<<40))
		}
		rest := len(buf)
		if cap(buf) < rest+need {
			// rest is part of one record, never longer than need: twice
			// need holds any rest and the next read.
			buf = append(make([]byte, 0, 2*need), buf...)
		}
		n, err := io.ReadFull(s.file, buf[rest:rest+need])
		if err != nil && err != io.EOF && !errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("rereading the temporary file of findings: %w", err)
		}
		chunk := buf[:rest+n]
		used := fn(chunk)
		buf = chunk[:copy(chunk, chunk[used:])]
		if n < need {
			return nil
		}
	}
}

// addRecord appends rec as a record (its length, then it) and settles.
func (s *spill) addRecord(rec []byte) {
	s.buf = binary.AppendUvarint(s.buf, uint64(len(rec)))
	s.buf = append(s.buf, rec...)
	s.settle()
}

// chunkBufs are the buffers chunks reads into: one serves every spill of an
// output in turn (a junit output rereads one spill per rule).
var chunkBufs = sync.Pool{New: func() any { return new([]byte) }}

// records hands the spill's n records to fn in the order they were added,
// each a view of the chunk it was read in (reused for the next chunk: fn
// copies what it keeps); fn returns false for a damaged record.
func (s *spill) records(n int, fn func(rec []byte) bool) error {
	read := 0
	bad := false
	err := s.chunks(func(chunk []byte) int {
		off := 0
		for !bad && read < n {
			size, start := uvarintAt(chunk, off)
			if start < 0 || size > uint64(len(chunk)-start) {
				break // the rest of the record is in the next chunk
			}
			end := start + int(size)
			if !fn(chunk[start:end]) {
				bad = true
				break
			}
			read++
			off = end
		}
		return off
	})
	switch {
	case err != nil:
		return err
	case bad || read < n:
		return errBadRecord
	}
	return nil
}

var errBadRecord = errors.New("rereading the findings: a record is damaged")

// close releases the spill's memory and temporary file.
func (s *spill) close() {
	s.buf = nil
	if f := s.file; f != nil {
		f.Close()
		if s.removeOnClose {
			os.Remove(f.Name())
		}
		s.file = nil
	}
}

// uvarintAt reads a uvarint at s[off:]: its value and the offset after it, or
// 0 and a negative offset when s ends first or it overflows 64 bits.
func uvarintAt[T string | []byte](s T, off int) (uint64, int) {
	if off < 0 {
		return 0, -1
	}
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if off >= len(s) {
			return 0, -1
		}
		c := s[off]
		off++
		if c < 0x80 {
			if shift == 63 && c > 1 {
				return 0, -1
			}
			return x | uint64(c)<<shift, off
		}
		x |= uint64(c&0x7f) << shift
	}
	return 0, -1
}
