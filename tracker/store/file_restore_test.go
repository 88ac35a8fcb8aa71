package store

import (
	"bytes"
	"devpath/tracker"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// rsKeptName is the name Restore gives the copy of the database it replaces
// at stNow.
func rsKeptName(db string) string { return db + ".before-restore-20260315-103000" }

// rsSetup makes a closed database at a new path and a backup of it: the
// backup holds the profile and aws-iam at Expert; the database has since
// gained k8s at Learning with evidence.
func rsSetup(t *testing.T) (db, backup string) {
	t.Helper()
	db = stPath(t)
	s := stOpenAt(t, db)
	stMust(t, s.SaveProfile(tracker.Profile{Name: "Ada", Stage: "mid", Region: "uk", StageSince: stToday}))
	stMust(t, s.SetLevel("aws-iam", tracker.Expert, time.Time{}))
	backup = filepath.Join(testDir(t), "copies", "devpath-backup.db")
	stMust(t, s.Backup(backup))
	stMust(t, s.SetLevel("k8s", tracker.Learning, time.Time{}))
	_, err := s.AddEvidence(tracker.Evidence{ItemID: "k8s", Note: "after the backup"})
	stMust(t, err)
	stMust(t, s.Close())
	return db, backup
}

// rsNames lists the names in a folder.
func rsNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	stMust(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// rsMode fails unless the file has the permission bits want.
func rsMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	stMust(t, err)
	if fi.Mode().Perm() != modeHere(fi, want) {
		t.Errorf("%s has mode %o, want %o", filepath.Base(path), fi.Mode().Perm(), modeHere(fi, want))
	}
}

// rsProgress opens a copy of the database file at path (so that the file
// itself is not touched) and returns its progress and evidence.
func rsProgress(t *testing.T, path string) (tracker.Progress, []tracker.Evidence) {
	t.Helper()
	data, err := os.ReadFile(path)
	stMust(t, err)
	cp := filepath.Join(testDir(t), "look.db")
	stMust(t, os.WriteFile(cp, data, 0o600))
	if wal, err := os.ReadFile(path + "-wal"); err == nil {
		stMust(t, os.WriteFile(cp+"-wal", wal, 0o600))
	}
	s := stOpenAt(t, cp)
	p, err := s.Progress()
	stMust(t, err)
	ev, err := s.Evidence("")
	stMust(t, err)
	return p, ev
}

func TestRestoreOverHealthyDatabase(t *testing.T) {
	db, backup := rsSetup(t)
	stMust(t, os.Chmod(backup, 0o644))
	backupBefore := stSnapshot(t, backup)

	kept, err := Restore(backup, db, stNow)
	stMust(t, err)
	if kept != rsKeptName(db) {
		t.Errorf("kept = %q, want %q", kept, rsKeptName(db))
	}
	if err := CheckCopy(kept); err != nil {
		t.Errorf("the kept copy: %v", err)
	}
	rsMode(t, kept, 0o600)
	rsMode(t, db, 0o600)
	if names := rsNames(t, filepath.Dir(db)); !slices.Equal(names, []string{"devpath.db", filepath.Base(kept)}) {
		t.Errorf("the folder holds %v, want only the database and the kept copy", names)
	}
	stUnchanged(t, backup, backupBefore)

	// The database now holds what the backup holds.
	s := stOpenAt(t, db)
	p, err := s.Progress()
	stMust(t, err)
	if p.Profile.Name != "Ada" || p.State("aws-iam").Level != tracker.Expert || p.State("k8s").Level != tracker.NotStarted {
		t.Errorf("restored progress: %+v", p)
	}
	if ev, err := s.Evidence(""); err != nil || len(ev) != 0 {
		t.Errorf("restored evidence: %+v, %v", ev, err)
	}
	stMust(t, s.Close())

	// The kept copy holds what the database held.
	kp, kev := rsProgress(t, kept)
	if kp.State("k8s").Level != tracker.Learning || len(kev) != 1 || kev[0].Note != "after the backup" {
		t.Errorf("kept copy: %+v, %+v", kp, kev)
	}

	// A second restore in the same second keeps another copy.
	again, err := Restore(backup, db, stNow)
	stMust(t, err)
	if again != kept+"-1" {
		t.Errorf("second kept copy %q, want %q", again, kept+"-1")
	}
}

// TestRestoreKeepsChangesStillInTheLog checks that a database whose latest
// changes are only in its write-ahead log (as after a crash) is kept whole.
func TestRestoreKeepsChangesStillInTheLog(t *testing.T) {
	live := stPath(t)
	s := stOpenAt(t, live)
	stMust(t, s.SetLevel("aws-iam", tracker.Learning, time.Time{}))
	stMust(t, s.Close()) // the tables reach the main file
	s = stOpenAt(t, live)
	backup := filepath.Join(testDir(t), "b.db")
	stMust(t, s.Backup(backup))
	stMust(t, s.SetLevel("only-in-the-log", tracker.Expert, time.Time{}))

	// Copy the file and its log while the store is open: the state a
	// crash leaves behind.
	db := filepath.Join(testDir(t), "devpath.db")
	for _, suffix := range []string{"", "-wal"} {
		data, err := os.ReadFile(live + suffix)
		stMust(t, err)
		stMust(t, os.WriteFile(db+suffix, data, 0o600))
	}
	stMust(t, s.Close())
	// Without its log the file lacks the change, so the test means something.
	mainOnly := filepath.Join(testDir(t), "main-only.db")
	data, err := os.ReadFile(db)
	stMust(t, err)
	stMust(t, os.WriteFile(mainOnly, data, 0o600))
	raw := stRaw(t, mainOnly)
	var n int
	stMust(t, raw.QueryRow("SELECT count(*) FROM progress WHERE item_id = 'only-in-the-log'").Scan(&n))
	stMust(t, raw.Close())
	if n != 0 {
		t.Fatal("the change reached the main file; the test needs it in the log only")
	}

	kept, err := Restore(backup, db, stNow)
	stMust(t, err)
	if _, err := os.Stat(kept + "-wal"); err == nil {
		t.Error("a healthy database's log was kept beside the copy instead of folded into it")
	}
	kp, _ := rsProgress(t, kept)
	if kp.State("only-in-the-log").Level != tracker.Expert {
		t.Errorf("the kept copy lost the change that was in the log: %+v", kp.Items)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(db + suffix); err == nil {
			t.Errorf("the old %s file was left beside the restored database", suffix)
		}
	}
	p, _ := rsProgress(t, db)
	if p.State("only-in-the-log").Level != tracker.NotStarted || p.State("aws-iam").Level != tracker.Learning {
		t.Errorf("restored progress: %+v", p.Items)
	}
}

func TestRestoreOverDamagedDatabase(t *testing.T) {
	_, backup := rsSetup(t)
	big := stBigDatabase(t)
	full, err := os.ReadFile(big)
	stMust(t, err)
	db := filepath.Join(testDir(t), "devpath.db")
	damaged := full[:len(full)/2]
	stMust(t, os.WriteFile(db, damaged, 0o600))
	stOpenFails(t, db, tracker.ErrDamaged) // it really is damaged
	staleLog := bytes.Repeat([]byte("not a real log "), 500)
	stMust(t, os.WriteFile(db+"-wal", staleLog, 0o600))

	kept, err := Restore(backup, db, stNow)
	stMust(t, err)
	if got, err := os.ReadFile(kept); err != nil || !bytes.Equal(got, damaged) {
		t.Errorf("the kept copy is not byte-identical to the damaged file (%d bytes, want %d): %v", len(got), len(damaged), err)
	}
	if got, err := os.ReadFile(kept + "-wal"); err != nil || !bytes.Equal(got, staleLog) {
		t.Errorf("the damaged file's log was not kept as it was: %v", err)
	}
	rsMode(t, kept, 0o600)
	rsMode(t, kept+"-wal", 0o600)
	if _, err := os.Stat(db + "-wal"); err == nil {
		t.Error("the stale log was left beside the restored database")
	}
	p, _ := rsProgress(t, db)
	if p.State("aws-iam").Level != tracker.Expert {
		t.Errorf("restored progress: %+v", p.Items)
	}
}

func TestRestoreRefusesBadBackup(t *testing.T) {
	db, good := rsSetup(t)
	dir := testDir(t)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		stMust(t, os.WriteFile(p, data, 0o600))
		return p
	}
	emptySQLite := filepath.Join(dir, "empty.db")
	raw := stRaw(t, emptySQLite)
	stExec(t, raw, "CREATE TABLE t (x)", "DROP TABLE t")
	stMust(t, raw.Close())
	foreign := filepath.Join(dir, "shop.db")
	raw = stRaw(t, foreign)
	stExec(t, raw, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
	stMust(t, raw.Close())
	big, err := os.ReadFile(stBigDatabase(t))
	stMust(t, err)
	damaged := write("damaged.db", big[:len(big)/2])
	newer := filepath.Join(dir, "newer.db")
	data, err := os.ReadFile(good)
	stMust(t, err)
	stMust(t, os.WriteFile(newer, data, 0o600))
	raw = stRaw(t, newer)
	stExec(t, raw, "INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')")
	stMust(t, raw.Close())
	link := filepath.Join(filepath.Dir(db), "..", "link.db")
	stMust(t, os.Link(db, link))
	// Files SQLite finds healthy whose values the live checks refuse.
	crafted := func(name string, stmts ...string) string {
		p := filepath.Join(dir, name)
		stMust(t, os.WriteFile(p, data, 0o600))
		raw := stRaw(t, p)
		stExec(t, raw, stmts...)
		stMust(t, raw.Close())
		return p
	}
	longName := crafted("long-name.db", "INSERT INTO events (at, kind, target, old, new) VALUES ('2026-03-15T10:00:00Z', 'profile', 'name', 'Ada', '"+strings.Repeat("N", 5007)+"')")
	escName := crafted("escape.db", "UPDATE profile SET name = 'Ada' || char(27) || '[31m'")

	cases := []struct {
		name, file string
		want       error  // a wrapped error, or nil
		msg        string // text the error must contain
	}{
		{"missing", filepath.Join(dir, "nope.db"), fs.ErrNotExist, "does not exist"},
		{"text", write("notes.txt", []byte("my notes\n")), tracker.ErrNotDevpath, "not an SQLite database"},
		{"empty file", write("zero.db", nil), tracker.ErrNotDevpath, "empty"},
		{"empty SQLite", emptySQLite, tracker.ErrNotDevpath, "no devpath data"},
		{"foreign SQLite", foreign, tracker.ErrNotDevpath, "customers"},
		{"damaged", damaged, tracker.ErrDamaged, "damaged"},
		{"newer", newer, nil, "newer devpath"},
		{"a folder", dir, tracker.ErrNotDevpath, "not a regular file"},
		{"the database", db, nil, "the database itself"},
		{"its log", db + "-wal", nil, "the database itself"},
		{"a link to it", link, nil, "the database itself"},
		{"a name too long in its log", longName, nil, "too long (5007 characters"},
		{"an escape in its profile", escName, nil, "name must be a single line"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := stSnapshot(t, db)
			var src stFileState
			fi, err := os.Stat(c.file)
			isFile := err == nil && fi.Mode().IsRegular()
			if isFile {
				src = stSnapshot(t, c.file)
			}
			kept, err := Restore(c.file, db, stNow)
			if err == nil {
				t.Fatalf("Restore from %s succeeded (kept %q)", c.name, kept)
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("error %v, want one wrapping %v", err, c.want)
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error %q does not say %q", err, c.msg)
			}
			if abs, _ := filepath.Abs(c.file); !strings.Contains(err.Error(), abs) {
				t.Errorf("error %q does not name the file", err)
			}
			stUnchanged(t, db, before)
			if isFile {
				stUnchanged(t, c.file, src)
			}
		})
	}
	// Onto a new machine too: nothing is created.
	fresh := filepath.Join(testDir(t), "new", "devpath.db")
	if _, err := Restore(longName, fresh, stNow); err == nil || !strings.Contains(err.Error(), "too long") {
		t.Errorf("Restore of a crafted file into a new database: %v", err)
	}
	if _, err := os.Lstat(fresh); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the new database was made anyway (%v)", err)
	}
}

