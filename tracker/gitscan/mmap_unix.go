//go:build unix

package gitscan

import (
	"os"
	"syscall"
)

// mapped is a file mapped read-only into memory.
type mapped struct {
	b   []byte
	mmd bool
}

// mapFile maps the regular file p read-only, as git reads its packs: only
// the pages used are read from disk.
func mapFile(p string) (mapped, error) {
	f, err := openRegular(p)
	if err != nil {
		return mapped{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return mapped{}, err
	}
	size := fi.Size()
	if size == 0 {
		return mapped{}, nil
	}
	if int64(int(size)) != size {
		return mapped{}, os.ErrInvalid
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return mapped{}, err
	}
	return mapped{b: b, mmd: true}, nil
}

func (m *mapped) close() {
	if m.mmd {
		_ = syscall.Munmap(m.b)
	}
	m.b, m.mmd = nil, false
}
