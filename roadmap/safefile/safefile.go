// Package safefile opens the files devpath reads and creates the files it
// writes without the traps of the file system: reading a named pipe or a
// device, which would block for ever, and creating a file through a link with
// permissions that let others read it.
package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrNotRegular: the path names a folder, a named pipe, a device or a socket
// rather than a regular file. The errors that wrap it read "it is a named
// pipe, not a regular file".
var ErrNotRegular = errors.New("regular file")

// maxLinks bounds how many links CreatePrivate follows, as the system does.
const maxLinks = 40

// OpenRegular opens the file at path for reading, refusing anything but a
// regular file. It never blocks: the file is opened without waiting (a named
// pipe with no writer would otherwise hang the open for ever) and its type is
// checked on the open file before a byte is read. The error for another kind
// of file wraps ErrNotRegular and says what the path is: "it is a named
// pipe, not a regular file".
func OpenRegular(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlocking, 0)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		_ = f.Close()
		return nil, nil, fmt.Errorf("it is %s, not a %w", KindOf(fi), ErrNotRegular)
	}
	return f, fi, nil
}

// KindOf names the kind of file fi describes, for messages: "a folder", "a
// named pipe", ...
func KindOf(fi fs.FileInfo) string {
	m := fi.Mode()
	switch {
	case m.IsRegular():
		return "a regular file"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeSymlink != 0:
		return "a link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// CreatePrivate makes sure a regular file exists at path, creating it empty
// with mode 0600 (only the user can read it) when it does not. It reports
// whether it created the file. Links are followed deliberately, one at a
// time: a link to a file that does not exist yet gets that file created with
// mode 0600 here, so that a program opening the path afterwards (SQLite)
// never creates it through the link with the default, world-readable mode.
// A path that leads to a folder, a named pipe or a device gives an error
// wrapping ErrNotRegular.
func CreatePrivate(path string) (created bool, err error) {
	p := path
	for range maxLinks {
		fi, err := os.Lstat(p)
		switch {
		case err == nil && fi.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return false, err
			}
			if !filepath.IsAbs(target) {
				target = filepath.Join(filepath.Dir(p), target)
			}
			p = target
			continue
		case err == nil && fi.Mode().IsRegular():
			return false, nil
		case err == nil:
			return false, fmt.Errorf("%s: it is %s, not a %w", p, KindOf(fi), ErrNotRegular)
		case !errors.Is(err, fs.ErrNotExist):
			return false, err
		}
		// O_EXCL never follows a link: if something appeared at p since
		// Lstat, look at it again.
		f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return false, err
		}
		// The umask can only take bits away; make it exactly 0600 so that
		// the user can still write it (on Windows: an access list for the
		// user alone).
		if err := makePrivate(f); err != nil {
			_ = f.Close()
			return true, err
		}
		return true, f.Close()
	}
	return false, fmt.Errorf("%s: too many links to follow", path)
}