func TestRestoreRefusesToReplaceForeignFile(t *testing.T) {
	_, backup := rsSetup(t)
	dir := testDir(t)
	notes := filepath.Join(dir, "notes.txt")
	stMust(t, os.WriteFile(notes, []byte("my notes, not a database\n"), 0o600))
	shop := filepath.Join(dir, "shop.db")
	raw := stRaw(t, shop)
	stExec(t, raw, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
	stMust(t, raw.Close())
	for _, db := range []string{notes, shop} {
		before := stSnapshot(t, db)
		_, err := Restore(backup, db, stNow)
		if !errors.Is(err, tracker.ErrNotDevpath) || !strings.Contains(err.Error(), db) || !strings.Contains(err.Error(), "nothing was changed") {
			t.Errorf("restore over %s: %v, want ErrNotDevpath naming it", filepath.Base(db), err)
		}
		stUnchanged(t, db, before)
	}
}

func TestRestoreOntoNewMachine(t *testing.T) {
	_, backup := rsSetup(t)
	root := testDir(t)
	db := filepath.Join(root, "new", "data", "devpath.db")
	notes := filepath.Join(root, "notes.txt")
	stMust(t, os.WriteFile(notes, []byte("not a backup"), 0o600))
	if _, err := Restore(notes, db, stNow); !errors.Is(err, tracker.ErrNotDevpath) {
		t.Errorf("restore from a text file: %v", err)
	}
	if names := rsNames(t, root); !slices.Equal(names, []string{"notes.txt"}) {
		t.Errorf("a refused restore left %v", names)
	}
	kept, err := Restore(backup, db, stNow)
	stMust(t, err)
	if kept != "" {
		t.Errorf("kept %q when there was no database", kept)
	}
	rsMode(t, filepath.Dir(db), 0o700)
	rsMode(t, db, 0o600)
	p, _ := rsProgress(t, db)
	if p.State("aws-iam").Level != tracker.Expert {
		t.Errorf("restored progress: %+v", p.Items)
	}
}

// TestRestoreOlderSchemaBackup restores a version 1 backup over a current
// database: its rows go into the database's own, current schema (the event
// log stays append-only), so nothing needs upgrading; onto a new machine
// devpath makes a new database of its own, current schema for them.
func TestRestoreOlderSchemaBackup(t *testing.T) {
	db, _ := rsSetup(t)
	v1 := filepath.Join(testDir(t), "v1.db")
	stMakeV1(t, v1)
	_, err := Restore(v1, db, stNow)
	stMust(t, err)
	s := stOpenAt(t, db)
	v, err := currentVersion(s.db)
	stMust(t, err)
	if v != schemaVersion {
		t.Errorf("schema version %d after opening, want %d", v, schemaVersion)
	}
	p, err := s.Progress()
	stMust(t, err)
	if p.State("aws-iam").Level != tracker.Proficient {
		t.Errorf("progress of the version 1 backup: %+v", p.Items)
	}
	if err := s.db.Exec("DELETE FROM events").Error; err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Errorf("deleting the restored event log: %v, want the append-only guard", err)
	}
	if m, _ := filepath.Glob(db + ".pre-v*.bak"); len(m) != 0 {
		t.Errorf("copies before an upgrade: %v, want none", m)
	}

	fresh := filepath.Join(testDir(t), "new", "devpath.db")
	_, err = Restore(v1, fresh, stNow)
	stMust(t, err)
	raw := stRaw(t, fresh)
	stMust(t, raw.QueryRow("SELECT max(version) FROM schema_version").Scan(&v))
	stMust(t, raw.Close())
	if v != schemaVersion {
		t.Errorf("schema version %d of the new database, want %d: devpath makes it with its own schema", v, schemaVersion)
	}
	s2 := stOpenAt(t, fresh)
	if p, err := s2.Progress(); err != nil || p.State("aws-iam").Level != tracker.Proficient {
		t.Errorf("progress of the version 1 backup on a new machine: %+v, %v", p.Items, err)
	}
	if m, _ := filepath.Glob(fresh + ".pre-v*.bak"); len(m) != 0 {
		t.Errorf("copies before an upgrade: %v, want none (nothing to upgrade)", m)
	}
}

