package format

import (
	"io"
	"strconv"
	"strings"
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
// not plain, eight bytes at a time (words), then byte by byte (plain).
type plainSet struct {
	words func(s string) int
	plain [256]bool
}

const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// newPlainSet makes the set of printable ASCII bytes but escaped; words
// returns how many leading bytes of a string are in words (eight bytes)
// with no byte that is not plain, or the string's length when its last eight
// bytes, overlapping the words before, are plain too. A word test must flag
// every word with a byte that is not plain and may flag more (the
// byte-by-byte look goes on from there).
func newPlainSet(escaped string, words func(s string) int) *plainSet {
	p := &plainSet{words: words}
	for c := 0x20; c < 0x7f; c++ {
		p.plain[c] = !strings.ContainsRune(escaped, rune(c))
	}
	return p
}

// word is eight bytes of a string, the first lowest.
func word(w string) uint64 {
	_ = w[7]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// Word tests: the high bit of a byte set for a byte that is 0x7f or above
// (x, x+1) or below 0x20 (x-0x20), or matches c in the bits of mask
// ((x^c)&mask - 1). Once no byte has its high bit set (else the first terms
// flag it), subtracting sets the high bit of the lowest byte that was below
// what it subtracts; bytes above it may be flagged falsely, which only ends
// the fast path early.

func notPrintable(x uint64) uint64 { return x | (x + lowBits) | (x - lowBits*0x20) }

func matches(x uint64, c, mask byte) uint64 {
	return (x^(lowBits*uint64(c)))&(lowBits*uint64(mask)) - lowBits
}

// plainLen returns how many leading bytes of s are plain.
func (p *plainSet) plainLen(s string) int {
	i := p.words(s)
	for ; i < len(s) && p.plain[s[i]]; i++ {
	}
	return i
}

// isPlain reports whether every byte of s is plain.
func (p *plainSet) isPlain(s string) bool { return p.plainLen(s) == len(s) }

var (
	// printableSet: what Printable leaves as it is (ASCII).
	printableSet = newPlainSet("", printableWords)
	// jsonSet: what encoding/json leaves unescaped, but for DEL (" and & are 0x22 and 0x26, < and > 0x3c and 0x3e).
	jsonSet = newPlainSet(`"&<>\`, jsonWords)
	// xmlSet: what Printable then xml.EscapeText leave as they are, and # (the word test takes 0x22, 0x23, 0x26 and 0x27 together).
	xmlSet = newPlainSet(`"#&'<>`, xmlWords)
	// mdTextSet: what mdText leaves as they are.
	mdTextSet = newPlainSet("|`<>", mdTextWords)
	// mdCodeSet: what mdCode leaves as they are.
	mdCodeSet = newPlainSet("|`", mdCodeWords)
	// ghDataSet: what ghData leaves as they are.
	ghDataSet = newPlainSet("%", ghDataWords)
	// ghPropSet: what ghProp leaves as they are.
	ghPropSet = newPlainSet("%:,", ghPropWords)
)

// printableWords is plainWords for printableSet.
func printableWords(s string) int {
	bad := func(x uint64) bool { return (notPrintable(x))&highBits != 0 }
	i := 0
	for ; len(s)-i >= 8; i += 8 {
		if bad(word(s[i : i+8])) {
			return i
		}
	}
	if i < len(s) && len(s) >= 8 && !bad(word(s[len(s)-8:])) {
		return len(s)
	}
	return i
}

// jsonWords is plainWords for jsonSet.
func jsonWords(s string) int {
	bad := func(x uint64) bool {
		return (notPrintable(x)|matches(x, '"', 0xfb)|matches(x, '<', 0xfd)|matches(x, '\\', 0xff))&highBits != 0
	}
	i := 0
	for ; len(s)-i >= 8; i += 8 {
		if bad(word(s[i : i+8])) {
			return i
		}
	}
	if i < len(s) && len(s) >= 8 && !bad(word(s[len(s)-8:])) {
		return len(s)
	}
	return i
}

// xmlWords is plainWords for xmlSet.
func xmlWords(s string) int {
	bad := func(x uint64) bool {
		return (notPrintable(x)|matches(x, '"', 0xfa)|matches(x, '<', 0xfd))&highBits != 0
	}
	i := 0
	for ; len(s)-i >= 8; i += 8 {
		if bad(word(s[i : i+8])) {
			return i
		}
	}
	if i < len(s) && len(s) >= 8 && !bad(word(s[len(s)-8:])) {
		return len(s)
	}
	return i
}

// mdTextWords is plainWords for mdTextSet.
func mdTextWords(s string) int {
	bad := func(x uint64) bool {
		return (notPrintable(x)|matches(x, '|', 0xff)|matches(x, '`', 0xff)|matches(x, '<', 0xfd))&highBits != 0
	}
	i := 0
	for ; len(s)-i >= 8; i += 8 {
		if bad(word(s[i : i+8])) {
			return i
		}
	}
	if i < len(s) && len(s) >= 8 && !bad(word(s[len(s)-8:])) {
		return len(s)
	}
	return i
}

// mdCodeWords is plainWords for mdCodeSet.
func mdCodeWords(s string) int {
	bad := func(x uint64) bool {
		return (notPrintable(x)|matches(x, '|', 0xff)|matches(x, '`', 0xff))&highBits != 0
	}
	i := 0
	for ; len(s)-i >= 8; i += 8 {
		if bad(word(s[i : i+8])) {
			return i
		}
	}
	if i < len(s) && len(s) >= 8 && !bad(word(s[len(s)-8:])) {
		return len(s)
	}
	return i
}

// ghDataWords is plainWords for ghDataSet.
func ghDataWords(s string) int {
	bad := func(x uint64) bool { return (notPrintable(x)|matches(x, '%', 0xff))&highBits != 0 }
	i := 0
	for ; len(s)-i >= 8; i += 8 {
		if bad(word(s[i : i+8])) {
			return i
		}
	}
	if i < len(s) && len(s) >= 8 && !bad(word(s[len(s)-8:])) {
		return len(s)
	}
	return i
}

// ghPropWords is plainWords for ghPropSet.
func ghPropWords(s string) int {
	bad := func(x uint64) bool {
		return (notPrintable(x)|matches(x, '%', 0xff)|matches(x, ':', 0xff)|matches(x, ',', 0xff))&highBits != 0
	}
	i := 0
	for ; len(s)-i >= 8; i += 8 {
		if bad(word(s[i : i+8])) {
			return i
		}
	}
	if i < len(s) && len(s) >= 8 && !bad(word(s[len(s)-8:])) {
		return len(s)
	}
	return i
}

// escaped keeps a string's rendering while the same string comes again (a
// resource's address, in each of its findings).
type escaped struct {
	s  string
	b  []byte
	ok bool
}

// render returns esc(s), rendered again only when s is not the last string.
func (e *escaped) render(s string, esc func([]byte, string) []byte) []byte {
	if !e.ok || s != e.s {
		e.s, e.b, e.ok = s, esc(e.b[:0], s), true
	}
	return e.b
}

// appendPrintable appends Printable(s).
func appendPrintable(b []byte, s string) []byte {
	if printableSet.isPlain(s) {
		return append(b, s...)
	}
	return append(b, Printable(s)...)
}
