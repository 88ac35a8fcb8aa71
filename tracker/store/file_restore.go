package store

import (
	"devpath/tracker"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"
)

// sideSuffixes are SQLite's files beside a database: its write-ahead log,
// the log's shared-memory index and the rollback journal.
var sideSuffixes = []string{"-wal", "-shm", "-journal"}

// Restore replaces the database at dbPath with the devpath database in the
// file backup (an automatic or manual backup, or any devpath database), and
// returns the path of the copy it kept of the database as it was ("" when
// there was no database at dbPath).
//
// The backup is checked first on a read-only connection, which changes
// nothing in it: it must be a devpath database that passes PRAGMA
// quick_check and is not newer than this build (errors wrap ErrNotDevpath or
// ErrDamaged and name the file). It must not be the database itself. A file
// that is not a devpath database is never replaced (ErrNotDevpath), nor one
// that cannot be written (ErrReadOnly).
//
// A healthy database is restored in place, in one write transaction that
// other devpath processes wait for: inside it, the database as it is is
// copied beside itself as <dbPath>.before-restore-YYYYMMDD-HHMMSS (mode
// 0600; see copyLocked), then every table is emptied and filled from the
// backup and the result is checked. Every change saved before the restore is
// in the kept copy, every change saved after it is in the restored
// database, and other processes' connections stay valid, so the database may
// be open elsewhere. If anything fails, the transaction is rolled back and
// nothing has changed.
//
// A damaged database (or one made by a newer devpath) is copied byte for
// byte as it is, with its write-ahead log or journal (kept as <copy>-wal,
// <copy>-journal), and replaced by renaming: the backup is copied into a
// temporary file in the database's folder (with VACUUM INTO, which also
// takes in the backup's own write-ahead log), synced and checked; the
// database's old side files are moved away and the copy is renamed over
// dbPath, which is atomic; then the folder is synced. A missing database is
// made the same way. A backup with an older schema is upgraded the next time
// the database is opened.
func Restore(backup, dbPath string, now time.Time) (kept string, err error) {
	kept, err = restore(backup, dbPath, now)
	if err != nil {
		// Every failure leaves the database as it was; the message says
		// so once, here.
		return "", &tracker.Error{Op: "restore", Err: err, Unchanged: true}
	}
	return kept, nil
}

// restore is Restore, its errors not yet marked as changing nothing.
func restore(backup, dbPath string, now time.Time) (kept string, err error) {
	if backup == "" {
		return "", errors.New("no backup file given")
	}
	if dbPath == "" {
		return "", errors.New("no database file given")
	}
	src, err := filepath.Abs(backup)
	if err != nil {
		return "", fmt.Errorf("%s: %w", backup, err)
	}
	db, err := filepath.Abs(dbPath)
	if err != nil {
		return "", fmt.Errorf("%s: %w", dbPath, err)
	}

	conn, err := openRestoreSource(src, db)
	if err != nil {
		return "", err
	}
	closeConn := func() {
		if conn != nil {
			_ = closeGorm(conn)
			conn = nil
		}
	}
	defer closeConn()
	if err := checkRestoreContents(src, conn, now); err != nil {
		return "", err
	}

	cur, err := examineCurrent(db)
	if err != nil {
		return "", err
	}
	if cur.healthy {
		closeConn()
		return restoreInPlace(src, db, now)
	}
	dir := filepath.Dir(db)
	if !cur.exists {
		top := firstMissing(dir)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", restoreFSError("create folder "+dir, err)
		}
		if top != "" {
			defer func() {
				if err == nil {
					return
				}
				// Take away the folders made for nothing.
				for d := dir; ; d = filepath.Dir(d) {
					if os.Remove(d) != nil || d == top {
						break
					}
				}
			}()
		}
	}
	cleanTemps(dir)

	tmp, err := copyDatabase(conn, src, dir)
	if err != nil {
		return "", err
	}
	defer tmp.release()
	closeConn()
	var made []string // files to remove again if the restore fails
	defer func() {
		if err != nil {
			tmp.discard()
			for _, f := range made {
				_ = os.Remove(f)
			}
		}
	}()

	if cur.exists {
		kept, made, err = keepCurrent(db, now)
		if err != nil {
			return "", err
		}
		syncDir(dir)
	}
	if err := replaceDatabase(tmp.path, db); err != nil {
		return "", err
	}
	syncDir(dir)
	return kept, nil
}