// TestRestoreWhileDatabaseOpenElsewhere restores into a database another
// store has open: the restore happens in place, so that store's connection
// stays valid, sees the restored data and its next change lands in the
// restored database.
func TestRestoreWhileDatabaseOpenElsewhere(t *testing.T) {
	db, backup := rsSetup(t)
	s := stOpenAt(t, db)
	p, err := s.Progress()
	stMust(t, err)
	if p.State("k8s").Level != tracker.Learning {
		t.Fatalf("progress before the restore: %+v", p.Items)
	}

	kept, err := Restore(backup, db, stNow)
	stMust(t, err)
	p2, err := s.Progress()
	stMust(t, err)
	if p2.State("k8s").Level != tracker.NotStarted || p2.State("aws-iam").Level != tracker.Expert {
		t.Errorf("the open store after the restore sees %+v, want the backup's progress", p2.Items)
	}
	stMust(t, s.SetLevel("k8s", tracker.Proficient, time.Time{}))
	stMust(t, s.Close())
	got, ev := rsProgress(t, db)
	if got.State("k8s").Level != tracker.Proficient || got.State("aws-iam").Level != tracker.Expert || len(ev) != 0 {
		t.Errorf("progress after closing: %+v, evidence %+v", got.Items, ev)
	}
	kp, kev := rsProgress(t, kept)
	if kp.State("k8s").Level != tracker.Learning || len(kev) != 1 {
		t.Errorf("kept copy: %+v, %+v", kp.Items, kev)
	}
}

