package store

import (
	"bytes"
	"database/sql"
	"devpath/tracker"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// stFileState is a file's bytes and mode, plus the names in its folder.
type stFileState struct {
	data  []byte
	mode  os.FileMode
	names []string
}

// stSnapshot records a file's state.
func stSnapshot(t *testing.T, path string) stFileState {
	t.Helper()
	data, err := os.ReadFile(path)
	stMust(t, err)
	fi, err := os.Stat(path)
	stMust(t, err)
	entries, err := os.ReadDir(filepath.Dir(path))
	stMust(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return stFileState{data: data, mode: fi.Mode(), names: names}
}

// stUnchanged fails unless the file and its folder are as before.
func stUnchanged(t *testing.T, path string, before stFileState) {
	t.Helper()
	after := stSnapshot(t, path)
	if !bytes.Equal(after.data, before.data) {
		t.Errorf("%s was modified", path)
	}
	if after.mode != before.mode {
		t.Errorf("%s mode changed from %v to %v", path, before.mode, after.mode)
	}
	if !slices.Equal(after.names, before.names) {
		t.Errorf("folder changed from %v to %v", before.names, after.names)
	}
}

// stRaw opens a file with plain SQLite, to build files by hand.
func stRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	stMust(t, err)
	db.SetMaxOpenConns(1)
	return db
}

// stExec runs statements on a raw connection.
func stExec(t *testing.T, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// stOpenFails opens path expecting an error wrapping want that names the
// file, and checks that the file was left exactly as it was.
func stOpenFails(t *testing.T, path string, want error) error {
	t.Helper()
	before := stSnapshot(t, path)
	s, err := OpenWith(path, Options{Now: func() time.Time { return stNow }})
	if err == nil {
		_ = s.Close()
		t.Fatalf("OpenWith(%s) succeeded", path)
	}
	if want != nil && !errors.Is(err, want) {
		t.Errorf("OpenWith: %v, want an error wrapping %v", err, want)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
	stUnchanged(t, path, before)
	return err
}

func TestOpenRejectsTextFile(t *testing.T) {
	for name, content := range map[string]string{
		"text":  "these are my notes, not a database\n",
		"short": "SQLite",
		"json":  `{"profile": {"stage": "mid"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(testDir(t), "devpath.db")
			stMust(t, os.WriteFile(path, []byte(content), 0o644))
			stOpenFails(t, path, tracker.ErrNotDevpath)
		})
	}
}

func TestOpenRejectsForeignSQLite(t *testing.T) {
	t.Run("other tables", func(t *testing.T) {
		path := filepath.Join(testDir(t), "shop.db")
		db := stRaw(t, path)
		stExec(t, db, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)", "INSERT INTO customers (name) VALUES ('x')")
		stMust(t, db.Close())
		stMust(t, os.Chmod(path, 0o644))
		stOpenFails(t, path, tracker.ErrNotDevpath)
	})
	t.Run("other application id", func(t *testing.T) {
		path := filepath.Join(testDir(t), "other.db")
		db := stRaw(t, path)
		stExec(t, db, "PRAGMA application_id = 12345", migrations[0].sql[strings.Index(migrations[0].sql, "CREATE"):])
		stMust(t, db.Close())
		err := stOpenFails(t, path, tracker.ErrNotDevpath)
		if !strings.Contains(err.Error(), "another application") {
			t.Errorf("error %q does not say why", err)
		}
	})
	t.Run("devpath id with a foreign table", func(t *testing.T) {
		path := stPath(t)
		s := stOpenAt(t, path)
		stMust(t, s.Close())
		db := stRaw(t, path)
		stExec(t, db, "CREATE TABLE intruder (x)")
		stMust(t, db.Close())
		stOpenFails(t, path, tracker.ErrNotDevpath)
	})
}

// stBigDatabase makes a closed devpath database spanning many pages.
func stBigDatabase(t *testing.T) string {
	t.Helper()
	path := stPath(t)
	s := stOpenAt(t, path)
	for i := 0; i < 150; i++ {
		id := fmt.Sprintf("item-%03d", i)
		stMust(t, s.SetLevel(id, tracker.Level(1+i%4), time.Time{}))
		_, err := s.AddEvidence(tracker.Evidence{ItemID: id, Note: strings.Repeat(fmt.Sprintf("evidence %d. ", i), 40)})
		stMust(t, err)
	}
	stMust(t, s.Close())
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Fatal("the WAL was not folded back on close")
	}
	return path
}

func TestOpenRejectsDamagedFile(t *testing.T) {
	corruptions := map[string]func(data []byte) []byte{
		"truncated to half": func(d []byte) []byte { return d[:len(d)/2] },
		"truncated mid-page": func(d []byte) []byte {
			return d[:3*4096+1000]
		},
		"header cut short": func(d []byte) []byte { return d[:60] },
		"pages overwritten": func(d []byte) []byte {
			for i := 4096 * 3; i < 4096*6; i++ {
				d[i] = byte(i * 7)
			}
			return d
		},
		"page 1 tables overwritten": func(d []byte) []byte {
			for i := 100; i < 4096; i++ {
				d[i] = 0xA5
			}
			return d
		},
	}
	src := stBigDatabase(t)
	orig, err := os.ReadFile(src)
	stMust(t, err)
	if len(orig) < 8*4096 {
		t.Fatalf("test database too small: %d bytes", len(orig))
	}
	for name, corrupt := range corruptions {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(testDir(t), "devpath.db")
			stMust(t, os.WriteFile(path, corrupt(slices.Clone(orig)), 0o600))
			stOpenFails(t, path, tracker.ErrDamaged)
		})
	}
}

func TestOpenNewerSchemaRefused(t *testing.T) {
	path := stPath(t)
	s := stOpenAt(t, path)
	stMust(t, s.Close())
	db := stRaw(t, path)
	stExec(t, db, "INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')")
	stMust(t, db.Close())
	err := stOpenFails(t, path, nil)
	if !strings.Contains(err.Error(), "made by a newer devpath") || !strings.Contains(err.Error(), "99") {
		t.Errorf("error %q does not say a newer devpath made it", err)
	}
}

// stMakeV1 writes a database at schema version 1 by hand, with one level.
func stMakeV1(t *testing.T, path string) {
	t.Helper()
	stMust(t, os.MkdirAll(filepath.Dir(path), 0o700))
	db := stRaw(t, path)
	tx, err := db.Begin()
	stMust(t, err)
	for _, q := range []string{
		migrations[0].sql,
		"INSERT INTO schema_version (version, applied_at) VALUES (1, '2025-01-01T00:00:00.000000000Z')",
		"INSERT INTO progress (item_id, level, skipped, date, updated_at) VALUES ('aws-iam', 3, 0, '2025-01-01', '2025-01-01T00:00:00.000000000Z')",
		"INSERT INTO events (at, kind, target, old, new) VALUES ('2025-01-01T00:00:00.000000000Z', 'level', 'aws-iam', '0', '3')",
	} {
		if _, err := tx.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	stMust(t, tx.Commit())
	stMust(t, db.Close())
	stMust(t, os.Chmod(path, 0o600))
}

func TestOpenMigratesOlderFileWithBackup(t *testing.T) {
	path := stPath(t)
	stMakeV1(t, path)
	s := stOpenAt(t, path)

	bak := fmt.Sprintf("%s.pre-v%d-20260315-103000.bak", path, schemaVersion)
	fi, err := os.Stat(bak)
	if err != nil {
		t.Fatalf("no backup before migrating: %v", err)
	}
	if fi.Mode().Perm() != modeHere(fi, 0o600) {
		t.Errorf("backup mode %o, want %o", fi.Mode().Perm(), modeHere(fi, 0o600))
	}
	raw := stRaw(t, bak)
	var v, level int
	stMust(t, raw.QueryRow("SELECT MAX(version) FROM schema_version").Scan(&v))
	stMust(t, raw.QueryRow("SELECT level FROM progress WHERE item_id = 'aws-iam'").Scan(&level))
	stMust(t, raw.Close())
	if v != 1 || level != 3 {
		t.Errorf("backup holds version %d, level %d; want the file as it was (1, 3)", v, level)
	}

	got, err := currentVersion(s.db)
	stMust(t, err)
	if got != schemaVersion {
		t.Errorf("migrated to version %d, want %d", got, schemaVersion)
	}
	p, err := s.Progress()
	stMust(t, err)
	if p.State("aws-iam").Level != tracker.Proficient || len(stEvents(t, s)) != 1 {
		t.Errorf("data lost in migration: %+v", p)
	}
	if err := s.db.Exec("DELETE FROM events").Error; err == nil {
		t.Error("migration 2 did not protect the event log")
	}
	stMust(t, s.Close())

	// Reopening a current file makes no further backup.
	stOpenAt(t, path)
	matches, err := filepath.Glob(path + ".pre-*")
	stMust(t, err)
	if len(matches) != 1 {
		t.Errorf("backups: %v, want exactly one", matches)
	}
}

func TestOpenEmptySQLiteFileIsNew(t *testing.T) {
	path := filepath.Join(testDir(t), "devpath.db")
	db := stRaw(t, path)
	stExec(t, db, "CREATE TABLE t (x)", "DROP TABLE t")
	stMust(t, db.Close())
	s := stOpenAt(t, path)
	stMust(t, s.SetLevel("a", tracker.Learning, time.Time{}))
	if m, _ := filepath.Glob(path + ".pre-*"); len(m) != 0 {
		t.Errorf("an empty file was backed up: %v", m)
	}
}

func TestOpenReadOnly(t *testing.T) {
	for _, tc := range []struct {
		name              string
		fileMode, dirMode os.FileMode
	}{
		{"read-only file", 0o444, 0o777},
		{"read-only folder", 0o644, 0o555},
		{"both", 0o444, 0o555},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.fileMode&0o200 != 0 {
				skipReadOnlyFolder(t, tc.dirMode)
			}
			root := testDir(t)
			path := filepath.Join(root, "ro", "devpath.db")
			s := stOpenAt(t, path)
			stMust(t, s.SaveProfile(tracker.Profile{Name: "Ada", Stage: "mid", Region: "uk", StageSince: stToday}))
			stMust(t, s.SetLevel("aws-iam", tracker.Proficient, time.Time{}))
			ev, err := s.AddEvidence(tracker.Evidence{ItemID: "aws-iam", Note: "proof"})
			stMust(t, err)
			_, err = s.CheckIn("q1", tracker.Assessment{})
			stMust(t, err)
			stMust(t, s.Close())
			stMust(t, os.Chmod(path, tc.fileMode))
			stMust(t, os.Chmod(filepath.Dir(path), tc.dirMode))
			t.Cleanup(func() { _ = os.Chmod(filepath.Dir(path), 0o700) })
			before := stSnapshot(t, path)
			outDir := filepath.Join(root, "out")
			stMust(t, os.Mkdir(outDir, 0o777))
			stMust(t, os.Chmod(outDir, 0o777))

			stAsUnprivileged(t, []string{path, outDir}, func() {
				ro, err := OpenWith(path, Options{Now: func() time.Time { return stNow }})
				if err != nil {
					t.Fatalf("opening a read-only database: %v", err)
				}
				defer ro.Close()
				if !ro.ReadOnly() {
					t.Fatal("ReadOnly() = false")
				}
				p, err := ro.Progress()
				if err != nil || p.Profile.Name != "Ada" || p.State("aws-iam").Level != tracker.Proficient {
					t.Errorf("reading: %+v, %v", p, err)
				}
				if evs, err := ro.Evidence(""); err != nil || len(evs) != 1 {
					t.Errorf("evidence: %+v, %v", evs, err)
				}
				if cis, err := ro.CheckIns(); err != nil || len(cis) != 1 {
					t.Errorf("check-ins: %+v, %v", cis, err)
				}
				if evs, err := ro.Events(time.Time{}); err != nil || len(evs) != 4 {
					t.Errorf("events: %d, %v", len(evs), err)
				}
				writes := map[string]error{
					"SetLevel":       ro.SetLevel("k8s", tracker.Learning, time.Time{}),
					"SetSkipped":     ro.SetSkipped("k8s", true),
					"SaveProfile":    ro.SaveProfile(tracker.Profile{Stage: "senior", Region: "us"}),
					"UpdateEvidence": ro.UpdateEvidence(tracker.Evidence{ID: ev.ID, Note: "changed"}),
					"DeleteEvidence": ro.DeleteEvidence(ev.ID),
				}
				_, writes["AddEvidence"] = ro.AddEvidence(tracker.Evidence{ItemID: "k8s", Note: "x"})
				_, writes["Undo"] = ro.Undo()
				_, writes["CheckIn"] = ro.CheckIn("q2", tracker.Assessment{})
				_, writes["AutoBackup"] = ro.AutoBackup(3)
				for name, err := range writes {
					if !errors.Is(err, tracker.ErrReadOnly) {
						t.Errorf("%s on a read-only store: %v, want ErrReadOnly", name, err)
					}
				}
				// A copy can still be made elsewhere.
				if err := ro.Backup(filepath.Join(outDir, "copy.db")); err != nil {
					t.Errorf("Backup from a read-only store: %v", err)
				}
			})
			// SQLite may leave its WAL side files beside a readable
			// database; the file itself is untouched.
			after := stSnapshot(t, path)
			if !bytes.Equal(after.data, before.data) || after.mode != before.mode {
				t.Errorf("the read-only file was modified")
			}
			copyStore := stOpenAt(t, filepath.Join(outDir, "copy.db"))
			if p, err := copyStore.Progress(); err != nil || p.State("aws-iam").Level != tracker.Proficient {
				t.Errorf("backup of the read-only store: %+v, %v", p, err)
			}
		})
	}
}

func TestOpenReadOnlyFolderWithoutFile(t *testing.T) {
	skipReadOnlyFolder(t, 0o555)
	root := testDir(t)
	dir := filepath.Join(root, "ro")
	stMust(t, os.Mkdir(dir, 0o555))
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
	path := filepath.Join(dir, "devpath.db")
	stAsUnprivileged(t, []string{path}, func() {
		_, err := OpenWith(path, Options{})
		if !errors.Is(err, tracker.ErrReadOnly) || !strings.Contains(err.Error(), path) {
			t.Errorf("creating a database in a read-only folder: %v, want ErrReadOnly naming the file", err)
		}
	})
	if _, err := os.Stat(path); err == nil {
		t.Error("a file was created")
	}
}

func TestOpenReadOnlyOlderVersion(t *testing.T) {
	root := testDir(t)
	path := filepath.Join(root, "ro", "devpath.db")
	stMakeV1(t, path)
	stMust(t, os.Chmod(path, 0o444))
	before := stSnapshot(t, path)
	stAsUnprivileged(t, []string{path}, func() {
		ro, err := OpenWith(path, Options{Now: func() time.Time { return stNow }})
		if err != nil {
			t.Fatalf("opening a read-only version 1 database: %v", err)
		}
		defer ro.Close()
		p, err := ro.Progress()
		if !ro.ReadOnly() || err != nil || p.State("aws-iam").Level != tracker.Proficient {
			t.Errorf("read-only %v, progress %+v, %v", ro.ReadOnly(), p, err)
		}
	})
	after := stSnapshot(t, path)
	if !bytes.Equal(after.data, before.data) {
		t.Error("the read-only file was modified")
	}
	if m, _ := filepath.Glob(path + ".pre-*"); len(m) != 0 {
		t.Errorf("a read-only file was backed up for migration: %v", m)
	}
}

// TestOpenWhileOthersComeAndGo opens the database again and again while
// other stores open it, write and close it (which removes the -wal file each
// time): a healthy database must never be reported damaged or foreign.
func TestOpenWhileOthersComeAndGo(t *testing.T) {
	path := stPath(t)
	stOpenAt(t, path).Close()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				s, err := OpenWith(path, Options{Now: func() time.Time { return stNow }})
				if err != nil {
					t.Errorf("writer %d: open: %v", w, err)
					return
				}
				if err := s.SetLevel(fmt.Sprintf("item-%d-%d", w, i%40), tracker.Level(1+i%4), time.Time{}); err != nil {
					t.Errorf("writer %d: %v", w, err)
				}
				s.Close()
			}
		})
	}
	for i := 0; i < 300 && !t.Failed(); i++ {
		s, err := OpenWith(path, Options{Now: func() time.Time { return stNow }})
		if err != nil {
			t.Errorf("open %d while others write: %v", i, err)
			break
		}
		s.Close()
	}
	close(stop)
	wg.Wait()
}

// TestOpenAfterKillMidCheckpoint: a devpath process killed while it copied
// its write-ahead log into the database leaves a main file whose pages are
// only whole together with the -wal file beside it. Opening it must recover
// from the log, as SQLite does, and never call the file damaged.
func TestOpenAfterKillMidCheckpoint(t *testing.T) {
	path := stPath(t)
	s := stOpenAt(t, path)
	if err := s.SetLevel("aws-iam", tracker.Proficient, time.Time{}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// A connection that never checkpoints writes page 1 (user_version
	// lives in its header) into the log; copy the files while it is open,
	// as a SIGKILL would leave them.
	raw, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	for _, q := range []string{"PRAGMA wal_autocheckpoint=0", "PRAGMA user_version=7", "UPDATE progress SET level = 4 WHERE item_id = 'aws-iam'"} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	dir := filepath.Join(testDir(t), "copy")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(dir, "devpath.db")
	for _, suffix := range []string{"", "-wal"} {
		data, err := os.ReadFile(path + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if suffix == "" {
			// The checkpoint was cut short: page 1's schema is
			// half written; the log holds the whole page.
			for i := 100; i < 4096 && i < len(data); i++ {
				data[i] = 0
			}
		}
		if err := os.WriteFile(cp+suffix, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	c, err := OpenWith(cp, Options{Now: func() time.Time { return stNow }})
	if err != nil {
		t.Fatalf("open after a kill mid-checkpoint: %v", err)
	}
	defer c.Close()
	p, err := c.Progress()
	if err != nil {
		t.Fatal(err)
	}
	if got := p.State("aws-iam").Level; got != tracker.Expert {
		t.Fatalf("aws-iam = %v after recovery, want the logged expert", got)
	}
}

// TestOpenOlderFileTwiceAtOnce opens a version 1 file from two stores at
// the same moment: both open, the file is upgraded once, and exactly one
// copy is kept before the upgrade, taken under the upgrade's write lock.
func TestOpenOlderFileTwiceAtOnce(t *testing.T) {
	for round := range 5 {
		path := filepath.Join(testDir(t), "devpath.db")
		stMakeV1(t, path)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Go(func() {
				s, err := OpenWith(path, Options{Now: func() time.Time { return stNow }})
				if err == nil {
					err = s.Close()
				}
				errs[i] = err
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d, store %d: %v", round, i, err)
			}
		}
		if m, _ := filepath.Glob(path + ".pre-v*.bak*"); len(m) != 1 {
			t.Fatalf("round %d: copies before the upgrade: %v, want one", round, m)
		}
	}
}
