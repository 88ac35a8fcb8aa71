package cli

import (
	"bytes"
	"devpath/tracker/store/storetest"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// scNobody is the user id the tests switch to when they run as root, who
// may write any file whatever its permissions.
const scNobody = 65534

// scAsUnprivileged runs fn as a user that file permissions apply to: the
// current user, or when running as root the "nobody" user (effective user
// and group ids only, switched back afterwards). The temporary folders above
// the paths in reach are opened for others to traverse. The switch holds for
// the whole process, so these tests never run in parallel.
func scAsUnprivileged(t *testing.T, reach []string, fn func()) {
	t.Helper()
	if os.Geteuid() != 0 {
		fn()
		return
	}
	tmp := filepath.Clean(os.TempDir())
	for _, p := range reach {
		for d := filepath.Dir(p); strings.HasPrefix(d, tmp+string(filepath.Separator)); d = filepath.Dir(d) {
			fi, err := os.Stat(d)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(d, fi.Mode().Perm()|0o005); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := syscall.Setegid(scNobody); err != nil {
		t.Fatalf("switch to an unprivileged group: %v", err)
	}
	if err := syscall.Seteuid(scNobody); err != nil {
		_ = syscall.Setegid(0)
		t.Fatalf("switch to an unprivileged user: %v", err)
	}
	defer func() {
		if err := syscall.Seteuid(0); err != nil {
			panic("cannot switch back to root: " + err.Error())
		}
		if err := syscall.Setegid(0); err != nil {
			panic("cannot switch back to the root group: " + err.Error())
		}
	}()
	fn()
}

// scIntegrity fails unless PRAGMA integrity_check on the file says ok. It
// reads the file with plain SQLite, not through devpath.
func scIntegrity(t *testing.T, path string) {
	t.Helper()
	if res, err := storetest.IntegrityCheck(path); err != nil || res != "ok" {
		t.Fatalf("integrity_check of %s: %q, %v", path, res, err)
	}
}

// scState is what the user sees of a database: the change log, the
// profile and the check-ins.
func scState(h *harness) string {
	return h.ok("history", "--json") + h.ok("profile") + h.ok("checkins")
}

// TestReadOnlyDatabaseOpensForViewing checks a database whose file or
// folder cannot be written: every reading command works, every writing
// command says the database is read-only (exit 1), and the file is left as
// it was.
func TestReadOnlyDatabaseOpensForViewing(t *testing.T) {
	for _, tc := range []struct {
		name              string
		fileMode, dirMode os.FileMode
	}{
		{"read-only file", 0o444, 0o777},
		{"read-only folder", 0o666, 0o555},
		{"both", 0o444, 0o555},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			ids := juniorIDs(t)
			h.db = filepath.Join(t.TempDir(), "ro", "devpath.db")
			h.ok("profile", "--name", "Sam", "--stage", "junior", "--since", "2025-01-01")
			h.ok("tick", ids.skills[0], "--note", "Policies for CI")
			h.ok("checkin", "--label", "start")
			want := scState(h)
			wantStatus := h.ok("status")
			dir := filepath.Dir(h.db)
			if err := os.Chmod(h.db, tc.fileMode); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(dir, tc.dirMode); err != nil {
				t.Fatal(err)
			}
			// The test's files belong to another user than the one who
			// reads them: let that user list the daily copies.
			if err := os.Chmod(filepath.Join(dir, "backups"), 0o755); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
			before, err := os.ReadFile(h.db)
			if err != nil {
				t.Fatal(err)
			}
			out := t.TempDir()
			if err := os.Chmod(out, 0o777); err != nil {
				t.Fatal(err)
			}
			readOnly := "devpath: the database " + h.db + " is read-only; nothing was changed\n"

			scAsUnprivileged(t, []string{h.db, out}, func() {
				if got := h.ok("status"); got != wantStatus {
					t.Errorf("status of the read-only database:\n%s\nwant:\n%s", got, wantStatus)
				}
				if got := scState(h); got != want {
					t.Error("history, profile or check-ins differ on the read-only database")
				}
				h.ok("status", "--json")
				h.ok("diff", "start", "start")
				if md := h.ok("export"); !strings.Contains(md, "Policies for CI") {
					t.Errorf("the export of a read-only database lacks the evidence:\n%s", md)
				}
				if list := h.ok("backups"); !strings.Contains(list, "daily") {
					t.Errorf("backups of a read-only database:\n%s", list)
				}
				for _, args := range [][]string{
					{"tick", ids.skills[1]},
					{"tick", ids.skills[0], "--level", "4"},
					{"untick", ids.skills[0]},
					{"skip", ids.skills[2]},
					{"undo"},
					{"profile", "--name", "Alex"},
					{"checkin", "--label", "later"},
				} {
					r := h.run(args...)
					if r.code != 1 || r.stderr != readOnly || r.stdout != "" {
						t.Errorf("%q on a read-only database: exit %d, stdout %q, stderr %q", args, r.code, r.stdout, r.stderr)
					}
				}
				// A copy can still be made somewhere writable.
				copyPath := filepath.Join(out, "copy.db")
				if r := h.run("backup", "--out", copyPath); r.code != 0 {
					t.Errorf("backup of a read-only database: exit %d, %s", r.code, r.stderr)
				}
				// Restoring over it is refused.
				r := h.run("restore", copyPath)
				if r.code != 1 || !strings.Contains(r.stderr, "read-only") || !strings.Contains(r.stderr, "nothing was changed") {
					t.Errorf("restore over a read-only database: exit %d, %s", r.code, r.stderr)
				}
			})
			after, err := os.ReadFile(h.db)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(after, before) {
				t.Error("the read-only database file was modified")
			}
			if fi, err := os.Stat(h.db); err != nil || fi.Mode().Perm() != tc.fileMode {
				t.Errorf("the read-only file's mode changed: %v", err)
			}
			if err := os.Chmod(dir, 0o700); err != nil { // SQLite needs it for its side files
				t.Fatal(err)
			}
			scIntegrity(t, h.db)
			copyState := &harness{t: t, db: filepath.Join(out, "copy.db"), env: map[string]string{}}
			if got := strings.ReplaceAll(scState(copyState), copyState.db, h.db); got != want {
				t.Error("the backup of the read-only database differs from it")
			}
		})
	}
}

// scLimitedEnv marks a child process of this test binary that runs one
// devpath command with the file size limit lowered (see scRunLimited).
const scLimitedEnv = "DEVPATH_TEST_LIMITED_FSIZE"

// TestHelperLimitedMain is not a test: in a child process started by
// scRunLimited it lowers the file size limit, runs Main with the arguments
// it was given and exits with Main's exit code. The limit applies to the
// child alone, so the test framework's own files are not affected.
func TestHelperLimitedMain(t *testing.T) {
	limit := os.Getenv(scLimitedEnv)
	if limit == "" {
		return
	}
	n, err := strconv.ParseUint(limit, 10, 64)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad limit:", err)
		os.Exit(3)
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: old.Max}); err != nil {
		fmt.Fprintln(os.Stderr, "lower the file size limit:", err)
		os.Exit(3)
	}
	var args []string
	if err := json.Unmarshal([]byte(os.Getenv(scLimitedEnv+"_ARGS")), &args); err != nil {
		fmt.Fprintln(os.Stderr, "bad args:", err)
		os.Exit(3)
	}
	os.Exit(runArgs(args, Env{Stdin: strings.NewReader(""), Stdout: os.Stdout, Stderr: os.Stderr, Version: "1.2.3"},
		func() time.Time { return testNow }, func(string) string { return "" }))
}

