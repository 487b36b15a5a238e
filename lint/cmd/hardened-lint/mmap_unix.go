//go:build unix

package main

import (
	"os"
	"syscall"
)

// mmapThreshold: plans at least this large are mapped rather than read, so the
// input stays off the Go heap (and out of the garbage collector's accounting).
const mmapThreshold = 8 << 20

// readLarge maps a large regular file read-only; the mapping lives as long as
// the process. It returns ok=false when the file should be read normally.
func readLarge(f *os.File, size int64) ([]byte, bool) {
	if size < mmapThreshold || size > 1<<40 {
		return nil, false
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		return nil, false
	}
	return data, true
}
