//go:build !windows

package safefile

import "os"

// makePrivate lets only the user read and write f: mode 0600. The umask can
// only take bits away, so the mode is set exactly.
func makePrivate(f *os.File) error { return f.Chmod(0o600) }
