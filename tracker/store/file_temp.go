package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// tempName matches the names of devpath's unfinished files: a copy of the
// database being written (.devpath-copy-N.tmp), a restore's copy of the
// backup (.devpath-restore-N.tmp), the side files SQLite writes beside them,
// and the side files a restore moves out of the way (…tmp.old-wal). Nothing
// else is ever removed by cleanTemps, except probeName.
var tempName = regexp.MustCompile(`^\.devpath-(copy|restore)-[0-9]+\.tmp(\.old)?(-journal|-wal|-shm)?$`)

// probeName matches the empty files dirWritable creates and removes at once
// to learn whether a folder can be written; one is left only by a kill.
// Removing another process's probe early does it no harm.
var probeName = regexp.MustCompile(`^\.devpath-probe-[0-9]+$`)

// tempFile is an unfinished file: created empty (0600) under a name that
// tempName matches and locked (see lockFile) for as long as this process
// writes it, so that cleanTemps in another process leaves it alone.
type tempFile struct {
	path string
	f    *os.File
}

// newTemp creates a locked, empty temporary file in dir. kind is "copy" or
// "restore".
func newTemp(dir, kind string) (*tempFile, error) {
	for range 10 {
		f, err := createTemp(dir, ".devpath-"+kind+"-*.tmp")
		if err != nil {
			return nil, err
		}
		if err := lockFile(f); lockHeld(err) {
			// Another process's cleanTemps took the new file for a
			// leftover between its creation and the lock, and removes
			// it: take another name.
			_ = f.Close()
			continue
		}
		// Any other error means the file system has no such locks; the
		// file is then written unlocked, and cleanTemps, unable to lock
		// it either, leaves it alone.
		// Another process's cleanTemps may have removed the file between
		// its creation and the lock: then it is not ours any more.
		mine, err1 := f.Stat()
		there, err2 := os.Lstat(f.Name())
		if err1 == nil && err2 == nil && os.SameFile(mine, there) {
			return &tempFile{path: f.Name(), f: f}, nil
		}
		_ = f.Close()
	}
	return nil, fmt.Errorf("create a temporary file in %s: it kept disappearing", dir)
}

// discard removes the temporary file and any side files SQLite left beside
// it, and lets go of the lock.
func (t *tempFile) discard() {
	if t == nil || t.f == nil {
		return
	}
	removeWithSides(t.path)
	_ = t.f.Close()
	t.f = nil
}

// release lets go of the lock once the file has its final name.
func (t *tempFile) release() {
	if t != nil && t.f != nil {
		_ = t.f.Close()
		t.f = nil
	}
}

// removeWithSides removes path and the SQLite side files beside it.
func removeWithSides(path string) {
	for _, s := range append([]string{""}, sideSuffixes...) {
		_ = os.Remove(path + s)
	}
}

// placeNew gives the finished file tmp the name dest, which must not exist:
// an existing dest is never overwritten (an error wrapping fs.ErrExist). A
// hard link makes that check and the naming one step; where the file system
// has no hard links (FAT on a USB stick), the file is renamed after checking.
func placeNew(tmp, dest string) error {
	err := os.Link(tmp, dest)
	if err == nil {
		_ = os.Remove(tmp)
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists: %w", dest, fs.ErrExist)
	}
	if _, serr := os.Lstat(dest); serr == nil {
		return fmt.Errorf("%s already exists: %w", dest, fs.ErrExist)
	}
	return os.Rename(tmp, dest)
}

// cleanTemps removes the unfinished files devpath left in dir when it was
// killed or failed: only names tempName matches, and only files no devpath
// process is writing (their lock is free). Errors are ignored: cleaning is
// best effort and must never stop the program.
func cleanTemps(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		path := filepath.Join(dir, n)
		if e.Type().IsRegular() && probeName.MatchString(n) {
			_ = os.Remove(path)
			continue
		}
		if !e.Type().IsRegular() || !tempName.MatchString(n) {
			continue
		}
		main := tempMain(path)
		if main != path {
			// A side file: it goes with its temporary file, and on its
			// own when that one is gone.
			if _, err := os.Lstat(main); errors.Is(err, fs.ErrNotExist) {
				_ = os.Remove(path)
			}
			continue
		}
		removeIfUnused(path)
	}
}

// tempMain returns the temporary file a side file of it belongs to (the
// path itself for the temporary file).
func tempMain(path string) string {
	for _, s := range sideSuffixes {
		if strings.HasSuffix(path, s) {
			path = strings.TrimSuffix(path, s)
			break
		}
	}
	return strings.TrimSuffix(path, ".old")
}

// removeIfUnused removes the temporary file path and its side files when no
// process holds its lock.
func removeIfUnused(path string) {
	f, err := openToLock(path)
	if err != nil {
		return
	}
	defer f.Close()
	if !tryLockFile(f) {
		return
	}
	locked, err1 := f.Stat()
	there, err2 := os.Lstat(path)
	if err1 != nil || err2 != nil || !os.SameFile(locked, there) {
		return
	}
	removeWithSides(path)
	for _, s := range sideSuffixes {
		_ = os.Remove(path + ".old" + s)
	}
}
