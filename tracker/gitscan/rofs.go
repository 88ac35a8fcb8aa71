package gitscan

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/go-git/go-billy/v5"
)

// errReadOnly is returned for any attempt to change a repository: the scan
// only reads.
var errReadOnly = errors.New("the evidence scan never writes to a repository")

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

// roFS is a billy filesystem rooted at a git directory that can only read,
// so that go-git's storage cannot change the repository whatever it tries.
type roFS struct{ root string }

var _ billy.Filesystem = roFS{}

func (r roFS) abs(name string) string {
	if filepath.IsAbs(name) {
		// go-git passes absolute paths for alternates; keep them.
		return filepath.Clean(name)
	}
	return filepath.Join(r.root, name)
}

func (r roFS) Create(string) (billy.File, error) { return nil, errReadOnly }

func (r roFS) Open(name string) (billy.File, error) {
	f, err := openRegular(r.abs(name))
	if err != nil {
		return nil, err
	}
	return roFile{File: f, name: name}, nil
}

func (r roFS) OpenFile(name string, flag int, _ os.FileMode) (billy.File, error) {
	if flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE|os.O_APPEND|os.O_TRUNC) != 0 {
		return nil, errReadOnly
	}
	return r.Open(name)
}

func (r roFS) Stat(name string) (os.FileInfo, error)  { return os.Stat(r.abs(name)) }
func (r roFS) Lstat(name string) (os.FileInfo, error) { return os.Lstat(r.abs(name)) }
func (r roFS) Rename(string, string) error            { return errReadOnly }
func (r roFS) Remove(string) error                    { return errReadOnly }
func (r roFS) Join(elem ...string) string             { return filepath.Join(elem...) }
func (r roFS) TempFile(string, string) (billy.File, error) {
	return nil, errReadOnly
}
func (r roFS) MkdirAll(string, os.FileMode) error        { return errReadOnly }
func (r roFS) Symlink(string, string) error              { return errReadOnly }
func (r roFS) Readlink(name string) (string, error)      { return os.Readlink(r.abs(name)) }
func (r roFS) Root() string                              { return r.root }
func (r roFS) Capabilities() billy.Capability            { return billy.ReadCapability | billy.SeekCapability }
func (r roFS) Chroot(p string) (billy.Filesystem, error) { return roFS{root: r.abs(p)}, nil }

func (r roFS) ReadDir(name string) ([]os.FileInfo, error) {
	entries, err := os.ReadDir(r.abs(name))
	if err != nil {
		return nil, err
	}
	out := make([]os.FileInfo, 0, len(entries))
	for _, e := range entries {
		fi, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, fi)
	}
	return out, nil
}

// roFile is an open file of a roFS.
type roFile struct {
	*os.File
	name string
}

func (f roFile) Name() string              { return f.name }
func (f roFile) Write([]byte) (int, error) { return 0, errReadOnly }
func (f roFile) Truncate(int64) error      { return errReadOnly }

// Lock and Unlock do nothing: go-git locks only files it is about to
// rewrite, which a roFS refuses anyway.
func (f roFile) Lock() error   { return nil }
func (f roFile) Unlock() error { return nil }