// scRunLimited runs devpath --db h.db args in a child process whose file
// size limit is n bytes, so that a write beyond it fails as on a full disk
// (Go ignores the SIGXFSZ signal, so the write returns an error).
func scRunLimited(t *testing.T, h *harness, n uint64, args ...string) result {
	t.Helper()
	a, err := json.Marshal(append([]string{"--db", h.db}, args...))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperLimitedMain$")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d", scLimitedEnv, n), scLimitedEnv+"_ARGS="+string(a))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run the child: %v", err)
	}
	if code == 3 {
		t.Fatalf("the child could not set up: %s", errb.String())
	}
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// TestWriteThatFailsChangesNothing makes the disk refuse every write
// beyond a size (the process's file size limit) and checks that each
// command that writes tells the user (exit 1, one line saying nothing was
// changed), and that the database is consistent and exactly as before.
func TestWriteThatFailsChangesNothing(t *testing.T) {
	h := newHarness(t)
	ids := juniorIDs(t)
	h.ok("profile", "--name", "Sam", "--stage", "junior", "--since", "2025-01-01")
	h.ok("tick", ids.skills[0], "--note", "Policies for CI")
	h.ok("checkin", "--label", "start")

	// With 64 KiB pages the first page a write appends to the database's
	// log crosses a 32 KiB limit, while SQLite's 32 KiB shared-memory
	// index still fits under it.
	if err := storetest.Exec(h.db, "PRAGMA journal_mode=DELETE", "PRAGMA page_size=65536", "VACUUM", "PRAGMA journal_mode=WAL"); err != nil {
		t.Fatal(err)
	}
	want := scState(h)
	before, err := os.ReadFile(h.db)
	if err != nil {
		t.Fatal(err)
	}

	writes := [][]string{
		{"tick", ids.skills[1]},
		{"tick", ids.skills[2], "--note", "Wrote the runbook"},
		{"skip", ids.skills[3]},
		{"undo"},
		{"profile", "--name", "Alex"},
		{"checkin", "--label", "later"},
	}
	for _, args := range writes {
		r := scRunLimited(t, h, 32<<10, args...)
		if r.code != 1 || r.stdout != "" || strings.Count(r.stderr, "\n") != 1 ||
			!strings.HasPrefix(r.stderr, "devpath: ") ||
			!strings.Contains(r.stderr, "the disk could not be read or written; nothing was changed") {
			t.Errorf("%q when the disk refuses writes: exit %d, stdout %q, stderr %q", args, r.code, r.stdout, r.stderr)
		}
	}

	after, err := os.ReadFile(h.db)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(after, before) {
		t.Error("the database file changed although every write failed")
	}
	scIntegrity(t, h.db)
	if got := scState(h); got != want {
		t.Errorf("a failed write changed what the database holds:\n%s\nwant:\n%s", got, want)
	}
	// With room again, writing works.
	h.ok("tick", ids.skills[1])
	scIntegrity(t, h.db)
}

