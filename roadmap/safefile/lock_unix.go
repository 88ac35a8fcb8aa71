//go:build unix

package safefile

import (
	"os"
	"syscall"
)

// lock takes an exclusive advisory lock on f without waiting; false when
// another open file holds one. The lock goes with f's last close, and so
// with its process, however that ends.
func lock(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}
