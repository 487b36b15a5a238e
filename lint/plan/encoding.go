package plan

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// toUTF8 returns the input as UTF-8 without a byte order mark. UTF-16 (as
// PowerShell's `>` redirection writes, with or without a BOM) is decoded; UTF-32
// is named and refused; any other invalid UTF-8 is refused with its offset.
func toUTF8(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0x00, 0x00}), bytes.HasPrefix(data, []byte{0x00, 0x00, 0xFE, 0xFF}):
		return nil, fmt.Errorf("input is UTF-32 encoded: convert it to UTF-8 (e.g. iconv -f UTF-32 -t UTF-8)")
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data[2:], binary.LittleEndian)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data[2:], binary.BigEndian)
	case len(data) >= 4 && data[0] != 0 && data[1] == 0 && data[2] != 0 && data[3] == 0:
		return decodeUTF16(data, binary.LittleEndian) // UTF-16LE without BOM
	case len(data) >= 4 && data[0] == 0 && data[1] != 0 && data[2] == 0 && data[3] != 0:
		return decodeUTF16(data, binary.BigEndian)
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return nil, fmt.Errorf("input is not valid UTF-8 (invalid byte 0x%02x at offset %d): "+
			"terraform show -json writes UTF-8; was the file re-encoded?", data[off], off)
	}
	return data, nil
}

func decodeUTF16(data []byte, order binary.ByteOrder) ([]byte, error) {
	if len(data)%2 != 0 {
		return nil, fmt.Errorf("input looks UTF-16 encoded but has an odd number of bytes (truncated?)")
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		units[i] = order.Uint16(data[2*i:])
	}
	runes := utf16.Decode(units)
	out := make([]byte, 0, len(runes))
	for _, r := range runes {
		if r == utf8.RuneError {
			return nil, fmt.Errorf("input is UTF-16 encoded but contains an unpaired surrogate (corrupted?)")
		}
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}
