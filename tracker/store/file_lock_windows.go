//go:build windows

package store

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lockOffset is where the lock lies: one byte far past the end of any
// database. Windows locks are mandatory for the range they cover, so a lock
// on the file's content would stop SQLite writing the temporary file through
// its own handle; SQLite's own locks lie at 1 GiB, well below this.
const lockOffset = 1 << 62

// lockFile takes an exclusive lock (LockFileEx) on a byte of f that holds no
// data, held until f is closed, as flock does on Unix.
func lockFile(f *os.File) error {
	ol := new(windows.Overlapped)
	ol.Offset = uint32(lockOffset & 0xffffffff)
	ol.OffsetHigh = uint32(lockOffset >> 32)
	return windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
}

// lockHeld reports a lockFile error that means another process holds the
// lock.
func lockHeld(err error) bool {
	return errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING)
}

// tryLockFile takes the lock lockFile takes, if no one holds it, and
// reports whether it did.
func tryLockFile(f *os.File) bool {
	return lockFile(f) == nil
}
