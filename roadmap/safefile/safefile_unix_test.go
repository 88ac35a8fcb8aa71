//go:build unix

package safefile

import (
	"errors"
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
