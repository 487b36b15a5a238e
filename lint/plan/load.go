package plan

import (
	"encoding/binary"
	"unsafe"
)

// load8 reads the eight bytes at d[i:i+8] as a little-endian word; the caller
// guarantees i+8 <= len(d). It skips the bounds checks of
// binary.LittleEndian.Uint64(d[i:]), which cost a fifth of the scanners' inner
// loops. Unaligned loads are fine on every platform Go supports; on big-endian
// ones the bytes are swapped into little-endian order.
func load8(d []byte, i int) uint64 {
	x := *(*uint64)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(d)), i))
	if bigEndian {
		return swap64(x)
	}
	return x
}

var bigEndian = binary.NativeEndian.Uint16([]byte{0, 1}) == 1

func swap64(x uint64) uint64 {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], x)
	return binary.LittleEndian.Uint64(b[:])
}
