package cli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"devpath/tracker"
)

// bkMode fails unless the file or folder has the permission bits want.
func bkMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != want {
		t.Errorf("%s has mode %o, want %o", path, fi.Mode().Perm(), want)
	}
}

// bkRead reads a file the test needs.
func bkRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// bkCount returns how many events the database at path holds.
func bkCount(t *testing.T, path string) int {
	t.Helper()
	other := &harness{t: t, db: path, env: map[string]string{}}
	return len(other.events())
}

func TestBackupCommand(t *testing.T) {
	h := newHarness(t)
	ids := juniorIDs(t)

	// No database yet: nothing to back up, and nothing is created.
	r := h.run("backup")
	checkBad(t, r, 1, "there is no database at "+h.db+" yet")
	if _, err := os.Stat(filepath.Dir(h.db) + "/backups"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("backup without a database made the backups folder (stat: %v)", err)
	}

	h.ok("tick", ids.skills[0])
	h.ok("tick", ids.skills[1], "--note", "Ran the migration")
	events := len(h.events())

	want := filepath.Join(filepath.Dir(h.db), "backups", "devpath-2025-06-15-120000.db")
	out := h.ok("backup")
	if !regexp.MustCompile(`^Backed up `+regexp.QuoteMeta(h.db)+` to `+regexp.QuoteMeta(want)+` \(\d+ KB\)\.\n`).MatchString(out) ||
		!strings.Contains(out, "devpath restore "+want) {
		t.Errorf("backup printed:\n%s", out)
	}
	bkMode(t, want, 0o600)
	bkMode(t, filepath.Dir(want), 0o700)
	if n := bkCount(t, want); n != events {
		t.Errorf("the backup holds %d events, want %d", n, events)
	}

	// The same second again: a new name, never over the first.
	first := bkRead(t, want)
	out = h.ok("backup")
	second := strings.TrimSuffix(want, ".db") + "-1.db"
	if !strings.Contains(out, " to "+second+" (") {
		t.Errorf("second backup printed:\n%s", out)
	}
	if !bytes.Equal(bkRead(t, want), first) {
		t.Error("the second backup changed the first")
	}

	// --out: a new file in new folders (0700), or into an existing folder.
	dest := filepath.Join(t.TempDir(), "usb", "stick", "copy.db")
	out = h.ok("backup", "--out", dest)
	if !strings.Contains(out, " to "+dest+" (") {
		t.Errorf("backup --out printed:\n%s", out)
	}
	bkMode(t, dest, 0o600)
	bkMode(t, filepath.Dir(dest), 0o700)
	bkMode(t, filepath.Dir(filepath.Dir(dest)), 0o700)
	if n := bkCount(t, dest); n != events {
		t.Errorf("the --out backup holds %d events, want %d", n, events)
	}
	folder := t.TempDir()
	h.ok("backup", "--out", folder)
	bkMode(t, filepath.Join(folder, "devpath-2025-06-15-120000.db"), 0o600)

	// An existing file is never overwritten; the database itself is refused.
	mine := filepath.Join(t.TempDir(), "mine.txt")
	if err := os.WriteFile(mine, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	checkBad(t, h.run("backup", "--out", mine), 1, mine+" already exists; choose a new file name")
	if got := bkRead(t, mine); string(got) != "keep me" {
		t.Errorf("backup overwrote an existing file: %q", got)
	}
	checkBad(t, h.run("backup", "--out", h.db), 1, "is the database itself")
	checkBad(t, h.run("backup", "--out", h.db+"-wal"), 1, "is the database itself")
	if n := len(h.events()); n != events {
		t.Errorf("backing up changed the database: %d events, want %d", n, events)
	}
}

func TestBackupsListsNewestFirst(t *testing.T) {
	h := newHarness(t)
	ids := juniorIDs(t)
	out := h.ok("backups")
	if !strings.Contains(out, "There are no backups of "+h.db+" yet.") {
		t.Errorf("backups with none:\n%s", out)
	}

	h.ok("tick", ids.skills[0]) // makes today's daily copy
	dir := filepath.Join(filepath.Dir(h.db), "backups")
	daily := filepath.Join(dir, "devpath-2025-06-15.db")
	bkMode(t, daily, 0o600)
	bkMode(t, dir, 0o700)
	h.ok("backup")
	manual := filepath.Join(dir, "devpath-2025-06-15-120000.db")
	h.ok("restore", manual)
	kept := h.db + ".before-restore-20250615-120000"
	older := filepath.Join(dir, "devpath-2025-06-01.db")
	if err := os.WriteFile(older, bkRead(t, daily), 0o600); err != nil {
		t.Fatal(err)
	}
	// Files that are not copies of the database are not listed.
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	at := func(path string, day, hour int) {
		when := time.Date(2025, 6, day, hour, 30, 0, 0, time.UTC)
		if err := os.Chtimes(path, when, when); err != nil {
			t.Fatal(err)
		}
	}
	at(older, 1, 9)
	at(daily, 15, 9)
	at(manual, 15, 11)
	at(kept, 15, 12)

	out = h.ok("backups")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 6 || lines[0] != "Backups of "+h.db+", newest first:" || lines[5] != "Put one back with 'devpath restore FILE'." {
		t.Fatalf("backups printed:\n%s", out)
	}
	for i, want := range []struct{ when, kind, path string }{
		{"2025-06-15 12:30", "before restore", kept},
		{"2025-06-15 11:30", "manual", manual},
		{"2025-06-15 09:30", "daily", daily},
		{"2025-06-01 09:30", "daily", older},
	} {
		f := strings.Fields(lines[i+1])
		if len(f) < 5 || f[0]+" "+f[1] != want.when || f[3] == "" || !strings.Contains(lines[i+1], " "+want.kind+" ") ||
			f[len(f)-1] != want.path || !regexp.MustCompile(`^\d+$`).MatchString(f[2]) || f[3] != "KB" {
			t.Errorf("line %d = %q, want %s %s %s", i+1, lines[i+1], want.when, want.kind, want.path)
		}
	}

	// The list still works when the database cannot be opened.
	if err := os.WriteFile(h.db, []byte("damaged beyond repair"), 0o600); err != nil {
		t.Fatal(err)
	}
	if again := h.ok("backups"); again != out {
		t.Errorf("backups beside a damaged database:\n%s", again)
	}
}

func TestRestoreCommand(t *testing.T) {
	h := newHarness(t)
	ids := juniorIDs(t)
	h.ok("profile", "--name", "Sam", "--stage", "junior", "--since", "2025-01-01")
	h.ok("tick", ids.skills[0])
	h.ok("checkin", "--label", "start")
	backup := filepath.Join(t.TempDir(), "devpath-backup.db")
	h.ok("backup", "--out", backup)
	atBackup := h.events()
	h.ok("tick", ids.skills[1], "--note", "After the backup")
	h.ok("tick", ids.skills[2])
	afterTicks := len(h.events())

	out := h.ok("restore", backup)
	kept := h.db + ".before-restore-20250615-120000"
	want := "Restored " + backup + " into " + h.db + ".\n" +
		"The database as it was before is kept in " + kept + ".\n" +
		"It holds: stage Junior"
	if !strings.HasPrefix(out, want) || !strings.Contains(out, ", 1 entry with progress, 0 evidence notes, 1 check-in.\n") {
		t.Errorf("restore printed:\n%s\nwant it to start:\n%s", out, want)
	}
	if got := h.events(); len(got) != len(atBackup) || got[len(got)-1].ID != atBackup[len(atBackup)-1].ID {
		t.Errorf("after the restore the database has %d events, want the backup's %d", len(got), len(atBackup))
	}
	bkMode(t, kept, 0o600)
	bkMode(t, h.db, 0o600)
	if n := bkCount(t, kept); n != afterTicks {
		t.Errorf("the kept copy holds %d events, want %d", n, afterTicks)
	}
}

func TestRestoreCommandRefusesBadFiles(t *testing.T) {
	h := newHarness(t)
	h.ok("tick", juniorIDs(t).skills[0])
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notes, []byte("my notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.db")
	h.ok("backup", "--out", good)
	full := bkRead(t, good)
	cut := filepath.Join(dir, "cut.db")
	if err := os.WriteFile(cut, full[:len(full)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	before := bkRead(t, h.db)
	for _, c := range []struct{ file, msg string }{
		{filepath.Join(dir, "missing.db"), "cannot restore: " + filepath.Join(dir, "missing.db") + " does not exist; nothing was changed"},
		{notes, "cannot restore: " + notes + ": not a devpath database (it is not an SQLite database); nothing was changed; 'devpath backups' lists"},
		{cut, "cannot restore: " + cut + ": the database file is damaged"},
		{h.db, "is the database itself"},
	} {
		r := h.run("restore", c.file)
		checkBad(t, r, 1, c.msg)
		if !strings.Contains(r.stderr, "nothing was changed") {
			t.Errorf("restore %s does not say nothing was changed: %s", c.file, r.stderr)
		}
		if !bytes.Equal(bkRead(t, h.db), before) {
			t.Fatalf("a refused restore from %s changed the database", c.file)
		}
	}
	if m, _ := filepath.Glob(h.db + ".before-restore-*"); len(m) != 0 {
		t.Errorf("a refused restore kept copies: %v", m)
	}
}

func TestRestoreCommandOverDamagedDatabase(t *testing.T) {
	h := newHarness(t)
	ids := juniorIDs(t)
	h.ok("tick", ids.skills[0])
	backup := filepath.Join(t.TempDir(), "b.db")
	h.ok("backup", "--out", backup)
	for _, id := range ids.skills[1:] {
		h.ok("tick", id, "--note", strings.Repeat("evidence that fills pages ", 100))
	}
	full := bkRead(t, h.db)
	damaged := full[:len(full)/2]
	if err := os.WriteFile(h.db, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	checkBad(t, h.run("status"), 1, "is damaged")

	out := h.ok("restore", backup)
	kept := h.db + ".before-restore-20250615-120000"
	if !strings.Contains(out, "kept in "+kept+".") {
		t.Errorf("restore printed:\n%s", out)
	}
	if !bytes.Equal(bkRead(t, kept), damaged) {
		t.Error("the kept copy is not byte-identical to the damaged file")
	}
	bkMode(t, kept, 0o600)
	if d := h.status(); d.Stage.ID != "junior" {
		t.Errorf("status after restoring: %+v", d.Stage)
	}
	if n := len(h.events()); n != 1 {
		t.Errorf("the restored database has %d events, want the backup's 1", n)
	}
}

func TestRestoreCommandOntoNewMachine(t *testing.T) {
	h := newHarness(t)
	h.ok("tick", juniorIDs(t).skills[0])
	backup := filepath.Join(t.TempDir(), "b.db")
	h.ok("backup", "--out", backup)

	fresh := newHarness(t)
	fresh.db = filepath.Join(t.TempDir(), "new", "devpath.db")
	out := fresh.ok("restore", backup)
	if !strings.Contains(out, "There was no database there before.\n") || !strings.Contains(out, "1 entry with progress") {
		t.Errorf("restore printed:\n%s", out)
	}
	bkMode(t, fresh.db, 0o600)
	bkMode(t, filepath.Dir(fresh.db), 0o700)
}

// backupBadInputs are wrong uses of the backup commands: exit 2, nothing
// written.
var backupBadInputs = []struct {
	args   []string
	stderr string
}{
	{[]string{"restore"}, "restore: missing FILE"},
	{[]string{"restore", "a.db", "b.db"}, "too many arguments"},
	{[]string{"restore", ""}, "FILE needs a file name"},
	{[]string{"backup", "now"}, `unexpected argument "now"`},
	{[]string{"backup", "--out", ""}, "--out needs a file name"},
	{[]string{"backup", "--out"}, "flag --out needs a value"},
	{[]string{"backup", "--to", "x.db"}, "unknown flag --to"},
	{[]string{"backups", "all"}, `unexpected argument "all"`},
}

func TestBackupCommandsBadInput(t *testing.T) {
	h := newHarness(t)
	for _, c := range backupBadInputs {
		r := h.run(c.args...)
		checkBad(t, r, 2, c.stderr)
	}
	if entries, err := os.ReadDir(filepath.Dir(h.db)); err != nil || len(entries) != 0 {
		t.Errorf("bad input wrote files: %v, %v", entries, err)
	}
}

// TestBackupWhileOpenElsewhere backs up a database another devpath has
// open, whose latest change is still in SQLite's log: the copy has it.
func TestBackupWhileOpenElsewhere(t *testing.T) {
	h := newHarness(t)
	ids := juniorIDs(t)
	h.ok("tick", ids.skills[0])
	st, err := openDB(h.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SetLevel(ids.skills[1], tracker.Expert, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(h.db + "-wal"); err != nil {
		t.Fatalf("the change is not in the log: %v", err)
	}
	dest := filepath.Join(t.TempDir(), "copy.db")
	h.ok("backup", "--out", dest)
	copyH := &harness{t: t, db: dest, env: map[string]string{}}
	if got := copyH.events(); len(got) != 2 || got[1].Target != ids.skills[1] {
		t.Errorf("the copy holds %+v, want both changes", got)
	}
	if err := st.SetLevel(ids.skills[2], tracker.Learning, time.Time{}); err != nil {
		t.Errorf("the open store stopped working after the backup: %v", err)
	}
}

// TestBackupsListsOnlyCompleteCopies leaves copies a killed backup and a
// killed import would have left under their final names (cut short, with
// SQLite's journal beside them): 'devpath backups' does not offer them.
func TestBackupsListsOnlyCompleteCopies(t *testing.T) {
	h := newHarness(t)
	ids := juniorIDs(t)
	h.ok("tick", ids.skills[0])
	h.ok("backup")
	dir := filepath.Join(filepath.Dir(h.db), "backups")
	good := filepath.Join(dir, "devpath-2025-06-15-120000.db")
	data := bkRead(t, good)
	cut := filepath.Join(dir, "devpath-2025-06-14-100000.db")
	half := filepath.Join(dir, "devpath-before-import-20250614-100000.db")
	for _, f := range []string{cut, half} {
		if err := os.WriteFile(f, data[:len(data)/2], 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f+"-journal", []byte("journal"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out := h.ok("backups")
	if !strings.Contains(out, good) {
		t.Errorf("the complete copy is not listed:\n%s", out)
	}
	for _, f := range []string{cut, half} {
		if strings.Contains(out, f) {
			t.Errorf("the unfinished copy %s is listed:\n%s", filepath.Base(f), out)
		}
	}
}

// TestBackupOutAFolderThatIsMissing: --out ending in a slash names a
// folder, for the backup as for the export: a missing one is refused
// without writing anything, instead of making a file named after it.
func TestBackupOutAFolderThatIsMissing(t *testing.T) {
	h := newHarness(t)
	h.ok("profile", "--name", "Sam", "--stage", "junior", "--since", "2025-01-01")
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing", "dir")
	checkBad(t, h.run("backup", "--out", missing+"/"), 1, "there is no such folder")
	if left, _ := filepath.Glob(filepath.Join(dir, "missing", "*")); len(left) > 0 {
		t.Errorf("the refused backup left %v", left)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing")); err == nil {
		t.Errorf("the refused backup made a folder")
	}
	file := filepath.Join(dir, "copy.db")
	h.ok("backup", "--out", file)
	checkBad(t, h.run("backup", "--out", file+"/"), 1, "it is not a folder")
	into := t.TempDir() + "/"
	if out := h.ok("backup", "--out", into); !strings.Contains(out, into) {
		t.Errorf("a backup into an existing folder: %s", out)
	}
}
