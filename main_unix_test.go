//go:build unix

package main

import (
	"strconv"
	"syscall"
)

// limitFileSize sets RLIMIT_FSIZE to n bytes for this process. Go ignores
// SIGXFSZ, so a write beyond the limit fails with EFBIG, as a write fails on
// a full disk.
func limitFileSize(n string) {
	v, err := strconv.ParseUint(n, 10, 64)
	if err != nil {
		panic(err)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: v, Max: v}); err != nil {
		panic(err)
	}
}