func TestRestoreReadOnly(t *testing.T) {
	for _, tc := range []struct {
		name              string
		fileMode, dirMode os.FileMode
	}{
		{"read-only file", 0o444, 0o777},
		{"read-only folder", 0o666, 0o555},
	} {
		t.Run(tc.name, func(t *testing.T) {
			skipReadOnlyFolder(t, tc.dirMode)
			db, backup := rsSetup(t)
			stMust(t, os.Chmod(backup, 0o644))
			stMust(t, os.Chmod(db, tc.fileMode))
			stMust(t, os.Chmod(filepath.Dir(db), tc.dirMode))
			t.Cleanup(func() { _ = os.Chmod(filepath.Dir(db), 0o700) })
			before := stSnapshot(t, db)
			stAsUnprivileged(t, []string{db, backup}, func() {
				_, err := Restore(backup, db, stNow)
				if !errors.Is(err, tracker.ErrReadOnly) || !strings.Contains(err.Error(), db) {
					t.Errorf("restore into a %s: %v, want ErrReadOnly naming the database", tc.name, err)
				}
			})
			stUnchanged(t, db, before)
		})
	}
	t.Run("missing file in a read-only folder", func(t *testing.T) {
		skipReadOnlyFolder(t, 0o555)
		_, backup := rsSetup(t)
		stMust(t, os.Chmod(backup, 0o644))
		dir := filepath.Join(testDir(t), "ro")
		stMust(t, os.Mkdir(dir, 0o555))
		t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
		db := filepath.Join(dir, "devpath.db")
		stAsUnprivileged(t, []string{db, backup}, func() {
			if _, err := Restore(backup, db, stNow); !errors.Is(err, tracker.ErrReadOnly) {
				t.Errorf("restore into a read-only folder: %v, want ErrReadOnly", err)
			}
		})
		if names := rsNames(t, dir); len(names) != 0 {
			t.Errorf("the read-only folder now holds %v", names)
		}
	})
}

