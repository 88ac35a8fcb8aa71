//go:build unix

package store

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive advisory lock (flock) on f, held until f is
// closed. flock locks are separate from the POSIX locks SQLite uses, so the
// two never disturb each other.
func lockFile(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err != syscall.EINTR {
			return err
		}
	}
}

// lockHeld reports a lockFile error that means another process holds the
// lock.
func lockHeld(err error) bool { return err == syscall.EWOULDBLOCK }

// tryLockFile takes the lock lockFile takes, if no one holds it, and
// reports whether it did.
func tryLockFile(f *os.File) bool {
	return lockFile(f) == nil
}
