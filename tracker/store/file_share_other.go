//go:build !windows

package store

import "os"

// createTemp creates a new, empty file in dir, named by pattern as
// os.CreateTemp names it, for reading and writing.
func createTemp(dir, pattern string) (*os.File, error) { return os.CreateTemp(dir, pattern) }

// openToLock opens the existing file path to take its lock (lockFile).
func openToLock(path string) (*os.File, error) { return os.Open(path) }