// TestAutoBackupKeepsOtherCopies checks that the rotation of the daily
// copies never deletes a copy the user made or one kept before an import
// or a restore.
func TestAutoBackupKeepsOtherCopies(t *testing.T) {
	clock := stNow
	path := stPath(t)
	s, err := OpenWith(path, Options{Now: func() time.Time { return clock }})
	stMust(t, err)
	defer s.Close()
	dir := BackupDir(path)
	others := []string{
		filepath.Join(dir, "devpath-2026-03-01-101010.db"),
		filepath.Join(dir, "devpath-before-import-20260301-101010.db"),
	}
	for _, o := range others {
		stMust(t, s.Backup(o))
	}
	for day := 0; day < 6; day++ {
		clock = stNow.AddDate(0, 0, day)
		stMust(t, s.SetLevel("x", tracker.Level(day%5), time.Time{}))
		_, err := s.AutoBackup(2)
		stMust(t, err)
	}
	list, err := AutoBackups(path)
	stMust(t, err)
	if len(list) != 2 {
		t.Errorf("daily copies after rotation: %v, want 2", list)
	}
	for _, o := range others {
		if _, err := os.Stat(o); err != nil {
			t.Errorf("the rotation deleted %s: %v", filepath.Base(o), err)
		}
	}
}

