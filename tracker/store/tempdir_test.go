package store

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// testDir returns a new temporary folder for the test, removed at its end,
// as tb.TempDir does. On Windows the folder is first emptied file by file
// with os.Remove (DeleteFile): under Wine 8, where the Windows build's tests
// run here, TempDir's own removal fails on every file, because Go 1.26's
// os.RemoveAll deletes through FileDispositionInformationEx, which Wine 8
// does not implement ("Invalid function"). Windows 10 has it; emptying the
// folder first is harmless there.
func testDir(tb testing.TB) string {
	d := tb.TempDir()
	if runtime.GOOS == "windows" {
		// Cleanups run last first: this one runs before TempDir's.
		tb.Cleanup(func() { emptyTree(d) })
	}
	return d
}

// emptyTree removes everything under dir, and dir itself, one file at a
// time, deepest first. What cannot be removed stays, for TempDir's removal
// to report.
func emptyTree(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			emptyTree(p)
			continue
		}
		// A file left read-only by a test is made writable first:
		// DeleteFile refuses a read-only file.
		_ = os.Chmod(p, 0o600)
		_ = os.Remove(p)
	}
	_ = os.Chmod(dir, 0o700)
	_ = os.Remove(dir)
}

// modeHere returns the permission bits a file or folder made with the
// mode unix shows on this system. Windows keeps no permission bits, only a
// read-only flag, which Go shows as a mode without write bits: a writable
// file shows 0666 and a folder 0777, whatever was asked for; who may read
// them is said by access lists instead (devpath's data folder is in the
// user's own %APPDATA%).
func modeHere(fi os.FileInfo, unix os.FileMode) os.FileMode {
	if runtime.GOOS != "windows" {
		return unix
	}
	if fi.IsDir() {
		return 0o777
	}
	if unix&0o200 == 0 {
		return 0o444
	}
	return 0o666
}

// skipReadOnlyFolder skips a test of a folder made read-only by its mode
// on Windows, where that is a Unix notion: Windows ignores a folder's
// read-only flag (it marks customised folders) and lets files be created in
// it; a folder is closed to writing there by its access list, which Wine,
// where these tests run, does not enforce.
func skipReadOnlyFolder(t *testing.T, dirMode os.FileMode) {
	t.Helper()
	if runtime.GOOS == "windows" && dirMode&0o200 == 0 {
		t.Skip("on Windows a folder's read-only flag does not stop files being created in it")
	}
}

// TestTestsUseTestDir: every test of the store makes its folders with
// testDir, so that the store's tests pass under Wine too (a test written
// with TempDir fails there only at its clean-up).
func TestTestsUseTestDir(t *testing.T) {
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f == "tempdir_test.go" {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if strings.Contains(line, ".TempDir()") && !strings.Contains(line, "os.TempDir()") {
				t.Errorf("%s:%d: %s (use testDir)", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}
