//go:build !linux && !windows

package team

import (
	"errors"
	"io"
	"os"
)

// IsTerminal reports whether f is a terminal; on this system devpath does
// not ask, so it reports false.
func IsTerminal(f *os.File) bool { return false }

// ReadPassword is not available on this system: the password comes from
// PGPASSWORD or the password file.
func ReadPassword(in *os.File, out io.Writer, question string) (string, error) {
	return "", errors.New("ask for the password: not on this system (set PGPASSWORD or use ~/.pgpass)")
}
