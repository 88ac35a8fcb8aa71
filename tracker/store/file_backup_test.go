package store

import (
	"devpath/tracker"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestBackup(t *testing.T) {
	s := stOpen(t)
	stMust(t, s.SetLevel("aws-iam", tracker.Expert, time.Time{}))
	dest := filepath.Join(testDir(t), "copies", "devpath-copy.db")
	stMust(t, s.Backup(dest))
	fi, err := os.Stat(dest)
	stMust(t, err)
	if fi.Mode().Perm() != modeHere(fi, 0o600) {
		t.Errorf("backup mode %o, want %o", fi.Mode().Perm(), modeHere(fi, 0o600))
	}
	// The copy is a devpath database with the data.
	c := stOpenAt(t, dest)
	p, err := c.Progress()
	stMust(t, err)
	if p.State("aws-iam").Level != tracker.Expert {
		t.Errorf("backup lacks the level: %+v", p.Items)
	}
	stMust(t, c.Close())

	// An existing file is never overwritten.
	before := stSnapshot(t, dest)
	if err := s.Backup(dest); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Backup over an existing file: %v, want ErrExist", err)
	}
	stUnchanged(t, dest, before)
	if err := s.Backup(s.Path()); err == nil {
		t.Error("Backup onto the database itself succeeded")
	}
}

func TestAutoBackupRotation(t *testing.T) {
	clock := stNow
	path := stPath(t)
	s, err := OpenWith(path, Options{Now: func() time.Time { return clock }})
	stMust(t, err)
	defer s.Close()
	dir := filepath.Join(filepath.Dir(path), "backups")
	if BackupDir(path) != dir {
		t.Errorf("BackupDir = %q, want %q", BackupDir(path), dir)
	}
	// An unrelated file in the folder is left alone.
	stMust(t, os.MkdirAll(dir, 0o700))
	stMust(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o600))

	var made []string
	for day := 0; day < 5; day++ {
		clock = stNow.AddDate(0, 0, day)
		stMust(t, s.SetLevel("x", tracker.Level(day%5), time.Time{}))
		p, err := s.AutoBackup(3)
		stMust(t, err)
		want := filepath.Join(dir, "devpath-"+clock.Format("2006-01-02")+".db")
		if p != want {
			t.Fatalf("day %d: AutoBackup = %q, want %q", day, p, want)
		}
		made = append(made, p)
		// A second call the same day does nothing.
		again, err := s.AutoBackup(3)
		stMust(t, err)
		if again != "" {
			t.Errorf("second AutoBackup the same day made %q", again)
		}
	}
	fi, err := os.Stat(dir)
	stMust(t, err)
	if fi.Mode().Perm() != modeHere(fi, 0o700) {
		t.Errorf("backups folder mode %o, want %o", fi.Mode().Perm(), modeHere(fi, 0o700))
	}
	entries, err := os.ReadDir(dir)
	stMust(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		if info, _ := e.Info(); info.Mode().Perm() != modeHere(info, 0o600) {
			t.Errorf("%s has mode %o, want %o", e.Name(), info.Mode().Perm(), modeHere(info, 0o600))
		}
	}
	want := []string{"devpath-2026-03-17.db", "devpath-2026-03-18.db", "devpath-2026-03-19.db", "notes.txt"}
	if !slices.Equal(names, want) {
		t.Errorf("backups folder holds %v, want %v", names, want)
	}
	list, err := AutoBackups(path)
	stMust(t, err)
	if !slices.Equal(list, []string{made[4], made[3], made[2]}) {
		t.Errorf("AutoBackups = %v, want newest first", list)
	}
	// Each backup holds the database of its day.
	b := stOpenAt(t, made[3])
	p, err := b.Progress()
	stMust(t, err)
	if p.State("x").Level != tracker.Proficient {
		t.Errorf("backup of day 3 has level %v, want 3", p.State("x").Level)
	}
	if _, err := s.AutoBackup(0); err == nil {
		t.Error("AutoBackup(0) succeeded")
	}
}

func TestAutoBackupsWithoutFolder(t *testing.T) {
	list, err := AutoBackups(filepath.Join(testDir(t), "devpath.db"))
	if err != nil || len(list) != 0 {
		t.Errorf("AutoBackups with no folder = %v, %v", list, err)
	}
}
