package format

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"math/rand"
	"strings"
	"testing"
)

// fastPathInputs are strings that put every byte value at every position of
// the first two 8-byte words and past them, inside plain text, plus random
// strings of printable ASCII with a few other bytes and runes mixed in.
func fastPathInputs() []string {
	var out []string
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 19; pos++ {
			for _, n := range []int{pos + 1, 24} {
				b := []byte(strings.Repeat("abcdefgh", 3)[:n])
				b[pos] = byte(c)
				out = append(out, string(b))
			}
		}
	}
	rng := rand.New(rand.NewSource(1))
	extra := []string{"é", "\u2028", "\u2029", "\xff", "\xe2\x80", "\U0001f600", "\ufffe", "\x7f", "\x00", "\x1b", "\n", "\r",
		"\t", "<", ">", "&", "\"", "'", "\\", "|", "`", "%", ":", ",", "#", "\u202e", "\u0085"}
	for i := 0; i < 3000; i++ {
		var b strings.Builder
		for n := rng.Intn(40); n > 0; n-- {
			if rng.Intn(8) == 0 {
				b.WriteString(extra[rng.Intn(len(extra))])
			} else {
				b.WriteByte(byte(0x20 + rng.Intn(0x5f)))
			}
		}
		out = append(out, b.String())
	}
	return append(out, "", strings.Repeat("long plain text ", 100), strings.Repeat("x", 100)+"\x00")
}

// plainLen finds the same first non-plain byte as a byte-by-byte look at the
// set's table, in every set, wherever the byte is.
func TestPlainLenMatchesTheTable(t *testing.T) {
	sets := map[string]*plainSet{"printable": printableSet, "json": jsonSet, "xml": xmlSet, "mdText": mdTextSet,
		"mdCode": mdCodeSet, "ghData": ghDataSet, "ghProp": ghPropSet}
	for name, set := range sets {
		for _, s := range fastPathInputs() {
			want := 0
			for want < len(s) && set.plain[s[want]] {
				want++
			}
			if got := set.plainLen(s); got != want {
				t.Fatalf("%s.plainLen(%q) = %d, want %d", name, s, got, want)
			}
		}
	}
	// The tables: printable ASCII but the bytes each format escapes.
	for name, c := range map[string]struct {
		set     *plainSet
		escaped string
	}{"printable": {printableSet, ""}, "json": {jsonSet, `"&<>\`}, "xml": {xmlSet, `"&'<>#`},
		"mdText": {mdTextSet, "|`<>"}, "mdCode": {mdCodeSet, "|`"}, "ghData": {ghDataSet, "%"}, "ghProp": {ghPropSet, "%:,"}} {
		for b := 0; b < 256; b++ {
			want := b >= 0x20 && b < 0x7f && !strings.ContainsRune(c.escaped, rune(b))
			if c.set.plain[b] != want {
				t.Errorf("%s: byte %#x plain %v, want %v", name, b, c.set.plain[b], want)
			}
		}
	}
}

// The fast paths write what the slow ones write (and the standard library's
// escapers), whatever the text holds: escapes, invalid UTF-8, U+2028, control
// and bidirectional characters.
func TestFastPathsMatchTheSlowOnes(t *testing.T) {
	for _, s := range fastPathInputs() {
		// encoding/json writes \b and \f as such since Go 1.22; the json format
		// keeps writing \u0008 and \u000c, as it always did.
		want, _ := json.Marshal(strings.NewReplacer("\b", "", "\f", "").Replace(s))
		if got := appendJSONString([]byte("x"), strings.NewReplacer("\b", "", "\f", "").Replace(s)); string(got) != "x"+string(want) {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got[1:], want)
		}
		var x bytes.Buffer
		_ = xml.EscapeText(&x, []byte(Printable(s)))
		if got := appendXMLPrintable(nil, s); string(got) != x.String() {
			t.Fatalf("appendXMLPrintable(%q) = %q, want %q", s, got, x.String())
		}
		x.Reset()
		_ = xml.EscapeText(&x, []byte(s))
		if got := appendXMLText(nil, s); string(got) != x.String() {
			t.Fatalf("appendXMLText(%q) = %q, want %q", s, got, x.String())
		}
		for name, c := range map[string]struct {
			fast func([]byte, string) []byte
			slow func(string) string
		}{"Printable": {appendPrintable, Printable}, "mdText": {appendMDText, mdText}, "mdCode": {appendMDCode, mdCode},
			"ghData": {appendGHData, ghData}, "ghProp": {appendGHProp, ghProp}} {
			if got, want := string(c.fast([]byte("x"), s)), "x"+c.slow(s); got != want {
				t.Fatalf("append %s(%q) = %q, want %q", name, s, got, want)
			}
		}
	}
}

func TestJSONControlCharacters(t *testing.T) {
	if got, want := string(appendJSONString(nil, "a\bb\fc\x00\x1f\x7f")), `"a\u0008b\u000cc\u0000\u001f`+"\x7f\""; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

type limitedWriter struct {
	writes  []int
	failAt  int
	written bytes.Buffer
}

func (w *limitedWriter) Write(p []byte) (int, error) {
	if len(w.writes) == w.failAt {
		return 0, errors.New("disk full")
	}
	w.writes = append(w.writes, len(p))
	return w.written.Write(p)
}

// An outBuf writes at most a chunk at a time, keeps what is past the last
// whole chunk, and keeps its first write error.
func TestOutBufWritesChunks(t *testing.T) {
	w := &limitedWriter{failAt: -1}
	o := newOutBuf(w)
	var want bytes.Buffer
	for i := 0; i < 5000; i++ {
		piece := strings.Repeat(string(rune('a'+i%26)), i%300)
		o.b = append(o.b, piece...)
		want.WriteString(piece)
		o.spare()
		if len(o.b) >= outChunk {
			t.Fatalf("%d bytes held after spare", len(o.b))
		}
	}
	o.b = append(o.b, strings.Repeat("z", 3*outChunk+5)...)
	want.WriteString(strings.Repeat("z", 3*outChunk+5))
	if err := o.flush(); err != nil {
		t.Fatal(err)
	}
	for _, n := range w.writes {
		if n > outChunk {
			t.Errorf("a write of %d bytes", n)
		}
	}
	if w.written.String() != want.String() {
		t.Errorf("wrote %d bytes, want %d", w.written.Len(), want.Len())
	}

	w = &limitedWriter{failAt: 1}
	o = newOutBuf(w)
	for i := 0; i < 10; i++ {
		o.b = append(o.b, strings.Repeat("x", outChunk)...)
		o.spare()
	}
	if err := o.flush(); err == nil || err.Error() != "disk full" || len(w.writes) != 1 || len(o.b) != 0 {
		t.Errorf("after a failed write: %v, %d writes, %d bytes held", err, len(w.writes), len(o.b))
	}
}

// appendJSONSized writes the escaped length before the escaped string, one
// byte or more (the string moved up to make room).
func TestAppendJSONSized(t *testing.T) {
	for _, n := range []int{0, 1, 63, 126, 127, 128, 200, 16383, 16384, 70000} {
		for _, s := range []string{strings.Repeat("a", n), strings.Repeat("<", n/6)} {
			got := string(appendJSONSized([]byte("xy"), s))
			want := string(appendJSONBody(nil, s))
			size, off := uvarintAt(got, 2)
			if got[:2] != "xy" || off < 0 || int(size) != len(want) || got[off:] != want {
				t.Errorf("%d bytes: length %d at %d, want %d and the escaped string after it", len(s), size, off, len(want))
			}
		}
	}
}