// TestNamedPipeIsRefusedAtOnce: a named pipe given as a backup or a
// roadmap is refused at once with a clear message; before, the open waited
// for a writer for ever.
func TestNamedPipeIsRefusedAtOnce(t *testing.T) {
	h := newHarness(t)
	h.ok("profile", "--name", "Sam")
	fifo := filepath.Join(t.TempDir(), "f")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	before := scState(h)
	for _, args := range [][]string{
		{"import", fifo},
		{"import", fifo, "--merge"},
		{"roadmap", "validate", fifo},
		{"--roadmap", fifo, "status"},
	} {
		done := make(chan result, 1)
		go func() { done <- h.run(args...) }()
		select {
		case r := <-done:
			checkBad(t, r, 1, "it is a named pipe, not a regular file")
		case <-time.After(10 * time.Second):
			// Let the blocked open go on, so that the test can end.
			if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
				_ = w.Close()
			}
			<-done
			t.Errorf("devpath %s blocked on a named pipe", strings.Join(args, " "))
		}
	}
	if after := scState(h); after != before {
		t.Error("a refused named pipe changed the database")
	}
}

// TestExportThroughALinkIsPrivate: --out naming a link (to a missing file or
// to a world-readable one) never writes a file others can read, and never
// writes through the link.
func TestExportThroughALinkIsPrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	h := newHarness(t)
	h.ok("tick", "aws-iam", "--note", "secret")
	dir := t.TempDir()
	open := filepath.Join(dir, "open.md")
	if err := os.WriteFile(open, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"missing.md", "open.md"} {
		link := filepath.Join(dir, "link-to-"+target)
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		h.ok("export", "--out", link)
		fi, err := os.Lstat(link)
		if err != nil {
			t.Fatal(err)
		}
		if !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
			t.Errorf("--out %s: wrote %v, want a regular file with mode 0600", target, fi.Mode())
		}
	}
	if _, err := os.Lstat(filepath.Join(dir, "missing.md")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the export went through the link to missing.md (%v)", err)
	}
	if b, err := os.ReadFile(open); err != nil || string(b) != "mine" {
		t.Errorf("the export went through the link to open.md: %q, %v", b, err)
	}
}