// restoreInPlace restores the devpath database src, already checked, into
// the healthy database db (see Restore).
func restoreInPlace(src, db string, now time.Time) (string, error) {
	st, err := OpenWith(db, Options{Now: func() time.Time { return now }})
	if err != nil {
		return "", fmt.Errorf("%s: %w", db, err)
	}
	defer st.Close()
	if st.full {
		return "", fmt.Errorf("%s: %w", db, tracker.ErrDiskFull)
	}
	if st.readOnly {
		return "", fmt.Errorf("%s: %w", db, tracker.ErrReadOnly)
	}
	return st.restoreFrom(src, now)
}

// restoreTables are the tables a restore fills from the backup, with
// sqlite_sequence (the next ids). schema_version stays: the database keeps
// its own, newer or equal, schema, and the backup's rows fit it. The
// roadmap choice goes with the rest, so that the restored progress is shown
// against the roadmap it was made under. The team outbox goes with the
// check-ins it holds (publishing again never duplicates one); the link to a
// team (team_link) is this machine's setting and stays.
var restoreTables = []string{"profile", "progress", "evidence", "checkins", "events", "roadmap_choice", "evidence_suggestions", "git_scans", "review_requests", "review_responses", "reviewer_keys", "reviews", "review_ratings", "team_outbox"}

// restoreFrom replaces everything in the store with the devpath database in
// the file src, in one write transaction that first keeps a copy of the
// database beside itself. It returns the copy's path.
func (s *Store) restoreFrom(src string, now time.Time) (kept string, err error) {
	uri := sqliteURI(src, "mode=ro")
	if !hasSideFiles(src) {
		uri += "&immutable=1"
	}
	// worded is the restore's own error, already worded for the user; any
	// other failure (the commit itself) is worded below.
	var worded error
	err = s.db.Connection(func(c *gorm.DB) error {
		if err := c.Exec("ATTACH DATABASE ? AS restore_src", uri).Error; err != nil {
			worded = restoreDBError("open "+src, err)
			return worded
		}
		defer c.Exec("DETACH DATABASE restore_src")
		return s.retryBusy(func() error {
			worded = nil
			return c.Transaction(func(tx *gorm.DB) error {
				k, err := s.keepBeforeRestore(now)
				if err != nil {
					worded = err
					return err
				}
				if err := fillFrom(tx, "restore_src"); err != nil {
					_ = os.Remove(k)
					worded = restoreDBError(fmt.Sprintf("copy %s into %s", src, s.path), err)
					return worded
				}
				if err := quickCheck(s.path, tx); err != nil {
					_ = os.Remove(k)
					worded = fmt.Errorf("the restored database failed its check: %w", err)
					return worded
				}
				kept = k
				return nil
			})
		})
	})
	if err != nil {
		if kept != "" {
			_ = os.Remove(kept) // the commit failed: nothing was replaced
		}
		if worded == nil {
			return "", restoreDBError("replace "+s.path, err)
		}
		return "", err
	}
	// Fold the restore's pages back into the file now rather than at the
	// next checkpoint; other readers may keep that from finishing, which
	// is fine.
	_ = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error
	return kept, nil
}

// keepBeforeRestore keeps the database as it is, inside the restore's write
// transaction, as <db>.before-restore-YYYYMMDD-HHMMSS beside it.
func (s *Store) keepBeforeRestore(now time.Time) (string, error) {
	base := fmt.Sprintf("%s.before-restore-%s", s.path, now.Format("20060102-150405"))
	for i := 0; i < 100; i++ {
		kept := base
		if i > 0 {
			kept = fmt.Sprintf("%s-%d", base, i)
		}
		err := s.copyLocked(kept)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("keep a copy of %s: %w", s.path, err)
		}
		return kept, nil
	}
	return "", fmt.Errorf("keep a copy of %s: too many copies named %s*", s.path, base)
}

