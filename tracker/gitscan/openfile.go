package gitscan

import (
	"errors"
	"os"
)

// openRegular opens p for reading without blocking, and only when it is a
// regular file: opening a FIFO for reading would otherwise wait for a
// writer.
func openRegular(p string) (*os.File, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, &os.PathError{Op: "open", Path: p, Err: errors.New("not a regular file")}
	}
	return f, nil
}
