//go:build windows

package store

import "os"

// markedReadOnly reports whether the file at path carries Windows's
// read-only flag (Go shows it as a mode without write bits). Windows refuses
// to open such a file for writing, and devpath honours the flag even where
// an open for writing would be let through (an administrator's process, or
// Wine run as root): the user set it to keep the file as it is, and a
// restore or an upgrade must not clear it by making the file private.
func markedReadOnly(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir() && fi.Mode().Perm()&0o200 == 0
}