// TestRestoreFromDatabaseInUse restores from a devpath database another
// connection has open, whose latest change is still in its log: the
// restored database has it, and the source is left working.
func TestRestoreFromDatabaseInUse(t *testing.T) {
	src := stPath(t)
	s := stOpenAt(t, src)
	stMust(t, s.SetLevel("aws-iam", tracker.Learning, time.Time{}))
	stMust(t, s.Close())
	s = stOpenAt(t, src)
	stMust(t, s.SetLevel("in-the-log", tracker.Expert, time.Time{}))
	if _, err := os.Stat(src + "-wal"); err != nil {
		t.Fatalf("the source has no log: %v", err)
	}
	db := filepath.Join(testDir(t), "devpath.db")
	_, err := Restore(src, db, stNow)
	stMust(t, err)
	p, _ := rsProgress(t, db)
	if p.State("in-the-log").Level != tracker.Expert || p.State("aws-iam").Level != tracker.Learning {
		t.Errorf("restored from a database in use: %+v", p.Items)
	}
	stMust(t, s.SetLevel("after", tracker.Learning, time.Time{}))
	if q, err := s.Progress(); err != nil || q.State("after").Level != tracker.Learning {
		t.Errorf("the source stopped working: %v", err)
	}
}

// rsTickUntil opens the database, adds one evidence note and closes it
// again, over and over until stop is closed, as devpath tick processes do,
// and returns the notes that were saved.
func rsTickUntil(t *testing.T, db string, stop <-chan struct{}) []string {
	var saved []string
	for i := 0; ; i++ {
		select {
		case <-stop:
			return saved
		default:
		}
		s, err := OpenWith(db, Options{Now: func() time.Time { return stNow }})
		if err != nil {
			t.Errorf("open: %v", err)
			return saved
		}
		note := fmt.Sprintf("tick-%d", i)
		if _, err := s.Tick("aws-iam", tracker.Level(i%4+1), time.Time{}, &tracker.Evidence{Note: note}); err != nil {
			t.Errorf("tick %d: %v", i, err)
		} else {
			saved = append(saved, note)
		}
		stMust(t, s.Close())
	}
}

// rsNotes returns the evidence notes of the database file at path.
func rsNotes(t *testing.T, path string) map[string]bool {
	t.Helper()
	_, ev := rsProgress(t, path)
	m := map[string]bool{}
	for _, e := range ev {
		m[e.Note] = true
	}
	return m
}

// TestRestoreWhileWriting restores again and again while another store
// saves notes: every saved note is in the final database or in a copy a
// restore kept.
func TestRestoreWhileWriting(t *testing.T) {
	db, backup := rsSetup(t)
	stop := make(chan struct{})
	var saved []string
	var wg sync.WaitGroup
	wg.Go(func() { saved = rsTickUntil(t, db, stop) })
	var kept []string
	for i := range 30 {
		k, err := Restore(backup, db, stNow.Add(time.Duration(i)*time.Second))
		if err != nil {
			t.Errorf("restore %d: %v", i, err)
			break
		}
		kept = append(kept, k)
	}
	close(stop)
	wg.Wait()
	have := rsNotes(t, db)
	for _, k := range kept {
		for n := range rsNotes(t, k) {
			have[n] = true
		}
	}
	lost := 0
	for _, n := range saved {
		if !have[n] {
			lost++
		}
	}
	if lost > 0 || len(saved) == 0 {
		t.Errorf("%d of %d saved notes are neither in the database nor in the %d kept copies", lost, len(saved), len(kept))
	}
}

