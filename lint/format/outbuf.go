package format

import (
	"io"
	"strconv"
)

// Every format appends its output to a byte slice it reuses (outBuf) and
// hands it to the writer in large writes: a finding's few dozen pieces cost an
// append each, not a call into a buffered writer each, and text that needs no
// escaping (nearly all of it) is appended whole, found to be plain eight bytes
// at a time (plainLen).

// outChunk is how much output an outBuf holds before writing it out.
const outChunk = 64 << 10

// outBuf collects output and writes it to w a chunk at a time. Its first
// write error sticks: later writes are dropped and flush returns it.
type outBuf struct {
	b   []byte
	w   io.Writer
	err error
}

func newOutBuf(w io.Writer) *outBuf {
	return &outBuf{b: make([]byte, 0, outChunk+outChunk/4), w: w}
}

// spare writes the buffer out once it holds a chunk, a chunk at a time,
// keeping the rest: call it between findings.
func (o *outBuf) spare() {
	if len(o.b) >= outChunk {
		o.write(len(o.b) / outChunk * outChunk)
	}
}

// flush writes out what the buffer holds and returns the first write error.
func (o *outBuf) flush() error {
	o.write(len(o.b))
	return o.err
}

// write writes out the buffer's first n bytes, in writes of at most a chunk.
func (o *outBuf) write(n int) {
	for off := 0; off < n && o.err == nil; off += outChunk {
		_, o.err = o.w.Write(o.b[off:min(n, off+outChunk)])
	}
	o.b = o.b[:copy(o.b, o.b[n:])]
}

func appendInt(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }

// A plainSet is the bytes a format writes as they are: printable ASCII
// (0x20-0x7e) except a few it escapes. plainLen finds the first byte that is
// not plain, eight bytes at a time.
type plainSet struct {
	// Each byte that is not plain matches a (value, mask) pair: (b^value)&mask == 0,
	// every byte of the words the same.
	value, mask [4]uint64
	plain       [256]bool
}

const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// newPlainSet makes the set of printable ASCII bytes other than those
// matching the (value, mask) pairs (at most four; mask 0xff: one byte).
func newPlainSet(pairs ...[2]byte) *plainSet {
	p := &plainSet{}
	for i := range p.value {
		pair := pairs[min(i, len(pairs)-1)]
		p.value[i], p.mask[i] = lowBits*uint64(pair[0]), lowBits*uint64(pair[1])
	}
	for c := 0x20; c < 0x7f; c++ {
		p.plain[c] = true
		for _, pair := range pairs {
			if (byte(c)^pair[0])&pair[1] == 0 {
				p.plain[c] = false
			}
		}
	}
	return p
}

// plainLen returns how many leading bytes of s are plain.
func (p *plainSet) plainLen(s string) int {
	i := 0
	for ; len(s)-i >= 8; i += 8 {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		// 0x7f and above; below 0x20; the escaped bytes. Once no byte has its
		// high bit set (else the first term flags it), subtracting sets the
		// high bit of the lowest byte that was below what it subtracts.
		v0, v1 := (x^p.value[0])&p.mask[0], (x^p.value[1])&p.mask[1]
		v2, v3 := (x^p.value[2])&p.mask[2], (x^p.value[3])&p.mask[3]
		bad := (x | (x + lowBits) | (x - lowBits*0x20) |
			(v0 - lowBits) | (v1 - lowBits) | (v2 - lowBits) | (v3 - lowBits)) & highBits
		if bad != 0 {
			break
		}
	}
	for ; i < len(s) && p.plain[s[i]]; i++ {
	}
	return i
}

// isPlain reports whether every byte of s is plain.
func (p *plainSet) isPlain(s string) bool { return p.plainLen(s) == len(s) }

var (
	// printableSet: what Printable leaves as it is (ASCII).
	printableSet = newPlainSet([2]byte{0x7f, 0xff})
	// jsonSet: what encoding/json leaves unescaped, but for DEL: " & (0x22, 0x26), < > (0x3c, 0x3e), \.
	jsonSet = newPlainSet([2]byte{'"', 0xfb}, [2]byte{'<', 0xfd}, [2]byte{'\\', 0xff})
	// xmlSet: Printable then xml.EscapeText leave as they are: " & ' (0x22, 0x26, 0x27 and 0x23), < >.
	xmlSet = newPlainSet([2]byte{'"', 0xfa}, [2]byte{'<', 0xfd})
	// mdTextSet: mdText leaves as they are: | ` < >.
	mdTextSet = newPlainSet([2]byte{'|', 0xff}, [2]byte{'`', 0xff}, [2]byte{'<', 0xfd})
	// mdCodeSet: mdCode leaves as they are: | `.
	mdCodeSet = newPlainSet([2]byte{'|', 0xff}, [2]byte{'`', 0xff})
	// ghDataSet: ghData leaves as they are: %.
	ghDataSet = newPlainSet([2]byte{'%', 0xff})
	// ghPropSet: ghProp leaves as they are: % : ,.
	ghPropSet = newPlainSet([2]byte{'%', 0xff}, [2]byte{':', 0xff}, [2]byte{',', 0xff})
)

// appendPrintable appends Printable(s).
func appendPrintable(b []byte, s string) []byte {
	if printableSet.isPlain(s) {
		return append(b, s...)
	}
	return append(b, Printable(s)...)
}
