package safefile

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Save writes a file that holds the user's data (a backup or an
// export) safely: into a temporary file beside path with mode 0600, synced
// to disk, then renamed over path, so that path holds either its old content
// or the whole new one, never a part. write produces the content.
//
// A path that is (or links to) a named pipe, a device, a socket or a folder
// is refused before anything is written: the rename would put a regular
// file in the place of /dev/null or of a pipe another program reads.
func Save(path string, write func(w io.Writer) error) (err error) {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return fmt.Errorf("write %s: it is %s, not a regular file; choose a file name", path, KindOf(fi))
	}
	dir := filepath.Dir(path)
	pattern := "." + filepath.Base(path) + ".*.tmp"
	removeAbandoned(dir, pattern)
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	// Held while the file is written: a later Save tells a file whose
	// writer was killed from one still being written by it.
	lock(f)
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if err := makePrivate(f); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// removeAbandoned removes the temporary files of earlier saves to the same
// name whose writer is gone (killed before it could rename or remove its
// file): their lock is free. A file another process is still writing
// keeps its lock and is left alone, and so is one made in the last
// minute, which its writer may not have locked yet.
func removeAbandoned(dir, pattern string) {
	names, _ := filepath.Glob(filepath.Join(dir, pattern))
	for _, name := range names {
		f, err := os.OpenFile(name, os.O_RDWR|nonBlocking, 0)
		if err != nil {
			continue
		}
		fi, err := f.Stat()
		if err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > time.Minute && lock(f) {
			_ = os.Remove(name)
		}
		_ = f.Close()
	}
}
