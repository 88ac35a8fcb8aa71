package store

import (
	"bytes"
	"devpath/tracker"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestFreeDatabaseName(t *testing.T) {
	dir := testDir(t)
	if got, err := FreeDatabaseName(dir, "devpath"); err != nil || got != filepath.Join(dir, "devpath.db") {
		t.Errorf("empty folder: %s, %v", got, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "devpath.db"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := FreeDatabaseName(dir, "devpath")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "devpath-1.db"); got != want {
		t.Errorf("FreeDatabaseName = %s, want %s (never an existing file)", got, want)
	}
}

func TestRecoverFromAutoBackup(t *testing.T) {
	dir := testDir(t)
	bad := filepath.Join(dir, "devpath.db")
	junk := []byte("these are my notes, not a database\n")
	if err := os.WriteFile(bad, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	today := now.Format("2006-01-02")

	if _, _, err := RecoverFromAutoBackup(bad, now); err == nil || !strings.Contains(err.Error(), "no automatic backup") {
		t.Errorf("without backups: %v, want an error saying there is none", err)
	}

	// Two good backups and a newer damaged one: the newest good one is used.
	for _, c := range []struct {
		day   string
		level tracker.Level
	}{{"2026-03-14", tracker.Learning}, {"2026-03-15", tracker.Proficient}} {
		src := filepath.Join(testDir(t), "src.db")
		st, err := Open(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SetLevel("aws-iam", c.level, time.Time{}); err != nil {
			t.Fatal(err)
		}
		if err := st.Backup(filepath.Join(BackupDir(bad), "devpath-"+c.day+".db")); err != nil {
			t.Fatal(err)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
	damaged := filepath.Join(BackupDir(bad), "devpath-2026-03-16.db")
	if err := os.WriteFile(damaged, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	// Today's name is taken: the copy gets the next free one.
	taken := filepath.Join(dir, "devpath-restored-"+today+".db")
	if err := os.WriteFile(taken, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}

	used, dest, err := RecoverFromAutoBackup(bad, now)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(BackupDir(bad), "devpath-2026-03-15.db"); used != want {
		t.Errorf("used %s, want the newest sound backup %s", used, want)
	}
	if want := filepath.Join(dir, "devpath-restored-"+today+"-1.db"); dest != want {
		t.Errorf("restored to %s, want %s", dest, want)
	}
	st, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.Progress()
	_ = st.Close()
	if err != nil || p.State("aws-iam").Level != tracker.Proficient {
		t.Errorf("the restored copy holds %+v, %v; want aws-iam proficient", p.State("aws-iam"), err)
	}
	for path, want := range map[string][]byte{bad: junk, taken: []byte("mine"), damaged: junk} {
		if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s changed: %q, %v", path, got, err)
		}
	}

	// Only damaged backups: an error, and no new file.
	for _, b := range []string{"devpath-2026-03-14.db", "devpath-2026-03-15.db"} {
		if err := os.WriteFile(filepath.Join(BackupDir(bad), b), junk, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := os.ReadDir(dir)
	if _, _, err := RecoverFromAutoBackup(bad, now); err == nil {
		t.Error("only damaged backups: no error")
	}
	if after, _ := os.ReadDir(dir); len(after) != len(before) {
		t.Errorf("a failed recovery left files: %d entries, was %d", len(after), len(before))
	}
}