// fillFrom empties devpath's tables in the main database and fills them
// from the attached devpath database schema, inside the caller's write
// transaction. The event log's append-only guards are lifted for this one
// transaction and put back exactly as they were.
func fillFrom(tx *gorm.DB, schema string) error {
	var triggers []struct {
		Name string
		SQL  string
	}
	if err := tx.Raw("SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND tbl_name = 'events' ORDER BY name").Scan(&triggers).Error; err != nil {
		return err
	}
	for _, t := range triggers {
		if err := tx.Exec(`DROP TRIGGER main."` + strings.ReplaceAll(t.Name, `"`, `""`) + `"`).Error; err != nil {
			return err
		}
	}
	for _, t := range restoreTables {
		var cols, srcCols []string
		if err := tx.Raw("SELECT name FROM pragma_table_info(?, 'main') ORDER BY cid", t).Scan(&cols).Error; err != nil {
			return err
		}
		if len(cols) == 0 {
			return fmt.Errorf("the database has no table %s", t)
		}
		if err := tx.Exec("DELETE FROM main." + t).Error; err != nil {
			return err
		}
		// A backup with an older schema lacks the newer tables (no
		// roadmap chosen: the embedded one) and columns (their defaults).
		if err := tx.Raw("SELECT name FROM pragma_table_info(?, ?) ORDER BY cid", t, schema).Scan(&srcCols).Error; err != nil {
			return err
		}
		var both []string
		for _, c := range cols {
			if slices.Contains(srcCols, c) {
				both = append(both, c)
			}
		}
		if len(both) == 0 {
			continue
		}
		list := `"` + strings.Join(both, `", "`) + `"`
		if err := tx.Exec("INSERT INTO main." + t + " (" + list + ") SELECT " + list + " FROM " + schema + "." + t).Error; err != nil {
			return err
		}
	}
	var seq int64
	if err := tx.Raw("SELECT count(*) FROM " + schema + ".sqlite_master WHERE name = 'sqlite_sequence'").Row().Scan(&seq); err != nil {
		return err
	}
	if err := tx.Exec("DELETE FROM main.sqlite_sequence").Error; err != nil {
		return err
	}
	if seq > 0 {
		if err := tx.Exec("INSERT INTO main.sqlite_sequence (name, seq) SELECT name, seq FROM " + schema + ".sqlite_sequence").Error; err != nil {
			return err
		}
	}
	for _, t := range triggers {
		if err := tx.Exec(t.SQL).Error; err != nil {
			return err
		}
	}
	return nil
}

// openRestoreSource checks that src is a devpath database that can be
// restored into db and returns a read-only connection to it, which the
// caller closes. Nothing in src is changed.
func openRestoreSource(src, db string) (*gorm.DB, error) {
	if src == db || isSideFile(src, db) || same(src, db) {
		return nil, fmt.Errorf("%s is the database itself; choose a backup of it", src)
	}
	fi, err := os.Stat(src)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &wordedError{msg: fmt.Sprintf("%s does not exist", src), err: fs.ErrNotExist}
	case err != nil:
		return nil, err
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("%s: %w (it is not a regular file)", src, tracker.ErrNotDevpath)
	}
	fresh, err := readHeader(src)
	if err != nil {
		return nil, err
	}
	if fresh {
		return nil, fmt.Errorf("%s: %w (the file is empty)", src, tracker.ErrNotDevpath)
	}
	// Read as immutable when no other connection uses the file: that
	// creates nothing beside it.
	var conn *gorm.DB
	if hasSideFiles(src) {
		conn, err = openReadOnlyDB(src)
	} else {
		conn, err = openChecked(src, readDSN(src, true))
	}
	if err != nil {
		return nil, err
	}
	st, err := inspectDB(src, conn)
	if err == nil && st.fresh {
		err = fmt.Errorf("%s: %w (it holds no devpath data)", src, tracker.ErrNotDevpath)
	}
	if err != nil {
		_ = closeGorm(conn)
		return nil, err
	}
	return conn, nil
}

// checkRestoreContents reads the whole devpath database src (open on conn)
// and checks every value in it as an import checks a JSON backup. SQLite's
// own check says nothing about the values: without this, a crafted file
// could bring in a name of thousands of characters, terminal escapes or
// events that undo would write back, and a JSON backup exported afterwards
// would be one that import refuses.
func checkRestoreContents(src string, conn *gorm.DB, now time.Time) error {
	s := &Store{db: conn, path: src, now: func() time.Time { return now }, readOnly: true}
	b, err := s.Export()
	if err == nil {
		err = b.Check(now)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	return nil
}

// wordedError is an error with its own message that still wraps err for
// errors.Is.
type wordedError struct {
	msg string
	err error
}

func (e *wordedError) Error() string { return e.msg }
func (e *wordedError) Unwrap() error { return e.err }

// restoreDBError words an SQLite error of a restore.
func restoreDBError(op string, err error) error {
	switch {
	case isCode(err, sqlite3.ErrFull):
		return fmt.Errorf("%s: %w (%w)", op, tracker.ErrDiskFull, err)
	case isCode(err, sqlite3.ErrIoErr):
		return fmt.Errorf("%s: the disk could not be read or written: %w", op, err)
	case isCode(err, sqlite3.ErrCorrupt), isCode(err, sqlite3.ErrNotADB):
		return fmt.Errorf("%s: %w (%v)", op, tracker.ErrDamaged, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}
