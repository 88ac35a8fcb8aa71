//go:build !unix

package gitscan

import "io"

// mapped is a file's content in memory.
type mapped struct{ b []byte }

// mapFile reads the regular file p whole, where memory mapping is not
// used.
func mapFile(p string) (mapped, error) {
	f, err := openRegular(p)
	if err != nil {
		return mapped{}, err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	return mapped{b: b}, err
}

func (m *mapped) close() { m.b = nil }
