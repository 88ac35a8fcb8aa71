package store

import (
	"devpath/tracker"
	"devpath/tracker/backup"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
	// The copy's rows are read once, on this read-only connection, and
	// checked as a JSON backup is; what is written is what was checked.
	b, err := readCopy(src, conn, now)
	_ = closeGorm(conn)
	if err != nil {
		return "", err
	}

	cur, err := examineCurrent(db)
	if err != nil {
		return "", err
	}
	if cur.healthy {
		return restoreInPlace(b, src, db, now)
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

	tmp, err := buildDatabase(b, src, dir, now)
	if err != nil {
		return "", err
	}
	defer tmp.release()
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

// restoreInPlace restores b, the rows of the devpath database src, already
// checked, into the healthy database db (see Restore).
func restoreInPlace(b backup.Backup, src, db string, now time.Time) (string, error) {
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
	return st.restoreFrom(b, src, now)
}

// restoreFrom replaces everything in the store with b, the rows of the
// devpath database in the file src, in one write transaction that first
// keeps a copy of the database beside itself. It returns the copy's path.
// The rows go into the store's own tables as an import writes a backup's:
// nothing of the copy but its rows (no trigger, view, index or table of
// its own) comes in. The link to a team (team_link) is this machine's
// setting and stays.
func (s *Store) restoreFrom(b backup.Backup, src string, now time.Time) (kept string, err error) {
	// worded is the restore's own error, already worded for the user; any
	// other failure (the commit itself) is worded below.
	var worded error
	err = s.retryBusy(func() error {
		worded = nil
		return s.db.Transaction(func(tx *gorm.DB) error {
			k, err := s.keepBeforeRestore(now)
			if err != nil {
				worded = err
				return err
			}
			var r tracker.ImportReport
			if err := s.replaceWith(tx, b, now, &r); err != nil {
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

// readCopy reads every row of the devpath database src (open on conn)
// once, in one read transaction, into the form of a JSON backup, and
// checks it with the checks of a JSON import (Backup.Check). SQLite's own
// check says nothing about the values: without this, a crafted file could
// bring in a name of thousands of characters, terminal escapes, a planted
// reviewer key or events that undo would write back, and a JSON backup
// exported afterwards would be one that import refuses. Reading once means
// nothing can differ between what is checked and what is written (a view
// in the copy that answers differently on each read is read only once).
func readCopy(src string, conn *gorm.DB, now time.Time) (backup.Backup, error) {
	s := &Store{db: conn, path: src, now: func() time.Time { return now }, readOnly: true}
	b := backup.Backup{Format: backup.Format, Version: backup.Version, ExportedAt: now.UTC()}
	err := conn.Transaction(func(tx *gorm.DB) error {
		var err error
		b, err = s.snapshot(tx, b)
		return err
	})
	if err == nil {
		err = b.Check(now)
		var se *backup.SectionError
		if errors.As(err, &se) {
			err = fmt.Errorf("table %s: %w", tableOfSection(se.Section), err)
		}
	}
	if err != nil {
		return backup.Backup{}, fmt.Errorf("%s: %w", src, oneLine(err))
	}
	return b, nil
}

// tableOfSection names the table a part of a backup comes from.
func tableOfSection(section string) string {
	switch section {
	case "items":
		return "progress"
	case "roadmap":
		return "roadmap_choice"
	case "exported_at":
		return "(none)"
	}
	return section
}

// oneLine folds an error's message onto one line: a copy's values may end
// up in it.
func oneLine(err error) error {
	if !strings.ContainsAny(err.Error(), "\r\n") {
		return err
	}
	return &wordedError{msg: strings.Join(strings.Fields(err.Error()), " "), err: err}
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