// TestImportKeepsCopyUnderItsLock imports a backup that replaces everything
// again and again while another store saves notes: every saved note is in
// the final database or in the copy an import kept (ImportReport.Kept).
func TestImportKeepsCopyUnderItsLock(t *testing.T) {
	db, _ := rsSetup(t)
	s := stOpenAt(t, db)
	b, err := s.Export()
	stMust(t, err)
	stop := make(chan struct{})
	var saved []string
	var wg sync.WaitGroup
	wg.Go(func() { saved = rsTickUntil(t, db, stop) })
	var kept []string
	for i := range 30 {
		rep, err := s.Import(b, false, nil)
		if err != nil {
			t.Errorf("import %d: %v", i, err)
			break
		}
		if rep.Kept == "" || !strings.HasPrefix(filepath.Base(rep.Kept), "devpath-before-import-") {
			t.Fatalf("import %d kept %q", i, rep.Kept)
		}
		kept = append(kept, rep.Kept)
	}
	close(stop)
	wg.Wait()
	have := rsNotes(t, db)
	for _, k := range kept {
		for n := range rsNotes(t, k) {
			have[n] = true
		}
	}
	lost := 0
	for _, n := range saved {
		if !have[n] {
			lost++
		}
	}
	if lost > 0 || len(saved) == 0 {
		t.Errorf("%d of %d saved notes are neither in the database nor in the %d kept copies", lost, len(saved), len(kept))
	}
}

// TestOpenRemovesUnfinishedCopies leaves the files a killed backup, restore
// or probe leaves: opening the database removes exactly those no process is
// writing, and nothing else.
func TestOpenRemovesUnfinishedCopies(t *testing.T) {
	db, _ := rsSetup(t)
	dir := filepath.Dir(db)
	backups := BackupDir(db)
	stMust(t, os.MkdirAll(backups, 0o700))
	junk := []string{
		filepath.Join(dir, ".devpath-restore-123.tmp"),
		filepath.Join(dir, ".devpath-restore-123.tmp-journal"),
		filepath.Join(dir, ".devpath-restore-77.tmp.old-wal"),
		filepath.Join(dir, ".devpath-probe-42"),
		filepath.Join(backups, ".devpath-copy-9.tmp"),
		filepath.Join(backups, ".devpath-copy-9.tmp-journal"),
	}
	keep := []string{
		filepath.Join(dir, ".devpath-restore-x.tmp"),
		filepath.Join(dir, "notes.tmp"),
		filepath.Join(backups, "devpath-copy-9.tmp"),
	}
	for _, f := range append(slices.Clone(junk), keep...) {
		stMust(t, os.WriteFile(f, []byte("partial"), 0o600))
	}
	busy, err := newTemp(backups, "copy")
	stMust(t, err)
	defer busy.discard()

	stMust(t, stOpenAt(t, db).Close())
	for _, f := range junk {
		if _, err := os.Lstat(f); err == nil {
			t.Errorf("%s is still there", filepath.Base(f))
		}
	}
	for _, f := range append(keep, busy.path) {
		if _, err := os.Lstat(f); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(f), err)
		}
	}
}

// TestCheckCopy tells complete copies from ones cut short.
func TestCheckCopy(t *testing.T) {
	_, backup := rsSetup(t)
	stMust(t, CheckCopy(backup))
	data, err := os.ReadFile(backup)
	stMust(t, err)
	dir := testDir(t)
	short := filepath.Join(dir, "short.db")
	stMust(t, os.WriteFile(short, data[:len(data)/2], 0o600))
	journal := filepath.Join(dir, "journal.db")
	stMust(t, os.WriteFile(journal, data, 0o600))
	stMust(t, os.WriteFile(journal+"-journal", []byte("x"), 0o600))
	text := filepath.Join(dir, "text.db")
	stMust(t, os.WriteFile(text, []byte("SQLite? no"), 0o600))
	for _, f := range []string{short, journal, text, filepath.Join(dir, "missing.db")} {
		if err := CheckCopy(f); err == nil {
			t.Errorf("CheckCopy(%s) passed", filepath.Base(f))
		}
	}
}
