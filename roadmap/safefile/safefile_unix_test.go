//go:build unix

package safefile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOpenRegularDoesNotBlockOnAPipe: opening a named pipe that nobody
// writes to returns at once with ErrNotRegular instead of hanging.
func TestOpenRegularDoesNotBlockOnAPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		f, _, err := OpenRegular(p)
		if f != nil {
			_ = f.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) {
			t.Fatalf("error %v, want ErrNotRegular", err)
		}
		if want := "it is a named pipe, not a regular file"; !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	case <-time.After(10 * time.Second):
		// Unblock the open so that the test can end.
		if w, err := os.OpenFile(p, os.O_WRONLY, 0); err == nil {
			_ = w.Close()
		}
		t.Fatal("OpenRegular blocked on a named pipe")
	}
}

func TestOpenRegularReadsAFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(p, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, fi, err := OpenRegular(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 10)
	n, err := f.Read(buf)
	if err != nil || string(buf[:n]) != "hello" || fi.Size() != 5 {
		t.Fatalf("read %q, %v, size %d", buf[:n], err, fi.Size())
	}
	if _, _, err := OpenRegular(filepath.Dir(p)); !errors.Is(err, ErrNotRegular) {
		t.Errorf("a folder: %v, want ErrNotRegular", err)
	}
}

// TestCreatePrivateThroughADanglingLink: the link's target is created with
// mode 0600 even under a permissive umask.
func TestCreatePrivateThroughADanglingLink(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := t.TempDir()
	link := filepath.Join(dir, "dl.db")
	if err := os.Symlink("target.db", link); err != nil {
		t.Fatal(err)
	}
	created, err := CreatePrivate(link)
	if err != nil || !created {
		t.Fatalf("CreatePrivate: %v, created %v", err, created)
	}
	fi, err := os.Stat(filepath.Join(dir, "target.db"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 || !fi.Mode().IsRegular() {
		t.Errorf("target mode %v, want a regular file with 0600", fi.Mode())
	}
	if lfi, err := os.Lstat(link); err != nil || lfi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link itself was replaced: %v %v", lfi, err)
	}
	// A second call finds the file and creates nothing.
	if created, err := CreatePrivate(link); err != nil || created {
		t.Errorf("second call: %v, created %v", err, created)
	}
}

func TestCreatePrivateRefusesOtherKinds(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := CreatePrivate(p); !errors.Is(err, ErrNotRegular) {
		t.Errorf("a named pipe: %v", err)
	}
	loop := filepath.Join(dir, "loop")
	if err := os.Symlink("loop", loop); err != nil {
		t.Fatal(err)
	}
	if _, err := CreatePrivate(loop); err == nil || !strings.Contains(err.Error(), "too many links") {
		t.Errorf("a link to itself: %v", err)
	}
}

// TestSaveRemovesWhatAKilledSaveLeft: a save killed before its rename
// leaves its temporary file; the next save to the same name removes it,
// but never the file another save is still writing (it holds its lock).
func TestSaveRemovesWhatAKilledSaveLeft(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "summary.pdf")
	old := time.Now().Add(-time.Hour)
	abandoned := filepath.Join(dir, ".summary.pdf.123.tmp")
	busy := filepath.Join(dir, ".summary.pdf.456.tmp")
	for _, p := range []string{abandoned, busy} {
		if err := os.WriteFile(p, []byte("half a document"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	// Another save, still writing: its file is open and locked.
	f, err := os.OpenFile(busy, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !lock(f) {
		t.Fatal("cannot lock the busy file")
	}
	if err := Save(path, func(w io.Writer) error { _, err := w.Write([]byte("%PDF-")); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(abandoned); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the abandoned temporary file is still there: %v", err)
	}
	if _, err := os.Stat(busy); err != nil {
		t.Errorf("the file another save is writing was removed: %v", err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".summary.pdf.*.tmp"))
	if len(left) != 1 {
		t.Errorf("temporary files left: %v", left)
	}
}
