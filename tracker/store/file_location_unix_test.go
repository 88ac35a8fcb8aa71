//go:build unix

package store

import (
	"devpath/roadmap/safefile"
	"devpath/tracker"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestCreateDatabaseFileThroughADanglingLink: with the usual umask, the
// database a dangling link given to OpenWith points at is created with mode
// 0600 before SQLite opens it, and stays so once a secret note is in it.
func TestCreateDatabaseFileThroughADanglingLink(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := testDir(t)
	link := filepath.Join(dir, "dl.db")
	if err := os.Symlink("target.db", link); err != nil {
		t.Fatal(err)
	}
	s, err := OpenWith(link, Options{Now: func() time.Time { return stNow }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Tick("aws-iam", tracker.Proficient, stToday, &tracker.Evidence{Note: "secret"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"target.db", "target.db-wal"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s has mode %v: others can read the note", name, fi.Mode().Perm())
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "f.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := createDatabaseFile(fifo); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("a named pipe as the database: %v", err)
	}
}

// TestBackupNeverWritesThroughALink: a copy of the database aimed at a
// dangling link is refused, and nothing is created where the link points.
func TestBackupNeverWritesThroughALink(t *testing.T) {
	s := stOpen(t)
	stMust(t, s.SetLevel("aws-iam", tracker.Proficient, stToday))
	dir := testDir(t)
	link := filepath.Join(dir, "copy.db")
	if err := os.Symlink("elsewhere.db", link); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(link); err == nil {
		t.Fatal("the copy went through the link")
	}
	if _, err := os.Lstat(filepath.Join(dir, "elsewhere.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a file was created where the link points (%v)", err)
	}
}

// TestSaveFileLeavesPipesAndLinksToThemAlone: an export aimed at a named
// pipe, or at a link to one (as /dev/stdout is), is refused, and the pipe is
// still there, not replaced by a regular file.
func TestSaveFileLeavesPipesAndLinksToThemAlone(t *testing.T) {
	dir := testDir(t)
	fifo := filepath.Join(dir, "f")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "out.md")
	if err := os.Symlink("f", link); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fifo, link} {
		err := safefile.Save(p, func(w io.Writer) error { _, err := io.WriteString(w, "secret"); return err })
		if err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("safefile.Save(%s) = %v, want a refusal naming the pipe", filepath.Base(p), err)
		}
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced: %v, %v", fi, err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v, %v", fi, err)
	}
	if names, _ := filepath.Glob(filepath.Join(dir, ".*")); len(names) != 0 {
		t.Errorf("files left behind: %v", names)
	}
}
